package charts

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// BarInput is one objective's money: its estimated need (nil when not
// estimated) and the sum of the commitments naming it.
type BarInput struct {
	Label, URL string
	Need       *float64
	Committed  float64
}

// Bars compares committed funding with need, one pair of horizontal bars
// per row on a scale shared by every row: the need (an outlined bar) above
// what is committed (a solid bar), each with its amount at its end, and
// the gap named on the row's label line.
type Bars struct {
	ID, Title, Summary string
	Width, Height      float64
	// Plot spans the bars: X is where amounts start, W the full scale.
	Plot Rect
	// Ticks mark amounts along the bottom axis (Pos is an x coordinate);
	// TickY is their labels' baseline.
	Ticks []Tick
	TickY float64
	// Grid is the gridlines at the ticks as SVG path data.
	Grid string
	Rows []BarRow
	// Totals for the table's last row, written in full.
	TotalNeed, TotalCommitted, TotalGap string
	// WithTotals is true when there is more than one row.
	WithTotals bool
	// Shown and Total count the rows drawn and the rows given: a chart
	// draws at most MaxBars rows, those with the largest amounts.
	Shown, Total int
}

// MaxBars is the most rows a bar chart draws; beyond, a picture of
// hundreds of bars says nothing the summary does not.
const MaxBars = 30

// BarRow is one objective's pair of bars.
type BarRow struct {
	Label, URL string
	// Text is Label shortened to fit; TextY its baseline.
	Text  string
	TextY float64
	// Need is nil when the objective has no estimate.
	Need      *Bar
	Committed Bar
	// Gap is need minus committed when positive; GapLabel says it
	// briefly for the picture, at GapX (text-anchor end) on the label line.
	Gap      float64
	GapLabel string
	GapX     float64
	// Full amounts for the table; NeedText is "not estimated" without need.
	NeedText, CommittedText, GapText string
}

// Bar is one bar with its amount label after its end, or inside the end
// (Inside, text-anchor end) when the bar leaves no room after it.
type Bar struct {
	X, Y, W, H     float64
	Value          float64
	Label          string
	LabelX, LabelY float64
	Inside         bool
}

// Bar chart layout, in viewBox units.
const (
	barsWidth  = 400
	barsFont   = 13
	barH       = 13
	barGap     = 3
	barsRight  = 70 // room for a short amount after the longest bar
	rowLabel   = 18
	rowSpacing = 16
	axisSpace  = 26
)

// FundingBars lays out need against committed funding for rows, in the
// order given. id must be unique within the page.
func FundingBars(id, title string, rows []BarInput, f Formats) Bars {
	f = f.withDefaults()
	b := Bars{ID: id, Title: title, Width: barsWidth, WithTotals: len(rows) > 1, Total: len(rows)}
	var need, committed, gap float64
	for _, r := range rows {
		committed += r.Committed
		if r.Need != nil {
			need += *r.Need
			gap += max(*r.Need-r.Committed, 0)
		}
	}
	all := rows
	rows = largest(rows, MaxBars)
	b.Shown = len(rows)
	top := 0.0
	for _, r := range rows {
		top = max(top, r.Committed)
		if r.Need != nil {
			top = max(top, *r.Need)
		}
	}
	values := niceRange(0, top, 4)
	scale := values[len(values)-1]
	// The left margin leaves room for half of the first tick's label.
	b.Plot = Rect{X: 12, Y: 0, W: barsWidth - barsRight - 12}
	b.Plot.Right = b.Plot.X + b.Plot.W
	x := func(v float64) float64 { return round(b.Plot.X + b.Plot.W*v/scale) }

	y := 0.0
	for _, in := range rows {
		row := BarRow{Label: in.Label, URL: in.URL, NeedText: "not estimated", CommittedText: f.Money(in.Committed)}
		row.TextY = y + barsFont
		row.Text = truncate(in.Label, int((b.Plot.W-60)/(barsFont*0.58)))
		y += rowLabel + 2
		if in.Need != nil {
			n := *in.Need
			row.Need = &Bar{X: b.Plot.X, Y: round(y), W: max(x(n)-b.Plot.X, 0), H: barH, Value: n, Label: "Need " + f.MoneyShort(n)}
			row.Need.LabelX, row.Need.LabelY = round(row.Need.X+row.Need.W+5), round(y+barH-2)
			row.NeedText = f.Money(n)
			y += barH + barGap
			if n > in.Committed {
				row.Gap = n - in.Committed
				row.GapLabel = "Gap " + f.MoneyShort(row.Gap)
				row.GapX = barsWidth - 1
			}
			row.GapText = f.Money(row.Gap)
		} else {
			row.GapText = "—"
		}
		c := in.Committed
		row.Committed = Bar{X: b.Plot.X, Y: round(y), W: max(x(c)-b.Plot.X, 0), H: barH, Value: c, Label: "Committed " + f.MoneyShort(c)}
		row.Committed.LabelX, row.Committed.LabelY = round(row.Committed.X+row.Committed.W+5), round(y+barH-2)
		y += barH + rowSpacing
		b.Rows = append(b.Rows, row)
	}
	b.Plot.Y, b.Plot.H = 0, round(y-rowSpacing/2)
	b.Plot.Bottom = b.Plot.H
	for _, v := range values {
		b.Ticks = append(b.Ticks, Tick{Pos: x(v), Label: f.MoneyShort(v)})
	}
	b.Height = round(b.Plot.Bottom + axisSpace)
	b.TickY = round(b.Plot.Bottom + barsFont + 6)
	b.Grid = upward(b.Ticks, b.Plot.Y, b.Plot.Bottom)
	b.TotalNeed, b.TotalCommitted, b.TotalGap = f.Money(need), f.Money(committed), f.Money(gap)
	b.Summary = barsSummary(all, committed, need, gap, f)
	if b.Shown < b.Total {
		b.Summary += fmt.Sprintf(" The picture and table show the %d largest.", b.Shown)
	}
	b.placeLabels()
	return b
}

