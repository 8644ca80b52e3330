package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// today is the fixed "today" of every test build.
var today = model.NewDate(2026, 6, 1)

// extract writes a txtar archive's files under a new temporary folder,
// makes it the current folder and returns it, so diagnostics' paths are
// the archive's own ("content/objectives/pv-1.md").
func extract(t *testing.T, archive []byte) string {
	t.Helper()
	dir := t.TempDir()
	fsys, err := txtar.FS(txtar.Parse(archive))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

func readArchive(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// buildArchive builds an archive's content folder in memory.
func buildArchive(t *testing.T, archive []byte, opts Options) (*Site, []diag.Diagnostic) {
	t.Helper()
	extract(t, archive)
	if opts.Source == "" {
		opts.Source = "content"
	}
	if opts.Today.IsZero() {
		opts.Today = today
	}
	built, diags := Build(opts)
	return built, diags.Items()
}

// mustBuild builds an archive that must have no errors.
func mustBuild(t *testing.T, archive []byte, opts Options) *Site {
	t.Helper()
	built, items := buildArchive(t, archive, opts)
	if built == nil {
		var b strings.Builder
		diag.WriteText(&b, items)
		t.Fatalf("build failed:\n%s", b.String())
	}
	return built
}

// page returns an output file, failing the test when it is missing.
func page(t *testing.T, st *Site, path string) string {
	t.Helper()
	data, ok := st.Files[path]
	if !ok {
		t.Fatalf("no output file %s", path)
	}
	return string(data)
}

func assertContains(t *testing.T, st *Site, path string, wants ...string) {
	t.Helper()
	body := page(t, st, path)
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s does not contain %q", path, w)
		}
	}
}

func assertNotContains(t *testing.T, st *Site, path string, unwanted ...string) {
	t.Helper()
	body := page(t, st, path)
	for _, w := range unwanted {
		if strings.Contains(body, w) {
			t.Errorf("%s contains %q", path, w)
		}
	}
}

func TestBuildProducesEveryPageKind(t *testing.T) {
	st := mustBuild(t, readArchive(t, "basic.txtar"), Options{})
	for _, path := range []string{
		"index.html",
		"404.html",
		"about/index.html",
		"help/faq/index.html",
		"objectives/index.html",
		"objectives/pv-1/index.html",
		"objectives/pv-2/index.html",
		"objectives/pt-1/index.html",
		"organizations/index.html",
		"organizations/page/2/index.html",
		"organizations/page/3/index.html",
		"organizations/ministry/index.html",
		"partnerships/index.html",
		"partnerships/alliance/index.html",
		"categories/index.html",
		"categories/prevention/index.html",
		"categories/protection/index.html",
		"sectors/index.html",
		"sectors/government/index.html",
		"sectors/philanthropy/index.html",
		"sitemap.xml",
		"robots.txt",
		"feed.xml",
		"_redirects",
		"data/strategy.json",
		"old-about/index.html",
		"goals/one/index.html",
		"images/chart.png",
	} {
		if _, ok := st.Files[path]; !ok {
			t.Errorf("missing %s", path)
		}
	}
	if _, ok := st.Files["objectives/pt-9/index.html"]; ok {
		t.Error("draft objective was built without --drafts")
	}
	if len(st.Files) == 0 || st.Pages == 0 {
		t.Fatal("empty site")
	}
}

func TestBuildDraftsIncluded(t *testing.T) {
	st := mustBuild(t, readArchive(t, "basic.txtar"), Options{Drafts: true})
	page(t, st, "objectives/pt-9/index.html")
}

func TestReverseLinks(t *testing.T) {
	st := mustBuild(t, readArchive(t, "basic.txtar"), Options{})
	// The objective names its lead, the organizations and partnerships
	// working on it, its child, its related objective and its funders.
	assertContains(t, st, "objectives/pv-1/index.html",
		`href="/sub/organizations/ministry/"`,
		`href="/sub/organizations/shelter/"`, // member of the alliance
		`href="/sub/partnerships/alliance/"`,
		`href="/sub/objectives/pv-2/"`,
		`href="/sub/objectives/pt-1/"`,
		`id="indicators"`, `id="funding"`, `id="organizations"`, `id="partnerships"`,
		"Certified employers",
	)
	// Related works both ways.
	assertContains(t, st, "objectives/pt-1/index.html", `href="/sub/objectives/pv-1/"`)
	// The child names its parent.
	assertContains(t, st, "objectives/pv-2/index.html", `href="/sub/objectives/pv-1/"`)
	// An organization lists its partnerships, objectives and children.
	assertContains(t, st, "organizations/ministry/index.html",
		`href="/sub/partnerships/alliance/"`,
		`href="/sub/objectives/pv-1/"`,
		`href="/sub/organizations/local-office/"`,
		`href="https://example.org/moi"`,
	)
	assertContains(t, st, "organizations/local-office/index.html", `href="/sub/organizations/ministry/"`)
	// Funding given and received.
	assertContains(t, st, "organizations/fund/index.html", `href="/sub/objectives/pv-1/"`, `href="/sub/partnerships/alliance/"`)
	assertContains(t, st, "organizations/shelter/index.html", `href="/sub/organizations/fund/"`, `href="mailto:help@example.org"`)
	// A partnership lists members, lead, funders and objectives.
	assertContains(t, st, "partnerships/alliance/index.html",
		`href="/sub/organizations/ministry/"`,
		`href="/sub/organizations/shelter/"`,
		`href="/sub/organizations/fund/"`,
		`href="/sub/objectives/pv-1/"`,
		`id="members"`,
	)
	// Category and sector pages list what is tagged with them.
	assertContains(t, st, "categories/prevention/index.html", `href="/sub/objectives/pv-1/"`, `href="/sub/organizations/ministry/"`)
	assertNotContains(t, st, "categories/prevention/index.html", `href="/sub/objectives/pt-1/"`)
	assertContains(t, st, "sectors/survivor-led/index.html", `href="/sub/organizations/voices/"`)
}

