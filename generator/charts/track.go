package charts

import (
	"math"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
)

// Track is where an indicator stands. Whether it is behind its on-track
// line is decided by analysis.Assess, the one definition of "off track"
// the shortfall lists use too, so a chart can never disagree with them.
type Track struct {
	analysis.IndicatorStatus
	// HasLatest is true when some progress value is dated; Latest is then
	// the latest one even when the indicator cannot be assessed.
	HasLatest bool
	// Ahead is true when the latest value is beyond the line in the
	// target's direction.
	Ahead bool
	// Met is true when the latest value has reached the target.
	Met bool
}

// trackOf assesses an indicator.
func trackOf(in model.Indicator) Track {
	t := Track{IndicatorStatus: analysis.Assess(&in)}
	t.Indicator = nil // a pointer to this function's copy
	if !t.Assessed {
		t.Latest, t.HasLatest = in.Latest()
		return t
	}
	t.HasLatest = true
	g := in.Target.Value
	tolerance := 1e-9 * math.Max(1, math.Abs(g))
	if t.Decreasing {
		t.Ahead = t.Latest.Value < t.Expected-tolerance
		t.Met = t.Latest.Value <= g
	} else {
		t.Ahead = t.Latest.Value > t.Expected+tolerance
		t.Met = t.Latest.Value >= g
	}
	return t
}

// onTrackLine returns the baseline and target when both are dated and the
// target comes after the baseline: the ends of the on-track line.
func onTrackLine(in model.Indicator) ([2]model.Measure, bool) {
	b, g := in.Baseline, in.Target
	if b == nil || g == nil || b.Date.IsZero() || g.Date.IsZero() || !g.Date.After(b.Date.Time) {
		return [2]model.Measure{}, false
	}
	return [2]model.Measure{*b, *g}, true
}

// valueAt is the on-track value at d, computed like analysis.Assess does
// (whole days, held flat before b and after g), for the table's on-track
// column.
func valueAt(b, g model.Measure, d model.Date) float64 {
	if b.Value == g.Value {
		return b.Value
	}
	a := analysis.Assess(&model.Indicator{Baseline: &b, Target: &g, Progress: []model.Measure{{Date: d}}})
	if !a.Assessed {
		return b.Value
	}
	return a.Expected
}