// largest keeps the n rows with the largest amounts (need or committed),
// in their original order.
func largest(rows []BarInput, n int) []BarInput {
	if len(rows) <= n {
		return rows
	}
	size := func(r BarInput) float64 {
		if r.Need != nil {
			return max(*r.Need, r.Committed)
		}
		return r.Committed
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(size(rows[b]), size(rows[a])) })
	idx = idx[:n]
	slices.Sort(idx)
	out := make([]BarInput, n)
	for i, j := range idx {
		out[i] = rows[j]
	}
	return out
}

// placeLabels moves an amount label inside its bar's end when the bar
// reaches so far right that the label would leave the picture.
func (b *Bars) placeLabels() {
	for i := range b.Rows {
		r := &b.Rows[i]
		for _, bar := range []*Bar{r.Need, &r.Committed} {
			if bar != nil && bar.LabelX+textWidth(bar.Label, barsFont) > b.Width {
				bar.LabelX, bar.Inside = round(bar.X+bar.W-5), true
			}
		}
	}
}

// barsSummary says in a sentence how committed funding compares with need.
func barsSummary(rows []BarInput, committed, need, gap float64, f Formats) string {
	if len(rows) == 0 {
		return "No objectives to compare."
	}
	if len(rows) == 1 {
		r := rows[0]
		if r.Need == nil {
			return fmt.Sprintf("%s committed; the need is not estimated.", f.Money(r.Committed))
		}
		n := *r.Need
		switch {
		case n > r.Committed:
			return fmt.Sprintf("%s committed of an estimated need of %s: %s short (%s funded).", f.Money(r.Committed), f.Money(n), f.Money(n-r.Committed), percent(r.Committed, n))
		case n == r.Committed:
			return fmt.Sprintf("%s committed, exactly the estimated need.", f.Money(r.Committed))
		}
		return fmt.Sprintf("%s committed, %s more than the estimated need of %s.", f.Money(r.Committed), f.Money(r.Committed-n), f.Money(n))
	}
	estimated, below := 0, 0
	var worst BarInput
	worstGap := 0.0
	for _, r := range rows {
		if r.Need == nil {
			continue
		}
		estimated++
		if g := *r.Need - r.Committed; g > 0 {
			below++
			if g > worstGap {
				worst, worstGap = r, g
			}
		}
	}
	s := fmt.Sprintf("%s committed to %d objectives", f.Money(committed), len(rows))
	switch estimated {
	case 0:
		return s + "; none has an estimated need."
	case len(rows):
		s += fmt.Sprintf(" against an estimated need of %s.", f.Money(need))
	default:
		s += fmt.Sprintf("; the %d with an estimate need %s.", estimated, f.Money(need))
	}
	switch {
	case below == 0:
		return s + " None is below its need."
	case below == 1:
		return s + fmt.Sprintf(" 1 is below need: %s, %s short.", worst.Label, f.Money(worstGap))
	case below == estimated:
		s += fmt.Sprintf(" All %d are below need", below)
	default:
		s += fmt.Sprintf(" %d are below need", below)
	}
	return s + fmt.Sprintf(", %s short together; the largest gap is %s (%s).", f.Money(gap), worst.Label, f.Money(worstGap))
}

// percent writes part/whole as a whole percentage, never rounding up to
// 100% while something is missing.
func percent(part, whole float64) string {
	if whole <= 0 {
		return "0%"
	}
	p := math.Floor(100 * part / whole)
	return fmt.Sprintf("%.0f%%", p)
}
