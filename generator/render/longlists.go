package render

import (
	"fmt"

	"github.com/commonagenda/agenda/generator/model"
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

// longList returns what the hub at hub shows of a list of organizations
// or partnerships (pass one, the other nil), and the list's own pages when
// it is longer than a page.
func (r *renderer) longList(hub string, context Tag, title string, orgs []*model.Organization, parts []*model.Partnership, crumbs ...Crumb) (Inline, []page) {
	total, segment := len(orgs), "organizations/"
	if orgs == nil {
		total, segment = len(parts), "partnerships/"
	}
	if total <= r.pageSize {
		return Inline{Organizations: orgItems(orgs), Partnerships: partnershipItems(parts)}, nil
	}
	base := hub + segment
	pages := pageCount(total, r.pageSize)
	crumbs = append(crumbs, Crumb{Title: context.Label, URL: hub})
	var out []page
	for n := 1; n <= pages; n++ {
		pageTitle := title
		if n > 1 {
			pageTitle = fmt.Sprintf("%s, page %d of %d", title, n, pages)
		}
		build := func() any {
			return ListingView{
				Meta: r.listPage(pageURL(base, n), pageTitle, "", crumbs...), Context: context, Total: total,
				Pagination:    pagination(base, n, pages),
				Organizations: orgItems(pageOf(orgs, n, r.pageSize)),
				Partnerships:  partnershipItems(pageOf(parts, n, r.pageSize)),
			}
		}
		out = append(out, page{path: pageURL(base, n), kind: "listing", build: build, pos: r.listPos(hub)})
	}
	return Inline{More: &MoreLink{URL: base, Total: total, Pages: pages}}, out
}
