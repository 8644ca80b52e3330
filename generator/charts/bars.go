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

// Bars compares committed funding with need: one full-width bar per
// objective on a scale shared by every row, what is committed a solid
// segment from zero and the gap to the need a hatched segment after it,
// so the whole bar is the need. Rows are sorted by gap, largest first.
//
// The geometry is in percent of the scale, not in a fixed viewBox: the
// theme draws each bar as a small SVG as wide as the page, and writes the
// row's label and amounts as HTML text above it, which wraps on a phone
// and is never cut or shrunk.
type Bars struct {
	ID, Title, Summary string
	// Ticks mark amounts along the axis; Pos is in percent of the scale
	// (0 to 100). The first is anchored at its start, the last at its end,
	// so both stay inside the axis.
	Ticks []Tick
	Rows  []BarRow
	// Totals for the table's last row, written in full.
	TotalNeed, TotalCommitted, TotalGap string
	// WithTotals is true when there is more than one row.
	WithTotals bool
	// WithGap is true when some row has a gap: the key then explains the
	// hatched segment.
	WithGap bool
	// Shown and Total count the rows drawn and the rows given: a chart
	// draws at most MaxBars rows, those with the largest gaps.
	Shown, Total int
	// end is the amount the scale runs to from 0.
	end float64
}

// MaxBars is the most rows a bar chart draws; beyond, a picture of
// hundreds of bars says nothing the summary does not.
const MaxBars = 30

// BarRow is one objective's bar.
type BarRow struct {
	// Label names the objective (empty on the objective's own page).
	Label, URL string
	// CommittedW is the committed segment's width; GapX and GapW place
	// the gap segment after it (GapW 0 without a gap); NeedX marks the
	// need when the commitments go beyond it (0 otherwise). All in
	// percent of the scale.
	CommittedW, GapX, GapW, NeedX float64
	Gap                           float64
	// Amounts says the row's money briefly ("$750k of $4M committed");
	// GapLabel the gap or its absence ("$3.25M gap", "need met").
	Amounts, GapLabel string
	// Short is true when the row has a gap.
	Short bool
	// Full amounts for the table; NeedText is "not estimated" without need.
	NeedText, CommittedText, GapText string
}

// FundingBars lays out committed funding against need for rows, sorted by
// gap (largest first). id must be unique within the page.
func FundingBars(id, title string, rows []BarInput, f Formats) Bars {
	f = f.withDefaults()
	b := Bars{ID: id, Title: title, WithTotals: len(rows) > 1, Total: len(rows)}
	var need, committed, gap float64
	for _, r := range rows {
		committed += r.Committed
		if r.Need != nil {
			need += *r.Need
			gap += max(*r.Need-r.Committed, 0)
		}
	}
	all := rows
	rows = byGap(rows)
	rows = rows[:min(len(rows), MaxBars)]
	b.Shown = len(rows)
	b.scale(rows, f)
	for _, in := range rows {
		b.Rows = append(b.Rows, b.row(in, f))
	}
	b.TotalNeed, b.TotalCommitted, b.TotalGap = f.Money(need), f.Money(committed), f.Money(gap)
	b.Summary = barsSummary(all, committed, need, gap, f)
	if b.Shown < b.Total {
		b.Summary += fmt.Sprintf(" The picture and table show the %d with the largest gaps.", b.Shown)
	}
	return b
}

