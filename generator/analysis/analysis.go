// Package analysis computes the figures that show where a strategy is
// thin: the category × sector coverage matrix, the shortfalls of each
// objective and partnership, the share of organizations, partnerships and
// funding each P gets, and funding summed by funder, objective, category
// and recipient.
//
// It is the single definition of these figures. The /coverage/ and
// /funding/ pages, the home page, each objective's page and the data files
// (package data) all read a Report, so a shortfall shown on one cannot be
// missing from another.
//
// Analyze takes a linked strategy (package link) and reads nothing else:
// no clock (Strategy.Today is "today"), no files, no HTML. The definitions
// follow the specification, section 3:
//
//   - no lead: the objective names no lead organization;
//   - no partnership: no partnership lists it;
//   - no funding: no commitment names it (the shortfall carries the need
//     as its gap when a need is set);
//   - below need: need is set, at least one commitment names it, and their
//     sum, every year, is less than need. Equal is not a shortfall, and a
//     parent's sum does not include its children's commitments;
//   - sector absent: a sector the objective needs that none of its
//     participants (leads, organizations listing it, members of
//     partnerships listing it) belongs to: Objective.SectorsMissing;
//   - overdue: due before today and neither achieved nor discontinued;
//   - off track: an indicator whose latest dated progress value is behind
//     the straight line from baseline to target at that value's date (see
//     Assess);
//   - no survivor voice: a partnership none of whose members is
//     survivor-led (Organization.IsSurvivorLed).
//
// Amounts are float64 in the site currency but are summed as whole cents,
// so totals by funder, by objective, by category and by recipient add up
// to the grand total exactly, whatever the order of addition.
package analysis

import (
	"math"

	"github.com/commonagenda/agenda/generator/model"
)

// Report is everything Analyze computes about a strategy.
type Report struct {
	// Today is the date overdue and the report were computed for.
	Today model.Date
	// Objectives are the figures of every objective, in strategy order.
	Objectives []*ObjectiveFigures
	// Shortfalls are every shortfall, grouped by kind in the order of
	// Kinds, then objectives in strategy order and partnerships by title.
	Shortfalls []Shortfall
	Coverage   Coverage
	Shares     []Share
	Funding    Funding
	// Help is the directory of help (see /find-help/).
	Help Help

	byObjective map[*model.Objective]*ObjectiveFigures
}

// ObjectiveFigures are one objective's funding, indicators and
// shortfalls.
type ObjectiveFigures struct {
	Objective *model.Objective
	// Committed is the sum of every commitment naming the objective,
	// every year, not counting its children's.
	Committed float64
	// Need is the objective's estimated need, nil when not given.
	Need *float64
	// Gap is Need minus Committed when that is positive, else 0.
	Gap float64
	// Indicators assesses each indicator, in the objective's order.
	Indicators []IndicatorStatus
	// Shortfalls are this objective's shortfalls, in the order of Kinds.
	Shortfalls []Shortfall
}

// Analyze computes the report of a linked strategy.
func Analyze(s *model.Strategy) *Report {
	// The directory of help reads only the organizations: it is made
	// beside the rest (after a front-matter edit, the preview waits for
	// the figures).
	helped := make(chan Help, 1)
	go func() { helped <- HelpOf(s) }()
	return AnalyzeWith(s, func() Help { return <-helped })
}

// AnalyzeWith is Analyze, with the directory of help that helped returns
// (HelpOf of the same strategy): a caller may have started it before s
// was linked, since it reads only the organizations' own front matter.
func AnalyzeWith(s *model.Strategy, helped func() Help) *Report {
	r := &Report{Today: s.Today, byObjective: map[*model.Objective]*ObjectiveFigures{}}
	for _, o := range s.Objectives {
		f := objectiveFigures(o, s.Today)
		r.Objectives = append(r.Objectives, f)
		r.byObjective[o] = f
	}
	r.Shortfalls = r.collectShortfalls(s)
	r.Coverage = coverage(s)
	r.Funding = funding(s, r)
	r.Shares = shares(s, r.Funding)
	r.Help = helped()
	return r
}

// Objective returns the figures of an objective of the analyzed
// strategy, or nil for one it does not hold.
func (r *Report) Objective(o *model.Objective) *ObjectiveFigures {
	return r.byObjective[o]
}

// ShortfallsOf returns the report's shortfalls of one kind.
func (r *Report) ShortfallsOf(k Kind) []Shortfall {
	var out []Shortfall
	for _, sf := range r.Shortfalls {
		if sf.Kind == k {
			out = append(out, sf)
		}
	}
	return out
}

// cents converts an amount to whole cents, the unit sums are made in.
// The check phase rejects amounts that are not numbers, negative or
// beyond model.MaxAmount; past what cents can hold, an amount is the most
// they can.
func cents(amount float64) int64 {
	switch {
	case math.IsNaN(amount):
		return 0
	case amount*100 >= math.MaxInt64:
		return math.MaxInt64
	case amount*100 <= math.MinInt64:
		return math.MinInt64
	}
	return int64(math.Round(amount * 100))
}

// addCents adds two sums of cents, staying at the largest or smallest
// sum rather than wrapping around, should amounts beyond any the check
// phase lets through add up past what cents can hold.
func addCents(a, b int64) int64 {
	s := a + b
	switch {
	case a > 0 && b > 0 && s < 0:
		return math.MaxInt64
	case a < 0 && b < 0 && s >= 0:
		return math.MinInt64
	}
	return s
}

// amount converts whole cents back to an amount.
func amount(c int64) float64 { return float64(c) / 100 }
