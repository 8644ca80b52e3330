package render

import (
	"cmp"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
	"github.com/commonagenda/agenda/generator/schema"
)

// FormView is a form that writes a new content file in the browser
// (kind "form", /contribute/organization/ and the others): its fields
// are the schema's (package schema), the same keys, types, required keys
// and vocabularies the checker uses, so a change to the schema changes
// the form. themes/default/static/js/propose.js reads the fields' data
// attributes, checks what a person typed by the same rules, builds the
// file and opens the repository host's page for a new file with it.
// Without JavaScript the page shows the file to copy, every key written
// out as `agenda new` writes it, and where to put it.
type FormView struct {
	Meta
	// Kind is what the form writes: "organization"; Noun says it in a
	// sentence ("an organization").
	Kind, Noun string
	// Folder is where the file goes, from the repository's root:
	// "content/organizations"; File names it for people
	// ("content/organizations/SLUG.md").
	Folder, File string
	// NewFileURL is the repository host's page for a new file in Folder,
	// "" when the site names no repository; Host names the host for
	// the button ("GitHub").
	NewFileURL, Host string
	// Names is the URL of the strategy's names (package data, Names).
	Names  string
	Fields []FormField
	// Template is the file with every key, for copying by hand.
	Template string
	// Others are the other forms.
	Others []Link
	// Later are the keys of tables (an objective's indicators, an
	// organization's funding) the form leaves to be added to the file
	// afterwards.
	Later []string
	// Reference is the kind's section of the field reference.
	Reference string
}

// FormField is one key of the form.
type FormField struct {
	// ID is the control's id ("f-title"), Key the front-matter key.
	ID, Key, Label, Doc string
	// Control is how it is asked: text, textarea, select, checkbox,
	// checkboxes (a list from a short vocabulary), ref (one of the
	// strategy's names), refs (a list of them) or lines (a list of free
	// text, one a line).
	Control string
	// Input is the input type of a text control: text, url, email, tel,
	// date, number.
	Input    string
	Required bool
	// Values is the vocabulary of a ref or refs control, for the
	// script: objectives, organizations or recipients.
	Values string
	// Format is the schema's format of a text (id, web, email, phone).
	Format string
	// Min is the least number or the fewest entries, "" for none.
	Min string
	// Step is a number input's step: "1" for whole numbers, "any" else.
	Step    string
	Options []Option
}

// Option is a choice of a select or a checkbox of a list.
type Option struct {
	Value, Label string
}

// formNouns say in a sentence what each form writes.
var formNouns = map[string]string{"organization": "an organization", "partnership": "a partnership", "objective": "an objective"}

// formTitles are the forms' titles and the links that lead to them.
var formTitles = map[string]string{"organization": "Add an organization", "partnership": "Add a partnership", "objective": "Propose an objective"}

// formLink is the link to the form for a new file of kind.
func formLink(kind string) Link { return Link{Title: formTitles[kind], URL: routes.Form(kind)} }

// formView is the form for a new file of kind.
func (r *renderer) formView(kind string) any {
	k, _ := schema.Lookup(kind)
	title := formTitles[kind]
	desc := "A form that writes the file for " + formNouns[kind] + " and opens it as a proposed change to the strategy."
	m := r.meta(routes.Form(kind), title, desc, nil)
	m.Propose = &Link{Title: "How to contribute", URL: r.contributeURL()}
	m.JSONLD = r.jsonLD(m, r.webPage("WebPage", m, model.Date{}))
	folder := path.Join(r.opts.ContentDir, path.Dir(k.Files))
	v := FormView{
		Meta: m, Kind: kind, Noun: formNouns[kind],
		Folder: folder, File: path.Join(r.opts.ContentDir, strings.Replace(k.Files, "*", "ID", 1)),
		Names:     routes.Names,
		Template:  r.formTemplate(k),
		Reference: fieldsURL + "#" + kind,
	}
	if repo := strings.TrimSuffix(webURL(r.s.Site.Repository), "/"); repo != "" {
		branch := cmp.Or(r.s.Site.Branch, model.DefaultBranch)
		v.NewFileURL = repo + "/new/" + path.Join(branch, folder)
		v.Host = hostName(repo)
	}
	for _, other := range routes.FormKinds {
		if other != kind {
			v.Others = append(v.Others, formLink(other))
		}
	}
	for _, f := range k.Fields {
		switch {
		case f.Form:
			v.Fields = append(v.Fields, r.formField(f))
		case f.Type == schema.TableList:
			v.Later = append(v.Later, f.Key)
		}
	}
	return v
}

