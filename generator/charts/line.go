package charts

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
)

// LineChart is an indicator's progress: time runs left to right from the
// earliest to the latest date among baseline, progress and target; the
// values run up a 0-based axis when that is sensible. The on-track line
// joins baseline and target; the progress points are joined in date order.
type LineChart struct {
	ID, Title, Unit, Source string
	// Summary says in words where the indicator stands.
	Summary string
	// Drawn is false when fewer than two dated figures exist: then there
	// is no picture, only the summary and the table.
	Drawn bool

	Width, Height float64
	Plot          Rect
	XTicks        []Tick // Pos is an x coordinate
	YTicks        []Tick // Pos is a y coordinate
	// GridX and GridY are the gridlines at the ticks as SVG path data.
	GridX, GridY string
	// XLabelY is the baseline of the date labels; YLabelX the right end
	// of the value labels.
	XLabelY, YLabelX float64
	Legend           []LegendItem

	// Baseline and Target are nil when unset or undated.
	Baseline, Target *Mark
	// Progress are the dated progress values, in date order.
	Progress []Mark
	// OnTrack is the line from baseline to target, nil without both.
	OnTrack *Segment

	// Track compares the latest value with the on-track line.
	Track Track
	// Rows are the table alternative: every figure, dated or not.
	Rows []MeasureRow
	// ValueHeader heads the table's value column: "Value (employers)".
	ValueHeader string
	// WithOnTrack is true when the rows carry on-track values.
	WithOnTrack bool
}

// Rect is an area of a chart.
type Rect struct {
	X, Y, W, H    float64
	Right, Bottom float64
}

// Segment is a straight line.
type Segment struct {
	X1, Y1, X2, Y2 float64
}

// Mark is a figure placed on a chart, with its value label.
type Mark struct {
	X, Y  float64
	Value float64
	Date  model.Date
	// Label is the value as written; LabelX, LabelY and Anchor (start,
	// middle or end, for text-anchor) place it.
	Label          string
	LabelX, LabelY float64
	Anchor         string
	// Behind is true for a progress value behind the on-track line at its
	// date (analysis.Assess decides, as for the shortfall lists): the
	// theme draws it with another shape and colour, and the legend says so.
	Behind bool
}

// LegendItem is one key of a chart's legend, on the line at Y. Kind names
// the symbol the theme draws (progress, on-track, target, baseline): a
// sample of line from X1 to X2 and a marker at Mid; the label starts at
// TextX.
type LegendItem struct {
	Kind, Label        string
	X1, X2, Mid, TextX float64
	Y                  float64
}

// MeasureRow is one row of an indicator's table.
type MeasureRow struct {
	Label string      // Baseline, Progress or Target
	Date  *model.Date // nil when undated
	Value float64
	// ValueLabel is Value as written; OnTrack the on-track value at the
	// row's date as written, "" when there is no line or no date.
	ValueLabel, OnTrack string
}

// Line chart layout, in viewBox units. The chart is drawn 400 wide so that
// its 13-unit labels stay legible when scaled down to a 320 px screen.
const (
	lineWidth    = 400
	lineHeight   = 250
	lineFont     = 13
	lineTop      = 44 // legend above the plot
	lineBottom   = 26 // date labels below it
	lineRight    = 16
	legendY      = 14
	legendLine   = 20
	labelOffset  = 9
	minLineDates = 2
)

// IndicatorChart lays out an indicator's chart. id must be unique within
// the page.
func IndicatorChart(id string, in model.Indicator, f Formats) LineChart {
	f = f.withDefaults()
	c := LineChart{ID: id, Title: in.Name, Unit: in.Unit, Source: in.Source, Width: lineWidth, Height: lineHeight}
	c.Track = trackOf(in)
	c.ValueHeader = "Value"
	if in.Unit != "" {
		c.ValueHeader += " (" + in.Unit + ")"
	}
	c.Rows = indicatorRows(in, f)
	c.WithOnTrack = slices.ContainsFunc(c.Rows, func(r MeasureRow) bool { return r.OnTrack != "" })
	c.Summary = indicatorSummary(in, c.Track, f)

	dated := datedMeasures(in)
	days := map[string]bool{}
	for _, m := range dated {
		days[m.Date.String()] = true
	}
	if len(days) < minLineDates {
		return c
	}
	c.Drawn = true
	c.layout(in, dated, f)
	return c
}

// datedMeasures are the figures that can be placed in time.
func datedMeasures(in model.Indicator) []model.Measure {
	var out []model.Measure
	if in.Baseline != nil && !in.Baseline.Date.IsZero() {
		out = append(out, *in.Baseline)
	}
	for _, m := range in.Progress {
		if !m.Date.IsZero() {
			out = append(out, m)
		}
	}
	if in.Target != nil && !in.Target.Date.IsZero() {
		out = append(out, *in.Target)
	}
	return out
}

