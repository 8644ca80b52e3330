package render

import (
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// KeyFigures is the strip of numbers that opens the home, category,
// sector, organization and partnership pages, before any prose, so the
// first screen answers "where does this stand?". The figures come from
// package analysis; the theme shows them as a description list.
type KeyFigures struct {
	// Title names the strip for people and screen readers: "At a glance".
	Title   string
	Figures []KeyFigure
	// Note says what the money figures count, so they can be checked.
	Note string
}

// KeyFigure is one labelled number of a KeyFigures strip.
type KeyFigure struct {
	Label string // "Objectives"
	Value string // formatted: "24", "$1,250,000", "Collaboration"
	// Detail qualifies the value in a few words: "leads 2".
	Detail string
	// URL leads to what the figure counts ("" for none).
	URL string
	// Alert marks a figure that asks for attention: a gap, objectives
	// overdue or off track. The label says so too.
	Alert bool
	// Scale, when set, shows the value as a step on a scale (a
	// partnership's level of collaboration).
	Scale *LevelScale
}

// glanceTitle is the heading of every key-figures strip.
const glanceTitle = "At a glance"

// count writes a count for a key figure.
func count(n int) string { return strconv.Itoa(n) }

// objectiveFigures are the figures of a set of objectives: how many, the
// money against their need, and how many are off track or overdue.
// objectivesURL lists them; the money and the warnings link to where
// /funding/ and /coverage/ explain them.
func (r *renderer) objectiveFigures(g analysis.Glance, objectivesLabel, objectivesURL string) []KeyFigure {
	out := []KeyFigure{{Label: objectivesLabel, Value: count(g.Objectives), URL: objectivesURL}}
	if g.WithNeed > 0 {
		out = append(out,
			KeyFigure{Label: "Estimated need", Value: r.money(g.Need), URL: routes.Funding},
			KeyFigure{Label: "Committed to it", Value: r.money(g.Covered), URL: routes.Funding},
			KeyFigure{Label: "Gap", Value: r.money(g.Gap), URL: routes.Funding, Alert: g.Gap > 0},
		)
	} else {
		out = append(out, KeyFigure{Label: "Committed", Value: r.money(g.Committed), URL: routes.Funding})
	}
	out = append(out,
		KeyFigure{Label: "Off track or at risk", Value: count(g.AtRisk), URL: routes.Coverage + "#" + string(analysis.OffTrack), Alert: g.AtRisk > 0},
		KeyFigure{Label: "Overdue", Value: count(g.Overdue), URL: routes.Coverage + "#" + string(analysis.Overdue), Alert: g.Overdue > 0},
	)
	return out
}

// glanceNote says what the money figures of a Glance count, and the
// commitments they leave out, so that need = committed + gap is seen to
// hold and nothing is hidden.
func (r *renderer) glanceNote(g analysis.Glance) string {
	if g.WithNeed == 0 {
		if g.Objectives == 0 {
			return ""
		}
		return "No objective here has an estimated need yet."
	}
	var b strings.Builder
	b.WriteString("Need, committed and gap count the ")
	b.WriteString(plural(g.WithNeed, "objective", "objectives"))
	b.WriteString(" with an estimated need")
	if g.WithNeed < g.Objectives {
		b.WriteString(" (of " + count(g.Objectives) + ")")
	}
	b.WriteString("; money beyond an objective's need does not fill another's gap.")
	if g.Committed != g.Covered {
		b.WriteString(" All commitments: " + r.money(g.Committed) + ".")
	}
	return b.String()
}

// homeFigures are the whole strategy's key figures.
func (r *renderer) homeFigures() KeyFigures {
	g := r.report.Glance(r.s.Objectives)
	return KeyFigures{Title: glanceTitle, Figures: r.objectiveFigures(g, "Objectives", routes.Objectives), Note: r.glanceNote(g)}
}

// categoryFigures are a P's key figures: its objectives', and how many
// organizations and partnerships work on it.
func (r *renderer) categoryFigures(c *model.Category) KeyFigures {
	g := r.report.Glance(c.Objectives)
	figs := r.objectiveFigures(g, "Objectives", "#objectives-title")
	figs = append(figs[:1], append([]KeyFigure{
		{Label: "Organizations", Value: count(len(c.Organizations)), URL: "#organizations-title"},
		{Label: "Partnerships", Value: count(len(c.Partnerships)), URL: "#partnerships-title"},
	}, figs[1:]...)...)
	return KeyFigures{Title: glanceTitle, Figures: figs, Note: r.glanceNote(g)}
}

// sectorFigures are a sector's key figures: its organizations and
// partnerships, and the objectives that need it.
func (r *renderer) sectorFigures(sec *model.Sector) KeyFigures {
	g := r.report.Glance(sec.Objectives)
	figs := []KeyFigure{
		{Label: "Organizations", Value: count(len(sec.Organizations)), URL: "#organizations-title"},
		{Label: "Partnerships", Value: count(len(sec.Partnerships)), URL: "#partnerships-title"},
	}
	figs = append(figs, r.objectiveFigures(g, "Objectives that need it", "#objectives-title")...)
	return KeyFigures{Title: glanceTitle, Figures: figs, Note: r.glanceNote(g)}
}

// organizationFigures are an organization's key figures: what it works
// on and the money it gives and receives.
func (r *renderer) organizationFigures(o *model.Organization) KeyFigures {
	g := analysis.OrganizationFigures(o)
	obj := KeyFigure{Label: "Objectives", Value: count(g.Objectives), URL: "#objectives"}
	if g.Leads > 0 {
		obj.Detail = "leads " + count(g.Leads)
	}
	return KeyFigures{Title: glanceTitle, Figures: []KeyFigure{
		obj,
		{Label: "Partnerships", Value: count(g.Partnerships), URL: "#partnerships"},
		{Label: "Funding given", Value: r.money(g.Given), URL: "#funding"},
		{Label: "Funding received", Value: r.money(g.Received), URL: "#funding"},
	}}
}

// partnershipFigures are a partnership's key figures: its members by
// sector, its objectives and its level of collaboration.
func (r *renderer) partnershipFigures(p *model.Partnership) KeyFigures {
	var bySector []string
	for _, grp := range p.MembersBySector {
		name := "No sector"
		if grp.Sector != nil {
			name = grp.Sector.Title
		}
		bySector = append(bySector, name+" "+count(len(grp.Organizations)))
	}
	scale := levelScale(p.Level)
	return KeyFigures{Title: glanceTitle, Figures: []KeyFigure{
		{Label: "Members", Value: count(len(p.MemberOrgs)), URL: "#members"},
		{Label: "Objectives", Value: count(len(p.ObjectiveRefs)), URL: "#objectives"},
		{Label: "Level of collaboration", Value: scale.Label, Scale: &scale},
		// Last, as the list of sectors makes it the tallest.
		{Label: "Sectors", Value: count(len(p.MembersBySector)), Detail: strings.Join(bySector, ", "), URL: "#members"},
	}}
}

// objectivePageFigures are one objective's key figures, which funders
// link to: its need, what is committed to it and the gap, who works on
// it and the sectors it still lacks.
func (r *renderer) objectivePageFigures(o *model.Objective) KeyFigures {
	g := r.report.Glance([]*model.Objective{o})
	var figs []KeyFigure
	if g.WithNeed > 0 {
		committed := KeyFigure{Label: "Committed", Value: r.money(g.Committed), URL: "#funding"}
		if g.Committed > g.Need {
			committed.Detail = "beyond its need"
		}
		figs = append(figs,
			KeyFigure{Label: "Estimated need", Value: r.money(g.Need), URL: "#funding"},
			committed,
			KeyFigure{Label: "Gap", Value: r.money(g.Gap), URL: "#funding", Alert: g.Gap > 0},
		)
	} else {
		figs = append(figs, KeyFigure{Label: "Committed", Value: r.money(g.Committed), URL: "#funding", Detail: "no estimated need"})
	}
	figs = append(figs,
		KeyFigure{Label: "Organizations working on it", Value: count(len(o.Participants)), URL: "#organizations"},
		KeyFigure{Label: "Sectors needed but missing", Value: count(len(o.SectorsMissing)), URL: "#organizations", Alert: len(o.SectorsMissing) > 0},
	)
	return KeyFigures{Title: glanceTitle, Figures: figs}
}
