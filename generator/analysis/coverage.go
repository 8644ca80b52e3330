package analysis

import (
	"slices"

	"github.com/commonagenda/agenda/generator/model"
)

// ThinAt is the most organizations a cell of the coverage matrix may hold
// and still be thin: with one organization, everything rests on it.
const ThinAt = 1

// Coverage is the category × sector matrix: for each P and each sector,
// who works on objectives of that P from that sector.
type Coverage struct {
	Rows []CoverageRow
}

// CoverageRow is one P across every sector, in sector display order.
type CoverageRow struct {
	Category *model.Category
	Cells    []Cell
}

// Cell is one P and one sector.
//
// Organizations are the organizations in the sector that participate in
// at least one objective of the P (lead it, list it, or belong to a
// partnership listing it): Category.Organizations of that sector.
// Partnerships are the partnerships listing at least one objective of the
// P that have at least one member in the sector. Both are in link order
// (by title). A partnership is counted only through members who
// participate, so a cell with a partnership always has an organization.
type Cell struct {
	Category      *model.Category
	Sector        *model.Sector
	Organizations []*model.Organization
	Partnerships  []*model.Partnership
}

// Empty reports whether no organization of the sector works on the P.
func (c Cell) Empty() bool { return len(c.Organizations) == 0 }

// Thin reports whether the cell holds some organizations but no more than
// ThinAt.
func (c Cell) Thin() bool { return len(c.Organizations) > 0 && len(c.Organizations) <= ThinAt }

// coverage builds the matrix from the link phase's category lists.
func coverage(s *model.Strategy) Coverage {
	var cov Coverage
	for _, c := range s.Site.Categories {
		row := CoverageRow{Category: c}
		for _, sec := range s.Site.Sectors {
			cell := Cell{Category: c, Sector: sec}
			for _, o := range c.Organizations {
				if o.SectorRef == sec {
					cell.Organizations = append(cell.Organizations, o)
				}
			}
			for _, p := range c.Partnerships {
				if slices.Contains(p.Sectors, sec) {
					cell.Partnerships = append(cell.Partnerships, p)
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		cov.Rows = append(cov.Rows, row)
	}
	return cov
}

// Cell returns the cell of a category and sector keys, and whether there
// is one.
func (cov Coverage) Cell(category, sector string) (Cell, bool) {
	for _, row := range cov.Rows {
		if row.Category.Key != category {
			continue
		}
		for _, c := range row.Cells {
			if c.Sector.Key == sector {
				return c, true
			}
		}
	}
	return Cell{}, false
}

// Share is what one P gets of the strategy's organizations, partnerships
// and funding.
//
// An organization or partnership working on several Ps counts in each, so
// organization and partnership shares may add up to more than 1; funding
// shares add up to 1, as each commitment names one objective.
type Share struct {
	Category      *model.Category
	Objectives    int
	Organizations int
	Partnerships  int
	Funding       float64
	// The shares, from 0 to 1, of the strategy's participating
	// organizations, of its partnerships that list an objective, and of
	// its committed funding. 0 when the strategy has none.
	OrganizationShare, PartnershipShare, FundingShare float64
	// Fewest lists the measures ("organizations", "partnerships",
	// "funding") in which this P has the least of all Ps (ties count for
	// each), so the leanest P shows.
	Fewest []string
}

// Lean reports whether the P has the least of at least two of the three
// measures.
func (sh Share) Lean() bool { return len(sh.Fewest) >= 2 }

// shares computes every P's share.
func shares(s *model.Strategy, f Funding) []Share {
	orgs, parts := map[*model.Organization]bool{}, map[*model.Partnership]bool{}
	var out []Share
	for _, c := range s.Site.Categories {
		sh := Share{Category: c, Objectives: len(c.Objectives), Organizations: len(c.Organizations), Partnerships: len(c.Partnerships)}
		for _, o := range c.Organizations {
			orgs[o] = true
		}
		for _, p := range c.Partnerships {
			parts[p] = true
		}
		for _, t := range f.ByCategory {
			if t.Category == c {
				sh.Funding = t.Amount
			}
		}
		out = append(out, sh)
	}
	for i := range out {
		out[i].OrganizationShare = ratio(float64(out[i].Organizations), float64(len(orgs)))
		out[i].PartnershipShare = ratio(float64(out[i].Partnerships), float64(len(parts)))
		out[i].FundingShare = ratio(out[i].Funding, f.Total)
	}
	markFewest(out, "organizations", func(sh Share) float64 { return float64(sh.Organizations) })
	markFewest(out, "partnerships", func(sh Share) float64 { return float64(sh.Partnerships) })
	markFewest(out, "funding", func(sh Share) float64 { return sh.Funding })
	return out
}

// markFewest adds measure to Fewest of the shares with the least of it,
// when there are at least two Ps to compare and they differ.
func markFewest(out []Share, measure string, of func(Share) float64) {
	if len(out) < 2 {
		return
	}
	least, most := of(out[0]), of(out[0])
	for _, sh := range out {
		least, most = min(least, of(sh)), max(most, of(sh))
	}
	if least == most {
		return
	}
	for i := range out {
		if of(out[i]) == least {
			out[i].Fewest = append(out[i].Fewest, measure)
		}
	}
}

func ratio(n, total float64) float64 {
	if total == 0 {
		return 0
	}
	return n / total
}
