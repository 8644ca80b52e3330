package index_test

import (
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/commonagenda/agenda/generator/internal/browsertest"
)

// TestSearchInBrowser builds the fixture site, serves it on loopback with
// a strict CSP and drives headless Chromium through the search page
// (tests/browser/search.mjs): ids, acronyms, typos, prefixes, sections,
// phrases, facets, URL state, keyboard, and the page without JavaScript.
func TestSearchInBrowser(t *testing.T) {
	browsertest.Need(t, append(browsertest.Browser,
		browsertest.Tool{Name: filepath.Join(browsertest.Dir, "node_modules", "axe-core"), How: "npm ci --prefix tests/browser --ignore-scripts"})...)
	srv := httptest.NewServer(browsertest.StaticHost(buildFixture(t)))
	defer srv.Close()
	browsertest.Run(t, "search.mjs", srv.URL+"/")
}
