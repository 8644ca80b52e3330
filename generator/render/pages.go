package render

import (
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// kinds are the page kinds every theme must provide, layouts/<kind>.html,
// checked even when the strategy has no page of that kind yet.
var kinds = []string{
	"home", "objectives", "objective", "organizations", "organization",
	"partnerships", "partnership", "categories", "category", "sectors",
	"sector", "listing", "page", "404", "alias", "search",
	"coverage", "coverage-cell", "funding", "data", "fields", "form", "help", "embed",
}

// objectiveView is one objective with everything linked to it.
func (r *renderer) objectiveView(o *model.Objective) ObjectiveView {
	r.saw(o)
	m := r.meta(o.URL(), o.Name(), o.Summary, o.Doc, Crumb{Title: "Objectives", URL: "/objectives/"})
	m.OGType = "article"
	m.Feed = &Link{Title: "Changes to " + o.ID, URL: r.feedOf(o.URL())}
	if m.Feed.URL == "" {
		m.Feed = nil
	}
	node := r.webPage("WebPage", m, r.updatedOf(o.Doc, o.Updated))
	if c := o.CategoryRef; c != nil {
		node.About = &ldNode{Type: "Thing", Name: c.Title, URL: r.absURL(c.URL())}
	}
	m.JSONLD = r.jsonLD(m, node)

	v := ObjectiveView{
		Meta:          m,
		Figures:       r.objectivePageFigures(o),
		Objective:     r.objectiveItem(o),
		Body:          r.body(o.Doc),
		Start:         optional(o.Start),
		Leads:         r.orgItems(o.LeadOrgs),
		Children:      r.objectiveItems(o.Children),
		Participants:  r.orgGroups(o.Participants),
		Participating: len(o.Participants),
		Partnerships:  r.partnershipItems(o.Partnerships),
		Funding:       r.fundingTable("Commitments to "+o.ID, o.Funding, true, false, true),
		Need:          o.Need,
		Related:       r.objectiveItems(related(o)),
		Permalink:     m.Canonical,
	}
	if o.ParentRef != nil {
		p := r.objectiveItem(o.ParentRef)
		v.Parent = &p
	}
	for _, sec := range o.SectorsNeeded {
		v.SectorsNeeded = append(v.SectorsNeeded, SectorNeed{Sector: sectorTag(sec), Present: slices.Contains(o.SectorsPresent, sec)})
	}
	for _, sec := range o.SectorsMissing {
		v.SectorsMissing = append(v.SectorsMissing, sectorTag(sec))
	}
	v.Indicators = r.indicatorCharts(o)
	v.FundingChart = r.objectiveBar(o)
	if f := r.report.Objective(o); f != nil {
		v.Committed, v.Shortfall = f.Committed, f.Gap
	}
	v.Shortfalls = r.objectiveShortfalls(o)
	v.History = r.historyView(o.Doc, o.ID, o.Updated)
	v.Embed = r.embedCode(o)
	if m.Feed != nil {
		v.History.Feed = m.Feed.URL
	}
	return v
}

// related is an objective's related objectives less its parent and its
// children, which the page lists already under their own headings.
func related(o *model.Objective) []*model.Objective {
	var out []*model.Objective
	for _, rel := range o.RelatedRefs {
		if rel != o.ParentRef && !slices.Contains(o.Children, rel) {
			out = append(out, rel)
		}
	}
	return out
}

// organizationView is one organization with its objectives, partnerships,
// funding and contact.
func (r *renderer) organizationView(o *model.Organization) OrganizationView {
	r.saw(o)
	m := r.meta(o.URL(), o.Title, o.Summary, o.Doc, Crumb{Title: "Organizations", URL: "/organizations/"})
	m.JSONLD = r.jsonLD(m, r.organization(o))
	v := OrganizationView{
		Meta:            m,
		Figures:         r.organizationFigures(o),
		Organization:    r.orgItem(o),
		Body:            r.body(o.Doc),
		Leads:           r.objectiveItems(o.Leads),
		LeadOf:          r.partnershipItems(o.LeadOf),
		FunderOf:        r.partnershipItems(o.FunderOf),
		Children:        r.orgItems(r.orgsByTitle(o.Children)),
		FundingGiven:    r.fundingTable("Funding given by "+o.Title, o.FundingGiven, false, true, true),
		FundingReceived: r.fundingTable("Funding received by "+o.Title, o.FundingReceived, true, true, false),
		Contact:         r.contact(o),
		Regions:         o.Regions,
		Services:        o.Services,
	}
	for _, obj := range o.ObjectiveRefs {
		if !slices.Contains(o.Leads, obj) {
			v.Listed = append(v.Listed, r.objectiveItem(obj))
		}
	}
	for _, p := range o.MemberOf {
		if !slices.Contains(o.LeadOf, p) {
			v.MemberOf = append(v.MemberOf, r.partnershipItem(p))
		}
	}
	if o.ParentRef != nil {
		p := r.orgItem(o.ParentRef)
		v.Parent = &p
	}
	for _, c := range o.Categories {
		v.Categories = append(v.Categories, categoryTag(c))
	}
	v.Network = r.partnerTable(o)
	v.Objectives = len(v.Leads) + len(v.Listed)
	v.Partnerships = len(v.LeadOf) + len(v.MemberOf)
	for _, c := range o.FundingGiven {
		v.Given += c.Amount
	}
	v.History = r.historyView(o.Doc, "", o.Updated)
	return v
}

// partnershipView is one partnership with its members, objectives and
// funders.
func (r *renderer) partnershipView(p *model.Partnership) PartnershipView {
	r.saw(p)
	m := r.meta(p.URL(), p.Title, p.Summary, p.Doc, Crumb{Title: "Partnerships", URL: "/partnerships/"})
	m.JSONLD = r.jsonLD(m, r.partnership(p))
	v := PartnershipView{
		Meta:            m,
		Figures:         r.partnershipFigures(p),
		Partnership:     r.partnershipItem(p),
		Body:            r.body(p.Doc),
		Members:         r.orgGroups(p.MemberOrgs),
		MemberCount:     len(p.MemberOrgs),
		Leads:           r.orgItems(p.LeadOrgs),
		Funders:         r.orgItems(p.FunderOrgs),
		Objectives:      r.objectiveItems(p.ObjectiveRefs),
		Started:         optional(p.Started),
		Ended:           optional(p.Ended),
		Regions:         p.Regions,
		Website:         webURL(p.Website),
		FundingReceived: r.fundingTable("Funding received by "+p.Title, p.FundingReceived, true, true, false),
	}
	for _, c := range p.Categories {
		v.Categories = append(v.Categories, categoryTag(c))
	}
	v.History = r.historyView(p.Doc, "", p.Updated)
	return v
}

// plainView is a Markdown page outside the entity folders, with the
// pages above it in the breadcrumbs.
func (r *renderer) plainView(p *model.Page) any {
	var ancestors []Crumb
	for _, dir := range parentPaths(p.Path) {
		if rt := r.routes.Lookup(dir); rt != nil && rt.Kind == routes.KindPage {
			ancestors = append(ancestors, Crumb{Title: rt.Entity.Name(), URL: dir})
		}
	}
	m := r.meta(p.Path, p.Title, p.Description, p.Doc, ancestors...)
	m.OGType = "article"
	updated := r.updatedOf(p.Doc, p.Updated)
	m.JSONLD = r.jsonLD(m, r.webPage("WebPage", m, updated))
	return PageView{Meta: m, Body: r.body(p.Doc), Updated: optional(updated)}
}

// parentPaths lists the folders above a URL path, outermost first, without
// the root: /help/faq/x/ gives /help/ and /help/faq/.
func parentPaths(p string) []string {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	var out []string
	for i := 1; i < len(parts); i++ {
		out = append(out, "/"+strings.Join(parts[:i], "/")+"/")
	}
	return out
}

// searchView is /search/, where search.js queries the index that package
// index writes under search/.
func (r *renderer) searchView() any {
	m := r.meta(routes.Search, "Search", "Search the strategy's objectives, organizations, partnerships and pages.", nil)
	m.NoIndex = true
	return SearchView{Meta: m}
}

// notFoundView is 404.html, served for any missing path, so its links
// are root-relative.
func (r *renderer) notFoundView() any {
	m := r.meta(routes.NotFound, "Page not found", "", nil)
	m.NoIndex = true
	return NotFoundView{Meta: m}
}

// aliasView is a redirect from one of an entity's old paths to its page.
func (r *renderer) aliasView(e model.Entity) any {
	r.saw(e)
	m := r.meta(e.URL(), e.Name(), "", nil)
	m.NoIndex = true
	return AliasView{Meta: m, Target: e.URL()}
}

// posOf is where a diagnostic about a page from doc goes.
func posOf(doc *model.Doc) diag.Pos {
	if doc == nil {
		return diag.Pos{Path: "(generated)"}
	}
	return doc.Open
}
