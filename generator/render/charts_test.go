package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
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

// TestPartnerGrid: /partnerships/ and a P's page show who works with
// whom as partnerships against sectors, a row per partnership under its
// level of collaboration, each cell the members from a sector, and a
// column only for sectors present; no drawn network.
func TestPartnerGrid(t *testing.T) {
	out := build(t, fixture())
	for _, name := range []string{"partnerships/index.html", "categories/prevention/index.html"} {
		page := file(t, out, name)
		if strings.Contains(page, "network__edge") || strings.Contains(page, "<ol class=\"network-key\"") {
			t.Errorf("%s: still draws the network", name)
		}
		i := strings.Index(page, `<table class="grid table--cards">`)
		if i < 0 {
			t.Fatalf("%s: no partnership grid", name)
		}
		grid := page[i : i+strings.Index(page[i:], "</table>")]
		assertContains(t, name, grid,
			`<th scope="col" class="grid__sector"><a class="tag tag--s0" href="/sectors/government/">Government</a></th>`,
			`<span class="level level--3">`, "Collaboration", "(step 3 of 3: cooperation, coordination, collaboration)",
			`<th scope="row"><a href="/partnerships/task-force/">National Anti-Trafficking Task Force</a></th><td class="num" data-label="Members">3</td>`,
			`<td class="num grid__cell tag--s0" data-label="Government">1</td>`,
			`<td class="num grid__cell tag--s2" data-label="Victim services">1</td>`)
		// Three sectors have members: three sector columns, no more.
		if n := strings.Count(grid, `class="grid__sector"`); n != 3 {
			t.Errorf("%s: %d sector columns, want 3 (those with members)", name, n)
		}
	}
}

// TestPartnerTable: an organization's page names its own partners, by
// sector, against the partnerships it shares with each; no numbers to
// look up in a key, and organizations it does not work with are absent.
func TestPartnerTable(t *testing.T) {
	out := build(t, fixture())
	page := file(t, out, "organizations/doj/index.html")
	i := strings.Index(page, `<table class="grid grid--partners table--cards">`)
	if i < 0 {
		t.Fatal("DOJ: no table of partners")
	}
	table := page[i : i+strings.Index(page[i:], "</table>")]
	assertContains(t, "DOJ", page, "Department of Justice works with 2 organizations from 2 sectors through 1 partnership.", `<section id="partnerships"`)
	assertContains(t, "DOJ", table,
		`<th scope="col" class="grid__partnership"><a href="/partnerships/task-force/">National Anti-Trafficking Task Force</a></th>`,
		`<a class="tag tag--s2" href="/sectors/victim-services/">Victim services</a>`,
		`<th scope="row"><a href="/organizations/hope/">Hope Survivors Network</a></th><td class="grid__in">`,
		`<th scope="row"><a href="/organizations/safe-harbor/">Safe Harbor Ministries</a></th>`)
	for _, absent := range []string{"/organizations/doj/", "/organizations/acme/", "/organizations/ovc/"} {
		if strings.Contains(table, absent) {
			t.Errorf("DOJ's partners list %s, which is not its partner", absent)
		}
	}
	// Acme only funds the task force: no partners on its page.
	if strings.Contains(file(t, out, "organizations/acme/index.html"), "grid--partners") {
		t.Error("acme has no partners but shows a table of them")
	}
}

// TestLevelScale: a partnership's level is a step on the three-step
// scale, in its key figures and wherever it is listed.
func TestLevelScale(t *testing.T) {
	out := build(t, fixture())
	page := file(t, out, "partnerships/task-force/index.html")
	assertContains(t, "task force", page,
		`<ol class="level-scale level--3"><li class="level-scale__reached">Cooperation</li><li class="level-scale__reached">Coordination</li><li class="level-scale__reached" aria-current="step">Collaboration</li></ol>`)
	assertContains(t, "PV-1", file(t, out, "objectives/pv-1/index.html"), `<span class="level level--3"><span class="level__steps" aria-hidden="true">`)
	if got := levelScale("coordination"); got.Step != 2 || !got.Steps[1].Current || got.Steps[2].Reached || got.Label != "Coordination" {
		t.Errorf("coordination: %+v", got)
	}
	if got := levelScale(""); got.Step != 0 || got.Steps[0].Reached || got.Label != "Level not stated" {
		t.Errorf("no level: %+v", got)
	}
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
