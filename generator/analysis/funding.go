package analysis

import (
	"cmp"
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/model"
)

// Funding is every commitment summed several ways. Each sum covers every
// commitment exactly once, so ByFunder, ByObjective, ByCategory and
// ByRecipient each add up to Total. Commitments naming an objective the
// strategy does not hold (which the check phase rejects) are left out of
// everything.
type Funding struct {
	// Total is the sum of every commitment; Count how many there are.
	Total float64
	Count int
	// Commitments are every commitment, by funder in strategy order,
	// then in the funder's order.
	Commitments []*model.Commitment
	// ByFunder: funders, largest first (then by title).
	ByFunder []Total
	// ByObjective: every objective, funded or not, in strategy order,
	// with its need and gap.
	ByObjective []*ObjectiveFigures
	// ByCategory: every P in display order, funded or not.
	ByCategory []Total
	// ByRecipient: recipients, largest first (then by title); commitments
	// without a known recipient are one last Total with neither
	// Organization nor Partnership set.
	ByRecipient []Total

	// Of the objectives with a need: how many there are (WithNeed), how
	// many are funded below it (Below), and the sums of their needs, of
	// what is committed to them and of their gaps.
	WithNeed, Below             int
	Need, CommittedToNeed, Gaps float64
}

// Total is a sum of commitments to or from one thing: an organization
// (as funder or recipient), a partnership (as recipient) or a category.
type Total struct {
	Organization *model.Organization
	Partnership  *model.Partnership
	Category     *model.Category
	Amount       float64
	// Commitments counts the commitments summed.
	Commitments int
	// Objectives are the objectives they name, each once, in strategy
	// order (for funders and recipients).
	Objectives []*model.Objective
}

// Title names what the total is for ("" for unspecified recipients).
func (t Total) Title() string {
	switch {
	case t.Organization != nil:
		return t.Organization.Title
	case t.Partnership != nil:
		return t.Partnership.Title
	case t.Category != nil:
		return t.Category.Title
	}
	return ""
}

// URL is the page of what the total is for ("" when none).
func (t Total) URL() string {
	switch {
	case t.Organization != nil:
		return t.Organization.URL()
	case t.Partnership != nil:
		return t.Partnership.URL()
	case t.Category != nil:
		return t.Category.URL()
	}
	return ""
}

// sum accumulates a Total in cents.
type sum struct {
	Total
	cents int64
	objs  map[*model.Objective]bool
}

func (s *sum) add(c *model.Commitment) {
	s.cents = addCents(s.cents, cents(c.Amount))
	s.Commitments++
	if !s.objs[c.ObjectiveRef] {
		s.objs[c.ObjectiveRef] = true
		s.Objectives = append(s.Objectives, c.ObjectiveRef)
	}
}

// sums keeps Totals by key in the order first seen.
type sums struct {
	order []any
	by    map[any]*sum
}

func (ss *sums) get(key any, t Total) *sum {
	if ss.by == nil {
		ss.by = map[any]*sum{}
	}
	s, ok := ss.by[key]
	if !ok {
		s = &sum{Total: t, objs: map[*model.Objective]bool{}}
		ss.by[key] = s
		ss.order = append(ss.order, key)
	}
	return s
}

// totals returns the sums with amounts set, in first-seen order.
func (ss *sums) totals(rank map[*model.Objective]int) []Total {
	out := make([]Total, 0, len(ss.order))
	for _, k := range ss.order {
		s := ss.by[k]
		s.Amount = amount(s.cents)
		slices.SortFunc(s.Objectives, func(a, b *model.Objective) int { return cmp.Compare(rank[a], rank[b]) })
		out = append(out, s.Total)
	}
	return out
}

// byAmount sorts totals largest first, then by title; a Total without a
// title (unspecified) goes last.
func byAmount(ts []Total) {
	slices.SortStableFunc(ts, func(a, b Total) int {
		at, bt := a.Title(), b.Title()
		if (at == "") != (bt == "") {
			if at == "" {
				return 1
			}
			return -1
		}
		// Titles and addresses are compared only between equal amounts:
		// lower-casing them for every comparison cost more than the rest.
		if c := cmp.Compare(b.Amount, a.Amount); c != 0 {
			return c
		}
		return cmp.Or(strings.Compare(strings.ToLower(at), strings.ToLower(bt)), strings.Compare(a.URL(), b.URL()))
	})
}

// funding sums every commitment of the strategy.
func funding(s *model.Strategy, r *Report) Funding {
	rank := map[*model.Objective]int{}
	for i, o := range s.Objectives {
		rank[o] = i
	}
	var f Funding
	var total int64
	var funders, categories, recipients sums
	for _, c := range s.Site.Categories {
		categories.get(c, Total{Category: c})
	}
	unspecified := &sum{objs: map[*model.Objective]bool{}}
	for _, org := range s.Organizations {
		for _, c := range org.FundingGiven {
			o := c.ObjectiveRef
			if o == nil || r.byObjective[o] == nil {
				continue
			}
			f.Commitments = append(f.Commitments, c)
			total = addCents(total, cents(c.Amount))
			funders.get(org, Total{Organization: org}).add(c)
			if o.CategoryRef != nil {
				categories.get(o.CategoryRef, Total{Category: o.CategoryRef}).add(c)
			}
			switch {
			case c.RecipientOrganization != nil:
				recipients.get(c.RecipientOrganization, Total{Organization: c.RecipientOrganization}).add(c)
			case c.RecipientPartnership != nil:
				recipients.get(c.RecipientPartnership, Total{Partnership: c.RecipientPartnership}).add(c)
			default:
				unspecified.add(c)
			}
		}
	}
	f.Total, f.Count = amount(total), len(f.Commitments)
	f.ByFunder = funders.totals(rank)
	byAmount(f.ByFunder)
	f.ByCategory = categories.totals(rank)
	f.ByRecipient = recipients.totals(rank)
	byAmount(f.ByRecipient)
	if unspecified.Commitments > 0 {
		unspecified.Amount = amount(unspecified.cents)
		f.ByRecipient = append(f.ByRecipient, unspecified.Total)
	}
	f.ByObjective = r.Objectives
	var need, committed, gaps int64
	for _, o := range r.Objectives {
		if o.Need == nil {
			continue
		}
		f.WithNeed++
		need, committed, gaps = addCents(need, cents(*o.Need)), addCents(committed, cents(o.Committed)), addCents(gaps, cents(o.Gap))
		if o.Gap > 0 {
			f.Below++
		}
	}
	f.Need, f.CommittedToNeed, f.Gaps = amount(need), amount(committed), amount(gaps)
	return f
}
