package render

import (
	"fmt"
	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// This file builds /coverage/ (the category × sector matrix, the
// shortfalls and each P's share), a page per non-empty cell listing
// exactly the organizations and partnerships the cell counts, and the
// shortfall views the home and objective pages share. The figures come
// from package analysis; nothing here counts on its own.

// coverageURL is the coverage page.
const coverageURL = routes.Coverage

// CoverageView is /coverage/.
type CoverageView struct {
	Meta
	Intro template.HTML
	// Sectors are the matrix's columns; Rows its rows, one per P.
	Sectors []Tag
	Rows    []CoverageRow
	// ThinAt is the most organizations a thin cell holds.
	ThinAt int
	Shares []ShareView
	// Lean are the Ps with the least of at least two measures.
	Lean []ShareView
	// Shortfalls has every kind, in order, each with its items (maybe
	// none); Total counts the items.
	Shortfalls []ShortfallGroup
	Total      int
}

// CoverageRow is one P across the sectors.
type CoverageRow struct {
	Category Tag
	Cells    []CellView
}

// CellView is one cell of the matrix. URL is its page, "" when empty.
type CellView struct {
	Category, Sector            Tag
	URL                         string
	Organizations, Partnerships int
	Empty, Thin                 bool
}

// ShareView is what one P gets of the organizations, partnerships and
// funding; the percentages are written out ("40%").
type ShareView struct {
	Category                                       Tag
	Objectives, Organizations, Partnerships        int
	Funding                                        float64
	OrganizationShare, PartnershipShare, FundShare string
	// FewestText lists the measures this P has least of, in words:
	// "organizations, partnerships and funding".
	FewestText string
	Lean       bool
}

// ShortfallGroup is one kind of shortfall and its items.
type ShortfallGroup struct {
	// Kind is the stable key, also the section's anchor: "no-lead".
	Kind, Title, About string
	Items              []ShortfallItem
	// Count is how many there are; More how many a short summary (on the
	// home page) leaves out of Items.
	Count, More int
}

// ShortfallItem is one shortfall: what it is about, and why.
type ShortfallItem struct {
	Kind, KindTitle string
	Subject, URL    string
	// ID is the objective's id, "" for a partnership.
	ID       string
	Category Tag
	Reason   string
}

// CoverageCellView is the page of one cell: the organizations and
// partnerships it counts.
type CoverageCellView struct {
	Meta
	Category, Sector Tag
	Organizations    []OrgItem
	Partnerships     []PartnershipItem
	// AllOrganizations and AllPartnerships link to lists too long for
	// this page (then the lists above are empty).
	AllOrganizations                    *MoreLink
	AllPartnerships                     *MoreLink
	OrganizationCount, PartnershipCount int
}

// CellURL is the page of a cell of the coverage matrix: the organizations
// and partnerships of sector s working on objectives of category c. Its
// pages beyond the first are under it.
func CellURL(c *model.Category, s *model.Sector) string { return routes.Cell(c.Key, s.Key) }

// coverageView is /coverage/: the matrix, shares per P and shortfalls.
func (r *renderer) coverageView() any {
	rep := r.report
	m := r.listPage(coverageURL, "Coverage and shortfalls", "Where the strategy's work is thin: who works on each P from each sector, and every shortfall.")
	v := CoverageView{Meta: m, Intro: r.bodyOf(r.intro(coverageURL)), ThinAt: analysis.ThinAt, Shares: r.shareViews()}
	for _, sec := range r.s.Site.Sectors {
		v.Sectors = append(v.Sectors, sectorTag(sec))
	}
	for _, row := range rep.Coverage.Rows {
		rv := CoverageRow{Category: categoryTag(row.Category)}
		for _, c := range row.Cells {
			cv := CellView{Category: rv.Category, Sector: sectorTag(c.Sector), Organizations: len(c.Organizations),
				Partnerships: len(c.Partnerships), Empty: c.Empty(), Thin: c.Thin()}
			if !c.Empty() {
				cv.URL = CellURL(c.Category, c.Sector)
			}
			rv.Cells = append(rv.Cells, cv)
		}
		v.Rows = append(v.Rows, rv)
	}
	for _, sh := range v.Shares {
		if sh.Lean {
			v.Lean = append(v.Lean, sh)
		}
	}
	v.Shortfalls = r.shortfallGroups(rep.Shortfalls, 0)
	v.Total = len(rep.Shortfalls)
	return v
}

// cell is the coverage matrix's cell of a P and a sector.
func (r *renderer) cell(c *model.Category, sec *model.Sector) analysis.Cell {
	for _, row := range r.report.Coverage.Rows {
		for _, cell := range row.Cells {
			if cell.Category == c && cell.Sector == sec {
				return cell
			}
		}
	}
	return analysis.Cell{Category: c, Sector: sec}
}

// cellView is the page of one cell: the organizations of a sector working
// on a P, and their partnerships.
func (r *renderer) cellView(c analysis.Cell) any {
	scope := "cell/" + c.Category.Key + "/" + c.Sector.Key
	r.sawGroup(itemsOf(groupOf(scope, "organizations")))
	r.sawGroup(itemsOf(groupOf(scope, "partnerships")))
	hub := CellURL(c.Category, c.Sector)
	crumb := Crumb{Title: "Coverage", URL: coverageURL}
	title := c.Category.Title + ": " + c.Sector.Title + " organizations"
	desc := fmt.Sprintf("The %s organizations working on %s objectives, and the partnerships they work in.", c.Sector.Title, c.Category.Title)
	orgs := r.inline(hub, routes.ListOrganizations, r.orgsByTitle(c.Organizations), nil)
	parts := r.inline(hub, routes.ListPartnerships, nil, r.partnershipsByTitle(c.Partnerships))
	m := r.listPage(hub, title, desc, crumb)
	m.NoIndex = true // a view of lists the category and sector pages already hold
	return CoverageCellView{
		Meta: m, Category: categoryTag(c.Category), Sector: sectorTag(c.Sector),
		Organizations: orgs.Organizations, AllOrganizations: orgs.More,
		Partnerships: parts.Partnerships, AllPartnerships: parts.More,
		OrganizationCount: len(c.Organizations), PartnershipCount: len(c.Partnerships),
	}
}

// shareViews describes every P's share.
func (r *renderer) shareViews() []ShareView {
	var out []ShareView
	for _, sh := range r.report.Shares {
		out = append(out, ShareView{
			Category: categoryTag(sh.Category), Objectives: sh.Objectives,
			Organizations: sh.Organizations, Partnerships: sh.Partnerships, Funding: sh.Funding,
			OrganizationShare: percent(sh.OrganizationShare), PartnershipShare: percent(sh.PartnershipShare), FundShare: percent(sh.FundingShare),
			FewestText: andList(sh.Fewest), Lean: sh.Lean(),
		})
	}
	return out
}

// andList joins words as a sentence does: "a", "a and b", "a, b and c".
func andList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// percent writes a share from 0 to 1 as a whole percentage.
func percent(share float64) string {
	return strconv.FormatFloat(share*100, 'f', 0, 64) + "%"
}

// shortfallGroups groups shortfalls by kind, every kind present; limit,
// when positive, keeps only the first items of each.
func (r *renderer) shortfallGroups(all []analysis.Shortfall, limit int) []ShortfallGroup {
	var out []ShortfallGroup
	for _, k := range analysis.Kinds {
		g := ShortfallGroup{Kind: string(k.Kind), Title: k.Title, About: k.About}
		for _, sf := range all {
			if sf.Kind != k.Kind {
				continue
			}
			g.Count++
			if limit > 0 && len(g.Items) == limit {
				g.More++
				continue
			}
			g.Items = append(g.Items, r.shortfallItem(sf))
		}
		out = append(out, g)
	}
	return out
}

// shortfallItem describes one shortfall.
func (r *renderer) shortfallItem(sf analysis.Shortfall) ShortfallItem {
	it := ShortfallItem{Kind: string(sf.Kind), KindTitle: sf.Kind.Info().Title, Subject: sf.Subject(), URL: sf.URL(), Reason: sf.Reason(r.money)}
	if o := sf.Objective; o != nil {
		it.ID, it.Subject, it.Category = o.ID, o.Title, categoryTag(o.CategoryRef)
	}
	return it
}

// objectiveShortfalls are the shortfalls of one objective, for its page.
func (r *renderer) objectiveShortfalls(o *model.Objective) []ShortfallItem {
	f := r.report.Objective(o)
	if f == nil {
		return nil
	}
	var out []ShortfallItem
	for _, sf := range f.Shortfalls {
		out = append(out, r.shortfallItem(sf))
	}
	return out
}

// homeShortfalls is how many shortfalls of each kind the home page names.
const homeShortfalls = 3

// CategoryProgress is where one P stands: its objectives by status, how
// many are overdue or have an indicator off track, and its funding.
type CategoryProgress struct {
	Category                                          Tag
	Objectives, Achieved, InProgress, AtRisk, Planned int
	Discontinued, Overdue, OffTrack                   int
	Funding                                           float64
}

// categoryProgress describes every P's progress.
func (r *renderer) categoryProgress() []CategoryProgress {
	var out []CategoryProgress
	for i, c := range r.s.Site.Categories {
		p := CategoryProgress{Category: categoryTag(c), Objectives: len(c.Objectives)}
		if i < len(r.report.Shares) {
			p.Funding = r.report.Shares[i].Funding
		}
		for _, o := range c.Objectives {
			switch o.StatusOrDefault() {
			case "achieved":
				p.Achieved++
			case "in-progress":
				p.InProgress++
			case "at-risk":
				p.AtRisk++
			case "discontinued":
				p.Discontinued++
			default:
				p.Planned++
			}
			f := r.report.Objective(o)
			if f == nil {
				continue
			}
			for _, sf := range f.Shortfalls {
				switch sf.Kind {
				case analysis.Overdue:
					p.Overdue++
				case analysis.OffTrack:
					p.OffTrack++
				}
			}
		}
		out = append(out, p)
	}
	return out
}