// layout places axes, marks and the legend.
func (c *LineChart) layout(in model.Indicator, dated []model.Measure, f Formats) {
	t0, t1 := dated[0].Date, dated[0].Date
	lo, hi := dated[0].Value, dated[0].Value
	for _, m := range dated {
		if m.Date.Before(t0.Time) {
			t0 = m.Date
		}
		if m.Date.After(t1.Time) {
			t1 = m.Date
		}
		lo, hi = min(lo, m.Value), max(hi, m.Value)
	}
	// A 0-based axis shows change in proportion; when the figures sit far
	// from 0 it would flatten them, so the axis starts near them instead.
	if lo >= 0 && lo <= 0.6*hi {
		lo = 0
	}
	values := niceRange(lo, hi, 4)
	lo, hi = values[0], values[len(values)-1]

	var labels []string
	labelWidth := 0.0
	for _, v := range values {
		s := f.Number(v)
		labels = append(labels, s)
		labelWidth = max(labelWidth, textWidth(s, lineFont))
	}
	left := labelWidth + 14
	// The legend comes first: when it wraps to a second line, the plot
	// moves down and the picture grows.
	top := c.legend(in, dated) + lineTop - legendY
	c.Height = top + lineHeight - lineTop
	// The time axis runs from tick to tick, so the first and last marks
	// (the target, often at a year's end) sit inside the ticks; the plot
	// ends far enough from the edge for the last tick's label to fit.
	t0, t1, times := timeAxis(t0, t1, lineWidth-lineRight-left)
	right := float64(lineRight)
	if len(times) > 0 {
		left = max(left, textWidth(times[0].label, lineFont)/2+2)
		right = max(right, textWidth(times[len(times)-1].label, lineFont)/2+2)
	}
	c.Plot = Rect{X: round(left), Y: top, W: round(lineWidth - right - left), H: lineHeight - lineTop - lineBottom}
	c.Plot.Right, c.Plot.Bottom = round(c.Plot.X+c.Plot.W), c.Plot.Y+c.Plot.H
	c.XLabelY, c.YLabelX = c.Plot.Bottom+lineFont+6, round(c.Plot.X-7)

	x := func(d model.Date) float64 {
		return round(c.Plot.X + c.Plot.W*float64(d.Sub(t0.Time))/float64(t1.Sub(t0.Time)))
	}
	y := func(v float64) float64 {
		return round(c.Plot.Bottom - c.Plot.H*(v-lo)/(hi-lo))
	}
	for i, v := range values {
		c.YTicks = append(c.YTicks, Tick{Pos: y(v), Label: labels[i]})
	}
	for _, t := range times {
		c.XTicks = append(c.XTicks, Tick{Pos: x(t.date), Label: t.label})
	}
	c.GridY = across(c.YTicks, c.Plot.X, c.Plot.Right)
	c.GridX = upward(c.XTicks, c.Plot.Y, c.Plot.Bottom)

	line, hasLine := onTrackLine(in)
	if hasLine {
		c.OnTrack = &Segment{X1: x(line[0].Date), Y1: y(line[0].Value), X2: x(line[1].Date), Y2: y(line[1].Value)}
	}
	mark := func(m model.Measure) Mark {
		k := Mark{X: x(m.Date), Y: y(m.Value), Value: m.Value, Date: m.Date, Label: f.Number(m.Value)}
		c.placeLabel(&k)
		return k
	}
	if b := in.Baseline; b != nil && !b.Date.IsZero() {
		k := mark(*b)
		c.Baseline = &k
	}
	if g := in.Target; g != nil && !g.Date.IsZero() {
		k := mark(*g)
		// Left of the diamond: the on-track line arrives from below or
		// above on that side, never level with it.
		if k.X > c.Plot.X+textWidth(k.Label, lineFont)+12 {
			k.Anchor, k.LabelX, k.LabelY = "end", round(k.X-11), round(k.Y+lineFont/3)
		}
		c.Target = &k
	}
	for _, m := range in.Progress {
		if !m.Date.IsZero() {
			k := mark(m)
			k.Behind = behind(in, m)
			c.Progress = append(c.Progress, k)
		}
	}
	slices.SortStableFunc(c.Progress, func(a, b Mark) int { return a.Date.Compare(b.Date.Time) })
}

