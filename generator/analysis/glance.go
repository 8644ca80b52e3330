package analysis

import (
	"github.com/commonagenda/agenda/generator/model"
)

// Glance is the key figures of a set of objectives: the strip of numbers
// that opens the home page (every objective), a category's page and a
// sector's page (the objectives that need the sector).
//
// The money figures are made to add up on the page: Need, Covered and
// Gap count only the objectives with an estimated need, and Covered
// counts what is committed to each of them up to its need, so
// Need = Covered + Gap exactly, and Gap is the sum of the objectives'
// gaps (ObjectiveFigures.Gap) that /coverage/ and /funding/ show.
// Committed is every commitment to the objectives, need or not.
type Glance struct {
	Objectives int
	// WithNeed counts the objectives with an estimated need.
	WithNeed           int
	Need, Covered, Gap float64
	Committed          float64
	// AtRisk counts the objectives whose status is at-risk or that have
	// an indicator off track, each once; Overdue those past their due
	// date (see IsOverdue).
	AtRisk, Overdue int
}

// Glance sums the key figures of objectives of the analyzed strategy;
// objectives it does not hold are left out.
func (r *Report) Glance(objectives []*model.Objective) Glance {
	var g Glance
	var need, covered, gap, committed int64
	for _, o := range objectives {
		f := r.byObjective[o]
		if f == nil {
			continue
		}
		g.Objectives++
		c := cents(f.Committed)
		committed = addCents(committed, c)
		if f.Need != nil {
			n := cents(*f.Need)
			g.WithNeed++
			need = addCents(need, n)
			covered = addCents(covered, min(c, n))
			gap = addCents(gap, max(0, n-c))
		}
		atRisk := o.StatusOrDefault() == "at-risk"
		for _, sf := range f.Shortfalls {
			switch sf.Kind {
			case OffTrack:
				atRisk = true
			case Overdue:
				g.Overdue++
			}
		}
		if atRisk {
			g.AtRisk++
		}
	}
	g.Need, g.Covered, g.Gap, g.Committed = amount(need), amount(covered), amount(gap), amount(committed)
	return g
}

// OrganizationGlance is the key figures of one organization: what it
// works on and the money it gives and receives.
type OrganizationGlance struct {
	// Objectives counts the objectives it leads or lists, each once;
	// Leads those it leads.
	Objectives, Leads int
	// Partnerships counts the partnerships it leads or belongs to (not
	// those it only funds).
	Partnerships int
	// Given sums its commitments; Received the commitments naming it as
	// recipient.
	Given, Received float64
}

// OrganizationFigures computes the key figures of a linked organization.
func OrganizationFigures(o *model.Organization) OrganizationGlance {
	g := OrganizationGlance{Leads: len(o.Leads)}
	seen := map[*model.Objective]bool{}
	for _, list := range [][]*model.Objective{o.Leads, o.ObjectiveRefs} {
		for _, obj := range list {
			if !seen[obj] {
				seen[obj] = true
				g.Objectives++
			}
		}
	}
	parts := map[*model.Partnership]bool{}
	for _, list := range [][]*model.Partnership{o.LeadOf, o.MemberOf} {
		for _, p := range list {
			if !parts[p] {
				parts[p] = true
				g.Partnerships++
			}
		}
	}
	var given, received int64
	for _, c := range o.FundingGiven {
		given = addCents(given, cents(c.Amount))
	}
	for _, c := range o.FundingReceived {
		received = addCents(received, cents(c.Amount))
	}
	g.Given, g.Received = amount(given), amount(received)
	return g
}
