package charts

import "testing"

func TestGridPaths(t *testing.T) {
	ticks := []Tick{{Pos: 10}, {Pos: 42.5}}
	if got, want := across(ticks, 5, 300), "M5 10H300M5 42.5H300"; got != want {
		t.Errorf("across = %q, want %q", got, want)
	}
	if got, want := upward(ticks, 0, 120.5), "M10 0V120.5M42.5 0V120.5"; got != want {
		t.Errorf("upward = %q, want %q", got, want)
	}
	if got := across(nil, 0, 1); got != "" {
		t.Errorf("no ticks, no gridlines: %q", got)
	}
}
