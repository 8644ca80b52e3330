package render

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/themes"
)

// TestRendererMatchesRender: rendering every page with a Renderer gives
// the same files as Render.
func TestRendererMatchesRender(t *testing.T) {
	s := fixture()
	want := build(t, s)
	x := NewRenderer(s, themes.Default(), testOptions)
	got, diags := x.Render(s, nil)
	for _, d := range diags.Items() {
		t.Errorf("diagnostic: %s", d)
	}
	if !slices.Equal(slices.Sorted(maps.Keys(got.Files)), slices.Sorted(maps.Keys(want.Files))) {
		t.Fatalf("files differ:\n got %v\nwant %v", slices.Sorted(maps.Keys(got.Files)), slices.Sorted(maps.Keys(want.Files)))
	}
	for name, data := range want.Files {
		if !bytes.Equal(got.Files[name], data) {
			t.Errorf("%s differs from Render's", name)
		}
	}
	if !slices.Equal(got.Pages, want.Pages) {
		t.Errorf("pages differ")
	}
	if len(got.Kept) != 0 || int(x.Executed()) != len(got.Rendered) {
		t.Errorf("kept %d, executed %d, rendered %d", len(got.Kept), x.Executed(), len(got.Rendered))
	}
}

// TestRendererRendersOnlyChosenPages: a filter renders the chosen pages
// and lists the others as kept; the sitemap still lists every page.
func TestRendererRendersOnlyChosenPages(t *testing.T) {
	s := fixture()
	x := NewRenderer(s, themes.Default(), testOptions)
	all, _ := x.Render(s, nil)
	before := x.Executed()

	s.Organizations[0].Title = "Renamed Organization"
	only := map[string]bool{s.Organizations[0].URL(): true, "/": true}
	got, diags := x.Render(s, func(p string) bool { return only[p] })
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags.Items())
	}
	if n := x.Executed() - before; n != 2 {
		t.Errorf("executed %d pages, want 2", n)
	}
	wantRendered := []string{"index.html", strings.TrimPrefix(s.Organizations[0].URL(), "/") + "index.html"}
	slices.Sort(wantRendered)
	if !slices.Equal(got.Rendered, wantRendered) {
		t.Errorf("rendered %v, want %v", got.Rendered, wantRendered)
	}
	if len(got.Kept)+len(got.Rendered) != len(all.Rendered) {
		t.Errorf("kept %d + rendered %d, want %d pages", len(got.Kept), len(got.Rendered), len(all.Rendered))
	}
	if !slices.Equal(got.Pages, all.Pages) {
		t.Errorf("sitemap pages changed")
	}
	if !strings.Contains(string(got.Files[wantRendered[1]]), "Renamed Organization") {
		t.Errorf("re-rendered page lacks the change")
	}
	for _, f := range got.Kept {
		if _, ok := got.Files[f]; ok {
			t.Errorf("kept page %s was rendered", f)
		}
	}
}

func TestFileOfAndPathOf(t *testing.T) {
	for _, p := range []string{"/", "/objectives/pv-1/", "/404.html", "/old/page.html"} {
		if got := PathOf(FileOf(p)); got != p {
			t.Errorf("PathOf(FileOf(%q)) = %q", p, got)
		}
	}
	if got := PathOf("assets/css/x.css"); got != "/assets/css/x.css" {
		t.Errorf("PathOf asset = %q", got)
	}
}

// TestFieldsPage: the field reference lists every kind's keys from the
// schema, marks required ones, and is in the sitemap.
func TestFieldsPage(t *testing.T) {
	out := build(t, fixture())
	got := file(t, out, "contribute/fields/index.html")
	assertContains(t, "fields", got,
		"<h1>Field reference</h1>",
		`<h2 id="objective">Objectives: <code>content/objectives/*.md</code></h2>`,
		`<code>indicators.baseline.value</code>`,
		`<code>survivor_led</code></th><td>true or false</td><td>—</td>`,
		`<code>members</code></th><td>list of text</td><td>Required</td>`,
		`<code>base_url</code>`,
	)
	if !slices.ContainsFunc(out.Pages, func(p PageInfo) bool { return p.Path == fieldsURL }) {
		t.Errorf("field reference missing from the sitemap")
	}
}

// TestSuggestEditOnEveryPageWithASource: with a repository set, every
// page made from a content file links to that file on the repository's
// editor, and no other page does.
func TestSuggestEditOnEveryPageWithASource(t *testing.T) {
	s := fixture()
	out := build(t, s)
	edit := func(rel string) string {
		return `href="https://github.com/example/agenda/edit/main/content/` + rel + `"`
	}
	for _, e := range s.Entities() {
		name := FileOf(e.URL())
		assertContains(t, name, file(t, out, name), edit(e.Document().Rel))
	}
	assertContains(t, "objectives intro", file(t, out, "objectives/index.html"), edit("objectives/_index.md"))
	for _, name := range []string{"404.html", "contribute/fields/index.html", "categories/index.html"} {
		if strings.Contains(file(t, out, name), "/edit/") {
			t.Errorf("%s has no source file but offers an edit link", name)
		}
	}
}
