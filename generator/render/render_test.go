package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/themes"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

var testOptions = Options{BaseURL: "https://example.org/"}

// build renders a strategy with the default theme and fails the test on
// any diagnostic.
func build(t *testing.T, s *model.Strategy) Output {
	t.Helper()
	out, diags := Render(s, themes.Default(), testOptions)
	for _, d := range diags.Items() {
		t.Errorf("diagnostic: %s", d)
	}
	return out
}

// file returns an output file as a string, failing when it is missing.
func file(t *testing.T, out Output, name string) string {
	t.Helper()
	b, ok := out.Files[name]
	if !ok {
		t.Fatalf("no output file %s", name)
	}
	return string(b)
}

func assertContains(t *testing.T, name, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: missing %q", name, w)
		}
	}
}

func htmlFiles(out Output) []string {
	var names []string
	for name := range out.Files {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

func TestEveryPageKindExists(t *testing.T) {
	out := build(t, fixture())
	tests := []struct {
		file string
		want []string
	}{
		{"index.html", []string{"<h1>National Strategy", "Welcome to the <strong>common agenda</strong>", `href="/categories/prevention/"`, `href="/sectors/government/"`, "Recent updates", "National Anti-Trafficking Task Force"}},
		{"objectives/index.html", []string{"<h1>Objectives</h1>", "Objectives intro.", `href="/objectives/pv-1.1.a/"`}},
		{"objectives/pv-1/index.html", []string{"Reduce vulnerability"}},
		{"organizations/index.html", []string{"<h1>Organizations</h1>", "Acme Logistics"}},
		{"organizations/doj/index.html", []string{"Department of Justice (DOJ)"}},
		{"partnerships/index.html", []string{"<h1>Partnerships</h1>", "3 members", "Task force", "Collaboration"}},
		{"partnerships/task-force/index.html", []string{`id="members"`, `id="objectives"`}},
		{"categories/index.html", []string{"<h1>Categories</h1>"}},
		{"categories/prevention/index.html", []string{"<h1>Prevention</h1>", "Department of Justice", "National Anti-Trafficking Task Force"}},
		{"sectors/index.html", []string{"<h1>Sectors</h1>"}},
		{"sectors/faith-based/index.html", []string{"Safe Harbor Ministries", "National Anti-Trafficking Task Force", "PV-1"}},
		{"about/index.html", []string{"<h1>About</h1>", "About us."}},
		{"404.html", []string{"Page not found", `content="noindex"`}},
		{"old-about/index.html", []string{`url=/about/`}},
	}
	for _, tt := range tests {
		assertContains(t, tt.file, file(t, out, tt.file), tt.want...)
	}
	for _, name := range htmlFiles(out) {
		got := out.Files[name]
		if n := bytes.Count(got, []byte("<h1")); n != 1 && !strings.Contains(string(got), `http-equiv="refresh"`) {
			t.Errorf("%s: %d h1 elements, want 1", name, n)
		}
	}
}

func TestObjectivePage(t *testing.T) {
	out := build(t, fixture())
	got := file(t, out, "objectives/pv-1/index.html")
	assertContains(t, "PV-1", got,
		`<span class="objective-id">PV-1</span> Reduce vulnerability to trafficking</h1>`,
		`href="/categories/prevention/"`, "In progress",
		`<time datetime="2030-12-31">December 31, 2030</time>`,
		`id="organizations"`, `id="partnerships"`, `id="indicators"`, `id="funding"`,
		`href="/organizations/doj/">Department of Justice (DOJ)`,            // lead
		`href="/organizations/hope/"`, `href="/organizations/safe-harbor/"`, // participants via the partnership
		`href="/partnerships/task-force/"`,
		`href="/objectives/pv-1.1/"`, // child
		`href="/objectives/ps-1/"`,   // related
		"<strong class=\"need__state\">missing</strong>", "Missing: no participating organization comes from Business.",
		"<caption>People reached by awareness campaigns", `<th scope="row">Baseline</th>`, "25,000",
		"$250,000", "$500,000", "$250,000 short",
		`<input id="permalink" type="text" readonly value="https://example.org/objectives/pv-1/" data-copy>`,
		`href="https://github.com/example/agenda/edit/main/content/objectives/pv-1.md"`,
	)
	overdue := file(t, out, "objectives/pa-1/index.html")
	assertContains(t, "PA-1", overdue, "(overdue)")
	if strings.Contains(got, "overdue") {
		t.Errorf("PV-1 is not overdue but says so")
	}
	empty := file(t, out, "objectives/pr-1/index.html")
	assertContains(t, "PR-1", empty, `id="partnerships"`, "No partnership works on this objective yet.", `id="indicators"`, "No indicators defined yet.", "No funding committed yet.")
}

func TestObjectivesListNestsGoalsObjectivesActions(t *testing.T) {
	got := file(t, build(t, fixture()), "objectives/index.html")
	tree := regexp.MustCompile(`(?s)pv-1/".*?<ul class="item-list tree">.*?pv-1\.1/".*?<ul class="item-list tree">.*?pv-1\.1\.a/"`)
	if !tree.MatchString(got) {
		t.Errorf("PV-1 > PV-1.1 > PV-1.1.a not nested:\n%s", got)
	}
	if strings.Count(got, `href="/objectives/pv-1.1/"`) != 1 {
		t.Errorf("PV-1.1 listed more than once")
	}
}

func TestOrganizationPage(t *testing.T) {
	out := build(t, fixture())
	got := file(t, out, "organizations/doj/index.html")
	assertContains(t, "doj", got,
		`id="objectives"`, `id="partnerships"`, `id="funding"`,
		`href="https://www.justice.gov"`, `href="mailto:info@justice.example"`, `href="tel:&#43;12025550100"`,
		"<caption>Funding given by Department of Justice</caption>", `href="/organizations/safe-harbor/">Safe Harbor Ministries`,
		`href="/organizations/ovc/"`, // child office
		"Leads", `href="/partnerships/task-force/"`,
	)
	acme := file(t, out, "organizations/acme/index.html")
	assertContains(t, "acme", acme, "$1,234.50", "Funds")
	received := file(t, out, "organizations/safe-harbor/index.html")
	assertContains(t, "safe-harbor", received, "Funding received by Safe Harbor Ministries", "No objectives listed yet.")
}

func TestOrganizationDirectoryPages(t *testing.T) {
	s := fixture()
	s.Site.PageSize = 2
	out := build(t, s)
	first := file(t, out, "organizations/index.html")
	second := file(t, out, "organizations/page/2/index.html")
	third := file(t, out, "organizations/page/3/index.html")
	if _, ok := out.Files["organizations/page/4/index.html"]; ok {
		t.Errorf("5 organizations in pages of 2 make 3 pages, got a 4th")
	}
	assertContains(t, "page 1", first, `rel="next"`, `href="/organizations/page/2/"`, `aria-current="page"`, "Acme Logistics", "Department of Justice")
	assertContains(t, "page 2", second, `href="/organizations/" rel="prev"`, `href="/organizations/page/3/" rel="next"`, "Hope Survivors Network", "Office for Victims of Crime")
	assertContains(t, "page 3", third, `rel="prev"`, "Safe Harbor Ministries")
	if strings.Contains(third, `rel="next"`) {
		t.Errorf("last page links to a next page")
	}
	for _, k := range []string{"government", "business", "survivor-led"} {
		assertContains(t, "filters", first, `href="/sectors/`+k+`/#organizations-title"`)
	}
	assertContains(t, "filters", first, `href="/categories/partnership/#organizations-title"`)
}

func TestAliasRedirects(t *testing.T) {
	out := build(t, fixture())
	tests := []struct{ file, target string }{
		{"objectives/prevention-1/index.html", "/objectives/pv-1/"},
		{"old-about/index.html", "/about/"},
	}
	for _, tt := range tests {
		got := file(t, out, tt.file)
		assertContains(t, tt.file, got,
			`<meta http-equiv="refresh" content="0; url=`+tt.target+`">`,
			`<a href="`+tt.target+`">`,
			`<link rel="canonical" href="https://example.org`+tt.target+`">`,
			`<meta name="robots" content="noindex">`)
	}
	for _, p := range out.Pages {
		if strings.Contains(p.Path, "prevention-1") || p.Path == "/404.html" {
			t.Errorf("sitemap lists %s", p.Path)
		}
	}
}

var jsonLDPattern = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func TestHeadMetadata(t *testing.T) {
	out := build(t, fixture())
	tests := []struct {
		file, canonical, ldType string
	}{
		{"index.html", "https://example.org/", `"@type":"WebSite"`},
		{"objectives/pv-1/index.html", "https://example.org/objectives/pv-1/", `"@type":"WebPage"`},
		{"organizations/doj/index.html", "https://example.org/organizations/doj/", `"@type":"GovernmentOrganization"`},
		{"organizations/hope/index.html", "https://example.org/organizations/hope/", `"@type":"NGO"`},
		{"organizations/acme/index.html", "https://example.org/organizations/acme/", `"@type":"Organization"`},
		{"about/index.html", "https://example.org/about/", `"@type":"WebPage"`},
	}
	for _, tt := range tests {
		got := file(t, out, tt.file)
		assertContains(t, tt.file, got, `<html lang="en">`, `<link rel="canonical" href="`+tt.canonical+`">`,
			`<meta property="og:url" content="`+tt.canonical+`">`, `<meta property="og:title"`, `<meta property="og:type"`,
			`<meta property="og:description"`, `<meta property="og:site_name"`, `<meta property="og:locale" content="en">`,
			`<meta name="description"`, tt.ldType)
		if tt.file != "index.html" {
			assertContains(t, tt.file, got, `"@type":"BreadcrumbList"`, `<nav class="breadcrumbs container" aria-label="Breadcrumb">`, " — National Strategy to Combat Human Trafficking</title>")
		}
	}
	doj := file(t, out, "organizations/doj/index.html")
	assertContains(t, "doj", doj, `"sameAs":"https://www.justice.gov"`, `"telephone":"+1 (202) 555-0100"`)
	assertContains(t, "ovc", file(t, out, "organizations/ovc/index.html"), `"parentOrganization":{"@type":"GovernmentOrganization","name":"Department of Justice"`)
	for _, name := range htmlFiles(out) {
		for _, m := range jsonLDPattern.FindAllStringSubmatch(string(out.Files[name]), -1) {
			var v map[string]any
			if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v\n%s", name, err, m[1])
			}
		}
	}
}

func TestHostileContentIsInert(t *testing.T) {
	out := build(t, hostileFixture())
	for _, name := range htmlFiles(out) {
		got := string(out.Files[name])
		for _, bad := range []string{"<script>alert", `href="javascript:`, "javascript:alert", `onmouseover="`} {
			if strings.Contains(got, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
	doj := file(t, out, "organizations/doj/index.html")
	if strings.Contains(doj, "mailto:") || strings.Contains(doj, "tel:") {
		t.Errorf("invalid email or phone became a link")
	}
	assertContains(t, "doj", doj, "&lt;script&gt;alert(1)&lt;/script&gt;")
}

func TestAssetsAreFingerprinted(t *testing.T) {
	out := build(t, fixture())
	var css string
	for name := range out.Files {
		if strings.HasPrefix(name, "assets/css/site.") && strings.HasSuffix(name, ".css") {
			css = name
		}
	}
	if !regexp.MustCompile(`^assets/css/site\.[0-9a-f]{8}\.css$`).MatchString(css) {
		t.Fatalf("no fingerprinted stylesheet, got %q", css)
	}
	if len(out.Files[css]) > 30*1024 {
		t.Errorf("stylesheet is %d bytes, want under 30 KB", len(out.Files[css]))
	}
	assertContains(t, "home", file(t, out, "index.html"), `<link rel="stylesheet" href="/`+css+`">`)
	if fingerprint("css/site.css", []byte("a")) == fingerprint("css/site.css", []byte("b")) {
		t.Errorf("different contents share a fingerprint")
	}
}

func TestOutputIsDeterministic(t *testing.T) {
	a := build(t, fixture())
	b := build(t, fixture())
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s differs between two renders", name)
		}
	}
	if !slices.Equal(a.Pages, b.Pages) {
		t.Errorf("page lists differ")
	}
}

var (
	scriptTag = regexp.MustCompile(`<script[^>]*>`)
	styleAttr = regexp.MustCompile(`\sstyle=`)
	eventAttr = regexp.MustCompile(`\son[a-z]+=`)
	hrefAttr  = regexp.MustCompile(`href="(/[^"]*)"`)
	// assetScript is a theme script served from the site itself (search.js).
	assetScript = regexp.MustCompile(`^<script src="/assets/js/[a-z-]+\.[0-9a-f]{8}\.js" defer>$`)
)

func TestStrictCSPHolds(t *testing.T) {
	s := fixture()
	out, _ := Render(s, themes.Default(), Options{BaseURL: "https://example.org/", Dev: true})
	for _, name := range htmlFiles(out) {
		got := string(out.Files[name])
		for _, tag := range scriptTag.FindAllString(got, -1) {
			if tag != `<script type="application/ld+json">` && tag != `<script src="/_agenda/reload.js" defer>` && !assetScript.MatchString(tag) {
				t.Errorf("%s: inline or unexpected script %s", name, tag)
			}
		}
		if styleAttr.MatchString(got) || eventAttr.MatchString(got) || strings.Contains(got, "<style") {
			t.Errorf("%s: inline style or event handler", name)
		}
		if strings.Contains(got, "http://") || regexp.MustCompile(`(src|href)="//`).MatchString(got) {
			t.Errorf("%s: loads or links something over plain http", name)
		}
	}
	assertContains(t, "dev", file(t, out, "index.html"), `<script src="/_agenda/reload.js" defer></script>`)
}

// producedLater reports whether a file linked to is written by a phase
// after render (packages feeds and data); generator/site checks links on
// the whole site.
func producedLater(f string) bool {
	return f == "feed.xml" || strings.HasSuffix(f, "/feed.xml") || strings.HasPrefix(f, "data/") && !strings.HasSuffix(f, ".html") ||
		strings.HasPrefix(f, "objectives/") && strings.HasSuffix(f, "/index.json")
}

func TestInternalLinksResolve(t *testing.T) {
	s := fixture()
	s.Site.PageSize = 2
	out := build(t, s)
	for _, name := range htmlFiles(out) {
		for _, m := range hrefAttr.FindAllStringSubmatch(string(out.Files[name]), -1) {
			target, _, _ := strings.Cut(strings.TrimPrefix(m[1], "/"), "#")
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if _, ok := out.Files[target]; !ok && !producedLater(target) {
				t.Errorf("%s links to %s, which is not produced", name, m[1])
			}
		}
	}
}

func TestSitemapPages(t *testing.T) {
	out := build(t, fixture())
	var paths []string
	for _, p := range out.Pages {
		paths = append(paths, p.Path)
		if p.Path == "/objectives/pv-1/" && p.Updated != date(2025, 6, 1) {
			t.Errorf("PV-1 updated %v, want 2025-06-01", p.Updated)
		}
	}
	if !slices.IsSorted(paths) {
		t.Errorf("pages not sorted: %v", paths)
	}
	for _, want := range []string{"/", "/about/", "/objectives/pv-1/", "/organizations/doj/", "/sectors/business/"} {
		if !slices.Contains(paths, want) {
			t.Errorf("pages lack %s", want)
		}
	}
}

func TestEditLinks(t *testing.T) {
	s := fixture()
	out, _ := Render(s, themes.Default(), Options{BaseURL: "https://example.org/", ContentDir: "docs/content"})
	assertContains(t, "doj", string(out.Files["organizations/doj/index.html"]), `href="https://github.com/example/agenda/edit/main/docs/content/organizations/doj.md"`)
	if strings.Contains(string(out.Files["search/index.html"]), "Suggest an edit") {
		t.Errorf("a page without a source file offers an edit link")
	}

	// Generated pages are made from no one file: they lead to the form
	// for a new file of what they list, or to how to contribute, never
	// to site.toml or a list's introduction, even when there is one.
	s.Site.Doc = doc("site.toml", "")
	s.Intros["/coverage/"] = &model.Page{Title: "Coverage", Path: "/coverage/", Doc: doc("coverage/_index.md", "<p>Intro.</p>")}
	out, _ = Render(s, themes.Default(), Options{BaseURL: "https://example.org/", ContentDir: "docs/content"})
	for name, want := range map[string]string{
		"sectors/business/index.html":        `Suggest a change: <a href="/contribute/organization/">Add an organization</a>`,
		"categories/prevention/index.html":   `Suggest a change: <a href="/contribute/objective/">Propose an objective</a>`,
		"objectives/index.html":              `Suggest a change: <a href="/contribute/objective/">Propose an objective</a>`,
		"organizations/index.html":           `Suggest a change: <a href="/contribute/organization/">Add an organization</a>`,
		"partnerships/index.html":            `Suggest a change: <a href="/contribute/partnership/">Add a partnership</a>`,
		"coverage/index.html":                `Suggest a change: <a href="/contribute/fields/">How to contribute</a>`,
		"contribute/organization/index.html": `Suggest a change: <a href="/contribute/fields/">How to contribute</a>`,
	} {
		page := string(out.Files[name])
		assertContains(t, name, page, want)
		if strings.Contains(page, "/edit/") || strings.Contains(page, "_index.md") || strings.Contains(page, "Suggest an edit") {
			t.Errorf("%s, made from no one file, links to a file to edit", name)
		}
	}
	cells := 0
	for name, data := range out.Files {
		if strings.HasPrefix(name, "coverage/") && name != "coverage/index.html" {
			cells++
			if strings.Contains(string(data), "_index.md") {
				t.Errorf("%s links to the coverage introduction", name)
			}
		}
	}
	if cells == 0 {
		t.Error("the fixture has no coverage cell pages")
	}
	// With a page on how to contribute, pages without a form of their
	// own lead there.
	s.Pages = append(s.Pages, &model.Page{Title: "How to contribute", Path: "/contribute/", Doc: doc("contribute.md", "<p>Hi.</p>")})
	out, _ = Render(s, themes.Default(), testOptions)
	assertContains(t, "funding", string(out.Files["funding/index.html"]), `<a href="/contribute/">How to contribute</a>`)

	s.Site.Repository = ""
	out, _ = Render(s, themes.Default(), testOptions)
	if strings.Contains(string(out.Files["organizations/doj/index.html"]), "Suggest an edit") {
		t.Errorf("edit link without a repository")
	}
}

func TestNotice(t *testing.T) {
	s := fixture()
	s.Site.Notice = "Example content, not an official plan."
	out := build(t, s)
	for _, name := range htmlFiles(out) {
		if got := string(out.Files[name]); !strings.Contains(got, `<div class="site-notice" role="note" aria-label="About this site"><p class="container">Example content, not an official plan.</p></div>`) && !strings.Contains(got, `http-equiv="refresh"`) {
			t.Errorf("%s lacks the notice", name)
		}
	}
	if strings.Contains(file(t, build(t, fixture()), "index.html"), "site-notice") {
		t.Error("a notice shown when site.toml sets none")
	}
}

func TestGoldenObjectivePage(t *testing.T) {
	out := build(t, fixture())
	got := out.Files["objectives/pv-1/index.html"]
	// The stylesheet's fingerprint changes with every CSS edit; keep the
	// golden file about the markup.
	got = regexp.MustCompile(`\.[0-9a-f]{8}\.(css|svg)`).ReplaceAll(got, []byte(".HASH.$1"))
	golden := filepath.Join("testdata", "objective.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("objectives/pv-1/index.html differs from %s at line %d (run go test -update if intended)\ngot:  %s\nwant: %s", golden, i+1, g[i], w[i])
			}
		}
		t.Fatalf("objectives/pv-1/index.html differs from %s in length: %d lines, want %d", golden, len(g), len(w))
	}
}

