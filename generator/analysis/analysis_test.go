package analysis

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/link"
	"github.com/commonagenda/agenda/generator/model"
)

func date(y int, m time.Month, d int) model.Date { return model.NewDate(y, m, d) }

func need(v float64) *float64 { return &v }

func measure(v float64, d model.Date) *model.Measure { return &model.Measure{Value: v, Date: d} }

// small is a strategy small enough to count by hand; the comments give
// the counts the tests expect.
//
//	participants: PV-1 {gov, fund} (lead gov, partnership task)
//	              PV-2 {} ; PT-1 {shelter} ; PT-2 {voices, shelter, academy}
//	funding:      gov  PV-1 100 → shelter, PT-1 200.25 → nobody
//	              fund PV-1 50 → task, PT-1 100 → shelter, PV-2 300 → nobody
func small() *model.Strategy { return linked(parsedSmall()) }

// parsedSmall is small before linking, for tests that change it first.
func parsedSmall() *model.Strategy {
	return &model.Strategy{
		Site: model.Site{
			Categories: []*model.Category{{Key: "prevention", Title: "Prevention"}, {Key: "protection", Title: "Protection"}},
			Sectors: []*model.Sector{{Key: "government", Title: "Government"}, {Key: "victim-services", Title: "Victim services"},
				{Key: "survivor-led", Title: "Survivor-led"}, {Key: "philanthropy", Title: "Philanthropy"}},
		},
		Today: date(2026, 6, 1),
		Objectives: []*model.Objective{
			{ID: "PV-1", Title: "Prevent", Category: "prevention", Lead: []string{"gov"}, Need: need(200),
				Sectors: []string{"government", "philanthropy"}, Status: "achieved", Due: date(2026, 1, 1),
				Indicators: []model.Indicator{{Name: "Workers reached", Unit: "people",
					Baseline: measure(0, date(2024, 1, 1)), Target: measure(100, date(2026, 1, 1)),
					Progress: []model.Measure{{Value: 40, Date: date(2025, 1, 1)}}}}},
			{ID: "PV-2", Title: "Child", Category: "prevention", Parent: "PV-1", Need: need(300),
				Sectors: []string{"survivor-led"}, Status: "in-progress", Due: date(2026, 3, 1)},
			{ID: "PT-1", Title: "Shelter", Category: "protection", Lead: []string{"shelter"}, Need: need(300.25),
				Status: "discontinued", Due: date(2026, 1, 1),
				Indicators: []model.Indicator{
					{Name: "Days to shelter", Unit: "days",
						Baseline: measure(10, date(2024, 1, 1)), Target: measure(2, date(2026, 1, 1)),
						Progress: []model.Measure{{Value: 7, Date: date(2025, 7, 1)}, {Value: 5, Date: date(2025, 1, 1)}}},
					{Name: "No target date", Baseline: measure(0, date(2024, 1, 1)), Target: &model.Measure{Value: 9},
						Progress: []model.Measure{{Value: 0, Date: date(2025, 1, 1)}}},
					{Name: "Undated progress", Baseline: measure(0, date(2024, 1, 1)), Target: measure(9, date(2026, 1, 1)),
						Progress: []model.Measure{{Value: 0}}},
				}},
			{ID: "PT-2", Title: "Voices", Category: "protection", Lead: []string{"voices"}, Need: need(1000), Due: date(2027, 1, 1)},
		},
		Organizations: []*model.Organization{
			{Slug: "gov", Title: "Government Office", Sector: "government", Funding: []model.Commitment{
				{Objective: "PV-1", Amount: 100, Recipient: "shelter", Year: 2025},
				{Objective: "PT-1", Amount: 200.25, Year: 2025},
			}},
			{Slug: "fund", Title: "Fund", Sector: "philanthropy", Funding: []model.Commitment{
				{Objective: "PV-1", Amount: 50, Recipient: "task", Year: 2026},
				{Objective: "PT-1", Amount: 100, Recipient: "shelter", Year: 2026},
				{Objective: "PV-2", Amount: 300},
			}},
			{Slug: "shelter", Title: "Harbor Shelter", Sector: "victim-services", Objectives: []string{"PT-1"}},
			{Slug: "voices", Title: "Survivor Voices", Sector: "victim-services", SurvivorLed: true, Objectives: []string{"PT-2"}},
			{Slug: "academy", Title: "Academy", Sector: "survivor-led"},
		},
		Partnerships: []*model.Partnership{
			{Slug: "task", Title: "Task Force", Members: []string{"gov", "fund"}, Objectives: []string{"PV-1"}},
			{Slug: "circle", Title: "Circle", Members: []string{"voices", "shelter", "academy"}, Objectives: []string{"PT-2"}},
		},
	}
}

