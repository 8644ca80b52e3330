package site_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/site"
)

// The directory of help lists those who help people directly, hotlines
// first, and narrows by service, region, language and people served with
// plain links; each entry says when it was last confirmed.
func TestFindHelp(t *testing.T) {
	_, built := bundled(t)
	page := func(name string) string {
		t.Helper()
		data, ok := built.Files[name]
		if !ok {
			t.Fatalf("%s is missing", name)
		}
		return string(data)
	}
	whole := page("find-help/index.html")
	harbor, legal := strings.Index(whole, "Harbor House"), strings.Index(whole, "Safe Passage Legal Aid")
	if harbor < 0 || legal < 0 || harbor > legal {
		t.Error("the organization with a help line does not come first")
	}
	for _, want := range []string{
		`<a href="/find-help/" aria-current="page">Find help</a>`,
		`Help line: <a href="tel:`,
		`<a href="/find-help/languages/spanish/">Spanish</a> <span class="count">(2)</span>`,
		`Details confirmed `,
	} {
		if !strings.Contains(whole, want) {
			t.Errorf("/find-help/ lacks %s", want)
		}
	}
	for _, name := range []string{"organizations/department-of-labor/index.html", "organizations/common-good-foundation/index.html"} {
		title := map[string]string{"organizations/department-of-labor/index.html": "Department of Labor", "organizations/common-good-foundation/index.html": "Common Good Foundation"}[name]
		if _, ok := built.Files[name]; ok && strings.Contains(whole, ">"+title) {
			t.Errorf("%s helps no one directly but is listed", title)
		}
	}
	narrowed := page("find-help/languages/haitian-creole/index.html")
	for _, want := range []string{
		`Showing: <strong>Language: Haitian Creole</strong>. <a href="/find-help/">Show everyone, or narrow it another way</a>`,
		"Safe Passage Legal Aid",
		"Languages: English, Spanish, Haitian Creole.",
	} {
		if !strings.Contains(narrowed, want) {
			t.Errorf("the narrowed page lacks %s", want)
		}
	}
	if strings.Contains(narrowed, "Harbor House") {
		t.Error("the narrowed page lists an organization without that language")
	}
	if !strings.Contains(page("sitemap.xml"), "/find-help/languages/haitian-creole/") {
		t.Error("the narrowed page is not in the sitemap")
	}
}

// A language written in its own script (中文) has its filter page, at an
// address in that script, linked percent-encoded and in the sitemap.
func TestFindHelpInEveryScript(t *testing.T) {
	dir := exampleCopy(t)
	edit(t, filepath.Join(dir, "organizations", "harbor-house.md"), `languages = [`, `languages = ["中文", `)
	built, diags := site.Build(site.Options{Source: dir, Today: exampleToday})
	if built == nil {
		t.Fatal(diags.Items())
	}
	page, ok := built.Files["find-help/languages/中文/index.html"]
	if !ok || !strings.Contains(string(page), "Harbor House") {
		t.Fatal("no page of the Chinese filter, or it lacks the organization")
	}
	if whole := string(built.Files["find-help/index.html"]); !strings.Contains(whole, `<a href="/find-help/languages/%e4%b8%ad%e6%96%87/">中文</a>`) {
		t.Error("/find-help/ does not link the Chinese filter")
	}
	if !strings.Contains(string(built.Files["sitemap.xml"]), "/find-help/languages/%E4%B8%AD%E6%96%87/") {
		t.Error("the Chinese filter is not in the sitemap")
	}
}

