package render

import (
	"html"

	"github.com/commonagenda/agenda/generator/charts"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// EmbedView is an objective's card for other sites to show in a frame:
// its status and lead, funding against need, and its latest indicator
// value, each linking to the objective's page. It needs no script.
type EmbedView struct {
	Meta
	Objective ObjectiveItem
	Leads     []OrgItem
	// Page is the objective's page, absolute: links open it in a new
	// tab, out of the frame.
	Page    string
	Figures KeyFigures
	Funding *charts.Bars
	// Latest is the most recent value of each indicator that has one.
	Latest []LatestValue
}

// LatestValue is an indicator's most recent value, and where it should be.
type LatestValue struct {
	Indicator, Value, Date, Target string
	// Behind is set when the value is behind the straight line from
	// baseline to target.
	Behind bool
}

// EmbedCode is the HTML another site pastes to show an objective's card.
type EmbedCode struct {
	URL, Code string
}

// embedView is the card of an objective.
func (r *renderer) embedView(o *model.Objective) EmbedView {
	r.saw(o)
	m := r.meta(routes.EmbedOf(o.URL()), o.Name(), o.Summary, nil)
	m.NoIndex = true
	m.Canonical = r.absURL(o.URL())
	v := EmbedView{Meta: m, Objective: r.objectiveItem(o), Leads: r.orgItems(o.LeadOrgs), Page: m.Canonical}
	// The figures link to the page's sections: not from a frame, where
	// a link opens in the frame unless it says otherwise.
	v.Figures = r.objectivePageFigures(o)
	for i := range v.Figures.Figures {
		v.Figures.Figures[i].URL = ""
	}
	v.Funding = r.objectiveBar(o)
	if f := r.report.Objective(o); f != nil {
		for _, st := range f.Indicators {
			ind := st.Indicator
			latest, ok := ind.Latest()
			if !ok {
				continue
			}
			lv := LatestValue{Indicator: ind.Name, Value: withUnit(latest.Value, ind.Unit), Date: formatDate(latest.Date), Behind: st.Assessed && st.OffTrack}
			if ind.Target != nil {
				lv.Target = withUnit(ind.Target.Value, ind.Unit)
				if !ind.Target.Date.IsZero() {
					lv.Target += " by " + formatDate(ind.Target.Date)
				}
			}
			v.Latest = append(v.Latest, lv)
		}
	}
	return v
}

func withUnit(v float64, unit string) string {
	if unit == "" {
		return formatNumber(v)
	}
	return formatNumber(v) + " " + unit
}

// embedCode is the code that shows the card of o on another site.
func (r *renderer) embedCode(o *model.Objective) EmbedCode {
	u := r.absURL(routes.EmbedOf(o.URL()))
	return EmbedCode{URL: u, Code: `<iframe src="` + html.EscapeString(u) + `" title="` + html.EscapeString(o.Name()+" — "+r.s.Site.Title) +
		`" width="100%" height="480" loading="lazy"></iframe>`}
}