// linked links a parsed strategy, as the build does.
func linked(s *model.Strategy) *model.Strategy { return link.Link(s, link.Options{Today: s.Today}) }

// plainMoney formats amounts for reasons in tests.
func plainMoney(v float64) string { return fmt.Sprintf("$%g", v) }

func TestShortfalls(t *testing.T) {
	r := Analyze(small())
	var got []string
	for _, sf := range r.Shortfalls {
		got = append(got, fmt.Sprintf("%s %s: %s", sf.Kind, sf.Subject(), sf.Reason(plainMoney)))
	}
	want := []string{
		"no-lead PV-2 Child: No organization is named as its lead.",
		"no-partnership PV-2 Child: No partnership lists it among its objectives.",
		"no-partnership PT-1 Shelter: No partnership lists it among its objectives.",
		"no-funding PT-2 Voices: Nothing is committed against an estimated need of $1000.",
		"below-need PV-1 Prevent: $150 committed of $200 needed: $50 short.",
		"sector-absent PV-2 Child: Needed but no participating organization belongs to: Survivor-led.",
		"overdue PV-2 Child: Due 2026-03-01 and still in-progress.",
		"off-track PV-1 Prevent: Workers reached: 40 people on 2025-01-01, where the line from baseline to target expects 50.1 people.",
		"off-track PT-1 Shelter: Days to shelter: 7 days on 2025-07-01, where the line from baseline to target expects 4 days.",
		"no-survivor-voice Task Force: None of its 2 members is survivor-led.",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("shortfalls:\n%s\nwant:\n%s", g, w)
	}
	if n := len(r.ShortfallsOf(OffTrack)); n != 2 {
		t.Errorf("ShortfallsOf(OffTrack) has %d, want 2", n)
	}
}

func TestObjectiveFigures(t *testing.T) {
	s := small()
	r := Analyze(s)
	tests := []struct {
		id                string
		committed, gap    float64
		kinds             string
		assessed, offbeat string
	}{
		// A parent's sum leaves out its children's: PV-2's 300 does not
		// lift PV-1 to its need.
		{"PV-1", 150, 50, "below-need off-track", "true", "true"},
		// Funded exactly at need is no shortfall.
		{"PV-2", 300, 0, "no-lead no-partnership sector-absent overdue", "", ""},
		// Cents add up exactly: 200.25 + 100 = 300.25, the need.
		// Discontinued, so not overdue although past due.
		{"PT-1", 300.25, 0, "no-partnership off-track", "true false false", "true false false"},
		{"PT-2", 0, 1000, "no-funding", "", ""},
	}
	for _, tt := range tests {
		f := r.Objective(s.Objective(tt.id))
		if f.Committed != tt.committed || f.Gap != tt.gap {
			t.Errorf("%s: committed %v gap %v, want %v and %v", tt.id, f.Committed, f.Gap, tt.committed, tt.gap)
		}
		var kinds, assessed, off []string
		for _, sf := range f.Shortfalls {
			kinds = append(kinds, string(sf.Kind))
		}
		for _, in := range f.Indicators {
			assessed = append(assessed, fmt.Sprint(in.Assessed))
			off = append(off, fmt.Sprint(in.OffTrack))
		}
		if got := strings.Join(kinds, " "); got != tt.kinds {
			t.Errorf("%s: shortfalls %q, want %q", tt.id, got, tt.kinds)
		}
		if got := strings.Join(assessed, " "); got != tt.assessed {
			t.Errorf("%s: assessed %q, want %q", tt.id, got, tt.assessed)
		}
		if got := strings.Join(off, " "); got != tt.offbeat {
			t.Errorf("%s: off track %q, want %q", tt.id, got, tt.offbeat)
		}
	}
	if r.Objective(&model.Objective{}) != nil {
		t.Error("figures for an objective outside the strategy")
	}
}

func TestIsOverdue(t *testing.T) {
	today := date(2026, 6, 1)
	tests := []struct {
		status string
		due    model.Date
		today  model.Date
		want   bool
	}{
		{"", date(2026, 5, 31), today, true}, // planned by default
		{"in-progress", date(2026, 5, 31), today, true},
		{"at-risk", date(2020, 1, 1), today, true},
		{"achieved", date(2026, 5, 31), today, false},
		{"discontinued", date(2026, 5, 31), today, false},
		{"in-progress", today, today, false}, // due today is not yet overdue
		{"in-progress", date(2026, 6, 2), today, false},
		{"in-progress", model.Date{}, today, false},
		{"in-progress", date(2026, 5, 31), model.Date{}, false},
	}
	for _, tt := range tests {
		o := &model.Objective{Status: tt.status, Due: tt.due}
		if got := IsOverdue(o, tt.today); got != tt.want {
			t.Errorf("status %q due %s today %s: overdue %v, want %v", tt.status, tt.due, tt.today, got, tt.want)
		}
	}
}

