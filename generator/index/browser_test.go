package index_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// The content security policy the search must work under: nothing inline,
// nothing from elsewhere, no WebAssembly.
const strictCSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// TestSearchInBrowser builds the fixture site, serves it on loopback with
// a strict CSP and drives headless Chromium through the search page
// (tests/browser/search.mjs): ids, acronyms, typos, prefixes, sections,
// phrases, facets, URL state, keyboard, and the page without JavaScript.
func TestSearchInBrowser(t *testing.T) {
	chromium, node := os.Getenv("CHROMIUM"), "node"
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	dir, _ := filepath.Abs(filepath.Join("..", "..", "tests", "browser"))
	missing := ""
	if _, err := os.Stat(chromium); err != nil {
		missing = "chromium (apt-get install chromium)"
	} else if _, err := exec.LookPath(node); err != nil {
		missing = "node"
	} else if _, err := os.Stat(filepath.Join(dir, "node_modules", "playwright-core")); err != nil {
		missing = "playwright-core (npm ci --prefix tests/browser)"
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI needs %s for the browser tests", missing)
		}
		t.Skipf("no %s: skipping the browser tests", missing)
	}
	srv := httptest.NewServer(serve(buildFixture(t)))
	defer srv.Close()
	cmd := exec.Command(node, "search.mjs", srv.URL+"/")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	t.Logf("search.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("browser checks failed: %v", err)
	}
}

// serve serves built files as a static host would, with a strict CSP.
func serve(files map[string][]byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", strictCSP)
		switch path.Ext(p) {
		case ".html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case ".js":
			w.Header().Set("Content-Type", "text/javascript")
		case ".json":
			w.Header().Set("Content-Type", "application/json")
		case ".css":
			w.Header().Set("Content-Type", "text/css")
		}
		w.Write(data)
	})
}
