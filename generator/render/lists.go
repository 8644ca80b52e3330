package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// recentLimit is how many recent updates the home page lists.
const recentLimit = 8

// homeView is the strategy at a glance.
func (r *renderer) homeView() any {
	home := r.s.Home
	desc := ""
	if home != nil {
		desc = home.Description
	}
	// The home page is made from the strategy, its introduction only a
	// small part of it: it leads to how to contribute, not to that file.
	m := r.meta("/", r.s.Site.Title, desc, nil)
	site := r.website()
	site.InLanguage = m.Site.Lang
	m.JSONLD = r.jsonLD(m, site)
	v := HomeView{Meta: m, Figures: r.homeFigures(), Intro: r.bodyOf(home), Categories: r.categoryCards(), Sectors: r.sectorCards(), Recent: r.recent()}
	v.Progress, v.ShortfallTotal = r.categoryProgress(), len(r.report.Shortfalls)
	v.Shortfalls = r.shortfallGroups(r.report.Shortfalls, homeShortfalls)
	for _, sh := range r.shareViews() {
		if sh.Lean {
			v.Lean = append(v.Lean, sh)
		}
	}
	return v
}

// recent lists the most recently updated entities, newest first.
func (r *renderer) recent() []RecentItem {
	var out []RecentItem
	add := func(kind string, e model.Entity, updated model.Date) {
		updated = r.updatedOf(e.Document(), updated)
		if !updated.IsZero() {
			out = append(out, RecentItem{Title: e.Name(), URL: e.URL(), Kind: kind, Updated: updated})
		}
	}
	for _, o := range r.s.Objectives {
		add("Objective", o, o.Updated)
	}
	for _, o := range r.s.Organizations {
		add("Organization", o, o.Updated)
	}
	for _, p := range r.s.Partnerships {
		add("Partnership", p, p.Updated)
	}
	for _, p := range r.s.Pages {
		add("Page", p, p.Updated)
	}
	slices.SortFunc(out, func(a, b RecentItem) int {
		return cmp.Or(b.Updated.Compare(a.Updated.Time), strings.Compare(a.URL, b.URL))
	})
	return out[:min(len(out), recentLimit)]
}

// listPage prepares a generated list page: its title and description come
// from its intro (content/<list>/_index.md) when there is one.
func (r *renderer) listPage(urlPath, title, description string, ancestors ...Crumb) Meta {
	in := r.intro(urlPath)
	title, description = introTitle(in, title, description)
	m := r.meta(urlPath, title, description, nil, ancestors...)
	m.JSONLD = r.jsonLD(m, r.webPage("CollectionPage", m, model.Date{}))
	return m
}

// objectivesView is /objectives/, grouped by category as trees.
func (r *renderer) objectivesView() any {
	m := r.listPage("/objectives/", "Objectives", "")
	v := ObjectivesView{Meta: m, Intro: r.bodyOf(r.intro("/objectives/"))}
	v.Filters = r.filters("#objectives-title", "needing it", "in it",
		func(sec *model.Sector) int { return len(sec.Objectives) },
		func(c *model.Category) int { return len(c.Objectives) })
	for _, c := range r.s.Site.Categories {
		inCategory := func(o *model.Objective) bool { return o.CategoryRef == c }
		var roots []*model.Objective
		for _, o := range c.Objectives {
			if o.ParentRef == nil || o.ParentRef.CategoryRef != c {
				roots = append(roots, o)
			}
		}
		v.Groups = append(v.Groups, ObjectiveGroup{
			Category: categoryTag(c), Description: c.Description,
			Objectives: r.objectiveTree(roots, inCategory, map[*model.Objective]bool{}),
		})
	}
	return v
}