func TestAssess(t *testing.T) {
	b := date(2024, 1, 1)
	tg := date(2025, 1, 1)  // 366 days later (2024 is a leap year)
	mid := date(2024, 7, 2) // 183 days: exactly half way
	tests := []struct {
		name             string
		in               model.Indicator
		assessed, behind bool
		expected         float64
	}{
		{"rising, below the line", model.Indicator{Baseline: measure(0, b), Target: measure(100, tg), Progress: []model.Measure{{Value: 49, Date: mid}}}, true, true, 50},
		{"rising, on the line", model.Indicator{Baseline: measure(0, b), Target: measure(100, tg), Progress: []model.Measure{{Value: 50, Date: mid}}}, true, false, 50},
		{"rising, above the line", model.Indicator{Baseline: measure(0, b), Target: measure(100, tg), Progress: []model.Measure{{Value: 51, Date: mid}}}, true, false, 50},
		{"falling, above the line", model.Indicator{Baseline: measure(10, b), Target: measure(2, tg), Progress: []model.Measure{{Value: 6.5, Date: mid}}}, true, true, 6},
		{"falling, on the line", model.Indicator{Baseline: measure(10, b), Target: measure(2, tg), Progress: []model.Measure{{Value: 6, Date: mid}}}, true, false, 6},
		{"falling, below the line", model.Indicator{Baseline: measure(10, b), Target: measure(2, tg), Progress: []model.Measure{{Value: 3, Date: mid}}}, true, false, 6},
		{"latest by date, not by order", model.Indicator{Baseline: measure(0, b), Target: measure(100, tg),
			Progress: []model.Measure{{Value: 60, Date: mid}, {Value: 10, Date: date(2024, 2, 1)}}}, true, false, 50},
		{"past the target date, held at target", model.Indicator{Baseline: measure(0, b), Target: measure(100, tg),
			Progress: []model.Measure{{Value: 99, Date: date(2026, 1, 1)}}}, true, true, 100},
		{"before the baseline, held at baseline", model.Indicator{Baseline: measure(5, b), Target: measure(100, tg),
			Progress: []model.Measure{{Value: 4, Date: date(2023, 1, 1)}}}, true, true, 5},
		{"undated progress is skipped", model.Indicator{Baseline: measure(0, b), Target: measure(100, tg),
			Progress: []model.Measure{{Value: 90, Date: mid}, {Value: 0}}}, true, false, 50},
		{"no baseline", model.Indicator{Target: measure(100, tg), Progress: []model.Measure{{Value: 0, Date: mid}}}, false, false, 0},
		{"no target", model.Indicator{Baseline: measure(0, b), Progress: []model.Measure{{Value: 0, Date: mid}}}, false, false, 0},
		{"no progress", model.Indicator{Baseline: measure(0, b), Target: measure(100, tg)}, false, false, 0},
		{"undated baseline", model.Indicator{Baseline: &model.Measure{}, Target: measure(100, tg), Progress: []model.Measure{{Value: 0, Date: mid}}}, false, false, 0},
		{"undated target", model.Indicator{Baseline: measure(0, b), Target: &model.Measure{Value: 100}, Progress: []model.Measure{{Value: 0, Date: mid}}}, false, false, 0},
		{"only undated progress", model.Indicator{Baseline: measure(0, b), Target: measure(100, tg), Progress: []model.Measure{{Value: 0}}}, false, false, 0},
		{"target equals baseline", model.Indicator{Baseline: measure(7, b), Target: measure(7, tg), Progress: []model.Measure{{Value: 0, Date: mid}}}, false, false, 0},
		{"target dated before baseline", model.Indicator{Baseline: measure(0, tg), Target: measure(100, b), Progress: []model.Measure{{Value: 0, Date: mid}}}, false, false, 0},
	}
	for _, tt := range tests {
		st := Assess(&tt.in)
		if st.Assessed != tt.assessed || st.OffTrack != tt.behind || st.Expected != tt.expected {
			t.Errorf("%s: assessed %v off track %v expected %v, want %v %v %v", tt.name, st.Assessed, st.OffTrack, st.Expected, tt.assessed, tt.behind, tt.expected)
		}
	}
}
