package routes

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/link"
	"github.com/commonagenda/agenda/generator/load"
	"github.com/commonagenda/agenda/generator/model"
)

// plan loads a txtar archive of a content folder, links it and plans its
// routes, with lists of at most size entries.
func plan(t *testing.T, name string, size int) (*Table, *model.Strategy) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := txtar.FS(ar)
	if err != nil {
		t.Fatal(err)
	}
	parsed, _ := load.Load(fsys, "content", load.Options{})
	s := link.Link(parsed, link.Options{})
	return Plan(s, analysis.Analyze(s), Options{PageSize: size, Source: "content"}), s
}

func lines(l *diag.List) string {
	var b strings.Builder
	diag.WriteText(&b, l.Items())
	return b.String()
}

func TestClashesAreReportedAtTheMovableSource(t *testing.T) {
	table, _ := plan(t, "clashes.txtar", 50)
	got := lines(table.Diagnostics())
	golden := filepath.Join("testdata", "clashes.golden")
	if os.Getenv("UPDATE") != "" {
		os.WriteFile(golden, []byte(got), 0o644)
	}
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(data) {
		t.Errorf("got:\n%s\nwant:\n%s", got, data)
	}
}

// Long lists get pages of their own, and only they: the directory by
// page size, a hub's list when longer than a page.
func TestPagesOfLongLists(t *testing.T) {
	table, _ := plan(t, "clashes.txtar", 1)
	for _, want := range []struct{ path, kind, hub string }{
		{"/organizations/", KindOrganizations, ""},
		{"/organizations/page/4/", KindOrganizations, ""},
		{"/categories/prevention/organizations/", KindListing, "/categories/prevention/"},
		{"/categories/prevention/organizations/page/2/", KindListing, "/categories/prevention/"},
		{"/sectors/government/organizations/page/4/", KindListing, "/sectors/government/"},
		{"/coverage/prevention/government/", KindCell, ""},
	} {
		r := table.Lookup(want.path)
		if r == nil || r.Kind != want.kind || r.Hub != want.hub {
			t.Errorf("Lookup(%q) = %+v, want kind %s of hub %q", want.path, r, want.kind, want.hub)
		}
	}
	for _, absent := range []string{"/organizations/page/5/", "/categories/prevention/partnerships/", "/categories/prevention/organizations/page/3/"} {
		if r := table.Lookup(absent); r != nil {
			t.Errorf("Lookup(%q) = %+v, want none", absent, r)
		}
	}
	if r := table.LookupFile("objectives/pv-1/index.html"); r == nil || r.Kind != KindObjective {
		t.Errorf("LookupFile of the objective's page = %+v", r)
	}
	if !table.Kept("/assets/css/site.12345678.css") || table.Kept("/about/") {
		t.Error("Kept does not tell the generator's folders")
	}
}

// The sitemap holds every page people should find, sorted, and nothing
// hidden or that is not a page.
func TestSitemap(t *testing.T) {
	table, _ := plan(t, "clashes.txtar", 50)
	var paths []string
	for _, r := range table.Sitemap() {
		paths = append(paths, r.Path)
		if r.Hidden || r.Kind == KindFile || r.Kind == KindAlias {
			t.Errorf("sitemap holds %s (%s)", r.Path, r.Kind)
		}
	}
	joined := strings.Join(paths, " ")
	for _, want := range []string{"/ ", "/about/", "/objectives/pv-1/", "/contribute/fields/", "/organizations/doj/"} {
		if !strings.Contains(joined+" ", want) {
			t.Errorf("sitemap lacks %s: %s", want, joined)
		}
	}
	for _, not := range []string{"/404.html", "/search/ ", "/coverage/prevention/government/"} {
		if strings.Contains(joined+" ", not) {
			t.Errorf("sitemap holds %s", not)
		}
	}
}

func TestFileAndPathOf(t *testing.T) {
	for urlPath, file := range map[string]string{
		"/": "index.html", "/objectives/pv-1/": "objectives/pv-1/index.html", "/404.html": "404.html",
		"/feed.xml": "feed.xml", "/old.htm": "old.htm", "/objectives/pv-1/index.json": "objectives/pv-1/index.json",
		"/old/page.html": "old/page.html", "/assets/css/x.css": "assets/css/x.css",
	} {
		if got := File(urlPath); got != file {
			t.Errorf("File(%q) = %q, want %q", urlPath, got, file)
		}
		if got := PathOf(file); got != urlPath {
			t.Errorf("PathOf(%q) = %q, want %q", file, got, urlPath)
		}
	}
}

// Whatever an alias says, its route's file stays inside the output
// folder: aliases are untrusted content.
func FuzzAliasRoutes(f *testing.F) {
	for _, seed := range []string{"/old/", "old", "/../../etc/passwd", "/a/./b/../../..", "//host/x", "/x.html", "/\x00/", "/%2e%2e/", `\..\x`, "/feed.xml"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, alias string) {
		page := &model.Page{Title: "About", Path: "/about/", Aliases: []string{alias}, Doc: &model.Doc{Rel: "about.md"}}
		s := link.Link(&model.Strategy{Pages: []*model.Page{page}}, link.Options{})
		table := Plan(s, analysis.Analyze(s), Options{})
		for _, r := range table.Routes() {
			f := r.File()
			if !fs.ValidPath(f) || strings.Contains(f, `\`) || f == "." {
				t.Fatalf("alias %q gives the file %q", alias, f)
			}
		}
	})
}
