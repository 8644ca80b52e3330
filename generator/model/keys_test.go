package model

import (
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/commonagenda/agenda/generator/diag"
)

func TestKeysKeepEveryPosition(t *testing.T) {
	in := map[string]diag.Pos{
		"title":                         {Path: "f.md", Line: 2, Col: 1},
		"lead":                          {Path: "f.md", Line: 3, Col: 1},
		"lead.1":                        {Path: "f.md", Line: 3, Col: 20},
		"indicators.0":                  {Path: "f.md", Line: 9, Col: 1},
		"indicators.0.progress.2.value": {Path: "f.md", Line: 12, Col: 30},
		"é":                             {Path: "f.md", Line: 4, Col: 1},
	}
	k := NewKeys(in)
	if !maps.Equal(k.All(), in) {
		t.Errorf("All() = %v, want %v", k.All(), in)
	}
	for key, want := range in {
		if got, ok := k.Get(key); !ok || got != want {
			t.Errorf("Get(%q) = %v, %v; want %v", key, got, ok, want)
		}
	}
	for _, absent := range []string{"", "lea", "lead.0", "titles", "z", "indicators"} {
		if _, ok := k.Get(absent); ok {
			t.Errorf("Get(%q) found a key that is not there", absent)
		}
	}
	if _, ok := (Keys{}).Get("title"); ok || (Keys{}).Len() != 0 {
		t.Error("the zero Keys has keys")
	}
	d := &Doc{Keys: k, Open: diag.Pos{Path: "f.md", Line: 1, Col: 1}}
	if got := d.Pos("lead.3"); got != in["lead"] {
		t.Errorf(`Pos("lead.3") = %v, want lead's %v`, got, in["lead"])
	}
	if got := d.Pos("nothing.here"); got != d.Open {
		t.Errorf(`Pos of an unknown key = %v, want the opening line`, got)
	}
}

// SortedKeys, given the positions in the order of their names, makes
// what NewKeys makes of them.
func TestSortedKeysAreNewKeys(t *testing.T) {
	in := map[string]diag.Pos{
		"title": {Path: "f.md", Line: 2, Col: 1}, "lead": {Path: "f.md", Line: 3, Col: 1},
		"lead.1": {Path: "f.md", Line: 3, Col: 20}, "é": {Path: "f.md", Line: 4, Col: 1},
	}
	names := slices.Sorted(maps.Keys(in))
	got := SortedKeys("f.md", len(names), func(i int) (string, int, int) {
		return names[i], in[names[i]].Line, in[names[i]].Col
	})
	if want := NewKeys(in); !reflect.DeepEqual(got, want) {
		t.Errorf("SortedKeys = %+v, want %+v", got, want)
	}
	if !reflect.DeepEqual(SortedKeys("f.md", 0, nil), NewKeys(nil)) {
		t.Error("no keys differ")
	}
}
