package index

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/commonagenda/agenda/generator/model"
)

// seedDir holds essays on collaboration against human trafficking; their
// words are the vocabulary of the realistic strategy.
const seedDir = "../../../shared/seeds"

// seedVocabulary returns the words of the essays as written (case and
// inner punctuation kept: "Anti-Trafficking", "organization’s"), most
// frequent first, or skips the test when the essays are absent.
func seedVocabulary(tb testing.TB) []string {
	tb.Helper()
	names, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if len(names) == 0 {
		tb.Skipf("no essays in %s", seedDir)
	}
	slices.Sort(names)
	counts := map[string]int{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range strings.Fields(string(data)) {
			w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				counts[w]++
			}
		}
	}
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b)) })
	return words
}

// textGen writes text from the vocabulary: words drawn by a Zipf law on
// their rank in the essays, so a few words ("the", "trafficking") stand on
// nearly every page and most words on few.
type textGen struct {
	r      *rand.Rand
	zipf   *rand.Zipf
	vocab  []string
	bodies model.Bodies
}

func newTextGen(vocab []string, seed uint64) *textGen {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	return &textGen{r: r, zipf: rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1)), vocab: vocab, bodies: model.Bodies{}}
}

func (g *textGen) word() string { return g.vocab[g.zipf.Uint64()] }

// words returns n words, title-cased when title is set.
func (g *textGen) words(n int, title bool) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = g.word()
		if title {
			parts[i] = upperFirst(parts[i])
		}
	}
	return strings.Join(parts, " ")
}

// prose returns sentences of about n words in all, with some punctuation
// that JSON and the tokenizer must handle.
func (g *textGen) prose(n int) string {
	var b strings.Builder
	for n > 0 {
		k := min(n, 6+g.r.IntN(18))
		n -= k
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		for i := range k {
			w := g.word()
			if i == 0 {
				w = upperFirst(w)
			} else {
				b.WriteByte(' ')
			}
			switch g.r.IntN(60) {
			case 0:
				w = `"` + w + `"`
			case 1:
				w = "(" + w + ")"
			case 2:
				w += ","
			case 3:
				w = "<" + w + "> & " + g.word()
			case 4:
				w = fmt.Sprintf("%s %d", w, 1990+g.r.IntN(40))
			}
			b.WriteString(w)
		}
		b.WriteString(".")
	}
	return b.String()
}

func upperFirst(w string) string {
	for i, r := range w {
		return string(unicode.ToUpper(r)) + w[i+len(string(r)):]
	}
	return w
}

// body returns a rendered Doc of 150 to 600 words with up to four
// headings, as the markdown phase leaves it: the headings' text stands in
// Text as runs of their own.
func (g *textGen) body(rel string) *model.Doc {
	d := &model.Doc{Rel: rel}
	var r model.Rendered
	n := 150 + g.r.IntN(451)
	heads := g.r.IntN(5)
	parts := []string{g.prose(n / (heads + 1))}
	seen := map[string]bool{}
	for range heads {
		h := g.words(2+g.r.IntN(3), true)
		id := model.Slugify(h)
		for seen[id] || id == "" {
			id += "-1"
		}
		seen[id] = true
		r.Headings = append(r.Headings, model.Heading{Level: 2, ID: id, Text: h})
		parts = append(parts, h, g.prose(n/(heads+1)))
	}
	r.Text = strings.Join(parts, " ")
	g.bodies[rel] = r
	return d
}

