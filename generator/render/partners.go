package render

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/commonagenda/agenda/generator/link"
	"github.com/commonagenda/agenda/generator/model"
)

// This file builds who-works-with-whom as tables that grow by rows, not
// as a network drawing that tangles past a few dozen organizations: on
// /partnerships/ and a P's page a grid of partnerships by sector, grouped
// by level of collaboration; on an organization's page its own partners,
// named, by sector, against the partnerships it shares with each.

// PartnerGrid is partnerships against sectors: a row per partnership, a
// column per sector that has a member in any of them, each cell the
// number of members from that sector.
type PartnerGrid struct {
	Caption string
	Sectors []Tag
	Groups  []GridGroup
	// Totals counts, per sector column, the partnerships with a member
	// from it (Count; Sector names the column).
	Totals []GridCell
	// Partnerships and Organizations count what the grid covers; Shown
	// is false when there are more than maxGridRows partnerships (then
	// only the totals are given).
	Partnerships, Organizations int
	Shown                       bool
	// Cols is how many columns the table has.
	Cols int
}

// GridGroup is the partnerships of one level of collaboration.
type GridGroup struct {
	Level LevelScale
	Rows  []GridRow
}

// GridRow is one partnership and its members per sector column.
type GridRow struct {
	Title, URL string
	Members    int
	Cells      []GridCell
}

// GridCell is how many members a partnership has in one sector; Class is
// the sector's tag class and Sector its name.
type GridCell struct {
	Count         int
	Class, Sector string
}

// maxGridRows is the most partnerships a grid lists row by row; a larger
// strategy gets the sector totals, and each partnership's page.
const maxGridRows = 300

// LevelScale places a partnership's level on the three-step scale
// cooperation → coordination → collaboration. Step is 1 to 3, 0 when the
// level is not stated.
type LevelScale struct {
	Label string
	Step  int
	Steps []LevelStep
}

// LevelStep is one step of the scale: Reached up to the partnership's
// level, Current at it.
type LevelStep struct {
	Label            string
	Reached, Current bool
}

// levelScale places a level (a key of model.Levels, or "") on the scale.
func levelScale(level string) LevelScale {
	// A handful of scales, made once: every partnership on a list has
	// one. Their lists are only read.
	if s, ok := levelScales[level]; ok {
		return s
	}
	return makeLevelScale(level)
}

var levelScales = func() map[string]LevelScale {
	m := map[string]LevelScale{"": makeLevelScale("")}
	for _, l := range model.Levels {
		m[l] = makeLevelScale(l)
	}
	return m
}()

func makeLevelScale(level string) LevelScale {
	s := LevelScale{Label: "Level not stated", Step: slices.Index(model.Levels, level) + 1}
	if s.Step > 0 {
		s.Label = label(level)
	}
	for i, l := range model.Levels {
		s.Steps = append(s.Steps, LevelStep{Label: label(l), Reached: i < s.Step, Current: i+1 == s.Step})
	}
	return s
}

// partnerGrid lays out partnerships against the sectors of their
// members: groups from the closest level of collaboration down, not
// stated last; partnerships by title within a group.
func (r *renderer) partnerGrid(caption string, ps []*model.Partnership) *PartnerGrid {
	if len(ps) == 0 {
		return nil
	}
	ps = r.partnershipsByTitle(ps)
	g := &PartnerGrid{Caption: caption, Partnerships: len(ps), Shown: len(ps) <= maxGridRows}
	used := map[*model.Sector]bool{}
	orgs := map[*model.Organization]bool{}
	for _, p := range ps {
		for _, o := range p.MemberOrgs {
			orgs[o] = true
			if o.SectorRef != nil {
				used[o.SectorRef] = true
			}
		}
	}
	g.Organizations = len(orgs)
	var cols []*model.Sector
	for _, sec := range r.s.Site.Sectors {
		if used[sec] {
			cols = append(cols, sec)
			g.Sectors = append(g.Sectors, sectorTag(sec))
		}
	}
	g.Totals, g.Cols = make([]GridCell, len(cols)), len(cols)+2
	for i, sec := range cols {
		g.Totals[i].Sector = sec.Title
	}
	byLevel := map[int]*GridGroup{}
	for _, p := range ps {
		row := GridRow{Title: p.Title, URL: p.URL(), Members: len(p.MemberOrgs), Cells: make([]GridCell, len(cols))}
		for i, sec := range cols {
			row.Cells[i].Class, row.Cells[i].Sector = sectorTag(sec).Class, sec.Title
		}
		for _, o := range p.MemberOrgs {
			if i := slices.Index(cols, o.SectorRef); i >= 0 {
				row.Cells[i].Count++
			}
		}
		for i, c := range row.Cells {
			if c.Count > 0 {
				g.Totals[i].Count++
			}
		}
		if !g.Shown {
			continue
		}
		scale := levelScale(p.Level)
		grp := byLevel[scale.Step]
		if grp == nil {
			grp = &GridGroup{Level: scale}
			byLevel[scale.Step] = grp
		}
		grp.Rows = append(grp.Rows, row)
	}
	for step := len(model.Levels); step >= 0; step-- {
		if grp := byLevel[step]; grp != nil {
			g.Groups = append(g.Groups, *grp)
		}
	}
	return g
}

