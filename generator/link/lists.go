package link

import (
	"cmp"
	"slices"
	"sync"

	"github.com/commonagenda/agenda/generator/internal/parallel"
	"github.com/commonagenda/agenda/generator/model"
)

// order puts every derived list in reading order without repeats, and
// groups each partnership's members by sector.
func (l *linker) order() {
	byFunder := func(a, b *model.Commitment) int {
		return cmp.Or(cmp.Compare(a.Funder.Rank, b.Funder.Rank), cmp.Compare(a.Index, b.Index))
	}
	// Each list belongs to one entity: the categories, sectors and
	// objectives, the partnerships and the organizations are put in
	// order side by side.
	var wg sync.WaitGroup
	wg.Go(func() {
		for _, c := range l.s.Site.Categories {
			c.Objectives = l.uniqueObjs(c.Objectives)
			c.Organizations = l.uniqueOrgs(c.Organizations)
			c.Partnerships = l.uniqueParts(c.Partnerships)
		}
		for _, sec := range l.s.Site.Sectors {
			sec.Organizations = l.uniqueOrgs(sec.Organizations)
			sec.Partnerships = l.uniqueParts(sec.Partnerships)
			sec.Objectives = l.uniqueObjs(sec.Objectives)
		}
		for _, o := range l.s.Objectives {
			o.Children = l.uniqueObjs(o.Children)
			o.ListedBy = l.uniqueOrgs(o.ListedBy)
			o.Partnerships = l.uniqueParts(o.Partnerships)
			o.RelatedRefs = l.uniqueObjs(o.RelatedRefs)
			slices.SortStableFunc(o.Funding, byFunder)
		}
	})
	wg.Go(func() {
		for _, p := range l.s.Partnerships {
			p.Sectors = l.uniqueSectors(p.Sectors)
			p.Categories = l.uniqueCategories(p.Categories)
			slices.SortStableFunc(p.FundingReceived, byFunder)
			p.MembersBySector = groupBySector(p.MemberOrgs, p.Sectors)
		}
	})
	// The thousands of organizations are shared out among processors.
	eachPart(l.s.Organizations, func(org *model.Organization) {
		org.Children = l.uniqueOrgs(org.Children)
		org.Leads = l.uniqueObjs(org.Leads)
		org.Partnerships = l.uniqueParts(org.Partnerships)
		org.LeadOf = l.uniqueParts(org.LeadOf)
		org.MemberOf = l.uniqueParts(org.MemberOf)
		org.FunderOf = l.uniqueParts(org.FunderOf)
		org.Categories = l.uniqueCategories(org.Categories)
		slices.SortStableFunc(org.FundingReceived, byFunder)
	})
	wg.Wait()
}

// groupBySector splits orgs (in title order) by sector, in the order of
// sectors; organizations with an unknown sector are left out.
func groupBySector(orgs []*model.Organization, sectors []*model.Sector) []model.SectorGroup {
	var groups []model.SectorGroup
	for _, sec := range sectors {
		g := model.SectorGroup{Sector: sec}
		for _, org := range orgs {
			if org.SectorRef == sec {
				g.Organizations = append(g.Organizations, org)
			}
		}
		groups = append(groups, g)
	}
	return groups
}

// eachPart calls do for every item, on one goroutine per processor when
// there are many items; do must touch nothing but its item.
func eachPart[T any](items []T, do func(T)) {
	parallel.Each(len(items), 512, func(i int) { do(items[i]) })
}
