package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/data"
	"github.com/commonagenda/agenda/generator/diag"
)

// buildCoverage builds testdata/coverage.txtar with today 2026-06-01.
func buildCoverage(t *testing.T) *Site {
	t.Helper()
	built, diags := buildArchive(t, readArchive(t, "coverage.txtar"), Options{})
	for _, d := range diags {
		// PT-1's progress is listed out of order on purpose (the latest
		// value counts, not the last): that warning is expected.
		if d.Severity == diag.Error || !strings.Contains(d.Message, "out of order") {
			t.Errorf("%s", d)
		}
	}
	if built == nil {
		t.Fatal("no site")
	}
	return built
}

// text is a page with its tags removed and spaces collapsed, for
// asserting on what a reader sees.
func text(page []byte) string {
	s := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(page), " ")
	return strings.Join(strings.Fields(s), " ")
}

// linksIn lists the organization and partnership pages a page links to,
// within its main content.
func linksIn(page []byte) []string {
	main := page[bytes.Index(page, []byte("<main")):bytes.Index(page, []byte("</main>"))]
	var out []string
	for _, m := range regexp.MustCompile(`href="(/(?:organizations|partnerships)/[a-z-]+/)"`).FindAllSubmatch(main, -1) {
		if u := string(m[1]); !strings.HasPrefix(u, "/organizations/page/") && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return out
}

func TestCoveragePage(t *testing.T) {
	st := buildCoverage(t)
	page := st.Files["coverage/index.html"]
	got := text(page)
	// Rows are sectors; per P, organizations then partnerships.
	for _, want := range []string{
		"Government 1 Government organization working on Prevention thin 1 partnership on Prevention with Government members 0 none 0",
		"Victim services 0 none 0 2 Victim services organizations working on Protection 1 partnership on Protection with Victim services members",
		"Survivor-led 0 none 0 1 Survivor-led organization working on Protection thin 1 partnership",
		"Philanthropy 1 Philanthropy organization working on Prevention thin 1 partnership on Prevention with Philanthropy members 0 none 0",
		// Shares: 5 participating organizations, 2 partnerships, 750.25 committed.
		"Prevention 2 2 (40%) 1 (50%) $450 (60%) organizations",
		"Protection 2 3 (60%) 1 (50%) $300.25 (40%) funding",
		"10 shortfalls in all",
		"No lead organization : 1", "No partnership : 2", "No funding : 1", "Funding below need : 1",
		"Sector absent : 1", "Overdue : 1", "Indicator off track : 2", "No survivor-led member : 1",
		"PV-1 Prevent Prevention $150 committed of $200 needed: $50 short.",
		"PT-2 Voices Protection Nothing is committed against an estimated need of $1,000.",
		"PV-2 Child Prevention Due 2026-03-01 and still in-progress.",
		"Days to shelter: 7 days on 2025-07-01, where the line from baseline to target expects 4 days.",
		"Task Force None of its 2 members is survivor-led.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("/coverage/ lacks %q", want)
		}
	}
	if bytes.Contains(page, []byte("style=")) {
		t.Error("/coverage/ uses inline style")
	}

	// Each cell's links lead to pages listing exactly what it counts.
	cells := map[string][]string{
		"prevention/government":      {"/organizations/gov/", "/partnerships/task/"},
		"prevention/philanthropy":    {"/organizations/fund/", "/partnerships/task/"},
		"protection/victim-services": {"/organizations/shelter/", "/organizations/voices/", "/partnerships/circle/"},
		"protection/survivor-led":    {"/organizations/academy/", "/partnerships/circle/"},
	}
	linked := regexp.MustCompile(`href="/coverage/([a-z-]+/[a-z-]+)/#organizations"`).FindAllSubmatch(page, -1)
	if len(linked) != len(cells) {
		t.Errorf("%d cells link to a page, want %d", len(linked), len(cells))
	}
	for cell, want := range cells {
		var listed []string
		// A long list moves to pages of its own: follow them.
		for f, b := range st.Files {
			if strings.HasPrefix(f, "coverage/"+cell+"/") && strings.HasSuffix(f, "index.html") {
				listed = append(listed, linksIn(b)...)
			}
		}
		slices.Sort(listed)
		listed = slices.Compact(listed)
		if !slices.Equal(listed, want) {
			t.Errorf("cell %s lists %v, want %v", cell, listed, want)
		}
	}
	if _, ok := st.Files["coverage/prevention/victim-services/index.html"]; ok {
		t.Error("an empty cell has a page")
	}
	if _, ok := st.Files["coverage/protection/victim-services/organizations/page/2/index.html"]; !ok {
		t.Error("the two organizations of protection/victim-services are not paginated at page_size 1")
	}
}

