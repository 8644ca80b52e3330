package analysis

import (
	"fmt"
	"strings"

	"github.com/commonagenda/agenda/generator/model"
)

// Kind is a kind of shortfall; its value is a stable key used in anchors
// and data files ("no-lead").
type Kind string

// The kinds of shortfall, see the package comment for their definitions.
const (
	NoLead          Kind = "no-lead"
	NoPartnership   Kind = "no-partnership"
	NoFunding       Kind = "no-funding"
	BelowNeed       Kind = "below-need"
	SectorAbsent    Kind = "sector-absent"
	Overdue         Kind = "overdue"
	OffTrack        Kind = "off-track"
	NoSurvivorVoice Kind = "no-survivor-voice"
)

// KindInfo describes a kind of shortfall for people.
type KindInfo struct {
	Kind Kind
	// Title names the kind: "No lead organization".
	Title string
	// About says what it means and why it matters, in one sentence.
	About string
}

// Kinds lists every kind of shortfall in display order: accountability
// first, then resources, people, time and results, then partnerships.
var Kinds = []KindInfo{
	{NoLead, "No lead organization", "Nobody is accountable for the objective."},
	{NoPartnership, "No partnership", "No partnership works on the objective, so the organizations on it work alone."},
	{NoFunding, "No funding", "No funder has committed anything to the objective."},
	{BelowNeed, "Funding below need", "Commitments, all years together, add up to less than the estimated need."},
	{SectorAbsent, "Sector absent", "The objective needs a sector that none of the organizations working on it belongs to."},
	{Overdue, "Overdue", "The due date has passed and the objective is neither achieved nor discontinued."},
	{OffTrack, "Indicator off track", "The latest measurement is behind the straight line from baseline to target."},
	{NoSurvivorVoice, "No survivor-led member", "None of the partnership's members is survivor-led, so survivors have no seat at its table."},
}

// Info returns the description of a kind.
func (k Kind) Info() KindInfo {
	for _, i := range Kinds {
		if i.Kind == k {
			return i
		}
	}
	return KindInfo{Kind: k, Title: string(k)}
}

// Shortfall is one shortfall of an objective or (NoSurvivorVoice) of a
// partnership, with what its reason needs.
type Shortfall struct {
	Kind        Kind
	Objective   *model.Objective   // nil for NoSurvivorVoice
	Partnership *model.Partnership // set for NoSurvivorVoice only

	// Committed, Need and Gap, for NoFunding and BelowNeed: Gap is Need
	// minus Committed (0 for NoFunding without a need).
	Committed, Need, Gap float64
	// Sectors are the needed sectors nobody covers (SectorAbsent).
	Sectors []*model.Sector
	// Due is the passed due date (Overdue).
	Due model.Date
	// Indicator is the assessment of the indicator off track (OffTrack).
	Indicator *IndicatorStatus
}

// Subject names what the shortfall is about: "PV-1 Reduce ..." or a
// partnership's title.
func (sf Shortfall) Subject() string {
	if sf.Partnership != nil {
		return sf.Partnership.Title
	}
	if sf.Objective != nil {
		return sf.Objective.Name()
	}
	return ""
}

// URL is the page of what the shortfall is about.
func (sf Shortfall) URL() string {
	if sf.Partnership != nil {
		return sf.Partnership.URL()
	}
	if sf.Objective != nil {
		return sf.Objective.URL()
	}
	return ""
}

