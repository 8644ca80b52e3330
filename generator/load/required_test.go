package load

import (
	"slices"
	"testing"
)

// TestEmptyRequiredText: a required text key written but left empty (as
// `agenda new` writes them) is reported at the key, like a missing one.
func TestEmptyRequiredText(t *testing.T) {
	got := loadDiags(t, map[string]string{
		"objectives/pv-1.md":       "+++\nid = \"PV-1\"\ntitle = \"  \"\ncategory = \"prevention\"\nsummary = \"\"\n+++\n",
		"organizations/shelter.md": "+++\ntitle = \"Shelter\"\nsector = \"victim-services\"\nsummary = \"\"\n+++\n",
	})
	want := []string{
		`content/objectives/pv-1.md:3:1: required key "title" is empty (fill it in)`,
		`content/objectives/pv-1.md:5:1: required key "summary" is empty (fill it in)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q (an empty optional key is fine)", got, want)
	}
}
