package analysis

import (
	"slices"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

// The directory of help holds those who help people directly, hotlines
// first; its facets join spellings of one value and count each
// organization once per value.
func TestHelpDirectory(t *testing.T) {
	s := &model.Strategy{Organizations: []*model.Organization{
		{Slug: "a-research", Title: "A Research", Services: []string{"Evaluation"}},
		{Slug: "b-shelter", Title: "B Shelter", Populations: []string{"Women"}, Languages: []string{"Spanish", "spanish"}, Regions: []string{"North"}},
		{Slug: "c-line", Title: "C Line", Hotline: "+1 555 0100", Services: []string{"Legal aid"}},
		{Slug: "d-clinic", Title: "D Clinic", Languages: []string{"Español"}, Services: []string{"legal aid", "Counseling"}, Regions: []string{"north", ""}},
	}}
	h := HelpOf(s)
	var names []string
	for _, o := range h.Providers {
		names = append(names, o.Slug)
	}
	if want := []string{"c-line", "b-shelter", "d-clinic"}; !slices.Equal(names, want) {
		t.Errorf("providers %q, want %q (hotline first, then in order; services alone are not help)", names, want)
	}
	values := func(key string) map[string]int {
		out := map[string]int{}
		for _, v := range h.Facet(key).Values {
			out[v.Slug+" "+v.Label] = len(v.Providers)
		}
		return out
	}
	if got := values("services"); len(got) != 2 || got["legal-aid Legal aid"] != 2 || got["counseling Counseling"] != 1 {
		t.Errorf("services: %v", got)
	}
	if got := values("languages"); len(got) != 2 || got["spanish Spanish"] != 1 || got["espanol Español"] != 1 {
		t.Errorf("languages: %v", got)
	}
	if got := values("regions"); len(got) != 1 || got["north North"] != 2 {
		t.Errorf("regions: %v", got)
	}
	if h.Facet("services").Value("legal-aid") == nil || h.Facet("nothing") != nil || h.Facet("services").Value("nothing") != nil {
		t.Error("lookups by key and slug")
	}
}

// A value written in a script the slugs do not read (Chinese, Arabic,
// Russian, Amharic) keeps a filter of its own, named in that script: a
// person who reads only that language needs it most. One of only
// punctuation has none.
func TestHelpFacetsInEveryScript(t *testing.T) {
	s := &model.Strategy{Organizations: []*model.Organization{
		{Slug: "a", Title: "A", Hotline: "+1 555 0100", Languages: []string{"中文", "العربية", "Русский язык", "አማርኛ", "English", "—"}},
		{Slug: "b", Title: "B", Hotline: "+1 555 0101", Languages: []string{"русский ЯЗЫК"}},
	}}
	got := map[string]int{}
	h := HelpOf(s)
	for _, v := range h.Facet("languages").Values {
		got[v.Slug] = len(v.Providers)
	}
	want := map[string]int{"中文": 1, "العربية": 1, "русский-язык": 2, "አማርኛ": 1, "english": 1}
	if len(got) != len(want) {
		t.Errorf("language filters %v, want %v", got, want)
	}
	for slug, n := range want {
		if got[slug] != n {
			t.Errorf("filter %q has %d organizations, want %d (all: %v)", slug, got[slug], n, got)
		}
	}
}
