package render

import (
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/charts"
	"github.com/commonagenda/agenda/generator/model"
)

// This file builds the pictures' views with package charts, which computes
// their geometry; the theme draws them (layouts/partials/charts.html:
// "indicator-chart", "funding-bars").

// chartFormats writes the numbers in charts the way the rest of the page
// writes them.
func (r *renderer) chartFormats() charts.Formats {
	return charts.Formats{Number: formatNumber, Money: r.money, MoneyShort: r.moneyShort, Date: formatDate}
}

// moneyShort writes an amount briefly for chart labels: "$1.25M",
// "300k CHF".
func (r *renderer) moneyShort(v float64) string {
	n := charts.Compact(v)
	if sym, ok := currencySymbols[r.currency]; ok {
		if neg, ok := strings.CutPrefix(n, "-"); ok {
			return "-" + sym + neg
		}
		return sym + n
	}
	return n + " " + r.currency
}

// indicatorCharts lays out an objective's indicators, numbered on its page.
func (r *renderer) indicatorCharts(o *model.Objective) []charts.LineChart {
	var out []charts.LineChart
	for i, in := range o.Indicators {
		out = append(out, charts.IndicatorChart("indicator-"+strconv.Itoa(i+1), in, r.chartFormats()))
	}
	return out
}

// committed sums the commitments naming an objective.
func committed(o *model.Objective) float64 {
	sum := 0.0
	for _, c := range o.Funding {
		sum += c.Amount
	}
	return sum
}

// fundingBars compares committed funding with need for objectives, one
// pair of bars each, leaving out those with neither a need nor a
// commitment; nil when none is left. The /funding/ page and the category
// pages show it for many objectives, each objective's page for itself.
// id must be unique within the page.
func (r *renderer) fundingBars(id, title string, objs []*model.Objective) *charts.Bars {
	var rows []charts.BarInput
	for _, o := range objs {
		c := committed(o)
		if o.Need == nil && c == 0 {
			continue
		}
		rows = append(rows, charts.BarInput{Label: o.ID + " " + o.Title, URL: o.URL(), Need: o.Need, Committed: c})
	}
	if len(rows) == 0 {
		return nil
	}
	b := charts.FundingBars(id, title, rows, r.chartFormats())
	return &b
}

// objectiveBar is an objective's own bar, for its page: the share of its
// need that is committed; nil without an estimated need, when a bar would
// only repeat the committed amount the key figures give.
func (r *renderer) objectiveBar(o *model.Objective) *charts.Bars {
	if o.Need == nil || *o.Need <= 0 {
		return nil
	}
	b := charts.ObjectiveBar("funding-chart", "Share of the estimated need committed to "+o.ID, charts.BarInput{Need: o.Need, Committed: committed(o)}, r.chartFormats())
	return &b
}
