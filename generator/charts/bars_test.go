package charts

import (
	"reflect"
	"strings"
	"testing"
)

func need(v float64) *float64 { return &v }

func TestFundingBarsScale(t *testing.T) {
	b := FundingBars("f", "Funding", []BarInput{
		{Label: "PV-1 Recruitment", URL: "/objectives/pv-1/", Need: need(4_000_000), Committed: 1_250_000},
		{Label: "PV-2 Schools", Need: need(500_000), Committed: 600_000},
		{Label: "PV-3 Unestimated", Committed: 200_000},
	}, Formats{})
	var ticks []string
	for _, tk := range b.Ticks {
		ticks = append(ticks, tk.Label)
	}
	if want := []string{"0", "1M", "2M", "3M", "4M"}; !reflect.DeepEqual(ticks, want) {
		t.Errorf("ticks %v, want %v", ticks, want)
	}
	r := b.Rows
	// The shared scale: 4M spans the plot, 1.25M a little under a third.
	if r[0].Need.W != b.Plot.W || r[0].Committed.W != round(b.Plot.W*1.25/4) {
		t.Errorf("PV-1 widths need %v committed %v, plot %v", r[0].Need.W, r[0].Committed.W, b.Plot.W)
	}
	if r[1].Need.W >= r[1].Committed.W || r[1].Committed.W != round(b.Plot.W*0.6/4) {
		t.Errorf("PV-2 widths need %v committed %v", r[1].Need.W, r[1].Committed.W)
	}
	if r[0].Gap != 2_750_000 || r[0].GapLabel != "Gap 2.75M" || r[1].Gap != 0 || r[1].GapLabel != "" {
		t.Errorf("gaps %v %q, %v %q", r[0].Gap, r[0].GapLabel, r[1].Gap, r[1].GapLabel)
	}
	if r[2].Need != nil || r[2].NeedText != "not estimated" || r[2].GapText != "—" {
		t.Errorf("unestimated row: need %+v, %q, gap %q", r[2].Need, r[2].NeedText, r[2].GapText)
	}
	// Rows do not overlap and stay inside the picture.
	for i := 1; i < len(r); i++ {
		if r[i].TextY-barsFont < r[i-1].Committed.Y+r[i-1].Committed.H {
			t.Errorf("row %d starts at %v, above the end of row %d", i, r[i].TextY, i-1)
		}
	}
	last := r[len(r)-1].Committed
	if last.Y+last.H > b.Plot.Bottom || b.Plot.Bottom >= b.Height {
		t.Errorf("last bar ends at %v; plot bottom %v, height %v", last.Y+last.H, b.Plot.Bottom, b.Height)
	}
	for _, row := range r {
		for _, bar := range []*Bar{row.Need, &row.Committed} {
			if bar != nil && !bar.Inside && bar.LabelX+textWidth(bar.Label, barsFont) > b.Width+0.1 {
				t.Errorf("label %q runs out of the picture", bar.Label)
			}
		}
	}
	if b.TotalNeed != "4500000" || b.TotalCommitted != "2050000" || b.TotalGap != "2750000" || !b.WithTotals {
		t.Errorf("totals %s %s %s", b.TotalNeed, b.TotalCommitted, b.TotalGap)
	}
	want := "2050000 committed to 3 objectives; the 2 with an estimate need 4500000. 1 is below need: PV-1 Recruitment, 2750000 short."
	if b.Summary != want {
		t.Errorf("summary\n got %s\nwant %s", b.Summary, want)
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
	if b := FundingBars("f", "t", []BarInput{{Committed: 0}}, Formats{}); len(b.Ticks) < 2 || b.Rows[0].Committed.W != 0 {
		t.Errorf("zero funding: ticks %v, width %v", b.Ticks, b.Rows[0].Committed.W)
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

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"Short", 10, "Short"},
		{"PV-1 Reduce vulnerability to trafficking", 34, "PV-1 Reduce vulnerability to…"},
		{"Supercalifragilisticexpialidocious", 10, "Supercali…"},
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestFundingBarsKeepsTheLargest(t *testing.T) {
	var rows []BarInput
	for i := range MaxBars + 5 {
		rows = append(rows, BarInput{Label: string(rune('A' + i)), Need: need(float64(i + 1)), Committed: 1})
	}
	b := FundingBars("f", "t", rows, Formats{})
	if b.Shown != MaxBars || b.Total != MaxBars+5 || len(b.Rows) != MaxBars {
		t.Fatalf("shown %d of %d, %d rows", b.Shown, b.Total, len(b.Rows))
	}
	// The five smallest needs are left out; the order is kept.
	if b.Rows[0].Label != "F" || b.Rows[MaxBars-1].Label != rows[len(rows)-1].Label {
		t.Errorf("rows from %s to %s", b.Rows[0].Label, b.Rows[MaxBars-1].Label)
	}
	// Totals and summary still count every row.
	if b.TotalNeed != "630" || !strings.Contains(b.Summary, "35 objectives") || !strings.Contains(b.Summary, "show the 30 largest") {
		t.Errorf("total need %s, summary %q", b.TotalNeed, b.Summary)
	}
}
