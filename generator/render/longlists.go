package render

import (
	"fmt"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// Category and sector pages gather everything tagged with them, which in a
// large strategy is thousands of organizations: too much for one page on a
// phone. A list longer than Site.PageSize therefore moves to pages of its
// own under the hub (/categories/prevention/organizations/, then
// .../page/2/), and the hub shows its size and a link instead.

// Inline is what a hub page shows of one of its lists: every item when the
// list is short, else only a link to the list's own pages.
type Inline struct {
	Organizations []OrgItem
	Partnerships  []PartnershipItem
	// More links to the list's pages when it was too long to show.
	More *MoreLink
}

// MoreLink leads from a hub to a list that has pages of its own.
type MoreLink struct {
	URL   string
	Total int
	Pages int
}

// ListingView is one page of a long list moved off a hub page.
type ListingView struct {
	Meta
	// Context is the category or sector the list belongs to.
	Context       Tag
	Organizations []OrgItem
	Partnerships  []PartnershipItem
	Total         int
	Pagination    Pagination
}

// inline is what the hub at hub shows of its list of organizations or
// partnerships (pass one, the other nil): every entry, or, when the list
// has pages of its own (routes.Paginated), a link to them.
func (r *renderer) inline(hub, list string, orgs []*model.Organization, parts []*model.Partnership) Inline {
	total := len(orgs) + len(parts)
	pages, ok := routes.Paginated(total, r.pageSize)
	if !ok {
		return Inline{Organizations: r.orgItems(orgs), Partnerships: r.partnershipItems(parts)}
	}
	return Inline{More: &MoreLink{URL: hub + list + "/", Total: total, Pages: pages}}
}

// listingView is one page of a long list moved off its hub: a category's,
// a sector's or a coverage cell's organizations or partnerships.
func (r *renderer) listingView(rt *routes.Route) any {
	var (
		context Tag
		title   string
		crumb   Crumb
		orgs    []*model.Organization
		parts   []*model.Partnership
	)
	org := rt.List == routes.ListOrganizations
	list := "partnerships"
	if org {
		list = "organizations"
	}
	switch c, sec := rt.Category, rt.Sector; {
	case c != nil && sec != nil:
		r.sawGroup(itemsOf(groupOf("cell/"+c.Key+"/"+sec.Key, list)))
		cell := r.cell(c, sec)
		context, crumb = categoryTag(c), Crumb{Title: "Coverage", URL: coverageURL}
		title = c.Title + ": partnerships with " + sec.Title + " members"
		orgs, parts = nil, r.partnershipsByTitle(cell.Partnerships)
		if org {
			title, orgs, parts = c.Title+": "+sec.Title+" organizations", r.orgsByTitle(cell.Organizations), nil
		}
	case c != nil:
		r.sawGroup(itemsOf(groupOf("category/"+c.Key, list)))
		context, crumb = categoryTag(c), Crumb{Title: "Categories", URL: "/categories/"}
		title, parts = "Partnerships working on "+c.Title, r.partnershipsByTitle(c.Partnerships)
		if org {
			title, orgs, parts = "Organizations working on "+c.Title, r.orgsByTitle(c.Organizations), nil
		}
	default:
		r.sawGroup(itemsOf(groupOf("sector/"+sec.Key, list)))
		context, crumb = sectorTag(sec), Crumb{Title: "Sectors", URL: "/sectors/"}
		title, parts = "Partnerships with "+sec.Title+" members", r.partnershipsByTitle(sec.Partnerships)
		if org {
			title, orgs, parts = sec.Title+" organizations", r.orgsByTitle(sec.Organizations), nil
		}
	}
	base := rt.Hub + rt.List + "/"
	n, pages := rt.Page, rt.Pages
	if n > 1 {
		title = fmt.Sprintf("%s, page %d of %d", title, n, pages)
	}
	return ListingView{
		Meta:    r.listPage(pageURL(base, n), title, "", crumb, Crumb{Title: context.Label, URL: rt.Hub}),
		Context: context, Total: len(orgs) + len(parts),
		Pagination:    pagination(base, n, pages),
		Organizations: r.orgItems(pageOf(orgs, n, r.pageSize)),
		Partnerships:  r.partnershipItems(pageOf(parts, n, r.pageSize)),
	}
}
