package render

import (
	"strconv"
	"strings"

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
	Entries  []*HelpEntry // shared by the pages that list one
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
	// Facts say in one line whom it serves, in which languages and
	// where ("Serves adults, youth. Languages: English, Spanish.
	// Regions: National."); its page has the rest.
	Facts string
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
}

// helpView is the page at rt of the directory of help.
func (r *renderer) helpView(rt *routes.Route) any {
	h := &r.report.Help
	base := routes.FindHelp
	providers := h.Providers
	title, narrowed := "Find help", ""
	group := "@help"
	if f := h.Facet(rt.Facet); f != nil {
		if v := f.Value(rt.Value); v != nil {
			group = "@help/" + f.Key + "/" + v.Slug
			base = routes.HelpFilter(f.Key, v.Slug)
			providers = v.Providers
			title = "Find help: " + v.Label
			narrowed = label(f.One) + ": " + v.Label
		}
	}
	r.sawGroup(group)
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
	page := pageOf(providers, rt.Page, r.pageSize)
	v.Entries = make([]*HelpEntry, 0, len(page))
	for _, o := range page {
		v.Entries = append(v.Entries, r.helpEntry(o))
	}
	// The ways to narrow the list are offered on its first page only:
	// they would weigh as much as the list on every page of it.
	for _, f := range h.Facets {
		if len(f.Values) == 0 || narrowed != "" || rt.Page > 1 {
			continue
		}
		hf := HelpFacet{Key: f.Key, Title: f.Title}
		for _, val := range f.Values {
			hf.Values = append(hf.Values, FilterValue{Label: val.Label, URL: routes.HelpFilter(f.Key, val.Slug),
				Count: len(val.Providers)})
		}
		v.Facets = append(v.Facets, hf)
	}
	return v
}

// helpEntry is o as Find help lists it, made once a plan: an
// organization is listed on many of its pages.
func (r *renderer) helpEntry(o *model.Organization) *HelpEntry {
	r.saw(o) // before the entry made for another page is looked up
	if r.helpEntries == nil {
		return r.makeHelpEntry(o)
	}
	if e, ok := r.helpEntries.Load(o); ok {
		return e.(*HelpEntry)
	}
	e := r.makeHelpEntry(o)
	r.helpEntries.Store(o, e)
	return e
}

// makeHelpEntry makes o's entry, never written after: pages share it.
func (r *renderer) makeHelpEntry(o *model.Organization) *HelpEntry {
	e := &HelpEntry{Org: r.orgItem(o), Contact: r.contact(o)}
	var facts []string
	for _, f := range []struct {
		name   string
		values []string
	}{{"Serves", o.Populations}, {"Languages", o.Languages}, {"Regions", o.Regions}, {"Services", o.Services}} {
		if len(f.values) > 0 {
			facts = append(facts, f.name+": "+strings.Join(f.values, ", ")+".")
		}
	}
	e.Facts = strings.Join(facts, " ")
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