// The survivor-led badge appears beside another sector's tag, never
// repeating a survivor-led sector tag.
func TestSurvivorLedBadge(t *testing.T) {
	s := fixture()
	if len(s.Organizations) < 2 {
		t.Fatal("fixture has fewer than two organizations")
	}
	inSector, flagged := s.Organizations[0], s.Organizations[1]
	inSector.Sector, inSector.SectorRef = "survivor-led", s.Sector("survivor-led")
	if flagged.Sector == "survivor-led" || inSector.SectorRef == nil {
		t.Fatal("fixture: need a survivor-led sector and an organization in another one")
	}
	inSector.SurvivorLed = true
	flagged.SurvivorLed = true
	out, _ := Render(s, themes.Default(), testOptions)
	// The organization's own tags, under its title (other organizations'
	// cards further down the page carry their own).
	ownTags := func(o *model.Organization) string {
		page := string(out.Files["organizations/"+o.Slug+"/index.html"])
		_, rest, _ := strings.Cut(page, `<p class="entity__tags">`)
		tags, _, _ := strings.Cut(rest, "</p>")
		return tags
	}
	if strings.Contains(ownTags(inSector), "tag--survivor") {
		t.Errorf("%s, in the survivor-led sector, repeats it as a badge: %s", inSector.Slug, ownTags(inSector))
	}
	if !strings.Contains(ownTags(flagged), "tag--survivor") {
		t.Errorf("%s, survivor-led in another sector, has no badge: %s", flagged.Slug, ownTags(flagged))
	}
}
