package serve

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/site"
)

// fullBuild builds the harness's content from scratch in memory, with the
// server's settings, and returns every file.
func (h *harness) fullBuild() map[string][]byte {
	h.t.Helper()
	opts := h.srv.b.opts
	opts.Cache = nil
	built, diags := site.Build(opts)
	if built == nil {
		h.t.Fatalf("full build failed: %v", diags.Items())
	}
	return built.Files
}

// fetch GETs a site path and returns the body, failing the test on any
// status but 200.
func (h *harness) fetch(p string) []byte {
	h.t.Helper()
	resp, err := http.Get(h.url + p)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("GET %s: %d\n%s", p, resp.StatusCode, body)
	}
	return body
}

// sameAsFullBuild checks that every file a full build of the content
// makes now is served, byte for byte, and that no page the full build
// lacks is served.
func (h *harness) sameAsFullBuild(after string) {
	h.t.Helper()
	full := h.fullBuild()
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range full {
			if !yield(k) {
				return
			}
		}
	}) {
		if name == "_redirects" {
			continue // Netlify's, not a page: served as a file all the same
		}
		p := "/" + strings.TrimSuffix(name, "index.html")
		if got := h.fetch(p); !bytes.Equal(got, full[name]) {
			h.t.Errorf("after %s: %s differs from a full build's", after, p)
		}
	}
	for _, rt := range h.srv.current().snap.Routes.Pages() {
		if _, ok := full[rt.File()]; !ok {
			h.t.Errorf("after %s: %s is served but a full build does not make it", after, rt.Path)
		}
	}
}

// After any series of edits, every file served is exactly what a full
// build of the same content makes.
func TestEditsServeWhatAFullBuildWould(t *testing.T) {
	h := start(t)
	// Pages of one entry, so the directory and the coverage cells have
	// several pages that edits can reorder.
	h.edit("site.toml", `base_url = "https://example.org/"`, "base_url = \"https://example.org/\"\npage_size = 1")
	if b := h.build(); !b.OK || !b.Full {
		t.Fatalf("config edit: ok=%v full=%v %v", b.OK, b.Full, b.Diagnostics)
	}
	if code, _ := h.get("/organizations/page/3/"); code != http.StatusOK {
		t.Fatal("page_size = 1 did not paginate the directory")
	}
	// Each change edits a file, or writes it whole (old empty), or
	// deletes it (both empty).
	edits := []struct{ file, old, new string }{
		{"organizations/hauliers.md", `sector = "business"`, "sector = \"business\"\nsummary = \"Road freight firms.\""},
		// Bodies alone: the last graph is kept, with the new bodies.
		{"objectives/pv-1.md", "The first objective.", "The first objective.\n\n## Who leads\n\nSee [the shelter](../organizations/shelter.md) and [about](../about.md)."},
		{"organizations/hauliers.md", "Road freight firms.\"\n+++\n", "Road freight firms.\"\n+++\nMembers [train drivers](../objectives/pv-1.md#who-leads).\n"},
		{"_index.md", "Welcome.", "Welcome to the strategy."},
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
		{"about.md~", "", "+++\ntitle = \"An editor's backup\"\n+++\n"},                               // never content: no build of its own
		{"guides/start.md", "", "+++\ntitle = \"Getting started\"\n+++\nSee [about](../about.md).\n"}, // a new folder
		{"guides/more.md", "", "+++\ntitle = \"More\"\n+++\n"},
		{"guides/", "", ""}, // a folder removed whole
	}
	for _, e := range edits {
		if strings.HasSuffix(e.file, "~") {
			writeFile(t, filepath.Join(h.dir, e.file), e.new)
			continue
		}
		switch {
		case e.old != "":
			h.edit(e.file, e.old, e.new)
		case e.new != "":
			writeFile(t, filepath.Join(h.dir, e.file), e.new)
		default:
			if err := os.RemoveAll(filepath.Join(h.dir, e.file)); err != nil {
				t.Fatal(err)
			}
		}
		if b := h.build(); !b.OK {
			t.Fatalf("change to %s failed: %v", e.file, b.Diagnostics)
		}
		h.sameAsFullBuild(e.file + " " + e.new)
		if t.Failed() {
			return
		}
	}
}

// An edit renders no page: the new snapshot is ready when it is loaded
// and linked, and a page is rendered when it is asked for, once.
func TestEditRendersOnlyWhatIsAskedFor(t *testing.T) {
	h := start(t)
	h.edit("organizations/hauliers.md", `sector = "business"`, "sector = \"business\"\nsummary = \"Road freight firms.\"")
	if b := h.build(); !b.OK {
		t.Fatalf("build failed: %v", b.Diagnostics)
	}
	before := h.srv.b.renderer.Executed()
	if body := string(h.fetch("/organizations/hauliers/")); !strings.Contains(body, "Road freight firms.") {
		t.Error("the edited organization's page does not show the edit")
	}
	h.fetch("/organizations/hauliers/")
	if n := h.srv.b.renderer.Executed() - before; n != 1 {
		t.Errorf("two requests for one page rendered %d pages, want 1", n)
	}
}

// Edits saved back to back, faster than a build, while pages, the search
// index and the data files of each snapshot are being read: every build
// succeeds, the last snapshot serves what a full build makes, and
// nothing races (run with -race).
func TestBackToBackEdits(t *testing.T) {
	h := start(t)
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for _, p := range []string{"/", "/organizations/hauliers/", "/search/manifest.json", "/data/strategy.json", "/coverage/", "/objectives/pv-1/index.json"} {
		readers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if resp, err := http.Get(h.url + p); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		})
	}
	summaries := []string{"One.", "Two.", "Three.", "Four.", "Five.", "Six."}
	old := `sector = "business"`
	for i, s := range summaries {
		next := "sector = \"business\"\nsummary = \"" + s + "\""
		if i > 0 {
			next = "summary = \"" + s + "\""
			old = "summary = \"" + summaries[i-1] + "\""
		}
		h.edit("organizations/hauliers.md", old, next)
		time.Sleep(time.Millisecond) // no wait for the build
	}
	// The watcher may batch the saves into fewer builds; wait for the one
	// that saw the last.
	deadline := time.Now().Add(wait)
	for !strings.Contains(string(h.fetch("/organizations/hauliers/")), "Six.") {
		if time.Now().After(deadline) {
			t.Fatal("the last edit was never served")
		}
		select {
		case b := <-h.builds:
			if !b.OK {
				t.Fatalf("a build failed: %v", b.Diagnostics)
			}
		case <-time.After(wait):
		}
	}
	close(stop)
	readers.Wait()
	for len(h.builds) > 0 {
		<-h.builds
	}
	h.sameAsFullBuild("back-to-back edits")
}
