package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/routes"
	"github.com/commonagenda/agenda/generator/schema"
)

// TestFormsFollowTheSchema: each form asks for every key of its kind the
// schema offers to new files and no other, marks the required ones, and
// offers the site's categories and sectors and the fixed vocabularies as
// choices; references are left to the script, with their vocabulary.
func TestFormsFollowTheSchema(t *testing.T) {
	s := fixture()
	out := build(t, s)
	for _, kind := range routes.FormKinds {
		page := file(t, out, routes.File(routes.Form(kind)))
		k, _ := schema.Lookup(kind)
		for _, f := range k.Fields {
			attr := fmt.Sprintf(`data-key="%s"`, f.Key)
			switch {
			case !f.Form && strings.Contains(page, attr):
				t.Errorf("%s form asks for %s, which new files leave out", kind, f.Key)
			case f.Form && !strings.Contains(page, attr):
				t.Errorf("%s form lacks %s", kind, f.Key)
			case f.Required && !strings.Contains(page, attr+` data-control="`) || f.Required && !strings.Contains(page, fieldLabel(f.Key)+" (required)"):
				t.Errorf("%s form does not mark %s required", kind, f.Key)
			}
		}
		assertContains(t, kind, page, `<script src="/assets/js/propose.`, `data-names="/contribute/names.json"`,
			`data-new-file="https://github.com/example/agenda/new/main/content/`+kind+`s"`, `Open the file on GitHub`,
			`<form id="propose" class="propose" hidden novalidate`, `<code id="file-text">&#43;&#43;&#43;`)
	}
	org := file(t, out, "contribute/organization/index.html")
	assertContains(t, "organization form", org,
		`<option value="victim-services">Victim services</option>`,
		`data-key="objectives" data-control="refs" data-values="objectives"`,
		`data-key="parent" data-control="ref" data-values="organizations"`,
		`type="email"`, `type="tel"`, `type="url"`, `data-format="email"`,
		`sector = &#34;&#34;`, // the file to copy: every key, as agenda new writes it
		`Known: government, law-enforcement`)
	part := file(t, out, "contribute/partnership/index.html")
	assertContains(t, "partnership form", part, `data-key="members" data-control="refs" data-values="organizations" data-min="2" data-required`,
		`<option value="task-force">Task force</option>`, `<option value="collaboration">Collaboration</option>`)
	obj := file(t, out, "contribute/objective/index.html")
	assertContains(t, "objective form", obj, `<option value="prevention">Prevention</option>`,
		`id="f-sectors-law-enforcement" name="sectors" value="law-enforcement"`, `<option value="at-risk">At risk</option>`,
		`data-key="need" data-control="text" data-min="0"`, `type="number"`, `step="any"`, `type="date"`)

	// The lists lead to their forms.
	assertContains(t, "organizations", file(t, out, "organizations/index.html"), `<p class="propose-link"><a href="/contribute/organization/">Add an organization</a></p>`)
	assertContains(t, "partnerships", file(t, out, "partnerships/index.html"), `<p class="propose-link"><a href="/contribute/partnership/">Add a partnership</a></p>`)
	assertContains(t, "objectives", file(t, out, "objectives/index.html"), `<p class="propose-link"><a href="/contribute/objective/">Propose an objective</a></p>`)
}

// TestFormsWithoutRepository: with no repository, a form still writes
// the file and says where to put it, and links nowhere it cannot.
func TestFormsWithoutRepository(t *testing.T) {
	s := fixture()
	s.Site.Repository = ""
	out := build(t, s)
	page := file(t, out, "contribute/partnership/index.html")
	assertContains(t, "form", page, `This site names no repository`, `Show the file`, `save as <code>content/partnerships/SLUG.md</code>`)
	for _, bad := range []string{"data-new-file", "github.com", "Open the file on"} {
		if strings.Contains(page, bad) {
			t.Errorf("form without a repository has %q", bad)
		}
	}
}
