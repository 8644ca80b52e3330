package charts

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/model"
)

func date(y int, m time.Month, d int) model.Date { return model.NewDate(y, m, d) }

func at(v float64, d model.Date) *model.Measure { return &model.Measure{Value: v, Date: d} }

// employers is the bundled example's PV-1 indicator: behind its line.
func employers() model.Indicator {
	return model.Indicator{
		Name: "Employers certified", Unit: "employers",
		Baseline: at(40, date(2025, 1, 1)),
		Target:   at(400, date(2028, 12, 31)),
		Progress: []model.Measure{{Value: 150, Date: date(2026, 6, 30)}, {Value: 110, Date: date(2025, 12, 31)}},
	}
}

func TestNiceRange(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []float64
	}{
		{0, 400, []float64{0, 100, 200, 300, 400}},
		{0, 95, []float64{0, 25, 50, 75, 100}},
		{58, 95, []float64{50, 60, 70, 80, 90, 100}},
		{0, 0.3, []float64{0, 0.1, 0.2, 0.3}},
		{-12, 30, []float64{-20, 0, 20, 40}},
		{5, 5, []float64{2, 4, 6, 8}},
		{0, 4_000_000, []float64{0, 1e6, 2e6, 3e6, 4e6}},
	}
	for _, tt := range tests {
		if got := niceRange(tt.lo, tt.hi, 4); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("niceRange(%v, %v) = %v, want %v", tt.lo, tt.hi, got, tt.want)
		}
	}
}