func TestFundingPage(t *testing.T) {
	st := buildCoverage(t)
	got := text(st.Files["funding/index.html"])
	for _, want := range []string{
		// The headline adds up: need = covered + still needed.
		"Need of 4 costed objectives $1,800.25 Covered by commitments $750.25 Still needed $1,050 (2 below need) All commitments $750.25 (5)",
		"PV-1 Prevent $200 $150 $50 short",
		"PV-2 Child $300 $300 $0",
		"PT-1 Shelter $300.25 $300.25 $0",
		"PT-2 Voices $1,000 $0 none $1,000 short",
		"Total $1,800.25 $750.25 $1,050",
		// The total tables each add up to the grand total.
		"Fund $450 60% 3 PV-1 PV-2 PT-1", "Government Office $300.25 40% 2 PV-1 PT-1",
		"Prevention $450 60% 3", "Protection $300.25 40% 2",
		"Harbor Shelter $200 27% 2", "Task Force $50 7% 1", "No recipient named $500.25 67% 2",
		"Total $750.25 100% 5",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("/funding/ lacks %q", want)
		}
	}
	if n := strings.Count(got, "Total $750.25 100% 5"); n != 3 {
		t.Errorf("%d total rows of $750.25, want 3 (funder, P, recipient)", n)
	}
}

func TestHomeAndObjectiveShortfalls(t *testing.T) {
	st := buildCoverage(t)
	home := text(st.Files["index.html"])
	for _, want := range []string{
		"Prevention 2 1 1 0 0 1 1 $450", // 2 objectives: achieved, in progress; 1 overdue, 1 off track
		"Protection 2 0 0 0 1 0 1 $300.25",
		"No partnership (2)", "All 10 shortfalls",
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	pv2 := text(st.Files["objectives/pv-2/index.html"])
	for _, want := range []string{"Shortfalls (4)", "No lead organization", "Sector absent Needed but no participating organization belongs to: Survivor-led.", "Overdue Due 2026-03-01"} {
		if !strings.Contains(pv2, want) {
			t.Errorf("PV-2's page lacks %q", want)
		}
	}
	if pt1 := text(st.Files["objectives/pt-1/index.html"]); strings.Contains(pt1, "Funding below need") || strings.Contains(pt1, "Overdue") {
		t.Error("PT-1, funded exactly at need and discontinued, shows a funding or overdue shortfall")
	}
}

func TestDataFiles(t *testing.T) {
	st := buildCoverage(t)
	rows := map[string]int{"objectives.csv": 4, "organizations.csv": 5, "partnerships.csv": 2, "funding.csv": 5, "indicators.csv": 2}
	for name, n := range rows {
		records, err := csv.NewReader(bytes.NewReader(st.Files["data/"+name])).ReadAll()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(records) != n+1 {
			t.Errorf("%s: %d rows after the header, want %d", name, len(records)-1, n)
		}
	}
	var obj data.JSONObjectiveFile
	if err := json.Unmarshal(st.Files["objectives/pv-1/index.json"], &obj); err != nil {
		t.Fatal(err)
	}
	if o := obj.Objective; o.ID != "PV-1" || o.FundingCommitted != 150 || o.FundingGap == nil || *o.FundingGap != 50 ||
		len(o.Shortfalls) != 2 || o.Shortfalls[0].Kind != "below-need" || obj.AsOf != "2026-06-01" {
		t.Errorf("index.json of PV-1: %+v", obj)
	}
	var all data.JSONStrategy
	if err := json.Unmarshal(st.Files["data/strategy.json"], &all); err != nil {
		t.Fatal(err)
	}
	if all.Funding.Total != 750.25 || len(all.Coverage) != 8 || all.Version != data.Version {
		t.Errorf("strategy.json funding %+v, %d coverage cells", all.Funding, len(all.Coverage))
	}

	page := text(st.Files["data/index.html"])
	for _, want := range []string{"Our data", "Reuse it freely.", "objectives.csv", "indicators.csv", "objectives[].shortfalls[].kind", "off_track"} {
		if !strings.Contains(page, want) {
			t.Errorf("/data/ lacks %q", want)
		}
	}
	if !bytes.Contains(st.Files["downloads/index.html"], []byte(`url=/data/`)) {
		t.Error("/downloads/ does not redirect to /data/")
	}
	if !bytes.Contains(st.Files["_redirects"], []byte("/downloads/ /data/ 301")) {
		t.Errorf("_redirects lacks /downloads/:\n%s", st.Files["_redirects"])
	}
	if !bytes.Contains(st.Files["about/index.html"], []byte(`href="/data/"`)) && !bytes.Contains(st.Files["index.html"], []byte(`href="/data/"`)) {
		t.Error("no page links to /data/ in its footer")
	}
}

// On the example strategy, which has commitments beyond a need and to
// objectives without an estimate, /funding/'s headline still adds up:
// need = covered + still needed.
func TestFundingHeadlineAddsUp(t *testing.T) {
	st, diags := Build(Options{Source: filepath.Join("..", "..", "content"), Today: today})
	if st == nil {
		t.Fatal(diags.Items())
	}
	got := text(st.Files["funding/index.html"])
	m := regexp.MustCompile(`costed objectives \$([\d,]+) Covered by commitments \$([\d,]+) Still needed \$([\d,]+) .* All commitments \$([\d,]+)`).FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("no headline in /funding/: %.300s", got)
	}
	n := func(s string) int {
		v, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	need, covered, gap, all := n(m[1]), n(m[2]), n(m[3]), n(m[4])
	if need != covered+gap {
		t.Errorf("need %d != covered %d + still needed %d", need, covered, gap)
	}
	if all <= covered || !strings.Contains(got, "goes beyond an objective's need") {
		t.Errorf("all commitments %d against covered %d: the example should show money beyond a need, and say so", all, covered)
	}
}