// directoryView is page n of pages of the organization directory, in
// pages of Site.PageSize.
func (r *renderer) directoryView(n, pages int) any {
	orgs := r.orgsByTitle(r.s.Organizations)
	r.sawGroup(itemsOf("@organizations"))
	for _, sec := range r.s.Site.Sectors {
		r.sawGroup(countOf(groupOf("sector/"+sec.Key, "organizations")))
	}
	for _, c := range r.s.Site.Categories {
		r.sawGroup(countOf(groupOf("category/"+c.Key, "organizations")))
	}
	filters := r.filters("#organizations-title", "in it", "working on it",
		func(sec *model.Sector) int { return len(sec.Organizations) },
		func(c *model.Category) int { return len(c.Organizations) })
	var m Meta
	if n == 1 {
		m = r.listPage("/organizations/", "Organizations", "")
	} else {
		title := fmt.Sprintf("Organizations, page %d of %d", n, pages)
		m = r.listPage(directoryURL(n), title, "", Crumb{Title: "Organizations", URL: "/organizations/"})
		m.Breadcrumbs[len(m.Breadcrumbs)-1].Title = fmt.Sprintf("Page %d", n)
	}
	v := OrganizationsView{
		Meta: m, Organizations: r.orgItems(pageOf(orgs, n, r.pageSize)), Total: len(orgs),
		Pagination: pagination("/organizations/", n, pages), Filters: filters,
	}
	if n == 1 {
		v.Intro = r.bodyOf(r.intro("/organizations/"))
	}
	return v
}

// filters link a directory to the section (anchor) of every sector and
// category page that lists the same kind of entry, with the counts there.
func (r *renderer) filters(anchor, sectorHint, categoryHint string, perSector func(*model.Sector) int, perCategory func(*model.Category) int) Filters {
	f := Filters{SectorHint: sectorHint, CategoryHint: categoryHint}
	for _, sec := range r.s.Site.Sectors {
		t := sectorTag(sec)
		t.URL += anchor
		f.Sectors = append(f.Sectors, FilterLink{Tag: t, Count: perSector(sec)})
	}
	for _, c := range r.s.Site.Categories {
		t := categoryTag(c)
		t.URL += anchor
		f.Categories = append(f.Categories, FilterLink{Tag: t, Count: perCategory(c)})
	}
	return f
}

// directoryURL is the URL of page n of the organization directory.
func directoryURL(n int) string { return pageURL(routes.Organizations, n) }

// pageURL is the URL of page n of the paginated list at base.
func pageURL(base string, n int) string { return routes.PageOf(base, n) }

// pageOf returns the items on page n (from 1) of pages of size items.
func pageOf[T any](items []T, n, size int) []T {
	return items[min(len(items), (n-1)*size):min(len(items), n*size)]
}

// pagination links page n of the list at base to its neighbours, the
// first and last pages and the two pages either side of it: a list of a
// hundred pages does not print a hundred links on each (the gaps between
// are marked).
func pagination(base string, n, pages int) Pagination {
	p := Pagination{Page: n, Pages: pages}
	if n > 1 {
		p.Prev = pageURL(base, n-1)
	}
	if n < pages {
		p.Next = pageURL(base, n+1)
	}
	const around = 2
	for i := 1; i <= pages; i++ {
		if i != 1 && i != pages && (i < n-around || i > n+around) {
			if len(p.Links) > 0 && !p.Links[len(p.Links)-1].Gap {
				p.Links = append(p.Links, PageLink{Gap: true})
			}
			continue
		}
		p.Links = append(p.Links, PageLink{Number: i, URL: pageURL(base, i), Current: i == n})
	}
	return p
}

// partnershipsView is /partnerships/, by title.
func (r *renderer) partnershipsView() any {
	// Every partnership as its item shows it, the sectors of their
	// members (partnerGrid) and how many each sector and category has.
	r.sawGroup(itemsOf("@partnerships"))
	r.sawGroup(itemsOf("@organizations"))
	for _, sec := range r.s.Site.Sectors {
		r.sawGroup(countOf(groupOf("sector/"+sec.Key, "partnerships")))
	}
	for _, c := range r.s.Site.Categories {
		r.sawGroup(countOf(groupOf("category/"+c.Key, "partnerships")))
	}
	m := r.listPage("/partnerships/", "Partnerships", "")
	v := PartnershipsView{Meta: m, Intro: r.bodyOf(r.intro("/partnerships/")), Partnerships: r.partnershipItems(r.partnershipsByTitle(r.s.Partnerships))}
	v.Filters = r.filters("#partnerships-title", "with a member in it", "working on it",
		func(sec *model.Sector) int { return len(sec.Partnerships) },
		func(c *model.Category) int { return len(c.Partnerships) })
	v.Network = r.partnerGrid("Partnerships by the sectors of their members", r.s.Partnerships)
	return v
}

