package analysis

import (
	"math"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

func TestFormatAmountAndFigure(t *testing.T) {
	for _, tc := range []struct {
		v              float64
		amount, figure string
	}{
		{0, "0", "0"},
		{999, "999", "999"},
		{1000, "1,000", "1,000"},
		{1250000, "1,250,000", "1,250,000"},
		{12.5, "12.50", "12.5"},
		{1234.567, "1,234.57", "1,234.567"},
		{-3, "-3", "-3"},
		{-1234.5, "-1,234.50", "-1,234.5"},
	} {
		if got := FormatAmount(tc.v); got != tc.amount {
			t.Errorf("FormatAmount(%v) = %q, want %q", tc.v, got, tc.amount)
		}
		if got := FormatFigure(tc.v); got != tc.figure {
			t.Errorf("FormatFigure(%v) = %q, want %q", tc.v, got, tc.figure)
		}
	}
}

// Sums of cents stay at the largest sum they can hold rather than wrap
// around to a negative one, whatever amounts get this far (the check
// phase refuses those above model.MaxAmount).
func TestCentsNeverWrapAround(t *testing.T) {
	for _, tc := range []struct {
		amount float64
		want   int64
	}{
		{12.345, 1235}, {1e300, math.MaxInt64}, {math.Inf(1), math.MaxInt64}, {-1e300, math.MinInt64}, {math.NaN(), 0},
	} {
		if got := cents(tc.amount); got != tc.want {
			t.Errorf("cents(%g) = %d, want %d", tc.amount, got, tc.want)
		}
	}
	sum := int64(0)
	for range 100 {
		sum = addCents(sum, cents(model.MaxAmount))
		if sum < 0 {
			t.Fatalf("the sum wrapped around to %d", sum)
		}
	}
	if sum != math.MaxInt64 {
		t.Errorf("100 of the largest amounts sum to %d, want the largest sum", sum)
	}
	if got := addCents(math.MinInt64+5, -10); got != math.MinInt64 {
		t.Errorf("a sum below the smallest is %d", got)
	}
	if got := addCents(-5, 7); got != 2 {
		t.Errorf("addCents(-5, 7) = %d", got)
	}
}
