package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	figurePattern = regexp.MustCompile(`(?s)<figure class="chart chart--([a-z]+)".*?</figure>`)
	svgPattern    = regexp.MustCompile(`(?s)<svg\b.*?</svg>`)
	svgTextValue  = regexp.MustCompile(`<text class="chart__value[^"]*"[^>]*>([^<]+)</text>`)
)

// figures returns the chart figures of a page by kind (line, bars,
// network), failing when there are not as many as want says.
func figures(t *testing.T, page, name string, want map[string]int) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	for _, m := range figurePattern.FindAllStringSubmatch(page, -1) {
		got[m[1]] = append(got[m[1]], m[0])
	}
	for kind, n := range want {
		if len(got[kind]) != n {
			t.Errorf("%s: %d %s charts, want %d", name, len(got[kind]), kind, n)
		}
	}
	return got
}

// parseSVG reads an <svg> element to its end as XML.
func parseSVG(t *testing.T, name, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Errorf("%s: the SVG is not well-formed XML: %v\n%s", name, err, svg)
			return
		}
	}
}

// checkFigure asserts what every picture has: a caption in words, an
// image named by its title and description, and a table.
func checkFigure(t *testing.T, name, fig string) {
	t.Helper()
	assertContains(t, name, fig, "<figcaption", `<span class="chart__summary">`, "<table>", "<caption>")
	svgs := svgPattern.FindAllString(fig, -1)
	if len(svgs) == 0 {
		t.Errorf("%s: no picture", name)
		return
	}
	main := svgs[0]
	ids := regexp.MustCompile(`aria-labelledby="([^ "]+)-title ([^ "]+)-desc"`).FindStringSubmatch(main)
	if ids == nil || ids[1] != ids[2] {
		t.Errorf("%s: the SVG is not labelled by its title and desc: %.200s", name, main)
		return
	}
	assertContains(t, name, main, `role="img"`, `<title id="`+ids[1]+`-title">`, `<desc id="`+ids[1]+`-desc">`)
	for _, svg := range svgs {
		parseSVG(t, name, svg)
	}
	if strings.Contains(main, "<a ") || strings.Contains(main, "tabindex") {
		t.Errorf("%s: a role=img picture must not hold links or focusable elements", name)
	}
}

func TestIndicatorChart(t *testing.T) {
	out := build(t, fixture())
	page := file(t, out, "objectives/pv-1/index.html")
	figs := figures(t, page, "PV-1", map[string]int{"line": 1, "bars": 1})
	fig := figs["line"][0]
	checkFigure(t, "PV-1 indicator", fig)
	assertContains(t, "PV-1 indicator", fig,
		"People reached by awareness campaigns",
		"Latest 4,000 people on January 1, 2025, behind the on-track 5,007 for that date; target 25,000 people by January 1, 2030.",
		`<th scope="row">Baseline</th>`, `<th scope="col" class="num">On track</th>`, "Source: Annual report",
		`class="line line--on-track"`, `<use href="#indicator-1-progress" x=`,
		// Behind the line: its own shape and colour, and said in the legend.
		`<path id="indicator-1-behind" class="mark mark--behind"`, `<use href="#indicator-1-behind" x=`,
		`class="chart__value chart__value--behind"`, `dominant-baseline="central">Behind</text>`)
	// Every value written in the picture is in the table.
	svg, table := svgPattern.FindString(fig), fig[strings.Index(fig, "<table>"):]
	values := svgTextValue.FindAllStringSubmatch(svg, -1)
	if len(values) != 3 {
		t.Errorf("%d value labels in the picture, want baseline, progress and target", len(values))
	}
	for _, v := range values {
		if !strings.Contains(table, `<td class="num">`+v[1]+`</td>`) {
			t.Errorf("the picture shows %s, the table does not", v[1])
		}
	}
	// The section keeps its id, and an objective without indicators says so.
	assertContains(t, "PV-1", page, `<section id="indicators"`)
	assertContains(t, "PR-1", file(t, out, "objectives/pr-1/index.html"), "No indicators defined yet.")
}

