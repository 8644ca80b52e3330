package analysis

import (
	"math"
	"strconv"
	"strings"
)

// FormatAmount writes an amount for people, the one way every page and
// data file does: thousands separators, no decimals when it is whole and
// two when it has cents ("1,250,000", "12.50", "-3").
func FormatAmount(v float64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	prec := 2
	if v == math.Trunc(v) {
		prec = 0
	}
	return sign + groupThousands(strconv.FormatFloat(v, 'f', prec, 64))
}

// FormatFigure writes a figure (an indicator's value, a count) with
// thousands separators and as few decimals as it needs ("12.5", "1,200").
func FormatFigure(v float64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return sign + groupThousands(strconv.FormatFloat(v, 'f', -1, 64))
}

// groupThousands puts commas into the integer part of a decimal number.
func groupThousands(s string) string {
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}
