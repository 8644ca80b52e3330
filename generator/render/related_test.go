package render

import (
	"strings"
	"testing"
)

// TestRelatedLeavesOutParentAndChildren: an objective listed under
// "Objectives and actions under" it or as its parent is not listed again
// as related, even when its file says so.
func TestRelatedLeavesOutParentAndChildren(t *testing.T) {
	s := fixture()
	pv1, child := s.Objectives[0], s.Objectives[0].Children[0]
	pv1.RelatedRefs = append(pv1.RelatedRefs, child)
	child.RelatedRefs = append(child.RelatedRefs, pv1)
	out := build(t, s)
	page := file(t, out, "objectives/pv-1/index.html")
	i := strings.Index(page, `<h2 id="related">`)
	if i < 0 {
		t.Fatal("PV-1 lists no related objectives; want PS-1")
	}
	related := page[i:]
	related = related[:strings.Index(related, "</section>")]
	if !strings.Contains(related, `href="/objectives/ps-1/"`) {
		t.Error("PS-1 is related to PV-1 but not listed")
	}
	if strings.Contains(related, `href="`+child.URL()+`"`) {
		t.Errorf("%s is listed both as a child of PV-1 and as related", child.ID)
	}
	if p := file(t, out, strings.TrimPrefix(child.URL(), "/")+"index.html"); strings.Contains(p, `<h2 id="related">`) {
		t.Errorf("%s lists its parent as related", child.ID)
	}
}