// An entry not confirmed for over a year says so; a content page cannot
// take the directory's address.
func TestFindHelpStaleAndReserved(t *testing.T) {
	content := exampleCopy(t)
	built, diags := site.Build(site.Options{Source: content, Today: model.NewDate(2029, 1, 1), NoHistory: true})
	if built == nil {
		t.Fatal(diags.Items())
	}
	if !strings.Contains(string(built.Files["find-help/index.html"]), "over a year ago, so check before relying on them") {
		t.Error("a stale entry is not flagged")
	}
	if err := os.WriteFile(filepath.Join(content, "find-help.md"), []byte("+++\ntitle = \"Help\"\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags = site.Build(site.Options{Source: content, Today: exampleToday, NoHistory: true})
	found := false
	for _, d := range diags.Items() {
		if strings.Contains(d.Pos.Path, "find-help.md") && d.Severity == diag.Error {
			found = true
		}
	}
	if !found {
		t.Errorf("a page at /find-help/ is not an error at its file: %v", diags.Items())
	}
}

// A row of a list of objectives says who leads it and its money against
// its need, not only its status.
func TestObjectiveRowsShowLeadAndFunding(t *testing.T) {
	_, built := bundled(t)
	list := string(built.Files["objectives/index.html"])
	if !strings.Contains(list, `<span class="item__due">Lead: DOL</span> <span class="item__due">$750k of $4M committed</span>`) {
		t.Error("the row of PV-1 lacks its lead or its funding against need")
	}
}

// /data/ gives each file's size, the size of the file the build wrote.
func TestDataPageGivesSizes(t *testing.T) {
	_, built := bundled(t)
	page := string(built.Files["data/index.html"])
	for _, name := range []string{"data/strategy.json", "data/objectives.csv", "data/360giving.json", "data/hsds/organizations.json"} {
		n := len(built.Files[name])
		if n == 0 {
			t.Fatalf("%s is missing", name)
		}
		want := `<a href="/` + name + `">` + strings.TrimPrefix(name, "data/") + `</a> <span class="count">(`
		i := strings.Index(page, want)
		if i < 0 {
			t.Errorf("/data/ gives no size for %s", name)
			continue
		}
		size, _, _ := strings.Cut(page[i+len(want):], ")")
		if kb := (n + 500) / 1000; size != strconv.Itoa(kb)+" KB" && n >= 1000 {
			t.Errorf("/data/ says %s is %s; it is %d bytes", name, size, n)
		}
	}
}

// The home page's recent updates carry each item's own date: a list in
// which every item shows one day looks broken. (Built without history:
// in this repository the example's files share the commits that added
// them, and a file without an updated date takes its last commit's.)
func TestRecentUpdatesCarryTheirDates(t *testing.T) {
	built, diags := site.Build(site.Options{Source: filepath.Join("..", "..", "content"), Today: exampleToday, NoHistory: true})
	if built == nil {
		t.Fatal(diags.Items())
	}
	home := string(built.Files["index.html"])
	dates := regexp.MustCompile(`Updated <time datetime="(\d{4}-\d{2}-\d{2})">`).FindAllStringSubmatch(home, -1)
	seen := map[string]bool{}
	for _, d := range dates {
		seen[d[1]] = true
	}
	if len(dates) < 5 || len(seen) < len(dates)/2 {
		t.Errorf("%d recent updates with %d distinct dates", len(dates), len(seen))
	}
}

// Without a commitment that is a grant (recipient and year), there are
// no 360Giving files, whose package must hold one; /data/ says so and
// links nothing missing.
func TestNoGrantsNo360Giving(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"site.toml":            "title = \"T\"\nbase_url = \"https://example.org/\"\n[[categories]]\nkey = \"prevention\"\ntitle = \"Prevention\"\n[[sectors]]\nkey = \"government\"\ntitle = \"Government\"\n",
		"objectives/pv-1.md":   "+++\nid = \"PV-1\"\ntitle = \"One\"\ncategory = \"prevention\"\nsummary = \"S.\"\nneed = 100\n+++\n",
		"organizations/gov.md": "+++\ntitle = \"Gov\"\nsector = \"government\"\n[[funding]]\nobjective = \"PV-1\"\namount = 50\n+++\n",
	}
	for name, text := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	built, diags := site.Build(site.Options{Source: dir, Today: exampleToday, NoHistory: true})
	if built == nil {
		t.Fatal(diags.Items())
	}
	if _, ok := built.Files["data/360giving.json"]; ok {
		t.Error("360giving.json without a grant")
	}
	page := string(built.Files["data/index.html"])
	if strings.Contains(page, "360giving.json\"") || !strings.Contains(page, "there are no 360Giving files") {
		t.Error("/data/ links 360Giving files that are not there, or does not say why")
	}
	if strings.Contains(string(built.Files["data/datapackage.json"]), "360giving") {
		t.Error("the data package describes a 360Giving file that is not there")
	}
}
