package render

import (
	"slices"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// builders make the site's pages, in order; when two pages would share a
// path the first wins and the other is an error.
var builders = []func(*renderer) []page{
	(*renderer).homePages,
	(*renderer).objectivePages,
	(*renderer).organizationPages,
	(*renderer).partnershipPages,
	(*renderer).categoryPages,
	(*renderer).sectorPages,
	(*renderer).plainPages,
	(*renderer).fieldsPages,
	(*renderer).coveragePages,
	(*renderer).fundingPages,
	(*renderer).dataPages,
	(*renderer).searchPages,
	(*renderer).notFoundPages,
	(*renderer).aliasPages,
}

// kinds are the page kinds every theme must provide, layouts/<kind>.html,
// checked even when the strategy has no page of that kind yet.
var kinds = []string{
	"home", "objectives", "objective", "organizations", "organization",
	"partnerships", "partnership", "categories", "category", "sectors",
	"sector", "listing", "page", "404", "alias", "search",
}

// objectiveView is one objective with everything linked to it.
func (r *renderer) objectiveView(o *model.Objective) ObjectiveView {
	m := r.meta(o.URL(), o.Name(), o.Summary, o.Doc, Crumb{Title: "Objectives", URL: "/objectives/"})
	m.OGType = "article"
	node := r.webPage("WebPage", m, o.Updated)
	if c := o.CategoryRef; c != nil {
		node.About = &ldNode{Type: "Thing", Name: c.Title, URL: r.absURL(c.URL())}
	}
	m.JSONLD = r.jsonLD(m, node)

	v := ObjectiveView{
		Meta:          m,
		Objective:     r.objectiveItem(o),
		Body:          body(o.Doc),
		Start:         optional(o.Start),
		Leads:         orgItems(o.LeadOrgs),
		Children:      r.objectiveItems(o.Children),
		Participants:  r.orgGroups(o.Participants),
		Participating: len(o.Participants),
		Partnerships:  partnershipItems(o.Partnerships),
		Funding:       fundingTable("Commitments to "+o.ID, o.Funding, true, false, true),
		Need:          o.Need,
		Related:       r.objectiveItems(o.RelatedRefs),
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
	v.FundingChart = r.fundingBars("funding-chart", "Funding committed and needed for "+o.ID, []*model.Objective{o})
	if f := r.report.Objective(o); f != nil {
		v.Committed, v.Shortfall = f.Committed, f.Gap
	}
	v.Shortfalls = r.objectiveShortfalls(o)
	return v
}

// objectivePage is the page of an objective. Its view is built when the page is
// rendered (see page.build).
func (r *renderer) objectivePage(o *model.Objective) page {
	return page{path: o.URL(), kind: "objective", build: func() any { return r.objectiveView(o) }, pos: posOf(o.Doc), updated: o.Updated}
}

// organizationView is one organization with its objectives, partnerships,
// funding and contact.
func (r *renderer) organizationView(o *model.Organization) OrganizationView {
	m := r.meta(o.URL(), o.Title, o.Summary, o.Doc, Crumb{Title: "Organizations", URL: "/organizations/"})
	m.JSONLD = r.jsonLD(m, r.organization(o))
	v := OrganizationView{
		Meta:            m,
		Organization:    orgItem(o),
		Body:            body(o.Doc),
		Leads:           r.objectiveItems(o.Leads),
		LeadOf:          partnershipItems(o.LeadOf),
		FunderOf:        partnershipItems(o.FunderOf),
		Children:        orgItems(orgsByTitle(o.Children)),
		FundingGiven:    fundingTable("Funding given by "+o.Title, o.FundingGiven, false, true, true),
		FundingReceived: fundingTable("Funding received by "+o.Title, o.FundingReceived, true, true, false),
		Contact:         contact(o),
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
			v.MemberOf = append(v.MemberOf, partnershipItem(p))
		}
	}
	if o.ParentRef != nil {
		p := orgItem(o.ParentRef)
		v.Parent = &p
	}
	for _, c := range o.Categories {
		v.Categories = append(v.Categories, categoryTag(c))
	}
	v.Network = network("partner-network", "Partners of "+o.Title, o.Partnerships, o)
	v.Objectives = len(v.Leads) + len(v.Listed)
	v.Partnerships = len(v.LeadOf) + len(v.MemberOf)
	for _, c := range o.FundingGiven {
		v.Given += c.Amount
	}
	return v
}

// organizationPage is the page of an organization. Its view is built when the page is
// rendered (see page.build).
func (r *renderer) organizationPage(o *model.Organization) page {
	return page{path: o.URL(), kind: "organization", build: func() any { return r.organizationView(o) }, pos: posOf(o.Doc), updated: o.Updated}
}

// partnershipView is one partnership with its members, objectives and
// funders.
func (r *renderer) partnershipView(p *model.Partnership) PartnershipView {
	m := r.meta(p.URL(), p.Title, p.Summary, p.Doc, Crumb{Title: "Partnerships", URL: "/partnerships/"})
	m.JSONLD = r.jsonLD(m, r.partnership(p))
	v := PartnershipView{
		Meta:            m,
		Partnership:     partnershipItem(p),
		Body:            body(p.Doc),
		Members:         r.orgGroups(p.MemberOrgs),
		MemberCount:     len(p.MemberOrgs),
		Leads:           orgItems(p.LeadOrgs),
		Funders:         orgItems(p.FunderOrgs),
		Objectives:      r.objectiveItems(p.ObjectiveRefs),
		Started:         optional(p.Started),
		Ended:           optional(p.Ended),
		Regions:         p.Regions,
		Website:         webURL(p.Website),
		FundingReceived: fundingTable("Funding received by "+p.Title, p.FundingReceived, true, true, false),
	}
	for _, c := range p.Categories {
		v.Categories = append(v.Categories, categoryTag(c))
	}
	return v
}

// partnershipPage is the page of a partnership. Its view is built when the page is
// rendered (see page.build).
func (r *renderer) partnershipPage(p *model.Partnership) page {
	return page{path: p.URL(), kind: "partnership", build: func() any { return r.partnershipView(p) }, pos: posOf(p.Doc), updated: p.Updated}
}

// plainPages are the Markdown pages outside the entity folders.
func (r *renderer) plainPages() []page {
	paths := map[string]string{}
	for _, p := range r.s.Pages {
		paths[p.Path] = p.Title
	}
	var out []page
	for _, p := range r.s.Pages {
		var ancestors []Crumb
		for _, dir := range parentPaths(p.Path) {
			if title, ok := paths[dir]; ok {
				ancestors = append(ancestors, Crumb{Title: title, URL: dir})
			}
		}
		m := r.meta(p.Path, p.Title, p.Description, p.Doc, ancestors...)
		m.OGType = "article"
		m.JSONLD = r.jsonLD(m, r.webPage("WebPage", m, p.Updated))
		out = append(out, page{path: p.Path, kind: "page", view: PageView{Meta: m, Body: body(p.Doc), Updated: optional(p.Updated)}, pos: posOf(p.Doc), updated: p.Updated})
	}
	return out
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

// searchPages is /search/, where search.js queries the index that package
// index writes under search/.
func (r *renderer) searchPages() []page {
	m := r.meta("/search/", "Search", "Search the strategy's objectives, organizations, partnerships and pages.", nil)
	m.NoIndex = true
	return []page{{path: "/search/", kind: "search", view: SearchView{Meta: m}, pos: posOf(nil), hidden: true}}
}

// notFoundPages is 404.html, served for any missing path, so its links
// are root-relative.
func (r *renderer) notFoundPages() []page {
	m := r.meta("/404.html", "Page not found", "", nil)
	m.NoIndex = true
	return []page{{path: "/404.html", kind: "404", view: NotFoundView{Meta: m}, pos: posOf(nil), hidden: true}}
}

// aliasPages are redirects from every entity's old paths to its page.
func (r *renderer) aliasPages() []page {
	var out []page
	for _, e := range r.s.AliasOwners() {
		doc := e.Document()
		for i, a := range model.AliasesOf(e) {
			from := model.AliasPath(a)
			if from == "" {
				continue
			}
			m := r.meta(e.URL(), e.Name(), "", nil)
			m.NoIndex = true
			pos := posOf(doc)
			if doc != nil {
				pos = doc.Pos("aliases." + strconv.Itoa(i))
			}
			out = append(out, page{path: from, kind: "alias", view: AliasView{Meta: m, Target: e.URL()}, pos: pos, hidden: true})
		}
	}
	return out
}

// posOf is where a diagnostic about a page from doc goes.
func posOf(doc *model.Doc) diag.Pos {
	if doc == nil {
		return diag.Pos{Path: "(generated)"}
	}
	return doc.Open
}
