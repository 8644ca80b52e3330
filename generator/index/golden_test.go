package index

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/model/modeltest"
)

// filesDigest hashes every file's name, length and bytes, in name order.
func filesDigest(files map[string][]byte) string {
	h := sha256.New()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// edgeStrategy holds text that JSON and the tokenizer must treat with
// care: quotes, backslashes, control characters, U+2028, invalid UTF-8,
// HTML characters, non-ASCII and identifier compounds; a heading that is
// not in the text; an empty body.
func edgeStrategy() *model.Strategy {
	cat := &model.Category{Key: "prevention", Title: "Prévention <&>"}
	sec := &model.Sector{Key: "ngo", Title: "NGO \"quoted\""}
	weird := "Tab\there, bell\a, nul\x00, \b\f\r\n line\u2028sep\u2029para, bad \xff\xfe bytes, \\ back \"quote\" <b>&amp;</b> U+00e9 é ñ Ünïcode 日本語 emoji 🙂 PV-1.2 2027-12-31 well-being U.S. a_b x.y.z"
	o := &model.Objective{ID: "PV-1.2", Title: "Stop <it> & \"that\"", Summary: weird, CategoryRef: cat, SectorsNeeded: []*model.Sector{sec},
		Doc: &model.Doc{Rel: "objectives/pv-1.2.md"}}
	org := &model.Organization{Slug: "x", Title: "Ωmega \u2028 Org", Acronym: "ΩO", SectorRef: sec, Categories: []*model.Category{cat},
		Services: []string{"Hot\"line"}, Regions: []string{"Zürich"}, Doc: &model.Doc{}}
	p := &model.Partnership{Slug: "p", Title: "P", Regions: []string{"A", "B"}}
	s := &model.Strategy{Site: model.Site{Categories: []*model.Category{cat}, Sectors: []*model.Sector{sec}},
		Objectives: []*model.Objective{o}, Organizations: []*model.Organization{org}, Partnerships: []*model.Partnership{p},
		Bodies: model.Bodies{o.Doc.Rel: {Text: "Intro " + weird + " Second part " + weird + " Missing", Headings: []model.Heading{
			{ID: "second-part", Text: "Second part"}, {ID: "absent", Text: "Not in the text"}}}}}
	s.Index()
	return s
}

// TestOutputUnchanged pins the index files byte for byte: a change that
// is meant to make Build faster must not change what it writes. The
// digests were recorded from the code before it was optimized, and
// recorded again when chunks began to end where their keys say and the
// mean length was rounded (see state), which changed where the chunks of
// the larger strategies end and every score of realistic300 and
// realistic10000 by a little; the small strategies' files stayed the
// same with the mean unrounded.
func TestOutputUnchanged(t *testing.T) {
	defer func(n int) { minShard = n }(minShard)
	minShard = 20 // to index the small strategies in shards too
	cases := []struct {
		name string
		s    func(t *testing.T) *model.Strategy
		want string
	}{
		{"modeltest", func(*testing.T) *model.Strategy { return modeltest.Strategy() }, "d5824a614a9cf78ee139815e31eb2c8bdcd64d1629dd075d3461984e37177a4f"},
		{"edge", func(*testing.T) *model.Strategy { return edgeStrategy() }, "a25e9a0aeef035c9b478c86b5b7aff15ae11be5fa7dbde35da8e787c97189fd2"},
		{"empty", func(*testing.T) *model.Strategy { return &model.Strategy{} }, "187241ef293a8f33e263828010ee2b30053bd06386e89adbf7db4b40e02e6cac"},
		{"realistic300", func(t *testing.T) *model.Strategy { return realisticStrategy(seedVocabulary(t), 300, 7) }, "45d561e6841e4fadea74ea36435859c0767c2806654d2e2d8ca26043c369cd6b"},
		{"realistic10000", func(t *testing.T) *model.Strategy {
			if testing.Short() {
				t.Skip("a big strategy; -short")
			}
			return realisticStrategy(seedVocabulary(t), 10000, 1)
		}, "630239b9452e2fc4f2ad0070c2097e2e6ccebbf4ec9984b3024e7cb01bd0e388"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.s(t)
			files := Build(s)
			if got := filesDigest(files); got != c.want {
				t.Errorf("digest of %d files = %s, want %s", len(files), got, c.want)
			}
			if testing.Short() || len(files) > 1000 {
				return
			}
			// The same files, however many goroutines share the work,
			// and the manifest last.
			for _, procs := range []int{1, 3, 8} {
				files := map[string][]byte{}
				var names []string
				err := buildTo(s, func(name string, data []byte) error {
					files[name] = data
					names = append(names, name)
					return nil
				}, procs)
				if err != nil {
					t.Fatal(err)
				}
				if got := filesDigest(files); got != c.want {
					t.Errorf("on %d goroutines: digest of %d files = %s, want %s", procs, len(files), got, c.want)
				}
				if len(names) != len(files) || names[len(names)-1] != ManifestPath {
					t.Errorf("on %d goroutines: %d files emitted, %d different, the manifest not last", procs, len(names), len(files))
				}
			}
		})
	}
}

func TestBuildToStopsAtAnError(t *testing.T) {
	s := edgeStrategy()
	want := errors.New("disk full")
	for stopAt := range 5 {
		calls := 0
		err := BuildTo(s, func(name string, data []byte) error {
			calls++
			if calls > stopAt {
				return want
			}
			return nil
		})
		if err != want || calls != stopAt+1 {
			t.Errorf("failing at file %d: err %v after %d calls", stopAt+1, err, calls)
		}
	}
}
