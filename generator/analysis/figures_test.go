package analysis

import (
	"fmt"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

func TestCoverage(t *testing.T) {
	r := Analyze(small())
	var got []string
	for _, row := range r.Coverage.Rows {
		for _, c := range row.Cells {
			state := "ok"
			switch {
			case c.Empty():
				state = "empty"
			case c.Thin():
				state = "thin"
			}
			got = append(got, fmt.Sprintf("%s/%s orgs=%v parts=%v %s", row.Category.Key, c.Sector.Key,
				slugs(c.Organizations, func(o *model.Organization) string { return o.Slug }),
				slugs(c.Partnerships, func(p *model.Partnership) string { return p.Slug }), state))
		}
	}
	want := `prevention/government orgs=[gov] parts=[task] thin
prevention/victim-services orgs=[] parts=[] empty
prevention/survivor-led orgs=[] parts=[] empty
prevention/philanthropy orgs=[fund] parts=[task] thin
protection/government orgs=[] parts=[] empty
protection/victim-services orgs=[shelter voices] parts=[circle] ok
protection/survivor-led orgs=[academy] parts=[circle] thin
protection/philanthropy orgs=[] parts=[] empty`
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("coverage:\n%s\nwant:\n%s", g, want)
	}
	if c, ok := r.Coverage.Cell("protection", "victim-services"); !ok || len(c.Organizations) != 2 {
		t.Errorf("Cell(protection, victim-services) = %v, %v", c, ok)
	}
	if _, ok := r.Coverage.Cell("protection", "nope"); ok {
		t.Error("a cell for an unknown sector")
	}
}

func TestShares(t *testing.T) {
	r := Analyze(small())
	var got []string
	for _, sh := range r.Shares {
		got = append(got, fmt.Sprintf("%s objectives=%d orgs=%d (%.2f) parts=%d (%.2f) funding=%v (%.4f) fewest=%v lean=%v",
			sh.Category.Key, sh.Objectives, sh.Organizations, sh.OrganizationShare, sh.Partnerships, sh.PartnershipShare,
			sh.Funding, sh.FundingShare, sh.Fewest, sh.Lean()))
	}
	// Five organizations participate, two partnerships list objectives;
	// a tie (one partnership each) marks neither P as having fewest.
	want := `prevention objectives=2 orgs=2 (0.40) parts=1 (0.50) funding=450 (0.5998) fewest=[organizations] lean=false
protection objectives=2 orgs=3 (0.60) parts=1 (0.50) funding=300.25 (0.4002) fewest=[funding] lean=false`
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("shares:\n%s\nwant:\n%s", g, want)
	}
}

// TestLeanCategory gives prevention the least of everything.
func TestLeanCategory(t *testing.T) {
	s := parsedSmall()
	s.Partnerships = append(s.Partnerships, &model.Partnership{Slug: "pair", Title: "Pair", Members: []string{"shelter", "academy"}, Objectives: []string{"PT-1"}})
	for _, o := range s.Organizations {
		if o.Slug == "fund" {
			o.Funding[2].Objective = "PT-2" // 300 moves from prevention to protection
		}
	}
	r := Analyze(linked(s))
	if sh := r.Shares[0]; !sh.Lean() || strings.Join(sh.Fewest, " ") != "organizations partnerships funding" {
		t.Errorf("prevention fewest %v, lean %v; want all three", sh.Fewest, sh.Lean())
	}
	if r.Shares[1].Lean() {
		t.Error("protection is lean too")
	}
}

func TestFunding(t *testing.T) {
	r := Analyze(small())
	f := r.Funding
	if f.Total != 750.25 || f.Count != 5 || len(f.Commitments) != 5 {
		t.Errorf("total %v count %d (%d commitments), want 750.25 and 5", f.Total, f.Count, len(f.Commitments))
	}
	check := func(name string, ts []Total, want string) {
		t.Helper()
		var got []string
		for _, x := range ts {
			title := x.Title()
			if title == "" {
				title = "(unspecified)"
			}
			got = append(got, fmt.Sprintf("%s %v %d %v", title, x.Amount, x.Commitments,
				slugs(x.Objectives, func(o *model.Objective) string { return o.ID })))
		}
		if g := strings.Join(got, "; "); g != want {
			t.Errorf("%s: %s\nwant: %s", name, g, want)
		}
	}
	check("by funder", f.ByFunder, "Fund 450 3 [PV-1 PV-2 PT-1]; Government Office 300.25 2 [PV-1 PT-1]")
	check("by category", f.ByCategory, "Prevention 450 3 [PV-1 PV-2]; Protection 300.25 2 [PT-1]")
	check("by recipient", f.ByRecipient, "Harbor Shelter 200 2 [PV-1 PT-1]; Task Force 50 1 [PV-1]; (unspecified) 500.25 2 [PV-2 PT-1]")
	var objectives []string
	for _, o := range f.ByObjective {
		objectives = append(objectives, fmt.Sprintf("%s %v/%v gap %v", o.Objective.ID, o.Committed, deref(o.Need), o.Gap))
	}
	if g, w := strings.Join(objectives, "; "), "PV-1 150/200 gap 50; PV-2 300/300 gap 0; PT-1 300.25/300.25 gap 0; PT-2 0/1000 gap 1000"; g != w {
		t.Errorf("by objective: %s\nwant: %s", g, w)
	}
	// Every objective has a need here: 200 + 300 + 300.25 + 1000.
	if f.WithNeed != 4 || f.Below != 2 || f.Need != 1800.25 || f.CommittedToNeed != 750.25 || f.Gaps != 1050 {
		t.Errorf("with need %d, below %d, need %v, committed %v, gaps %v; want 4, 2, 1800.25, 750.25, 1050",
			f.WithNeed, f.Below, f.Need, f.CommittedToNeed, f.Gaps)
	}
}

// TestFundingAddsUp checks that every way of summing gives the grand
// total, on amounts whose float sums would drift.
func TestFundingAddsUp(t *testing.T) {
	s := parsedSmall()
	for _, o := range s.Organizations {
		for i := range 7 {
			o.Funding = append(o.Funding, model.Commitment{Objective: []string{"PV-1", "PV-2", "PT-1", "PT-2"}[i%4], Amount: 0.1 * float64(i+1)})
		}
	}
	f := Analyze(linked(s)).Funding
	sumTotals := func(ts []Total) float64 {
		var c int64
		for _, x := range ts {
			c += cents(x.Amount)
		}
		return amount(c)
	}
	var byObjective int64
	for _, o := range f.ByObjective {
		byObjective += cents(o.Committed)
	}
	for name, got := range map[string]float64{
		"funder": sumTotals(f.ByFunder), "category": sumTotals(f.ByCategory),
		"recipient": sumTotals(f.ByRecipient), "objective": amount(byObjective),
	} {
		if got != f.Total {
			t.Errorf("by %s adds up to %v, total is %v", name, got, f.Total)
		}
	}
	if f.Total != 750.25+5*2.8 {
		t.Errorf("total %v, want %v", f.Total, 750.25+5*2.8)
	}
}

func TestEmptyStrategy(t *testing.T) {
	r := Analyze(linked(&model.Strategy{}))
	if len(r.Shortfalls) != 0 || r.Funding.Total != 0 || len(r.Coverage.Rows) != 0 || len(r.Shares) != 0 {
		t.Errorf("empty strategy gave %+v", r)
	}
}

func slugs[T any](items []T, key func(T) string) []string {
	out := make([]string, len(items))
	for i, x := range items {
		out[i] = key(x)
	}
	return out
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}