func TestCompact(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 950: "950", 1500: "1.5k", 2_250_000: "2.25M", 4e6: "4M", 3e9: "3B", -1200: "-1.2k", 12.345: "12.35"} {
		if got := Compact(v); got != want {
			t.Errorf("Compact(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestIndicatorChartGeometry(t *testing.T) {
	c := IndicatorChart("ind-1", employers(), Formats{})
	if !c.Drawn {
		t.Fatal("not drawn")
	}
	var yl []string
	for _, tk := range c.YTicks {
		yl = append(yl, tk.Label)
	}
	if want := []string{"0", "100", "200", "300", "400"}; !reflect.DeepEqual(yl, want) {
		t.Errorf("y ticks %v, want %v (0-based)", yl, want)
	}
	var xl []string
	for _, tk := range c.XTicks {
		xl = append(xl, tk.Label)
	}
	if want := []string{"2025", "2026", "2027", "2028", "2029"}; !reflect.DeepEqual(xl, want) {
		t.Errorf("x ticks %v, want %v", xl, want)
	}
	// The baseline sits at the first tick; the target, on December 31,
	// 2028, inside the last tick (2029), not past it.
	last := c.XTicks[len(c.XTicks)-1]
	if c.Baseline.X != c.Plot.X || c.Target.X >= last.Pos || c.Target.X < c.XTicks[len(c.XTicks)-2].Pos || last.Pos != c.Plot.Right {
		t.Errorf("baseline x %v target x %v, ticks %v; plot %v to %v", c.Baseline.X, c.Target.X, c.XTicks, c.Plot.X, c.Plot.Right)
	}
	// The target's value is inside the value axis too.
	if top := c.YTicks[len(c.YTicks)-1]; c.Target.Y < top.Pos {
		t.Errorf("target at y %v, above the last tick (%v)", c.Target.Y, top.Pos)
	}
	// Every tick label stays inside the picture.
	for _, tk := range c.XTicks {
		w := textWidth(tk.Label, lineFont)
		left, right := tk.Pos-w/2, tk.Pos+w/2
		if tk.Anchor == "end" {
			left, right = tk.Pos-w, tk.Pos
		}
		if left < 0 || right > c.Width {
			t.Errorf("tick %q from %v to %v, outside 0 to %v", tk.Label, left, right, c.Width)
		}
	}
	// 0 is at the bottom, 400 at the top.
	if c.YTicks[0].Pos != c.Plot.Bottom || c.Target.Y != c.Plot.Y {
		t.Errorf("0 at y %v, target at y %v; plot %+v", c.YTicks[0].Pos, c.Target.Y, c.Plot)
	}
	if *c.OnTrack != (Segment{c.Baseline.X, c.Baseline.Y, c.Target.X, c.Target.Y}) {
		t.Errorf("on-track line %+v does not join baseline and target", *c.OnTrack)
	}
	// Progress in date order, whatever the order given.
	if len(c.Progress) != 2 || c.Progress[0].Value != 110 || c.Progress[0].X >= c.Progress[1].X {
		t.Errorf("progress %+v, want 110 then 150, left to right", c.Progress)
	}
	// 150 on 2026-06-30 lies below the line there.
	lineY := c.OnTrack.Y1 + (c.OnTrack.Y2-c.OnTrack.Y1)*(c.Progress[1].X-c.OnTrack.X1)/(c.OnTrack.X2-c.OnTrack.X1)
	if c.Progress[1].Y <= lineY {
		t.Errorf("latest point y %v is not below the line (y %v)", c.Progress[1].Y, lineY)
	}
	for _, k := range append(c.Progress, *c.Baseline, *c.Target) {
		if k.LabelX < 0 || k.LabelX > c.Width || k.LabelY < 0 || k.LabelY > c.Height {
			t.Errorf("label %q at (%v, %v) outside the picture", k.Label, k.LabelX, k.LabelY)
		}
	}
	var kinds []string
	for _, l := range c.Legend {
		kinds = append(kinds, l.Kind)
	}
	if want := []string{"progress", "behind", "on-track", "target", "baseline"}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("legend %v, want %v", kinds, want)
	}
	for _, l := range c.Legend {
		if l.TextX+textWidth(l.Label, lineFont) > c.Width || l.Y+lineFont > c.Plot.Y {
			t.Errorf("legend %q at (%v, %v) outside the picture or over the plot (top %v)", l.Label, l.TextX, l.Y, c.Plot.Y)
		}
	}
	// Behind the line is a shape and a colour of its own: 110 on
	// 2025-12-31 and 150 on 2026-06-30 are both below the line.
	for _, k := range c.Progress {
		if !k.Behind {
			t.Errorf("progress %v is behind the line but not marked", k.Label)
		}
	}
}

func TestIndicatorChartAheadIsNotBehind(t *testing.T) {
	in := employers()
	in.Progress = []model.Measure{{Value: 300, Date: date(2026, 6, 30)}}
	c := IndicatorChart("x", in, Formats{})
	if c.Progress[0].Behind || slices.ContainsFunc(c.Legend, func(l LegendItem) bool { return l.Kind == "behind" }) {
		t.Errorf("a value ahead of the line is marked behind: %+v, legend %+v", c.Progress[0], c.Legend)
	}
}

func TestIndicatorRows(t *testing.T) {
	c := IndicatorChart("ind-1", employers(), Formats{})
	var got []string
	for _, r := range c.Rows {
		got = append(got, r.Label+" "+r.Date.String()+" "+r.ValueLabel+" "+r.OnTrack)
	}
	want := []string{
		"Baseline 2025-01-01 40 40",
		"Progress 2025-12-31 110 130",
		"Progress 2026-06-30 150 174",
		"Target 2028-12-31 400 400",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
	if c.ValueHeader != "Value (employers)" || !c.WithOnTrack {
		t.Errorf("header %q, with on-track %v", c.ValueHeader, c.WithOnTrack)
	}
}

func TestIndicatorSummaries(t *testing.T) {
	decreasing := func(latest float64) model.Indicator {
		return model.Indicator{
			Name: "Days to shelter", Unit: "days",
			Baseline: at(10, date(2025, 1, 1)), Target: at(2, date(2027, 1, 1)),
			Progress: []model.Measure{{Value: latest, Date: date(2026, 1, 1)}},
		}
	}
	ahead := employers()
	ahead.Progress = append(ahead.Progress, model.Measure{Value: 300, Date: date(2027, 1, 1)})
	met := employers()
	met.Progress = append(met.Progress, model.Measure{Value: 420, Date: date(2028, 6, 1)})
	noTarget := employers()
	noTarget.Target = nil
	noProgress := employers()
	noProgress.Progress = nil
	undated := employers()
	undated.Progress = []model.Measure{{Value: 3}}
	percent := model.Indicator{Name: "Share", Unit: "%", Baseline: at(50, date(2025, 1, 1)), Target: at(90, date(2026, 1, 1)), Progress: []model.Measure{{Value: 70, Date: date(2025, 7, 2)}}}

	tests := []struct {
		name string
		in   model.Indicator
		want string
	}{
		{"behind", employers(), "Latest 150 employers on 2026-06-30, behind the on-track 174 for that date; target 400 employers by 2028-12-31."},
		{"ahead", ahead, "Latest 300 employers on 2027-01-01, ahead of the on-track 220 for that date; target 400 employers by 2028-12-31."},
		{"met", met, "Latest 420 employers on 2028-06-01: the target 400 employers by 2028-12-31 is met."},
		{"decreasing behind", decreasing(8), "Latest 8 days on 2026-01-01, behind the on-track 6 for that date; target 2 days by 2027-01-01."},
		{"decreasing ahead", decreasing(4), "Latest 4 days on 2026-01-01, ahead of the on-track 6 for that date; target 2 days by 2027-01-01."},
		{"on the line", decreasing(6), "Latest 6 days on 2026-01-01, on the on-track line (6) for that date; target 2 days by 2027-01-01."},
		{"rounding would hide the difference", percent, "Latest 70% on 2025-07-02, ahead of the on-track 69.9 for that date; target 90% by 2026-01-01."},
		{"no target", noTarget, "Latest 150 employers on 2026-06-30; baseline 40 employers on 2025-01-01; no target, so no on-track line."},
		{"no progress", noProgress, "No progress measured yet; baseline 40 employers on 2025-01-01, target 400 employers by 2028-12-31."},
		{"undated progress", undated, "Progress values have no dates, so they cannot be placed in time; baseline 40 employers on 2025-01-01, target 400 employers by 2028-12-31."},
		{"nothing", model.Indicator{Name: "Empty"}, "No figures yet."},
	}
	for _, tt := range tests {
		c := IndicatorChart("x", tt.in, Formats{})
		if c.Summary != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, c.Summary, tt.want)
		}
		if behind := strings.Contains(c.Summary, "behind"); behind != c.Track.OffTrack {
			t.Errorf("%s: summary says behind %v, analysis says off track %v", tt.name, behind, c.Track.OffTrack)
		}
	}
}

