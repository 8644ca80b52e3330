package link

import (
	"cmp"
	"runtime"
	"slices"
	"sync"

	"github.com/commonagenda/agenda/generator/model"
)

// order puts every derived list in reading order without repeats, and
// groups each partnership's members by sector.
func (l *linker) order() {
	byFunder := func(a, b *model.Commitment) int {
		return cmp.Or(cmp.Compare(l.orgIndex(a.Funder), l.orgIndex(b.Funder)), cmp.Compare(a.Index, b.Index))
	}
	for _, c := range l.s.Site.Categories {
		c.Objectives = sortUnique(c.Objectives, l.objIndex)
		c.Organizations = sortUnique(c.Organizations, l.orgIndex)
		c.Partnerships = sortUnique(c.Partnerships, l.partIndex)
	}
	for _, sec := range l.s.Site.Sectors {
		sec.Organizations = sortUnique(sec.Organizations, l.orgIndex)
		sec.Partnerships = sortUnique(sec.Partnerships, l.partIndex)
		sec.Objectives = sortUnique(sec.Objectives, l.objIndex)
	}
	for _, o := range l.s.Objectives {
		o.Children = sortUnique(o.Children, l.objIndex)
		o.ListedBy = sortUnique(o.ListedBy, l.orgIndex)
		o.Partnerships = sortUnique(o.Partnerships, l.partIndex)
		o.RelatedRefs = sortUnique(o.RelatedRefs, l.objIndex)
		slices.SortStableFunc(o.Funding, byFunder)
	}
	// Each organization's lists are its own: the thousands of a large
	// strategy are put in order on every processor.
	eachPart(l.s.Organizations, func(org *model.Organization) {
		org.Children = sortUnique(org.Children, l.orgIndex)
		org.Leads = sortUnique(org.Leads, l.objIndex)
		org.Partnerships = sortUnique(org.Partnerships, l.partIndex)
		org.LeadOf = sortUnique(org.LeadOf, l.partIndex)
		org.MemberOf = sortUnique(org.MemberOf, l.partIndex)
		org.FunderOf = sortUnique(org.FunderOf, l.partIndex)
		org.Categories = sortUnique(org.Categories, categoryIndex)
		slices.SortStableFunc(org.FundingReceived, byFunder)
	})
	for _, p := range l.s.Partnerships {
		p.Sectors = sortUnique(p.Sectors, sectorIndex)
		p.Categories = sortUnique(p.Categories, categoryIndex)
		slices.SortStableFunc(p.FundingReceived, byFunder)
		p.MembersBySector = groupBySector(p.MemberOrgs, p.Sectors)
	}
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
	size := max(512, (len(items)+runtime.GOMAXPROCS(0)-1)/runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for part := range slices.Chunk(items, size) {
		wg.Go(func() {
			for _, it := range part {
				do(it)
			}
		})
	}
	wg.Wait()
}
