package analysis

import (
	"math"

	"github.com/commonagenda/agenda/generator/model"
)

// IndicatorStatus is an indicator's latest measurement against the
// straight line from its baseline to its target.
type IndicatorStatus struct {
	Indicator *model.Indicator
	// Assessed is false when the indicator lacks a dated baseline, a
	// dated target, a dated progress value, or a direction (target equal
	// to baseline, or a target dated on or before the baseline); the
	// other fields are then zero.
	Assessed bool
	// Latest is the progress value with the latest date (the last one
	// listed among equal dates).
	Latest model.Measure
	// Expected is the value the straight line gives at Latest's date,
	// held at the baseline before it and at the target after it.
	Expected float64
	// Decreasing is true when the target is below the baseline ("days to
	// shelter"): then behind means above the line.
	Decreasing bool
	// OffTrack is true when Latest is behind Expected.
	OffTrack bool
}

// Assess places an indicator's latest progress value against the line
// from baseline to target at that value's date. Behind is below the line
// for a rising target and above it for a falling one; on the line is on
// track, as is a value within rounding error of it.
func Assess(in *model.Indicator) IndicatorStatus {
	st := IndicatorStatus{Indicator: in}
	b, t := in.Baseline, in.Target
	if b == nil || t == nil || b.Date.IsZero() || t.Date.IsZero() || t.Value == b.Value {
		return st
	}
	span := days(b.Date, t.Date)
	if span <= 0 {
		return st
	}
	latest, found := in.Latest()
	if !found {
		return st
	}
	st.Latest = latest
	share := float64(min(max(days(b.Date, st.Latest.Date), 0), span)) / float64(span)
	st.Assessed = true
	st.Expected = b.Value + (t.Value-b.Value)*share
	st.Decreasing = t.Value < b.Value
	// A value within rounding error of the line is on it.
	tolerance := 1e-9 * max(1, math.Abs(b.Value), math.Abs(t.Value))
	if st.Decreasing {
		st.OffTrack = st.Latest.Value > st.Expected+tolerance
	} else {
		st.OffTrack = st.Latest.Value < st.Expected-tolerance
	}
	return st
}

// days counts the days from a to b (negative when b is earlier).
func days(a, b model.Date) int {
	return int(math.Round(b.Sub(a.Time).Hours() / 24))
}
