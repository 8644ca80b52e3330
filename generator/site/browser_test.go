package site_test

// The tests in this file check the bundled example strategy as a visitor
// and a validator would: headless Chromium loads one page of every kind
// (tests/browser/pages.mjs: axe-core, 320 px, CSP, screenshots), and the Nu
// HTML Checker reads every HTML file. They need tools Go does not bring
// (Debian's chromium, node with tests/browser's npm packages, java); they
// skip with a message when one is missing, except under CI=true, where
// .ci/run installs them and a missing tool is a failure.

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/internal/browsertest"
)

// pageKinds picks one page of every kind from a built site's files, so a
// new kind of page is covered without editing the test. Every top-level
// page is its own kind (/, /objectives/, /coverage/, /about/, 404.html);
// deeper pages are grouped by section and depth (/objectives/x/,
// /organizations/page/n/) and the largest of each group, the one using
// the most of its template, stands for it. Redirects are left out.
func pageKinds(files map[string][]byte) []string {
	best := map[string]string{}
	for name, data := range files {
		if path.Ext(name) != ".html" || strings.Contains(string(data), `http-equiv="refresh"`) {
			continue
		}
		p := "/" + strings.TrimSuffix(name, "index.html")
		segs := strings.Split(strings.Trim(p, "/"), "/")
		key := p
		if len(segs) > 1 {
			key = segs[0] + "/" + strings.Repeat("*/", len(segs)-1)
		}
		cur, ok := best[key]
		if !ok || len(data) > len(files[browsertest.File(cur)]) || len(data) == len(files[browsertest.File(cur)]) && p < cur {
			best[key] = p
		}
	}
	var out []string
	for _, p := range best {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

func TestPageKindsPicksOnePerKind(t *testing.T) {
	files := map[string][]byte{
		"index.html":                         []byte("home"),
		"404.html":                           []byte("x"),
		"objectives/index.html":              []byte("list"),
		"objectives/pv-1/index.html":         []byte("short"),
		"objectives/pv-2/index.html":         []byte("much longer page"),
		"objectives/old-id/index.html":       []byte(`<meta http-equiv="refresh" content="0; url=/objectives/pv-1/"> and more bytes than any`),
		"organizations/page/2/index.html":    []byte("page two"),
		"organizations/a/index.html":         []byte("org"),
		"coverage/index.html":                []byte("matrix"),
		"assets/css/site.0123abcd.css":       []byte("css"),
		"contribute/fields/index.html":       []byte("fields"),
		"organizations/page/3/index.html":    []byte("page 3"),
		"partnerships/task-force/index.html": []byte("p"),
	}
	got := pageKinds(files)
	want := []string{"/", "/404.html", "/contribute/fields/", "/coverage/", "/objectives/", "/objectives/pv-2/",
		"/organizations/a/", "/organizations/page/2/", "/partnerships/task-force/"}
	if !slices.Equal(got, want) {
		t.Errorf("pageKinds =\n%q\nwant\n%q", got, want)
	}
}

// TestPagesInBrowser loads one page of every kind of the bundled strategy
// in headless Chromium: no axe-core violations in light or dark mode,
// nothing wider than 320 px, nothing blocked by the CSP; screenshots at
// 1280 and 375 px go to $SCREENSHOTS (default tests/browser/screenshots).
func TestPagesInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser checks are slow; skipped in -short mode")
	}
	browsertest.Need(t, append(browsertest.Browser,
		browsertest.Tool{Name: filepath.Join(browsertest.Dir, "node_modules", "axe-core"), How: "npm ci --prefix tests/browser --ignore-scripts"})...)
	_, built := bundled(t)
	srv := httptest.NewServer(browsertest.StaticHost(built.Files))
	defer srv.Close()

	shots := os.Getenv("SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join(browsertest.Dir, "screenshots")
	}
	shots, _ = filepath.Abs(shots)
	pages := pageKinds(built.Files)
	t.Logf("checking %d pages", len(pages))
	browsertest.Run(t, "pages.mjs", append([]string{srv.URL, shots}, pages...)...)
}

// vnuMessage is one message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	Type, SubType, URL, Message, Extract string
	LastLine, FirstColumn                int
}

// TestHTMLIsValid runs the Nu HTML Checker (npm vnu-jar) over every HTML
// file of the bundled strategy in one JVM and reports each error as
// file:line:col.
func TestHTMLIsValid(t *testing.T) {
	if testing.Short() {
		t.Skip("the HTML checker is slow; skipped in -short mode")
	}
	jar := filepath.Join(browsertest.Dir, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	browsertest.Need(t, browsertest.Tool{Name: "java", How: "apt-get install default-jre-headless"},
		browsertest.Tool{Name: jar, How: "npm ci --prefix tests/browser --ignore-scripts"})
	_, built := bundled(t)
	dir := t.TempDir()
	n := 0
	for name, data := range built.Files {
		if path.Ext(name) != ".html" {
			continue
		}
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	cmd := exec.Command("java", "-Xss4m", "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr // the report; exit status 1 means errors were found
	if err := cmd.Run(); err != nil && stderr.Len() == 0 {
		t.Fatalf("vnu: %v", err)
	}
	var report struct{ Messages []vnuMessage }
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("vnu output is not JSON (%v):\n%s", err, stderr.Bytes())
	}
	errors := 0
	for _, m := range report.Messages {
		if m.Type != "error" && m.SubType != "fatal" && m.Type != "non-document-error" {
			continue
		}
		errors++
		u, _ := url.Parse(m.URL)
		rel, _ := filepath.Rel(dir, u.Path)
		t.Errorf("%s:%d:%d: %s (%q)", rel, m.LastLine, m.FirstColumn, m.Message, m.Extract)
	}
	t.Logf("vnu checked %d HTML files: %d errors", n, errors)
}

// TestScriptOutsideAssetsBlocked serves a page under the site's own
// Content-Security-Policy (netlify.toml's) with three scripts: the theme's
// folder's runs; one elsewhere on the site (as a script published from
// content would be) and an inline one do not.
func TestScriptOutsideAssetsBlocked(t *testing.T) {
	if testing.Short() {
		t.Skip("browser checks are slow; skipped in -short mode")
	}
	browsertest.Need(t, browsertest.Browser...)
	files := map[string][]byte{
		"page/index.html": []byte(`<!DOCTYPE html><html lang="en"><head><title>t</title>` +
			`<script src="/assets/js/theme.js"></script><script src="/documents/evil.js"></script>` +
			`<script>document.documentElement.dataset.ranInline = "1"</script></head><body></body></html>`),
		"assets/js/theme.js": []byte(`document.documentElement.dataset.ranTheme = "1"`),
		"documents/evil.js":  []byte(`document.documentElement.dataset.ranContent = "1"`),
	}
	srv := httptest.NewServer(browsertest.StaticHost(files))
	defer srv.Close()
	out := browsertest.Output(t, "scripts.mjs", srv.URL+"/page/")
	var got struct{ Ran, Blocked []string }
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("scripts.mjs: %v\n%s", err, out)
	}
	if !slices.Equal(got.Ran, []string{"ranTheme"}) {
		t.Errorf("scripts that ran: %v, want only the theme's (%v)", got.Ran, got.Blocked)
	}
}