// placeLabel puts a value label above its point, or below it when the
// point is under the on-track line (so the label does not cross the line)
// or at the top of the plot, and keeps it inside the picture.
func (c *LineChart) placeLabel(k *Mark) {
	w := textWidth(k.Label, lineFont)
	k.Anchor, k.LabelX, k.LabelY = "middle", k.X, k.Y-labelOffset
	below := k.LabelY-lineFont < lineTop-6
	if l := c.OnTrack; l != nil && l.X2 > l.X1 && k.X > l.X1 && k.X < l.X2 {
		lineY := l.Y1 + (l.Y2-l.Y1)*(k.X-l.X1)/(l.X2-l.X1)
		below = below || k.Y > lineY
	}
	switch {
	case below && k.Y+labelOffset+lineFont <= c.Plot.Bottom:
		k.LabelY = k.Y + labelOffset + lineFont
	case below && k.X+8+w < c.Width:
		// No room underneath: beside the point, away from the line.
		k.Anchor, k.LabelX, k.LabelY = "start", round(k.X+8), round(k.Y+lineFont/3)
		return
	}
	switch {
	case k.X-w/2 < 2:
		k.Anchor, k.LabelX = "start", k.X-4
	case k.X+w/2 > c.Width-2:
		k.Anchor, k.LabelX = "end", k.X+4
	}
	k.LabelX, k.LabelY = round(max(k.LabelX, 2)), round(k.LabelY)
}

// legend lists the symbols the chart will draw, left to right, on as
// many lines as it needs to stay inside the picture, and returns the last
// line's y.
func (c *LineChart) legend(in model.Indicator, dated []model.Measure) float64 {
	x, y := 0.0, float64(legendY)
	add := func(kind, label string) {
		w := 30 + textWidth(label, lineFont)
		if x > 0 && x+w > c.Width {
			x, y = 0, y+legendLine
		}
		c.Legend = append(c.Legend, LegendItem{Kind: kind, Label: label, X1: round(x), X2: round(x + 24), Mid: round(x + 12), TextX: round(x + 30), Y: y})
		x += w + 14
	}
	progress, late := false, false
	for _, m := range in.Progress {
		if !m.Date.IsZero() {
			progress = true
			late = late || behind(in, m)
		}
	}
	_, line := onTrackLine(in)
	if progress {
		add("progress", "Progress")
	}
	if late {
		add("behind", "Behind")
	}
	if line {
		add("on-track", "On track")
	}
	if in.Target != nil && !in.Target.Date.IsZero() {
		add("target", "Target")
	}
	if in.Baseline != nil && !in.Baseline.Date.IsZero() {
		add("baseline", "Baseline")
	}
	return y
}

// timeTick is a date on the time axis.
type timeTick struct {
	date  model.Date
	label string
}

// timeAxis widens t0 to t1 to whole steps of months (1, 3, 6, 12 or
// more) and returns the widened span and a tick at every step: at most
// seven ticks, and no more than fit side by side in width.
func timeAxis(t0, t1 model.Date, width float64) (model.Date, model.Date, []timeTick) {
	for _, months := range []int{1, 3, 6, 12, 24, 60, 120} {
		start := floorMonths(t0, months)
		// More than seven never fit: count before formatting any label.
		n, end := 1, start
		for ; end.Before(t1.Time) && n <= 7; n++ {
			end = end.AddDate(0, months, 0)
		}
		if n > 7 {
			continue
		}
		var out []timeTick
		for d := start; !d.After(end); d = d.AddDate(0, months, 0) {
			label := d.Format("2006")
			if months < 12 {
				label = d.Format("Jan 2006")
			}
			out = append(out, timeTick{date: model.Date{Time: d}, label: label})
		}
		if room := int(width / (textWidth(out[0].label, lineFont) + 14)); len(out) <= room+1 || months == 120 {
			return model.Date{Time: start}, model.Date{Time: end}, out
		}
	}
	return t0, t1, nil
}