func TestMarkdownLinksRewritten(t *testing.T) {
	st := mustBuild(t, readArchive(t, "basic.txtar"), Options{})
	assertContains(t, st, "about/index.html",
		`href="/sub/objectives/pv-1/#indicators"`,
		`href="/sub/organizations/shelter/"`,
		`src="/sub/images/chart.png"`,
	)
	assertContains(t, st, "help/faq/index.html", `href="/sub/about/#our-history"`)
	assertContains(t, st, "index.html", `href="/sub/about/"`)
}

func TestSEOMetadata(t *testing.T) {
	st := mustBuild(t, readArchive(t, "basic.txtar"), Options{})
	body := page(t, st, "organizations/ministry/index.html")
	for _, w := range []string{
		"<title>", `<meta name="description"`,
		`<link rel="canonical" href="https://example.org/sub/organizations/ministry/">`,
		`property="og:title"`, `property="og:url"`, `application/ld+json`,
		"GovernmentOrganization",
	} {
		if !strings.Contains(body, w) {
			t.Errorf("ministry page lacks %q", w)
		}
	}
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no JSON-LD block")
	}
	var v any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Errorf("JSON-LD does not parse: %v\n%s", err, m[1])
	}
}

func TestSuggestEditLink(t *testing.T) {
	st := mustBuild(t, readArchive(t, "basic.txtar"), Options{})
	assertContains(t, st, "objectives/pv-1/index.html",
		`https://github.com/example/strategy/edit/main/content/objectives/pv-1.md`)
}

func TestAliasesRedirect(t *testing.T) {
	st := mustBuild(t, readArchive(t, "basic.txtar"), Options{})
	redirects := page(t, st, "_redirects")
	for _, w := range []string{"/old-about/ /sub/about/ 301", "/goals/one/ /sub/objectives/pv-1/ 301"} {
		if !strings.Contains(redirects, w) {
			t.Errorf("_redirects lacks %q:\n%s", w, redirects)
		}
	}
	assertContains(t, st, "goals/one/index.html", `https://example.org/sub/objectives/pv-1/`)
}

func TestBaseURLOverride(t *testing.T) {
	st := mustBuild(t, readArchive(t, "basic.txtar"), Options{BaseURL: "https://preview.example.net"})
	assertContains(t, st, "index.html", `href="https://preview.example.net/"`)
	assertContains(t, st, "sitemap.xml", "https://preview.example.net/objectives/pv-1/")
	assertContains(t, st, "objectives/pv-1/index.html", `href="/organizations/ministry/"`)
}

func TestDeterministic(t *testing.T) {
	archive := readArchive(t, "basic.txtar")
	a := mustBuild(t, archive, Options{})
	b := mustBuild(t, archive, Options{})
	if len(a.Files) != len(b.Files) {
		t.Fatalf("builds differ in file count: %d vs %d", len(a.Files), len(b.Files))
	}
	for path, data := range a.Files {
		if !bytes.Equal(data, b.Files[path]) {
			t.Errorf("%s differs between two builds", path)
		}
	}
}

func TestStrategyJSON(t *testing.T) {
	st := mustBuild(t, readArchive(t, "basic.txtar"), Options{})
	var data struct {
		Version    int `json:"version"`
		Objectives []struct {
			ID string `json:"id"`
		} `json:"objectives"`
		Organizations []json.RawMessage `json:"organizations"`
		Partnerships  []json.RawMessage `json:"partnerships"`
	}
	if err := json.Unmarshal([]byte(page(t, st, "data/strategy.json")), &data); err != nil {
		t.Fatal(err)
	}
	if data.Version < 1 || len(data.Objectives) != 4 || len(data.Organizations) != 5 || len(data.Partnerships) != 1 {
		t.Errorf("strategy.json has version %d, %d objectives, %d organizations, %d partnerships; want >=1, 4, 5, 1",
			data.Version, len(data.Objectives), len(data.Organizations), len(data.Partnerships))
	}
	var ids []string
	for _, o := range data.Objectives {
		ids = append(ids, o.ID)
	}
	if got, want := strings.Join(ids, " "), "PV-1 PV-2 PV-10 PT-1"; got != want {
		t.Errorf("objective order %q, want %q", got, want)
	}
}

// Under a sub-path base URL, search finds its index and result pages
// through the form's action, which must be re-rooted like every link.
func TestSearchUnderSubPath(t *testing.T) {
	st := mustBuild(t, readArchive(t, "basic.txtar"), Options{})
	assertContains(t, st, "search/index.html", `action="/sub/search/"`)
	assertContains(t, st, "objectives/pv-1/index.html", `action="/sub/search/"`)
	page(t, st, "search/manifest.json")
}
