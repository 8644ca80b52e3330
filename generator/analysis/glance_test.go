package analysis

import (
	"fmt"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

func TestGlance(t *testing.T) {
	s := small()
	r := Analyze(s)
	// PV-1 needs 200 and has 150, PV-2 needs 300 and has 300, PT-1
	// needs 300.25 and has 300.25, PT-2 needs 1,000 and has nothing.
	// PV-1 and PT-1 have an indicator off track; PV-2 is overdue.
	for _, tc := range []struct {
		name string
		objs []*model.Objective
		want string
	}{
		{"all", s.Objectives, "objectives=4 withNeed=4 need=1800.25 covered=750.25 gap=1050 committed=750.25 atRisk=2 overdue=1"},
		{"prevention", s.Site.Categories[0].Objectives, "objectives=2 withNeed=2 need=500 covered=450 gap=50 committed=450 atRisk=1 overdue=1"},
		{"protection", s.Site.Categories[1].Objectives, "objectives=2 withNeed=2 need=1300.25 covered=300.25 gap=1000 committed=300.25 atRisk=1 overdue=0"},
		{"government", s.Site.Sectors[0].Objectives, "objectives=1 withNeed=1 need=200 covered=150 gap=50 committed=150 atRisk=1 overdue=0"},
		{"none", nil, "objectives=0 withNeed=0 need=0 covered=0 gap=0 committed=0 atRisk=0 overdue=0"},
	} {
		if got := glanceString(r.Glance(tc.objs)); got != tc.want {
			t.Errorf("Glance(%s) = %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// TestGlanceAddsUp: commitments above an objective's need, and those to
// objectives without one, are not counted as covering another's gap, so
// need = covered + gap and the gap is the sum of the objectives' gaps.
func TestGlanceAddsUp(t *testing.T) {
	p := parsedSmall()
	p.Objectives[1].Need = need(100)   // PV-2: 300 committed against 100
	p.Objectives[2].Need = nil         // PT-1: 300.25 committed, no need
	p.Objectives[3].Status = "at-risk" // PT-2: at risk, no indicator
	s := linked(p)
	r := Analyze(s)
	g := r.Glance(s.Objectives)
	want := "objectives=4 withNeed=3 need=1300 covered=250 gap=1050 committed=750.25 atRisk=3 overdue=1"
	if got := glanceString(g); got != want {
		t.Errorf("Glance = %s\nwant %s", got, want)
	}
	if cents(g.Need) != cents(g.Covered)+cents(g.Gap) {
		t.Errorf("need %v != covered %v + gap %v", g.Need, g.Covered, g.Gap)
	}
	var gaps float64
	for _, f := range r.Objectives {
		gaps += f.Gap
	}
	if g.Gap != gaps || g.Gap != r.Funding.Gaps {
		t.Errorf("gap %v, want the objectives' gaps %v (funding page: %v)", g.Gap, gaps, r.Funding.Gaps)
	}
}

func glanceString(g Glance) string {
	return fmt.Sprintf("objectives=%d withNeed=%d need=%v covered=%v gap=%v committed=%v atRisk=%d overdue=%d",
		g.Objectives, g.WithNeed, g.Need, g.Covered, g.Gap, g.Committed, g.AtRisk, g.Overdue)
}

func TestOrganizationFigures(t *testing.T) {
	s := small()
	var got []string
	for _, o := range s.Organizations {
		g := OrganizationFigures(o)
		got = append(got, fmt.Sprintf("%s objectives=%d leads=%d partnerships=%d given=%v received=%v",
			o.Slug, g.Objectives, g.Leads, g.Partnerships, g.Given, g.Received))
	}
	want := []string{
		"academy objectives=0 leads=0 partnerships=1 given=0 received=0",
		"fund objectives=0 leads=0 partnerships=1 given=450 received=0",
		"gov objectives=1 leads=1 partnerships=1 given=300.25 received=0",
		"shelter objectives=1 leads=1 partnerships=1 given=0 received=200",
		"voices objectives=1 leads=1 partnerships=1 given=0 received=0",
	}
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Errorf("organization figures:\n%q\nwant:\n%q", got, want)
			break
		}
	}
}
