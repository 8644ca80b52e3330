package markdown

import (
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

// frontMatter is what a three-line front matter ("+++", one key, "+++")
// leaves in a Body: blank lines, so Markdown line 1 is file line 4.
const frontMatter = "\n\n\n"

// doc returns a document whose file has a three-line front matter.
func doc(rel, md string) *model.Doc {
	return &model.Doc{Path: "content/" + rel, Rel: rel, Body: []byte(frontMatter + md)}
}

// site is a small strategy: one entity of each kind, a page, the home
// page, an intro and two copied files. bodies overrides documents' Markdown
// by Rel.
func site(bodies map[string]string) *model.Strategy {
	md := func(rel, def string) *model.Doc {
		if b, ok := bodies[rel]; ok {
			return doc(rel, b)
		}
		return doc(rel, def)
	}
	s := &model.Strategy{
		Home: &model.Page{Path: "/", Doc: md("_index.md", "Welcome.\n")},
		Objectives: []*model.Objective{
			{ID: "PV-1", Doc: md("objectives/pv-1.md", "## Background\n\nWhy.\n")},
		},
		Organizations: []*model.Organization{
			{Slug: "doj", Doc: md("organizations/doj.md", "## History\n")},
		},
		Partnerships: []*model.Partnership{
			{Slug: "task-force", Doc: md("partnerships/task-force.md", "Members meet monthly.\n")},
		},
		Pages: []*model.Page{
			{Path: "/about/", Doc: md("about.md", "## Contact us\n")},
		},
		Intros: map[string]*model.Page{
			"/objectives/": {Path: "/objectives/", Doc: md("objectives/_index.md", "All objectives.\n")},
		},
		Files: []model.File{
			{Rel: "objectives/images/x.png"},
			{Rel: "report.pdf"},
			{Rel: "files/a b.pdf"},
		},
	}
	s.Index()
	return s
}

// renderSite renders the site and returns the rendered document at rel
// and every diagnostic as text.
func renderSite(t *testing.T, rel string, bodies map[string]string) (model.Rendered, []string) {
	t.Helper()
	s := site(bodies)
	rendered, diags := Render(s)
	var msgs []string
	for _, d := range diags.Items() {
		msgs = append(msgs, d.String())
	}
	for _, d := range s.Documents() {
		if d.Rel == rel {
			return rendered[d.Rel], msgs
		}
	}
	t.Fatalf("no document %s", rel)
	return model.Rendered{}, nil
}

// renderObjective renders md as the body of objectives/pv-1.md.
func renderObjective(t *testing.T, md string) (string, []string) {
	t.Helper()
	d, msgs := renderSite(t, "objectives/pv-1.md", map[string]string{"objectives/pv-1.md": md})
	return d.HTML, msgs
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

// SameFast is sameFast for the tests of package markdown_test: body is
// the document at rel, its front matter already blanked; the resolver
// knows docs and files, whole or partial.
func SameFast(t *testing.T, rel string, body []byte, reserved []string, docs map[string]Target, files []string, partial bool) bool {
	t.Helper()
	r := NewResolver(docs, files)
	r.partial = partial
	return sameFast(t, rel, &model.Doc{Path: "content/" + rel, Rel: rel, Body: body}, reserved, r)
}