// floorMonths is the first day of the step of months that holds d:
// January 1 of a multiple of the years for steps of a year or more, else
// the first day of the month that starts the step within the year.
func floorMonths(d model.Date, months int) time.Time {
	if months >= 12 {
		years := months / 12
		return time.Date(d.Year()-d.Year()%years, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	m := int(d.Month()) - 1
	return time.Date(d.Year(), time.Month(m-m%months+1), 1, 0, 0, 0, 0, time.UTC)
}

// behind reports whether a progress value is behind the on-track line at
// its own date, by the definition the shortfall lists use.
func behind(in model.Indicator, m model.Measure) bool {
	return analysis.Assess(&model.Indicator{Baseline: in.Baseline, Target: in.Target, Progress: []model.Measure{m}}).OffTrack
}

// indicatorRows are the table: baseline, progress in date order (undated
// last, as listed), target.
func indicatorRows(in model.Indicator, f Formats) []MeasureRow {
	line, hasLine := onTrackLine(in)
	row := func(label string, m model.Measure) MeasureRow {
		r := MeasureRow{Label: label, Value: m.Value, ValueLabel: f.Number(m.Value)}
		if !m.Date.IsZero() {
			d := m.Date
			r.Date = &d
			if hasLine {
				r.OnTrack = f.Number(roundTo(valueAt(line[0], line[1], d), precision(in)))
			}
		}
		return r
	}
	var out []MeasureRow
	if in.Baseline != nil {
		out = append(out, row("Baseline", *in.Baseline))
	}
	progress := slices.Clone(in.Progress)
	slices.SortStableFunc(progress, func(a, b model.Measure) int {
		switch {
		case a.Date.IsZero() || b.Date.IsZero():
			return cmp.Compare(boolInt(a.Date.IsZero()), boolInt(b.Date.IsZero()))
		}
		return a.Date.Compare(b.Date.Time)
	})
	for _, m := range progress {
		out = append(out, row("Progress", m))
	}
	if in.Target != nil {
		out = append(out, row("Target", *in.Target))
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// precision is how many decimals the indicator's figures use, so derived
// values (the on-track value) are written no more precisely.
func precision(in model.Indicator) int {
	p := 0
	for _, m := range datedMeasures(in) {
		p = max(p, decimals(m.Value))
	}
	return min(p, 2)
}

// indicatorSummary says where the indicator stands in one or two sentences:
// "Latest 150 employers on June 30, 2026, behind the on-track 174 for that
// date; target 400 by December 31, 2028."
func indicatorSummary(in model.Indicator, t Track, f Formats) string {
	value := func(v float64) string {
		switch in.Unit {
		case "":
			return f.Number(v)
		case "%":
			return f.Number(v) + "%"
		}
		return f.Number(v) + " " + in.Unit
	}
	at := func(m *model.Measure, word string) string {
		if m.Date.IsZero() {
			return value(m.Value)
		}
		return value(m.Value) + " " + word + " " + f.Date(m.Date)
	}
	var target, baseline string
	if in.Target != nil {
		target = "target " + at(in.Target, "by")
	}
	if in.Baseline != nil {
		baseline = "baseline " + at(in.Baseline, "on")
	}
	var s string
	switch {
	case t.Assessed && t.Met:
		s = fmt.Sprintf("Latest %s: the %s is met.", at(&t.Latest, "on"), target)
	case t.Assessed:
		side := "on the on-track line"
		switch {
		case t.OffTrack:
			side = "behind the on-track"
		case t.Ahead:
			side = "ahead of the on-track"
		}
		// Written as precisely as the figures, or more when rounding would
		// make the line's value look equal to a value off it.
		d := precision(in)
		for d < precision(in)+3 && (t.OffTrack || t.Ahead) && roundTo(t.Expected, d) == t.Latest.Value {
			d++
		}
		expected := f.Number(roundTo(t.Expected, d))
		if !t.OffTrack && !t.Ahead {
			s = fmt.Sprintf("Latest %s, %s (%s) for that date; %s.", at(&t.Latest, "on"), side, expected, target)
		} else {
			s = fmt.Sprintf("Latest %s, %s %s for that date; %s.", at(&t.Latest, "on"), side, expected, target)
		}
	case t.HasLatest:
		s = "Latest " + at(&t.Latest, "on")
		if rest := joinNonEmpty(baseline, target); rest != "" {
			s += "; " + rest
		}
		s += "; " + missingLine(in) + "."
	case len(in.Progress) > 0:
		s = "Progress values have no dates, so they cannot be placed in time"
		if rest := joinNonEmpty(baseline, target); rest != "" {
			s += "; " + rest
		}
		s += "."
	case baseline != "" || target != "":
		s = "No progress measured yet; " + joinNonEmpty(baseline, target) + "."
	default:
		s = "No figures yet."
	}
	return s
}

// missingLine explains why there is no on-track line.
func missingLine(in model.Indicator) string {
	b, g := in.Baseline, in.Target
	switch {
	case b == nil && g == nil:
		return "no baseline or target, so no on-track line"
	case b == nil:
		return "no baseline, so no on-track line"
	case g == nil:
		return "no target, so no on-track line"
	case b.Date.IsZero() || g.Date.IsZero():
		return "baseline or target undated, so no on-track line"
	case b.Value == g.Value:
		return "the target equals the baseline, so progress is not measured against a line"
	}
	return "target not after the baseline, so no on-track line"
}

// joinNonEmpty joins the non-empty parts with ", ".
func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}
