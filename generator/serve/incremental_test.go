package serve

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/site"
)

// served returns a copy of the pages the server holds now.
func (h *harness) served() map[string][]byte {
	h.srv.mu.RLock()
	defer h.srv.mu.RUnlock()
	out := map[string][]byte{}
	for name, data := range h.srv.files {
		if strings.HasSuffix(name, ".html") {
			out[name] = data
		}
	}
	return out
}

// fullBuild builds the harness's content from scratch, as the server's
// first build does, and returns its pages.
func (h *harness) fullBuild() map[string][]byte {
	h.t.Helper()
	b := &builder{
		opts:    site.Options{Source: h.dir, Today: h.srv.opts.Site.Today, Dev: true, Cache: site.NewCache()},
		base:    h.srv.b.base,
		pending: map[string]bool{},
	}
	r := b.full("check")
	if !r.build.OK {
		h.t.Fatalf("full build failed: %v", r.build.Diagnostics)
	}
	out := map[string][]byte{}
	for name, data := range r.files {
		if strings.HasSuffix(name, ".html") {
			out[name] = data
		}
	}
	return out
}

// After any series of edits, the pages served are exactly the pages a
// full build of the same content makes: re-rendering only what an edit
// touches must never leave a stale page.
func TestEditsServeWhatAFullBuildWould(t *testing.T) {
	h := start(t)
	// Pages of one entry, so the directory and the coverage cells have
	// several pages that edits can reorder.
	h.edit("site.toml", `base_url = "https://example.org/"`, "base_url = \"https://example.org/\"\npage_size = 1")
	if b := h.build(); !b.OK || !b.Full {
		t.Fatalf("config edit: ok=%v full=%v %v", b.OK, b.Full, b.Diagnostics)
	}
	if _, ok := h.served()["organizations/page/3/index.html"]; !ok {
		t.Fatal("page_size = 1 did not paginate the directory")
	}
	// Each change edits a file, or writes it whole (old empty), or
	// deletes it (both empty).
	edits := []struct{ file, old, new string }{
		{"organizations/hauliers.md", `sector = "business"`, "sector = \"business\"\nsummary = \"Road freight firms.\""},
		{"organizations/hauliers.md", `sector = "business"`, `sector = "victim-services"`},             // moves between coverage cells
		{"organizations/hauliers.md", `title = "Hauliers Association"`, `title = "Aardvark Hauliers"`}, // reorders lists
		{"organizations/hauliers.md", `sector = "victim-services"`, "sector = \"victim-services\"\nobjectives = [\"PT-2\"]"},
		{"objectives/pt-2.md", `category = "protection"`, `category = "prevention"`}, // moves its organizations between Ps
		{"objectives/pv-1.md", `title = "Safer recruitment"`, `title = "Fair recruitment"`},
		{"partnerships/shelter-network.md", `members = ["shelter", "clinic"]`, `members = ["shelter", "clinic", "ministry"]`},
		{"organizations/drivers.md", "", "+++\ntitle = \"Bus Drivers Union\"\nsector = \"business\"\nobjectives = [\"PV-1\"]\n+++\n"},
		{"partnerships/shelter-network.md", `"clinic", `, ``},
		{"organizations/clinic.md", "", ""},
		{"about.md", `About the strategy.`, `About the strategy, revised.`},
	}
	for _, e := range edits {
		switch {
		case e.old != "":
			h.edit(e.file, e.old, e.new)
		case e.new != "":
			writeFile(t, filepath.Join(h.dir, e.file), e.new)
		default:
			if err := os.Remove(filepath.Join(h.dir, e.file)); err != nil {
				t.Fatal(err)
			}
		}
		if b := h.build(); !b.OK {
			t.Fatalf("change to %s failed: %v", e.file, b.Diagnostics)
		}
		served, full := h.served(), h.fullBuild()
		for name, want := range full {
			if got, ok := served[name]; !ok {
				t.Errorf("after %q: %s is not served", e.new, name)
			} else if !bytes.Equal(got, want) {
				t.Errorf("after %q: %s is stale", e.new, name)
			}
		}
		for name := range served {
			if _, ok := full[name]; !ok {
				t.Errorf("after %q: %s is served but no longer built", e.new, name)
			}
		}
		if t.Failed() {
			return
		}
	}
}

// An edit that changes neither an organization's title nor its sector or
// work renders none of the directory's other pages and none of the
// coverage cells of other sectors.
func TestSmallEditRendersFewListPages(t *testing.T) {
	h := start(t)
	h.edit("organizations/hauliers.md", `sector = "business"`, "sector = \"business\"\nsummary = \"Road freight firms.\"")
	b := h.build()
	if !b.OK {
		t.Fatalf("build failed: %v", b.Diagnostics)
	}
	for _, f := range b.Rendered {
		if strings.HasPrefix(f, "coverage/") && f != "coverage/index.html" && !strings.Contains(f, "/business/") {
			t.Errorf("%s was rendered, but the edit is to a business organization", f)
		}
	}
	if !slices.Contains(b.Rendered, "organizations/hauliers/index.html") {
		t.Error("the edited organization's page was not rendered")
	}
}
