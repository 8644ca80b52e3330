package charts

import (
	"reflect"
	"strings"
	"testing"
)

func need(v float64) *float64 { return &v }

func TestFundingBarsScale(t *testing.T) {
	b := FundingBars("f", "Funding", []BarInput{
		{Label: "PV-2 Schools", Need: need(500_000), Committed: 600_000},
		{Label: "PV-3 Unestimated", Committed: 200_000},
		{Label: "PV-1 Recruitment", URL: "/objectives/pv-1/", Need: need(4_000_000), Committed: 1_250_000},
	}, Formats{})
	var ticks []string
	for _, tk := range b.Ticks {
		ticks = append(ticks, tk.Label)
	}
	if want := []string{"0", "1M", "2M", "3M", "4M"}; !reflect.DeepEqual(ticks, want) {
		t.Errorf("ticks %v, want %v", ticks, want)
	}
	// The first and last tick labels are anchored inside the axis.
	var anchors []string
	for _, tk := range b.Ticks {
		anchors = append(anchors, tk.Anchor)
	}
	if want := []string{"start", "", "", "", "end"}; !reflect.DeepEqual(anchors, want) {
		t.Errorf("anchors %v, want %v", anchors, want)
	}
	if b.Ticks[0].Pos != 0 || b.Ticks[4].Pos != 100 || b.Ticks[1].Pos != 25 {
		t.Errorf("tick positions %v", b.Ticks)
	}
	r := b.Rows
	// Sorted by gap: PV-1 (2.75M short) first, then PV-2 (met, need
	// 500k) and the unestimated PV-3 last.
	if r[0].Label != "PV-1 Recruitment" || r[1].Label != "PV-2 Schools" || r[2].Label != "PV-3 Unestimated" {
		t.Fatalf("rows %q %q %q, want sorted by gap", r[0].Label, r[1].Label, r[2].Label)
	}
	// The gap is a segment of its own after what is committed, and the
	// two together are the need: 4M spans the scale.
	if r[0].CommittedW != 31.3 || r[0].GapX != r[0].CommittedW || r[0].CommittedW+r[0].GapW != 100 {
		t.Errorf("PV-1 committed %v, gap at %v width %v", r[0].CommittedW, r[0].GapX, r[0].GapW)
	}
	if r[0].Gap != 2_750_000 || r[0].GapLabel != "2.75M gap" || r[0].Amounts != "1.25M of 4M committed" || !r[0].Short {
		t.Errorf("PV-1 %v %q %q", r[0].Gap, r[0].Amounts, r[0].GapLabel)
	}
	// Beyond its need: no gap segment, a mark where the need is.
	if r[1].GapW != 0 || r[1].NeedX != 12.5 || r[1].CommittedW != 15 || r[1].GapLabel != "need met" || r[1].Short {
		t.Errorf("PV-2 %+v", r[1])
	}
	if r[2].GapW != 0 || r[2].NeedX != 0 || r[2].NeedText != "not estimated" || r[2].GapText != "—" || r[2].GapLabel != "need not estimated" {
		t.Errorf("unestimated row: %+v", r[2])
	}
	if !b.WithGap {
		t.Error("a chart with a gap has no key for it")
	}
	if b.TotalNeed != "4500000" || b.TotalCommitted != "2050000" || b.TotalGap != "2750000" || !b.WithTotals {
		t.Errorf("totals %s %s %s", b.TotalNeed, b.TotalCommitted, b.TotalGap)
	}
	want := "2050000 committed to 3 objectives; the 2 with an estimate need 4500000. 1 is below need: PV-1 Recruitment, 2750000 short."
	if b.Summary != want {
		t.Errorf("summary\n got %s\nwant %s", b.Summary, want)
	}
}

// TestFundingBarsLabelsWhole: a label is never shortened; the theme wraps
// it.
func TestFundingBarsLabelsWhole(t *testing.T) {
	long := "PV-1 Reduce the risk of exploitation in labor recruitment across every sector and region of the country"
	b := FundingBars("f", "t", []BarInput{{Label: long, Need: need(10), Committed: 1}, {Label: "B", Committed: 1}}, Formats{})
	if b.Rows[0].Label != long || strings.Contains(b.Rows[0].Label, "…") {
		t.Errorf("label %q, want it whole", b.Rows[0].Label)
	}
}

