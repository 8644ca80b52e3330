package analysis

import "testing"

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
