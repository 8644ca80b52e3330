package index

import (
	"slices"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

// A body is cut into sections where the markdown phase says each heading
// is (Heading.At), not where the heading's words first appear: a
// paragraph may use them before the heading does.
func TestSectionsStartWhereTheHeadingsAre(t *testing.T) {
	text := "Our Funding plan is set. Funding Money comes from grants."
	heading := model.Heading{ID: "funding", Text: "Funding", At: 25}
	got := splitSections(model.Rendered{Text: text, Headings: []model.Heading{heading}})
	want := []section{{text: "Our Funding plan is set."}, {anchor: "funding", heading: "Funding", text: "Money comes from grants."}}
	if !slices.Equal(got, want) {
		t.Errorf("sections = %q, want %q", got, want)
	}
	// A rendering made by hand, whose headings say nothing of where
	// they are: each is found after the one before.
	heading.At = 0
	got = splitSections(model.Rendered{Text: text, Headings: []model.Heading{heading}})
	want = []section{{text: "Our"}, {anchor: "funding", heading: "Funding", text: "plan is set. Funding Money comes from grants."}}
	if !slices.Equal(got, want) {
		t.Errorf("sections without places = %q, want %q", got, want)
	}
}
