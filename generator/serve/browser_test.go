package serve

import (
	"testing"

	"github.com/commonagenda/agenda/generator/internal/browsertest"
)

// TestOverlayInBrowser drives the dev server in headless Chromium
// (tests/browser/overlay.mjs): an edit reloads the open page, a broken
// file shows the problems panel over the last good page, a fix clears it.
func TestOverlayInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser checks are slow; skipped in -short mode")
	}
	browsertest.Need(t, browsertest.Browser...)
	h := start(t)
	go func() { // the test reads no builds; keep the server from blocking
		for range h.builds {
		}
	}()
	browsertest.Run(t, "overlay.mjs", h.url+"/", h.dir)
}