// realisticStrategy returns a linked, rendered strategy of about n
// documents in the shape of a national strategy: 2% objectives, 80%
// organizations, 18% partnerships, plus a home and an about page. The
// same vocab, n and seed give the same strategy.
func realisticStrategy(vocab []string, n int, seed uint64) *model.Strategy {
	g := newTextGen(vocab, seed)
	r := g.r
	cats := []*model.Category{
		{Key: "prevention", Title: "Prevention"}, {Key: "protection", Title: "Protection"},
		{Key: "prosecution", Title: "Prosecution"}, {Key: "partnership", Title: "Partnership"},
	}
	secs := []*model.Sector{}
	for _, t := range []string{"Government", "Law enforcement", "Nonprofit", "Faith-based", "Business",
		"Healthcare", "Education", "Survivor-led", "Philanthropy", "Research", "Media", "Labor"} {
		secs = append(secs, &model.Sector{Key: model.Slugify(t), Title: t})
	}
	regions := []string{"National", "Washington", "Oregon", "California", "Texas", "New York", "Florida", "Ohio", "Georgia", "Illinois"}
	services := []string{"Hotline", "Shelter", "Legal aid", "Case management", "Counseling", "Training", "Job placement", "Translation"}
	pick := func(list []string, k int) []string {
		out := []string{}
		for range k {
			out = append(out, list[r.IntN(len(list))])
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	prefix := []string{"PV", "PT", "PS", "PA"}

	s := &model.Strategy{Site: model.Site{Title: "National Strategy", BaseURL: "https://example.org/", Categories: cats, Sectors: secs}}
	nObj, nOrg := max(n*2/100, 4), n*80/100
	nPart := n - nObj - nOrg
	counters := map[string]int{}
	for i := range nObj {
		c := i % len(cats)
		o := &model.Objective{Category: cats[c].Key, CategoryRef: cats[c], Title: g.words(3+r.IntN(5), true), Summary: g.prose(12 + r.IntN(14))}
		if i >= len(cats) && r.IntN(3) > 0 {
			parent := s.Objectives[r.IntN(len(s.Objectives))]
			if parent.CategoryRef == cats[c] {
				counters[parent.ID]++
				o.ID = fmt.Sprintf("%s.%d", parent.ID, counters[parent.ID])
				o.ParentRef = parent
			}
		}
		if o.ID == "" {
			counters[prefix[c]]++
			o.ID = fmt.Sprintf("%s-%d", prefix[c], counters[prefix[c]])
		}
		for range 1 + r.IntN(3) {
			o.SectorsNeeded = append(o.SectorsNeeded, secs[r.IntN(len(secs))])
		}
		slices.SortFunc(o.SectorsNeeded, func(a, b *model.Sector) int { return strings.Compare(a.Key, b.Key) })
		o.SectorsNeeded = slices.Compact(o.SectorsNeeded)
		o.Doc = g.body("objectives/" + strings.ToLower(o.ID) + ".md")
		s.Objectives = append(s.Objectives, o)
	}
	slugs := map[string]bool{}
	slug := func(title string) string {
		base := model.Slugify(title)
		sl := base
		for k := 2; slugs[sl]; k++ {
			sl = fmt.Sprintf("%s-%d", base, k)
		}
		slugs[sl] = true
		return sl
	}
	orgCats := func(objs []*model.Objective) []*model.Category {
		var out []*model.Category
		for _, c := range cats {
			for _, o := range objs {
				if o.CategoryRef == c {
					out = append(out, c)
					break
				}
			}
		}
		return out
	}
	for range nOrg {
		title := g.words(2+r.IntN(3), true) + " " + []string{"Coalition", "Center", "Network", "Foundation", "Office", "Project"}[r.IntN(6)]
		o := &model.Organization{Slug: slug(title), Title: title, Summary: g.prose(10 + r.IntN(20)),
			Regions: pick(regions, 1+r.IntN(2)), Services: pick(services, r.IntN(3))}
		if r.IntN(4) == 0 {
			for _, f := range strings.Fields(title) {
				o.Acronym += string([]rune(strings.ToUpper(f))[0])
			}
		}
		o.SectorRef = secs[r.IntN(len(secs))]
		o.Sector = o.SectorRef.Key
		for range r.IntN(4) {
			o.ObjectiveRefs = append(o.ObjectiveRefs, s.Objectives[r.IntN(len(s.Objectives))])
		}
		o.Categories = orgCats(o.ObjectiveRefs)
		o.Doc = g.body("organizations/" + o.Slug + ".md")
		s.Organizations = append(s.Organizations, o)
	}
	for range nPart {
		title := g.words(2+r.IntN(4), true) + " " + []string{"Task Force", "Alliance", "Working Group", "Network"}[r.IntN(4)]
		p := &model.Partnership{Slug: slug(title), Title: title, Summary: g.prose(10 + r.IntN(20)), Regions: pick(regions, r.IntN(3))}
		for range 2 + r.IntN(5) {
			p.MemberOrgs = append(p.MemberOrgs, s.Organizations[r.IntN(len(s.Organizations))])
		}
		for range 1 + r.IntN(3) {
			p.ObjectiveRefs = append(p.ObjectiveRefs, s.Objectives[r.IntN(len(s.Objectives))])
		}
		for _, sec := range secs {
			for _, m := range p.MemberOrgs {
				if m.SectorRef == sec {
					p.Sectors = append(p.Sectors, sec)
					break
				}
			}
		}
		p.Categories = orgCats(p.ObjectiveRefs)
		p.Doc = g.body("partnerships/" + p.Slug + ".md")
		s.Partnerships = append(s.Partnerships, p)
	}
	s.Home = &model.Page{Title: "National Strategy", Description: g.prose(20), Path: "/", Doc: g.body("_index.md")}
	s.Pages = []*model.Page{{Title: "About", Description: g.prose(15), Path: "/about/", Doc: g.body("about.md")}}
	s.Bodies = g.bodies
	s.Index()
	return s
}

// BenchmarkBuildRealistic builds the index of a 10,000-document strategy
// in the vocabulary of the field (see realisticStrategy).
func BenchmarkBuildRealistic(b *testing.B) {
	s := realisticStrategy(seedVocabulary(b), 10000, 1)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		Build(s)
	}
	// The machine is shared: the process's CPU time is steadier than the
	// wall clock.
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}