// ObjectiveBar is one objective's bar for its own page, where its need,
// commitments and gap are already written in the key figures above: the
// bar adds the proportion, so its words are shares ("18% committed"), not
// the amounts again. The table keeps the amounts.
func ObjectiveBar(id, title string, in BarInput, f Formats) Bars {
	f = f.withDefaults()
	if in.Need == nil || *in.Need <= 0 {
		b := FundingBars(id, title, []BarInput{in}, f)
		b.Rows[0].Label, b.Rows[0].URL = "", ""
		return b
	}
	// Drawn on a scale of shares of the need, so the axis reads 0% to
	// 100% rather than repeating the need.
	n := *in.Need
	share := Formats{Number: f.Number, Money: f.Money, Date: f.Date, MoneyShort: func(v float64) string { return trimFloat(v, 0) + "%" }}
	b := FundingBars(id, title, []BarInput{{Need: need100, Committed: 100 * in.Committed / n}}, share)
	r := &b.Rows[0]
	r.NeedText, r.CommittedText, r.GapText = f.Money(n), f.Money(in.Committed), f.Money(max(n-in.Committed, 0))
	b.TotalNeed, b.TotalCommitted, b.TotalGap = r.NeedText, r.CommittedText, r.GapText
	switch {
	case in.Committed < n:
		r.Amounts = percent(in.Committed, n) + " of the need committed"
		r.GapLabel = percentUp(n-in.Committed, n) + " still needed"
		b.Summary = fmt.Sprintf("Commitments cover %s of the estimated need; %s is still to be found.", percent(in.Committed, n), percentUp(n-in.Committed, n))
	case in.Committed == n:
		r.Amounts, r.GapLabel = "100% of the need committed", "need met"
		b.Summary = "Commitments cover the whole estimated need."
	default:
		r.Amounts, r.GapLabel = percent(in.Committed, n)+" of the need committed", "need met"
		b.Summary = fmt.Sprintf("Commitments cover the whole estimated need and go beyond it: %s of it.", percent(in.Committed, n))
	}
	return b
}

// need100 is a need of 100%.
var need100 = func() *float64 { v := 100.0; return &v }()

// byGap sorts rows by gap, largest first; then by need and by what is
// committed, largest first; rows alike keep their order.
func byGap(rows []BarInput) []BarInput {
	gapOf := func(r BarInput) float64 {
		if r.Need == nil {
			return 0
		}
		return max(*r.Need-r.Committed, 0)
	}
	needOf := func(r BarInput) float64 {
		if r.Need == nil {
			return 0
		}
		return *r.Need
	}
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b BarInput) int {
		return cmp.Or(cmp.Compare(gapOf(b), gapOf(a)), cmp.Compare(needOf(b), needOf(a)), cmp.Compare(b.Committed, a.Committed))
	})
	return out
}

// scale sets the ticks from zero to a round amount above the largest need
// or commitment of the rows drawn.
func (b *Bars) scale(rows []BarInput, f Formats) {
	top := 0.0
	for _, r := range rows {
		top = max(top, r.Committed)
		if r.Need != nil {
			top = max(top, *r.Need)
		}
	}
	values := niceRange(0, top, 4)
	last := values[len(values)-1]
	b.end = last
	for i, v := range values {
		tk := Tick{Pos: pct(v, last), Label: f.MoneyShort(v)}
		switch i {
		case 0:
			tk.Anchor = "start"
		case len(values) - 1:
			tk.Anchor = "end"
		}
		b.Ticks = append(b.Ticks, tk)
	}
}

// row lays out one objective's bar on the chart's scale.
func (b *Bars) row(in BarInput, f Formats) BarRow {
	last := b.end
	r := BarRow{Label: in.Label, URL: in.URL, NeedText: "not estimated", CommittedText: f.Money(in.Committed), GapText: "—"}
	r.CommittedW = pct(in.Committed, last)
	if in.Need == nil {
		r.Amounts, r.GapLabel = f.MoneyShort(in.Committed)+" committed", "need not estimated"
		return r
	}
	n := *in.Need
	r.NeedText = f.Money(n)
	r.Amounts = f.MoneyShort(in.Committed) + " of " + f.MoneyShort(n) + " committed"
	r.GapLabel = "need met"
	if n > in.Committed {
		r.Gap, r.Short, b.WithGap = n-in.Committed, true, true
		r.GapX, r.GapW = r.CommittedW, round(pct(n, last)-r.CommittedW)
		r.GapLabel = f.MoneyShort(r.Gap) + " gap"
	} else if n < in.Committed {
		r.NeedX = pct(n, last)
	}
	r.GapText = f.Money(r.Gap)
	return r
}

// pct is v as a percentage of whole, to one decimal, within 0 to 100.
func pct(v, whole float64) float64 {
	if whole <= 0 {
		return 0
	}
	return round(min(max(100*v/whole, 0), 100))
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

// percentUp writes part/whole as a whole percentage rounded up, so that
// a share still missing never reads as 0%, and it and percent of the
// rest add up to 100%.
func percentUp(part, whole float64) string {
	if whole <= 0 {
		return "0%"
	}
	p := math.Ceil(100*part/whole - 1e-9)
	return fmt.Sprintf("%.0f%%", p)
}