// TestObjectiveBar: on its own page an objective's bar says shares, not
// the amounts the key figures already give; the table keeps them.
func TestObjectiveBar(t *testing.T) {
	money := Formats{Money: func(v float64) string { return "$" + trimFloat(v, 0) }}
	b := ObjectiveBar("f", "t", BarInput{Label: "PV-1", Need: need(4_000_000), Committed: 750_000}, money)
	r := b.Rows[0]
	if r.Label != "" || r.Amounts != "18% of the need committed" || r.GapLabel != "82% still needed" {
		t.Errorf("row %q %q %q", r.Label, r.Amounts, r.GapLabel)
	}
	if b.Summary != "Commitments cover 18% of the estimated need; 82% is still to be found." {
		t.Errorf("summary %q", b.Summary)
	}
	if strings.Contains(b.Summary+r.Amounts+r.GapLabel, "$") {
		t.Errorf("the picture repeats amounts: %q", b.Summary)
	}
	var ticks []string
	for _, tk := range b.Ticks {
		ticks = append(ticks, tk.Label)
	}
	if want := []string{"0%", "25%", "50%", "75%", "100%"}; !reflect.DeepEqual(ticks, want) {
		t.Errorf("ticks %v, want %v", ticks, want)
	}
	if r.NeedText != "$4000000" || r.CommittedText != "$750000" || r.GapText != "$3250000" {
		t.Errorf("table %q %q %q", r.NeedText, r.CommittedText, r.GapText)
	}
	if r.CommittedW != 18.8 || r.GapW != 81.2 {
		t.Errorf("segments %v %v", r.CommittedW, r.GapW)
	}
	over := ObjectiveBar("f", "t", BarInput{Need: need(100), Committed: 150}, money)
	if over.Rows[0].NeedX == 0 || over.Rows[0].GapW != 0 || !strings.Contains(over.Summary, "150%") {
		t.Errorf("beyond the need: %+v %q", over.Rows[0], over.Summary)
	}
}

func TestFundingBarsSingle(t *testing.T) {
	tests := []struct {
		in   BarInput
		want string
	}{
		{BarInput{Need: need(400), Committed: 100}, "100 committed of an estimated need of 400: 300 short (25% funded)."},
		{BarInput{Need: need(300), Committed: 299.5}, "299.5 committed of an estimated need of 300: 0.5 short (99% funded)."},
		{BarInput{Need: need(100), Committed: 100}, "100 committed, exactly the estimated need."},
		{BarInput{Need: need(100), Committed: 150}, "150 committed, 50 more than the estimated need of 100."},
		{BarInput{Committed: 150}, "150 committed; the need is not estimated."},
	}
	for _, tt := range tests {
		b := FundingBars("f", "t", []BarInput{tt.in}, Formats{})
		if b.Summary != tt.want {
			t.Errorf("got %s\nwant %s", b.Summary, tt.want)
		}
		if b.WithTotals {
			t.Error("a single row has no totals row")
		}
	}
	// Nothing at all still has a scale.
	if b := FundingBars("f", "t", []BarInput{{Committed: 0}}, Formats{}); len(b.Ticks) < 2 || b.Rows[0].CommittedW != 0 {
		t.Errorf("zero funding: ticks %v, width %v", b.Ticks, b.Rows[0].CommittedW)
	}
}

func TestFundingBarsSummaries(t *testing.T) {
	tests := []struct {
		rows []BarInput
		want string
	}{
		{[]BarInput{{Label: "A", Need: need(100), Committed: 10}, {Label: "B", Need: need(50), Committed: 0}},
			"10 committed to 2 objectives against an estimated need of 150. All 2 are below need, 140 short together; the largest gap is A (90)."},
		{[]BarInput{{Label: "A", Need: need(100), Committed: 100}, {Label: "B", Need: need(50), Committed: 60}},
			"160 committed to 2 objectives against an estimated need of 150. None is below its need."},
		{[]BarInput{{Label: "A", Need: need(100), Committed: 10}, {Label: "B", Need: need(50), Committed: 0}, {Label: "C", Need: need(50), Committed: 50}},
			"60 committed to 3 objectives against an estimated need of 200. 2 are below need, 140 short together; the largest gap is A (90)."},
		{[]BarInput{{Label: "A", Committed: 10}, {Label: "B", Committed: 5}},
			"15 committed to 2 objectives; none has an estimated need."},
	}
	for _, tt := range tests {
		if got := FundingBars("f", "t", tt.rows, Formats{}).Summary; got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}

func TestFundingBarsKeepsTheLargestGaps(t *testing.T) {
	var rows []BarInput
	for i := range MaxBars + 5 {
		rows = append(rows, BarInput{Label: string(rune('A' + i)), Need: need(float64(i + 2)), Committed: 1})
	}
	b := FundingBars("f", "t", rows, Formats{})
	if b.Shown != MaxBars || b.Total != MaxBars+5 || len(b.Rows) != MaxBars {
		t.Fatalf("shown %d of %d, %d rows", b.Shown, b.Total, len(b.Rows))
	}
	// The five smallest gaps are left out; the largest comes first.
	if b.Rows[0].Label != rows[len(rows)-1].Label || b.Rows[MaxBars-1].Label != "F" {
		t.Errorf("rows from %s to %s", b.Rows[0].Label, b.Rows[MaxBars-1].Label)
	}
	// Totals and summary still count every row.
	if b.TotalNeed != "665" || !strings.Contains(b.Summary, "35 objectives") || !strings.Contains(b.Summary, "show the 30 with the largest gaps") {
		t.Errorf("total need %s, summary %q", b.TotalNeed, b.Summary)
	}
}
