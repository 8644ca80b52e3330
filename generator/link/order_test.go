package link

import (
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

func FuzzCompareLower(f *testing.F) {
	for _, s := range [][2]string{{"Abc", "abd"}, {"ÉCOLE", "école"}, {"a\xffb", "A\uFFFDB"}, {"İstanbul", "istanbul"}, {"Zeta", "alpha"}, {"", "a"}, {"ab", "a"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := compareLower(a, b); got != want {
			t.Errorf("compareLower(%q, %q) = %d, want %d", a, b, got, want)
		}
		if got := strings.Compare(lowerKey(a), lowerKey(b)); got != want {
			t.Errorf("keys of %q and %q compare %d, want %d", a, b, got, want)
		}
	})
}

// lowerKey orders titles as compareLower does, for every pair.
func TestLowerKeyOrdersAsCompareLower(t *testing.T) {
	titles := []string{"", "a", "A", "ab", "Ab", "aB", "b", "Zeta", "zeta", "Éclair", "éclair", "eclair",
		"İstanbul", "istanbul", "Straße", "STRASSE", "Ωmega", "ωmega", "a b", "a-b", "A1", "a10", "a2", "\u212a", "k"}
	for _, a := range titles {
		for _, b := range titles {
			if got, want := strings.Compare(lowerKey(a), lowerKey(b)), compareLower(a, b); got != want {
				t.Errorf("%q vs %q: keys compare %d, compareLower %d", a, b, got, want)
			}
		}
	}
}

// withDocs gives each organization and partnership of s a document
// named after it, as load does.
func withDocs(s *model.Strategy) *model.Strategy {
	for _, o := range s.Organizations {
		o.Doc = &model.Doc{Rel: "organizations/" + o.Slug + ".md"}
	}
	for _, p := range s.Partnerships {
		p.Doc = &model.Doc{Rel: "partnerships/" + p.Slug + ".md"}
	}
	return s
}

// Linking with the last Link's Orders gives what linking without them
// gives, whether the titles kept their order or not; when they did, the
// last order is used again rather than sorted anew.
func TestOrdersGiveWhatASortGives(t *testing.T) {
	orders := &Orders{}
	edits := []func(s *model.Strategy){
		func(s *model.Strategy) {},
		func(s *model.Strategy) { s.Organizations[1].Summary = "unchanged order" },
		func(s *model.Strategy) { s.Organizations[1].Title = "AAA first now" },
		func(s *model.Strategy) { s.Partnerships[0].Title = "zzz last" },
		func(s *model.Strategy) {
			s.Organizations = append(s.Organizations, &model.Organization{Slug: "new", Title: "Middle", Doc: &model.Doc{Rel: "organizations/new.md"}})
		},
		func(s *model.Strategy) { s.Organizations = s.Organizations[1:] },
		func(s *model.Strategy) {
			s.Organizations[0].Title, s.Organizations[2].Title = s.Organizations[2].Title, s.Organizations[0].Title
		},
	}
	s := withDocs(example())
	for i, edit := range edits {
		edit(s)
		before := orders.organizations
		got := dump(Link(s, Options{Orders: orders}))
		if want := dump(Link(s, Options{})); got != want {
			t.Fatalf("edit %d: with the last orders:\n%s", i, lineDiff(got, want))
		}
		reused := before != nil && len(before.perm) > 0 && &before.perm[0] == &orders.organizations.perm[0]
		if want := i == 1 || i == 3; reused != want { // 3 moves a partnership only
			t.Errorf("edit %d: last order reused = %v", i, reused)
		}
	}
}