// checkBars asserts what a bar chart has: a caption in words, a key, one
// row of text per bar, the table, and bars hidden from screen readers
// (their row's text says the same), gridlines drawn before the bars so
// they run behind them, and no label shortened.
func checkBars(t *testing.T, name, fig string, rows int) {
	t.Helper()
	assertContains(t, name, fig, "<figcaption", `<span class="chart__summary">`, `<ul class="bars__key">`,
		"<summary>Table of the figures</summary>", "<table>", "<caption>")
	if n := strings.Count(fig, `<li class="bars__row">`); n != rows {
		t.Errorf("%s: %d rows, want %d", name, n, rows)
	}
	if n := strings.Count(fig, `<p class="bars__amounts">`); n != rows {
		t.Errorf("%s: %d rows say their amounts, want %d", name, n, rows)
	}
	for _, svg := range svgPattern.FindAllString(fig, -1) {
		parseSVG(t, name, svg)
		if !strings.Contains(svg, `aria-hidden="true"`) || strings.Contains(svg, `role="img"`) {
			t.Errorf("%s: a bar's SVG is not hidden from screen readers: %.120s", name, svg)
		}
		if grid, bar := strings.Index(svg, "bars__grid"), strings.Index(svg, "bar--committed"); strings.Contains(svg, "bars__bar") && (grid < 0 || grid > bar) {
			t.Errorf("%s: gridlines are not drawn behind the bar: %.200s", name, svg)
		}
	}
	if strings.Contains(fig, "…") {
		t.Errorf("%s: a label is cut short", name)
	}
}

func TestFundingBarsOnPages(t *testing.T) {
	out := build(t, fixture())
	page := file(t, out, "objectives/pv-1/index.html")
	fig := figures(t, page, "PV-1", map[string]int{"bars": 1})["bars"][0]
	checkBars(t, "PV-1 funding", fig, 1)
	// The key figures above give the amounts; the chart gives shares, the
	// gap as a hatched segment of its own, and the table the amounts.
	assertContains(t, "PV-1 funding", fig,
		"Commitments cover 50% of the estimated need; 50% is still to be found.",
		"50% of the need committed", "50% still needed", `class="bar bar--gap"`, `fill="url(#funding-chart-hatch)"`,
		`<td class="num">$500,000</td><td class="num">$250,000</td><td class="num">$250,000</td>`)
	if strings.Contains(fig[:strings.Index(fig, "<details")], "$") {
		t.Errorf("PV-1: the chart repeats amounts the key figures give")
	}
	// PR-1 has neither need nor funding: no picture.
	figures(t, file(t, out, "objectives/pr-1/index.html"), "PR-1", map[string]int{"bars": 0})

	cat := file(t, out, "categories/prevention/index.html")
	fig = figures(t, cat, "prevention", map[string]int{"bars": 1})["bars"][0]
	checkBars(t, "prevention funding", fig, strings.Count(fig, `<tr><th scope="row"><a href="/objectives/`))
	assertContains(t, "prevention", cat, `<section id="funding"`)
}

func TestNetworks(t *testing.T) {
	out := build(t, fixture())
	tests := []struct {
		name, file, summary string
		nodes               int
	}{
		{"partnerships", "partnerships/index.html", "1 partnership links 3 organizations from 3 sectors; 3 pairs work together.", 3},
		{"prevention", "categories/prevention/index.html", "1 partnership links 3 organizations", 3},
		{"doj", "organizations/doj/index.html", "Department of Justice works with 2 organizations from 2 sectors through 1 partnership.", 3},
	}
	for _, tt := range tests {
		page := file(t, out, tt.file)
		fig := figures(t, page, tt.name, map[string]int{"network": 1})["network"][0]
		checkFigure(t, tt.name, fig)
		assertContains(t, tt.name, fig, tt.summary, `<ol class="network-key"`, "National Anti-Trafficking Task Force")
		if n := strings.Count(fig, `<g class="node node--s`) - strings.Count(fig, `<li><svg`); n != tt.nodes {
			t.Errorf("%s: %d nodes, want %d", tt.name, n, tt.nodes)
		}
		// The table has a row per partnership (one here), naming every
		// member by its number in the picture.
		if n := strings.Count(fig, `<tr><th scope="row"><a href="/partnerships/`); n != 1 {
			t.Errorf("%s: %d table rows, want one per partnership (1)", tt.name, n)
		}
		for i := 1; i <= tt.nodes; i++ {
			if i > 1 && !strings.Contains(fig, "; "+strconv.Itoa(i)+". <a href=") || i == 1 && !strings.Contains(fig, "<td>1. <a href=") {
				t.Errorf("%s: the table does not name member %d", tt.name, i)
			}
		}
	}
	// Acme only funds the task force: no network on its page.
	figures(t, file(t, out, "organizations/acme/index.html"), "acme", map[string]int{"network": 0})
	assertContains(t, "doj", file(t, out, "organizations/doj/index.html"), `<section id="partnerships"`, `node--ego`)
}

func TestChartsAreDeterministic(t *testing.T) {
	for _, name := range []string{"objectives/pv-1/index.html", "partnerships/index.html", "organizations/doj/index.html", "categories/prevention/index.html"} {
		a, b := build(t, fixture()).Files[name], build(t, fixture()).Files[name]
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two renders", name)
		}
		if bytes.Contains(a, []byte(" style=")) {
			t.Errorf("%s: a style attribute breaks the strict CSP", name)
		}
	}
}