func TestIndicatorPartialCharts(t *testing.T) {
	noTarget := employers()
	noTarget.Target = nil
	c := IndicatorChart("x", noTarget, Formats{})
	if !c.Drawn || c.OnTrack != nil || c.Target != nil || c.WithOnTrack {
		t.Errorf("without target: drawn %v, on-track %v, target %v, on-track column %v", c.Drawn, c.OnTrack, c.Target, c.WithOnTrack)
	}
	if slices.ContainsFunc(c.Legend, func(l LegendItem) bool { return l.Kind == "on-track" || l.Kind == "target" }) {
		t.Errorf("legend %+v names what is not drawn", c.Legend)
	}
	one := model.Indicator{Name: "One", Progress: []model.Measure{{Value: 3, Date: date(2026, 1, 1)}}}
	if c := IndicatorChart("x", one, Formats{}); c.Drawn || len(c.Rows) != 1 {
		t.Errorf("a single figure: drawn %v, %d rows; want a table only", c.Drawn, len(c.Rows))
	}
}

// TestTimeAxis: the axis runs from a tick to a tick, so the first and
// last figures (a target at a year's end) sit inside the ticks.
func TestTimeAxis(t *testing.T) {
	tests := []struct {
		from, to model.Date
		want     []string
	}{
		{date(2025, 1, 1), date(2025, 12, 31), []string{"Jan 2025", "Apr 2025", "Jul 2025", "Oct 2025", "Jan 2026"}},
		{date(2025, 3, 1), date(2026, 6, 30), []string{"Jan 2025", "Jul 2025", "Jan 2026", "Jul 2026"}}, // quarters would crowd 320 units
		{date(2024, 3, 1), date(2026, 6, 30), []string{"2024", "2025", "2026", "2027"}},
		{date(2020, 1, 1), date(2030, 1, 1), []string{"2020", "2022", "2024", "2026", "2028", "2030"}},
		{date(2025, 1, 1), date(2025, 2, 1), []string{"Jan 2025", "Feb 2025"}},
		{date(2025, 1, 1), date(2028, 12, 31), []string{"2025", "2026", "2027", "2028", "2029"}},
	}
	for _, tt := range tests {
		lo, hi, ticks := timeAxis(tt.from, tt.to, 320)
		var got []string
		for _, tk := range ticks {
			got = append(got, tk.label)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("timeAxis(%v, %v) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
		if lo.After(tt.from.Time) || hi.Before(tt.to.Time) || !ticks[0].date.Equal(lo.Time) || !ticks[len(ticks)-1].date.Equal(hi.Time) {
			t.Errorf("timeAxis(%v, %v) spans %v to %v, ticks %v to %v", tt.from, tt.to, lo, hi, ticks[0].date, ticks[len(ticks)-1].date)
		}
	}
}
