package render

import (
	"strconv"
	"unicode"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// HelpView is a page of the directory of help: organizations that help
// people directly, hotlines first, whole or narrowed to one value of one
// facet, with links to narrow it (no script needed).
type HelpView struct {
	Meta
	Intro string
	// Narrowed names what the list is narrowed to ("Service: Legal aid"),
	// "" for the whole directory; Whole links back to it.
	Narrowed string
	Whole    string
	Total    int
	Entries  []HelpEntry
	// Facets offer every value of every facet, the current one marked.
	Facets     []HelpFacet
	Pagination Pagination
	// Add is the form for a new organization.
	Add string
}

// HelpEntry is one organization in the directory of help.
type HelpEntry struct {
	Org     OrgItem
	Contact Contact
	// Services and Regions say what it offers and where.
	Services, Regions []string
	// VerifiedAgo says how long before the build's day a person last
	// confirmed the entry ("3 months ago"); "" when never.
	VerifiedAgo string
}

// HelpFacet is one way to narrow the directory.
type HelpFacet struct {
	Key, Title string
	Values     []FilterValue
}

// FilterValue is a value to narrow a list to, and how many it leaves.
type FilterValue struct {
	Label, URL string
	Count      int
	Current    bool
}

// helpView is the page at rt of the directory of help.
func (r *renderer) helpView(rt *routes.Route) any {
	h := &r.report.Help
	base := routes.FindHelp
	providers := h.Providers
	title, narrowed := "Find help", ""
	if f := h.Facet(rt.Facet); f != nil {
		if v := f.Value(rt.Value); v != nil {
			base = routes.HelpFilter(f.Key, v.Slug)
			providers = v.Providers
			title = "Find help: " + v.Label
			narrowed = capitalize(f.One) + ": " + v.Label
		}
	}
	var crumbs []Crumb
	if narrowed != "" {
		crumbs = append(crumbs, Crumb{Title: "Find help", URL: routes.FindHelp})
	}
	pageTitle := title
	if rt.Pages > 1 {
		pageTitle += " (page " + strconv.Itoa(rt.Page) + " of " + strconv.Itoa(rt.Pages) + ")"
	}
	m := r.meta(rt.Path, pageTitle, "Organizations that help people affected by trafficking: hotlines first, with how to reach them.", nil, crumbs...)
	v := HelpView{
		Meta: m, Narrowed: narrowed, Total: len(providers),
		Intro:      "Organizations that help people directly, with a help line first. If someone is in danger now, call your local emergency number.",
		Pagination: pagination(base, rt.Page, rt.Pages),
		Add:        routes.Form("organization"),
	}
	if narrowed != "" {
		v.Whole = routes.FindHelp
	}
	for _, o := range pageOf(providers, rt.Page, r.pageSize) {
		v.Entries = append(v.Entries, r.helpEntry(o))
	}
	for _, f := range h.Facets {
		if len(f.Values) == 0 {
			continue
		}
		hf := HelpFacet{Key: f.Key, Title: f.Title}
		for _, val := range f.Values {
			hf.Values = append(hf.Values, FilterValue{Label: val.Label, URL: routes.HelpFilter(f.Key, val.Slug),
				Count: len(val.Providers), Current: f.Key == rt.Facet && val.Slug == rt.Value})
		}
		v.Facets = append(v.Facets, hf)
	}
	return v
}

func (r *renderer) helpEntry(o *model.Organization) HelpEntry {
	e := HelpEntry{Org: orgItem(o), Contact: contact(o, r.s.Today), Services: o.Services, Regions: o.Regions}
	if !o.Verified.IsZero() && !r.s.Today.IsZero() {
		e.VerifiedAgo = ago(o.Verified, r.s.Today)
	}
	return e
}

// ago says how long before today a date was, as people say it.
func ago(d, today model.Date) string {
	days := int(today.Sub(d.Time).Hours() / 24)
	switch {
	case days < 0:
		return "on " + formatDate(d)
	case days == 0:
		return "today"
	case days < 31:
		return plural(days, "day", "days") + " ago"
	case days < 365:
		return plural(max(1, days/30), "month", "months") + " ago"
	}
	return plural(days/365, "year", "years") + " ago"
}

// capitalize writes s with a capital first letter.
func capitalize(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
