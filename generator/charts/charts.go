// Package charts computes the geometry of the site's pictures: indicator
// progress charts, bars of funding against need, and the network of
// organizations linked through their partnerships.
//
// The pictures are drawn at build time as inline SVG by the theme
// (layouts/partials/charts.html); nothing runs in the browser. This package
// holds no markup: it turns plain inputs or the linked model into
// coordinates, tick positions, labels, a one-sentence summary and the rows
// of the table that is every picture's text alternative, so the theme only
// places what it is given.
//
// Everything here is deterministic. Inputs are walked in the order given or
// sorted (never in map order), layouts use no randomness, and every
// coordinate is rounded to one decimal so output is byte-stable across
// platforms.
//
// Each chart has an ID, unique within its page, from which the theme makes
// the ids that tie the <svg> to its <title> and <desc>.
package charts

import (
	"math"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/model"
)

// Formats turn values into words. The renderer passes its own, so numbers
// in charts read like numbers elsewhere on the page; a nil field falls back
// to a plain format.
type Formats struct {
	// Number writes a figure: 1,250.5.
	Number func(float64) string
	// Money writes an amount in full: $1,250,000.
	Money func(float64) string
	// MoneyShort writes an amount for a label: $1.25M.
	MoneyShort func(float64) string
	// Date writes a date for people: June 30, 2026.
	Date func(model.Date) string
}

// withDefaults fills the missing formats.
func (f Formats) withDefaults() Formats {
	if f.Number == nil {
		f.Number = func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	}
	if f.Money == nil {
		f.Money = f.Number
	}
	if f.MoneyShort == nil {
		f.MoneyShort = Compact
	}
	if f.Date == nil {
		f.Date = func(d model.Date) string { return d.String() }
	}
	return f
}

// Tick is a mark on an axis: its position along the axis and its label.
// Anchor is the label's text-anchor when not centred on Pos: "start" or
// "end", so the labels at the ends of an axis stay inside the picture.
type Tick struct {
	Pos    float64
	Label  string
	Anchor string
}

// Link is a titled page of the site.
type Link struct {
	Title, URL string
}

// round keeps one decimal, and never writes -0.
func round(v float64) float64 {
	r := math.Round(v*10) / 10
	if r == 0 {
		return 0
	}
	return r
}

// niceStep returns a round step (1, 2, 2.5 or 5 times a power of ten) that
// cuts span into about n intervals.
func niceStep(span float64, n int) float64 {
	if span <= 0 || n < 1 {
		return 1
	}
	raw := span / float64(n)
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*pow >= raw {
			return m * pow
		}
	}
	return 10 * pow
}

// niceRange widens [lo, hi] to multiples of a nice step and returns the
// tick values, about n intervals of them.
func niceRange(lo, hi float64, n int) []float64 {
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi == lo {
		if lo == 0 {
			hi = 1
		} else {
			lo, hi = lo-math.Abs(lo)/2, hi+math.Abs(hi)/2
		}
	}
	step := niceStep(hi-lo, n)
	first := math.Floor(lo/step+1e-9) * step
	last := math.Ceil(hi/step-1e-9) * step
	var out []float64
	for i := 0; ; i++ {
		v := first + float64(i)*step
		if v > last+step/2 || i > 50 {
			break
		}
		// Clean up float drift such as 0.30000000000000004.
		v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
		out = append(out, v)
	}
	return out
}

// Compact writes a number briefly for labels: 950, 1.5k, 2.25M, 3B.
func Compact(v float64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	units := []struct {
		size   float64
		suffix string
	}{{1e9, "B"}, {1e6, "M"}, {1e3, "k"}}
	for _, u := range units {
		if v >= u.size {
			return sign + trimFloat(v/u.size, 2) + u.suffix
		}
	}
	return sign + trimFloat(v, 2)
}

// trimFloat writes v with at most prec decimals and no trailing zeros.
func trimFloat(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// decimals is how many decimals v needs, at most 3.
func decimals(v float64) int {
	for d := 0; d < 3; d++ {
		p := math.Pow(10, float64(d))
		if math.Abs(v*p-math.Round(v*p)) < 1e-9 {
			return d
		}
	}
	return 3
}

// roundTo rounds v to d decimals.
func roundTo(v float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(v*p) / p
}

// textWidth estimates the width of a label in a sans-serif font of size
// px: enough to keep labels inside the picture without measuring glyphs.
func textWidth(s string, px float64) float64 {
	return float64(len([]rune(s))) * px * 0.58
}

// Gridlines are drawn as one SVG path per axis rather than a line per
// tick: the picture is the same, and a page with many charts renders
// markedly faster, as each value written into a template costs about a
// microsecond.

// across is path data for horizontal gridlines at ticks (y positions),
// from x1 to x2.
func across(ticks []Tick, x1, x2 float64) string {
	b := make([]byte, 0, 24*len(ticks))
	for _, t := range ticks {
		b = appendCoord(append(appendCoord(append(appendCoord(append(b, 'M'), x1), ' '), t.Pos), 'H'), x2)
	}
	return string(b)
}

// upward is path data for vertical gridlines at ticks (x positions), from
// y1 to y2.
func upward(ticks []Tick, y1, y2 float64) string {
	b := make([]byte, 0, 24*len(ticks))
	for _, t := range ticks {
		b = appendCoord(append(appendCoord(append(appendCoord(append(b, 'M'), t.Pos), ' '), y1), 'V'), y2)
	}
	return string(b)
}

// appendCoord appends a coordinate as the templates would write it:
// shortest form.
func appendCoord(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', -1, 64) }
