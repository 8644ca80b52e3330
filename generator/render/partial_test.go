package render

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
	"github.com/commonagenda/agenda/themes"
)

// plan makes the route table and the plan of s, as a build does.
func plan(s *model.Strategy, x *Renderer) (*analysis.Report, *routes.Table, *Plan) {
	rep := analysis.Analyze(s)
	t := routes.Plan(s, rep, routes.Options{PageSize: model.DefaultPageSize})
	return rep, t, x.Plan(s, rep, t, Later{})
}

// TestRendererMatchesRender: rendering every page with a Renderer gives
// the same files as Render.
func TestRendererMatchesRender(t *testing.T) {
	s := fixture()
	want := build(t, s)
	x := NewRenderer(s, themes.Default(), testOptions)
	rep, table, _ := plan(s, x)
	got, diags := x.Render(s, rep, table)
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
	if int(x.Executed()) != len(got.Rendered) {
		t.Errorf("executed %d, rendered %d", x.Executed(), len(got.Rendered))
	}
}

// TestPlanRendersOnePageOnRequest: a page rendered alone, as the dev
// server does, is the page a whole rendering makes, and costs one page.
func TestPlanRendersOnePageOnRequest(t *testing.T) {
	s := fixture()
	want := build(t, s)
	x := NewRenderer(s, themes.Default(), testOptions)
	_, _, p := plan(s, x)
	for _, urlPath := range []string{"/", s.Organizations[0].URL(), "/coverage/", "/404.html"} {
		before := x.Executed()
		data, ok, diags := p.Page(urlPath)
		if !ok || diags.HasErrors() {
			t.Fatalf("Page(%q): ok=%v %v", urlPath, ok, diags.Items())
		}
		if !bytes.Equal(data, want.Files[routes.File(urlPath)]) {
			t.Errorf("Page(%q) differs from the whole rendering's", urlPath)
		}
		if n := x.Executed() - before; n != 1 {
			t.Errorf("Page(%q) executed %d pages", urlPath, n)
		}
	}
	if _, ok, _ := p.Page("/no/such/page/"); ok {
		t.Error("Page of a path with no route succeeded")
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
		`<code>survivor_led</code></th><td data-label="Type">true or false</td><td data-label="Required">—</td>`,
		`<code>members</code></th><td data-label="Type">list of text</td><td data-label="Required">Required</td>`,
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
		if e.URL() == "/" {
			continue // the home page is made from the strategy, its introduction a small part
		}
		name := routes.File(e.URL())
		assertContains(t, name, file(t, out, name), edit(e.Document().Rel))
	}
	for _, name := range []string{"404.html", "contribute/fields/index.html", "categories/index.html", "index.html", "objectives/index.html"} {
		if strings.Contains(file(t, out, name), "/edit/") {
			t.Errorf("%s has no source file but offers an edit link", name)
		}
	}
}