// categoryCards are the four Ps with their counts.
func (r *renderer) categoryCards() []CategoryCard {
	var out []CategoryCard
	for _, c := range r.s.Site.Categories {
		out = append(out, CategoryCard{
			Tag: categoryTag(c), Description: c.Description,
			Objectives: len(c.Objectives), Organizations: len(c.Organizations), Partnerships: len(c.Partnerships),
		})
	}
	return out
}

// sectorCards are the sectors with their counts.
func (r *renderer) sectorCards() []SectorCard {
	var out []SectorCard
	for _, sec := range r.s.Site.Sectors {
		out = append(out, SectorCard{
			Tag: sectorTag(sec), Description: sec.Description,
			Organizations: len(sec.Organizations), Partnerships: len(sec.Partnerships), Objectives: len(sec.Objectives),
		})
	}
	return out
}

// categoriesView is /categories/.
func (r *renderer) categoriesView() any {
	m := r.listPage("/categories/", "Categories", "")
	return CategoriesView{Meta: m, Intro: r.bodyOf(r.intro("/categories/")), Categories: r.categoryCards()}
}

// categoryView is the page of a P: everything tagged with it.
func (r *renderer) categoryView(c *model.Category) any {
	crumb := Crumb{Title: "Categories", URL: "/categories/"}
	m := r.listPage(c.URL(), c.Title, c.Description, crumb)
	if feed := r.feedOf(c.URL()); feed != "" {
		m.Feed = &Link{Title: "Changes to " + c.Title + " objectives", URL: feed}
	}
	orgs := r.inline(c.URL(), routes.ListOrganizations, r.orgsByTitle(c.Organizations), nil)
	parts := r.inline(c.URL(), routes.ListPartnerships, nil, r.partnershipsByTitle(c.Partnerships))
	v := CategoryView{
		Meta: m, Figures: r.categoryFigures(c), Category: categoryTag(c), Intro: r.bodyOf(r.intro(c.URL())), Description: c.Description,
		Objectives:    r.objectiveItems(c.Objectives),
		Organizations: orgs.Organizations, AllOrganizations: orgs.More,
		Partnerships: parts.Partnerships, AllPartnerships: parts.More,
		Funding: r.fundingBars("category-funding", "Funding committed and needed, "+c.Title, c.Objectives),
	}
	v.Network = r.partnerGrid(c.Title+" partnerships by the sectors of their members", c.Partnerships)
	return v
}

// sectorsView is /sectors/.
func (r *renderer) sectorsView() any {
	m := r.listPage("/sectors/", "Sectors", "")
	return SectorsView{Meta: m, Intro: r.bodyOf(r.intro("/sectors/")), Sectors: r.sectorCards()}
}

// sectorView is the page of a sector: its organizations, the partnerships
// they belong to and the objectives that need it.
func (r *renderer) sectorView(sec *model.Sector) any {
	crumb := Crumb{Title: "Sectors", URL: "/sectors/"}
	m := r.listPage(sec.URL(), sec.Title, sec.Description, crumb)
	if feed := r.feedOf(sec.URL()); feed != "" {
		m.Feed = &Link{Title: "Changes to objectives that need " + sec.Title, URL: feed}
	}
	orgs := r.inline(sec.URL(), routes.ListOrganizations, r.orgsByTitle(sec.Organizations), nil)
	parts := r.inline(sec.URL(), routes.ListPartnerships, nil, r.partnershipsByTitle(sec.Partnerships))
	v := SectorView{
		Meta: m, Figures: r.sectorFigures(sec), Sector: sectorTag(sec), Intro: r.bodyOf(r.intro(sec.URL())), Description: sec.Description,
		Organizations: orgs.Organizations, AllOrganizations: orgs.More,
		Partnerships: parts.Partnerships, AllPartnerships: parts.More,
		Objectives: r.objectiveItems(sec.Objectives),
	}
	return v
}
