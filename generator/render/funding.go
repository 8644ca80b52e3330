package render

import (
	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
	"github.com/commonagenda/agenda/generator/routes"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/charts"
	"github.com/commonagenda/agenda/generator/model"
)

// This file builds /funding/: every commitment summed by funder, by
// objective (against its need), by P and by recipient, from package
// analysis, whose sums add up to the same total.

// fundingURL is the funding page.
const fundingURL = routes.Funding

// FundingView is /funding/.
type FundingView struct {
	Meta
	Intro template.HTML
	// Total is the sum of every commitment; Count how many there are.
	Total float64
	Count int
	// Need, Committed and Gap sum the objectives that have a need: their
	// needs, what is committed to them and what they lack.
	Need, CommittedToNeed, Gap float64
	// Covered is what is committed to those objectives counted up to
	// each one's need, so that Need = Covered + Gap; Beyond is the rest
	// of Total (beyond a need, or to objectives without an estimate).
	Covered, Beyond float64
	// WithNeed counts those objectives; Below how many of them lack
	// funding.
	WithNeed, Below int
	ByFunder        TotalsTable
	ByCategory      TotalsTable
	ByRecipient     TotalsTable
	ByObjective     []ObjectiveFunding
	// Chart draws need against committed funding per P; nil when no
	// objective has either.
	Chart *charts.Bars
}

// TotalsTable is a table of totals of one kind (funders, Ps or
// recipients) with its grand total.
type TotalsTable struct {
	// Caption names the table; Head its first column.
	Caption, Head string
	Rows          []FundingTotal
	Total         float64
	Count         int
}

// FundingTotal is one line of a total table. URL is "" for commitments
// without a recipient (Title then says so).
type FundingTotal struct {
	Title, URL  string
	Category    Tag // for category lines
	Amount      float64
	Share       string // of the grand total, "40%"
	Commitments int
	Objectives  []ObjectiveItem
}

// ObjectiveFunding is an objective's funding against its need.
type ObjectiveFunding struct {
	Objective ObjectiveItem
	Need      *float64
	Committed float64
	Gap       float64
	// Unfunded: nothing committed; Below: committed less than the need.
	Unfunded, Below bool
}

// fundingView is /funding/.
func (r *renderer) fundingView() any {
	f := r.report.Funding
	m := r.listPage(fundingURL, "Funding", "Who funds what: commitments by funder, objective, P and recipient, and each objective's funding against its need.")
	v := FundingView{Meta: m, Intro: r.bodyOf(r.intro(fundingURL)), Total: f.Total, Count: f.Count}
	table := func(caption, head string, ts []analysis.Total) TotalsTable {
		return TotalsTable{Caption: caption, Head: head, Rows: r.fundingTotals(ts, f.Total), Total: f.Total, Count: f.Count}
	}
	v.ByFunder = table("Committed funding by funder", "Funder", f.ByFunder)
	v.ByCategory = table("Committed funding by P", "P", f.ByCategory)
	v.ByRecipient = table("Committed funding by recipient", "Recipient", f.ByRecipient)
	v.WithNeed, v.Below, v.Need, v.CommittedToNeed, v.Gap = f.WithNeed, f.Below, f.Need, f.CommittedToNeed, f.Gaps
	g := r.report.Glance(r.s.Objectives)
	v.Covered, v.Beyond = g.Covered, max(0, f.Total-g.Covered)
	for _, o := range f.ByObjective {
		v.ByObjective = append(v.ByObjective, ObjectiveFunding{
			Objective: r.objectiveItem(o.Objective), Need: o.Need, Committed: o.Committed, Gap: o.Gap,
			Unfunded: len(o.Objective.Funding) == 0, Below: o.Gap > 0,
		})
	}
	var roots []*model.Objective
	for _, o := range r.s.Objectives {
		if o.ParentRef == nil {
			roots = append(roots, o)
		}
	}
	if len(roots) <= maxChartBars {
		v.Chart = r.fundingBars("funding-overview", "Funding committed and needed, top-level objectives", roots)
	}
	return v
}

// maxChartBars is the most objectives the funding page draws as bars; a
// larger strategy shows the tables only.
const maxChartBars = 40

// fundingTotals describes total lines, with their share of total.
func (r *renderer) fundingTotals(ts []analysis.Total, total float64) []FundingTotal {
	out := make([]FundingTotal, 0, len(ts))
	for _, t := range ts {
		ft := FundingTotal{Title: t.Title(), URL: t.URL(), Amount: t.Amount, Commitments: t.Commitments, Objectives: r.objectiveItems(t.Objectives)}
		if t.Category != nil {
			ft.Category = categoryTag(t.Category)
		}
		if total > 0 {
			ft.Share = percent(t.Amount / total)
		}
		out = append(out, ft)
	}
	return out
}