// Reason says why this is a shortfall, in a sentence for people; money
// formats amounts in the site currency.
func (sf Shortfall) Reason(money func(float64) string) string {
	switch sf.Kind {
	case NoLead:
		return "No organization is named as its lead."
	case NoPartnership:
		return "No partnership lists it among its objectives."
	case NoFunding:
		if sf.Gap > 0 {
			return fmt.Sprintf("Nothing is committed against an estimated need of %s.", money(sf.Need))
		}
		return "No commitment names it."
	case BelowNeed:
		return fmt.Sprintf("%s committed of %s needed: %s short.", money(sf.Committed), money(sf.Need), money(sf.Gap))
	case SectorAbsent:
		names := make([]string, len(sf.Sectors))
		for i, s := range sf.Sectors {
			names[i] = s.Title
		}
		return "Needed but no participating organization belongs to: " + strings.Join(names, ", ") + "."
	case Overdue:
		return fmt.Sprintf("Due %s and still %s.", sf.Due, sf.Objective.StatusOrDefault())
	case OffTrack:
		in := sf.Indicator
		unit := ""
		if in.Indicator.Unit != "" {
			unit = " " + in.Indicator.Unit
		}
		return fmt.Sprintf("%s: %s%s on %s, where the line from baseline to target expects %s%s.",
			in.Indicator.Name, formatFigure(in.Latest.Value), unit, in.Latest.Date, formatFigure(in.Expected), unit)
	case NoSurvivorVoice:
		return fmt.Sprintf("None of its %d members is survivor-led.", len(sf.Partnership.MemberOrgs))
	}
	return ""
}

// formatFigure writes an indicator value with at most one decimal.
func formatFigure(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}

// objectiveFigures computes one objective's funding, indicator
// assessments and shortfalls.
func objectiveFigures(o *model.Objective, today model.Date) *ObjectiveFigures {
	f := &ObjectiveFigures{Objective: o, Need: o.Need}
	var committed int64
	for _, c := range o.Funding {
		committed = addCents(committed, cents(c.Amount))
	}
	f.Committed = amount(committed)
	var need int64
	if o.Need != nil {
		need = cents(*o.Need)
		f.Gap = amount(max(0, need-committed))
	}
	for i := range o.Indicators {
		f.Indicators = append(f.Indicators, Assess(&o.Indicators[i]))
	}

	add := func(sf Shortfall) {
		sf.Objective = o
		f.Shortfalls = append(f.Shortfalls, sf)
	}
	if len(o.LeadOrgs) == 0 {
		add(Shortfall{Kind: NoLead})
	}
	if len(o.Partnerships) == 0 {
		add(Shortfall{Kind: NoPartnership})
	}
	switch {
	case len(o.Funding) == 0:
		add(Shortfall{Kind: NoFunding, Need: amount(need), Gap: f.Gap})
	case o.Need != nil && committed < need:
		add(Shortfall{Kind: BelowNeed, Committed: f.Committed, Need: amount(need), Gap: f.Gap})
	}
	if len(o.SectorsMissing) > 0 {
		add(Shortfall{Kind: SectorAbsent, Sectors: o.SectorsMissing})
	}
	if IsOverdue(o, today) {
		add(Shortfall{Kind: Overdue, Due: o.Due})
	}
	for i := range f.Indicators {
		if f.Indicators[i].OffTrack {
			add(Shortfall{Kind: OffTrack, Indicator: &f.Indicators[i]})
		}
	}
	return f
}

// IsOverdue reports whether an objective's due date is before today
// while it is neither achieved nor discontinued. Without a due date or a
// today nothing is overdue.
func IsOverdue(o *model.Objective, today model.Date) bool {
	if o.Due.IsZero() || today.IsZero() {
		return false
	}
	switch o.StatusOrDefault() {
	case "achieved", "discontinued":
		return false
	}
	return o.Due.Before(today.Time)
}

// HasSurvivorVoice reports whether any member of the partnership is
// survivor-led.
func HasSurvivorVoice(p *model.Partnership) bool {
	for _, m := range p.MemberOrgs {
		if m.IsSurvivorLed() {
			return true
		}
	}
	return false
}

// collectShortfalls gathers every objective's and partnership's
// shortfalls, grouped by kind.
func (r *Report) collectShortfalls(s *model.Strategy) []Shortfall {
	byKind := map[Kind][]Shortfall{}
	for _, f := range r.Objectives {
		for _, sf := range f.Shortfalls {
			byKind[sf.Kind] = append(byKind[sf.Kind], sf)
		}
	}
	for _, p := range s.Partnerships {
		if !HasSurvivorVoice(p) {
			byKind[NoSurvivorVoice] = append(byKind[NoSurvivorVoice], Shortfall{Kind: NoSurvivorVoice, Partnership: p})
		}
	}
	var out []Shortfall
	for _, k := range Kinds {
		out = append(out, byKind[k.Kind]...)
	}
	return out
}