// formField describes how the form asks for a key.
func (r *renderer) formField(f schema.Field) FormField {
	ff := FormField{ID: "f-" + f.Key, Key: f.Key, Label: fieldLabel(f.Key), Doc: f.Doc, Required: f.Required,
		Control: "text", Input: "text", Format: f.Format}
	if f.MinSet {
		ff.Min = strconv.FormatFloat(f.Min, 'f', -1, 64)
	}
	options := r.options(f.Values)
	list := f.Type == schema.TextList
	switch {
	case f.Type == schema.Bool:
		ff.Control = "checkbox"
	case f.Type == schema.Date:
		ff.Input = "date"
	case f.Type == schema.Number || f.Type == schema.Whole:
		ff.Input, ff.Step = "number", "any"
		if f.Type == schema.Whole {
			ff.Step = "1"
		}
	case options != nil && list:
		ff.Control, ff.Options = "checkboxes", options
	case options != nil:
		ff.Control, ff.Options = "select", options
	case f.Values != "" && list:
		ff.Control, ff.Values = "refs", string(f.Values)
	case f.Values != "":
		ff.Control, ff.Values = "ref", string(f.Values)
	case list:
		ff.Control = "lines"
	case f.Format == "web":
		ff.Input = "url"
	case f.Format == "email":
		ff.Input = "email"
	case f.Format == "phone":
		ff.Input = "tel"
	}
	return ff
}

// options are the choices of a vocabulary short enough to list in the
// page: the site's categories and sectors and the fixed vocabularies;
// nil for references to the strategy's names, which the script offers.
func (r *renderer) options(v schema.Vocabulary) []Option {
	var out []Option
	switch v {
	case schema.CategoryKeys:
		for _, c := range r.s.Site.Categories {
			out = append(out, Option{c.Key, c.Title})
		}
	case schema.SectorKeys:
		for _, s := range r.s.Site.Sectors {
			out = append(out, Option{s.Key, s.Title})
		}
	default:
		for _, s := range schema.Fixed(v) {
			out = append(out, Option{s, label(s)})
		}
	}
	return out
}

// fieldLabel is a key as a field's label: "survivor_led" is "Survivor
// led".
func fieldLabel(key string) string { return label(strings.ReplaceAll(key, "_", "-")) }

// formTemplate is the file to copy without JavaScript: every key, as
// `agenda new` writes it, with the known categories and sectors.
func (r *renderer) formTemplate(k schema.Kind) string {
	notes := map[string]string{}
	if keys := r.s.CategoryKeys(); len(keys) > 0 {
		notes["category"] = "Known: " + strings.Join(keys, ", ") + "."
	}
	if keys := r.s.SectorKeys(); len(keys) > 0 {
		notes["sector"] = "Known: " + strings.Join(keys, ", ") + "."
		notes["sectors"] = notes["sector"]
	}
	return schema.Template(k, nil, notes, r.s.Today) + "Describe it here, in a few plain sentences.\n"
}

// hostName names a repository's host for a button: GitHub, GitLab,
// Codeberg, else the host name.
func hostName(repo string) string {
	u, err := url.Parse(repo)
	if err != nil {
		return "the repository"
	}
	switch h := strings.TrimPrefix(u.Hostname(), "www."); h {
	case "github.com":
		return "GitHub"
	case "gitlab.com":
		return "GitLab"
	case "codeberg.org":
		return "Codeberg"
	default:
		return h
	}
}