// PartnerTable is one organization's partners: the organizations it
// shares a partnership with, named and grouped by sector, against the
// partnerships it belongs to.
type PartnerTable struct {
	Caption, Summary string
	Partnerships     []Link
	Groups           []PartnerGroup
	Partners         int
	// Cols is how many columns the table has.
	Cols int
}

// PartnerGroup is the partners from one sector.
type PartnerGroup struct {
	Sector Tag
	Rows   []PartnerRow
}

// PartnerRow is one partner: In says, for each of the organization's
// partnerships (the table's columns), whether the partner is in it too;
// Shared counts them.
type PartnerRow struct {
	Title, URL string
	In         []bool
	Shared     int
}

// partnerTable lays out o's partners; nil when it has none.
func (r *renderer) partnerTable(o *model.Organization) *PartnerTable {
	r.saw(o)
	sawAll(r, o.Partnerships)
	var ps []*model.Partnership
	for _, p := range o.Partnerships {
		if slices.Contains(p.MemberOrgs, o) || slices.Contains(p.LeadOrgs, o) {
			ps = append(ps, p)
		}
	}
	ps = r.partnershipsByTitle(ps)
	rows := map[*model.Organization]*PartnerRow{}
	var partners []*model.Organization
	for i, p := range ps {
		sawItems(r, p.MemberOrgs)
		sawItems(r, p.LeadOrgs)
		for _, m := range append(slices.Clone(p.MemberOrgs), p.LeadOrgs...) {
			if m == o {
				continue
			}
			row := rows[m]
			if row == nil {
				row = &PartnerRow{Title: m.Title, URL: m.URL(), In: make([]bool, len(ps))}
				rows[m] = row
				partners = append(partners, m)
			}
			if !row.In[i] {
				row.In[i] = true
				row.Shared++
			}
		}
	}
	if len(partners) == 0 {
		return nil
	}
	t := &PartnerTable{Caption: "Partners of " + o.Title, Partners: len(partners), Cols: len(ps) + 2}
	for _, p := range ps {
		t.Partnerships = append(t.Partnerships, Link{Title: p.Title, URL: p.URL()})
	}
	rank := r.organizationRank()
	slices.SortFunc(partners, func(a, b *model.Organization) int {
		return cmp.Or(cmp.Compare(sectorIndex(a), sectorIndex(b)), rank(a, b))
	})
	most := partners[0]
	for _, m := range partners {
		if n := len(t.Groups); n == 0 || t.Groups[n-1].Sector.Key != sectorTag(m.SectorRef).Key {
			t.Groups = append(t.Groups, PartnerGroup{Sector: sectorTag(m.SectorRef)})
		}
		grp := &t.Groups[len(t.Groups)-1]
		grp.Rows = append(grp.Rows, *rows[m])
		if rows[m].Shared > rows[most].Shared {
			most = m
		}
	}
	t.Summary = fmt.Sprintf("%s works with %s from %s through %s.", o.Title,
		plural(len(partners), "organization", "organizations"), plural(len(t.Groups), "sector", "sectors"), plural(len(ps), "partnership", "partnerships"))
	if rows[most].Shared > 1 {
		t.Summary += fmt.Sprintf(" It shares the most with %s (%d partnerships).", most.Title, rows[most].Shared)
	}
	return t
}

// sectorIndex orders organizations by their sector's place; those of no
// known sector last.
func sectorIndex(o *model.Organization) int {
	if o.SectorRef == nil {
		return 1 << 30
	}
	return o.SectorRef.Index
}

// organizationRank compares organizations as link.CompareOrganizations
// does, by their places in the plan's order where both have one.
func (r *renderer) organizationRank() func(a, b *model.Organization) int {
	var ranks map[*model.Organization]int
	if r.orgRank != nil {
		ranks = r.orgRank()
	}
	return func(a, b *model.Organization) int {
		ra, oka := ranks[a]
		rb, okb := ranks[b]
		if oka && okb {
			return cmp.Compare(ra, rb)
		}
		return link.CompareOrganizations(a, b)
	}
}

// orgRanks gives each organization its place in
// link.CompareOrganizations' order (the strategy's, as linked).
func orgRanks(orgs []*model.Organization) map[*model.Organization]int {
	if !slices.IsSortedFunc(orgs, link.CompareOrganizations) {
		orgs = slices.Clone(orgs)
		slices.SortStableFunc(orgs, link.CompareOrganizations)
	}
	ranks := make(map[*model.Organization]int, len(orgs))
	for i, o := range orgs {
		ranks[o] = i
	}
	return ranks
}
