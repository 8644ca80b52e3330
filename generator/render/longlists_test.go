package render

import (
	"fmt"
	"strings"
	"testing"
)

// A category or sector list longer than the page size moves to pages of
// its own; the hub links to them instead of listing every item.
func TestLongListsGetPagesOfTheirOwn(t *testing.T) {
	s := fixture()
	c := s.Site.Categories[0]
	if len(c.Organizations) < 3 {
		t.Fatalf("fixture: %s has %d organizations, want at least 3", c.Key, len(c.Organizations))
	}
	s.Site.PageSize = 2
	out := build(t, s)
	base := "categories/" + c.Key + "/organizations/"
	hub := file(t, out, "categories/"+c.Key+"/index.html")
	pages := (len(c.Organizations) + 1) / 2
	assertContains(t, "hub", hub,
		fmt.Sprintf(`%d organizations: <a href="/%s">browse them, %d pages</a>`, len(c.Organizations), base, pages))
	for _, o := range c.Organizations {
		if strings.Contains(hub, `href="`+o.URL()+`"`) && !strings.Contains(hub, "Lead") {
			t.Errorf("hub still lists %s although the list has pages of its own", o.Slug)
		}
	}
	// Every organization appears on exactly one page of the list.
	seen := map[string]int{}
	for n := 1; n <= pages; n++ {
		path := base + "index.html"
		if n > 1 {
			path = fmt.Sprintf("%spage/%d/index.html", base, n)
		}
		body := file(t, out, path)
		assertContains(t, path, body, "<h1>Organizations working on "+c.Title)
		for _, o := range c.Organizations {
			if strings.Contains(body, `<a href="`+o.URL()+`">`) {
				seen[o.Slug]++
			}
		}
	}
	for _, o := range c.Organizations {
		if seen[o.Slug] != 1 {
			t.Errorf("%s is on %d pages of the list, want 1", o.Slug, seen[o.Slug])
		}
	}
	if _, ok := out.Files[fmt.Sprintf("%spage/%d/index.html", base, pages+1)]; ok {
		t.Errorf("list has a page beyond %d", pages)
	}

	// Short lists stay on the hub.
	out = build(t, fixture())
	hub = file(t, out, "categories/"+c.Key+"/index.html")
	for _, o := range c.Organizations {
		assertContains(t, "short hub", hub, `href="`+o.URL()+`"`)
	}
	if _, ok := out.Files[base+"index.html"]; ok {
		t.Error("a list shorter than a page got a page of its own")
	}
}
