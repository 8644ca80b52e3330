package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/site"
	"golang.org/x/tools/txtar"
)

// wait bounds every wait for a build or an event; builds take
// milliseconds, so reaching it means the server missed the change.
const wait = 10 * time.Second

// harness is a server running on a random loopback port over a copy of
// testdata/site.txtar.
type harness struct {
	t      *testing.T
	dir    string
	url    string
	srv    *Server
	builds chan Build
	events chan string
	stop   func() error
}

func start(t *testing.T) *harness {
	t.Helper()
	return startWith(t, nil)
}

// startWith is start with set, when not nil, changing the server before
// it runs.
func startWith(t *testing.T, set func(*Server)) *harness {
	t.Helper()
	dir := t.TempDir()
	archive, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := txtar.FS(archive)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := New(Options{Site: site.Options{Source: dir, Today: model.NewDate(2026, 1, 1)}, Debounce: 20 * time.Millisecond})
	h := &harness{t: t, dir: dir, url: "http://" + ln.Addr().String(), srv: srv, builds: make(chan Build, 16)}
	srv.builds = h.builds
	if set != nil {
		set(srv)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, ln) }()
	var once sync.Once
	var stopErr error
	h.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(wait):
				t.Error("server did not stop")
			}
		})
		return stopErr
	}
	t.Cleanup(func() { h.stop() })
	if b := h.build(); !b.OK {
		t.Fatalf("first build failed: %v", b.Diagnostics)
	}
	h.events = h.subscribe()
	return h
}

// build waits for the next build.
func (h *harness) build() Build {
	h.t.Helper()
	var b Build
	select {
	case b = <-h.builds:
	case <-time.After(wait):
		h.t.Fatal("no build after the change")
		return Build{}
	}
	// A change made of several writes (a folder removed file by file)
	// may reach the watcher in more than one batch on a busy machine,
	// each making a build: the last one is the change's.
	for {
		select {
		case b = <-h.builds:
		case <-time.After(settle):
			return b
		}
	}
}

// settle is how long after a build the harness waits for another that
// the same change set off.
const settle = 20 * DefaultDebounce

// subscribe opens the event stream and returns the names of the events
// that arrive on it after those it opens with (see opening).
func (h *harness) subscribe() chan string {
	h.t.Helper()
	_, out := h.opening()
	return out
}

// opening opens the event stream and returns the events it opens with
// ("live N", and "failed M" after a failed build), and a channel of the
// names of the events after them.
func (h *harness) opening() ([]string, chan string) {
	h.t.Helper()
	resp, err := http.Get(h.url + "/_agenda/events")
	if err != nil {
		h.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		h.t.Fatalf("event stream content type %q", ct)
	}
	h.t.Cleanup(func() { resp.Body.Close() })
	out := make(chan string, 16)
	r := bufio.NewReader(resp.Body)
	first, _ := r.ReadString('\n') // "retry:" arrives before any event
	if !strings.HasPrefix(first, "retry:") {
		h.t.Fatalf("event stream starts with %q", first)
	}
	// The opening events are written at once, before the stream waits:
	// "live", then "failed" when the last build failed.
	var opening []string
	for {
		name, err := r.ReadString('\n')
		data, err2 := r.ReadString('\n')
		blank, err3 := r.ReadString('\n')
		if err != nil || err2 != nil || err3 != nil || blank != "\n" {
			h.t.Fatalf("the stream's opening event is cut short: %q %q %q", name, data, blank)
		}
		name, _ = strings.CutPrefix(strings.TrimSpace(name), "event: ")
		data, _ = strings.CutPrefix(strings.TrimSpace(data), "data: ")
		opening = append(opening, name+" "+data)
		if name == "failed" || name == "live" && r.Buffered() == 0 {
			break
		}
	}
	go func() {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if name, ok := strings.CutPrefix(strings.TrimSpace(line), "event: "); ok {
				out <- name
			}
		}
	}()
	return opening, out
}

// event waits for the next server-sent event.
func (h *harness) event() string {
	h.t.Helper()
	select {
	case e := <-h.events:
		return e
	case <-time.After(wait):
		h.t.Fatal("no event after the build")
		return ""
	}
}

func (h *harness) get(path string) (int, string) {
	h.t.Helper()
	resp, err := http.Get(h.url + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// edit rewrites a content file the way many editors save: a temporary
// file renamed over the old one.
func (h *harness) edit(rel, old, new string) {
	h.t.Helper()
	p := filepath.Join(h.dir, rel)
	data, err := os.ReadFile(p)
	if err != nil {
		h.t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		h.t.Fatalf("%s does not contain %q", rel, old)
	}
	tmp := filepath.Join(filepath.Dir(p), ".~"+filepath.Base(p)+".tmp")
	writeFile(h.t, tmp, strings.Replace(string(data), old, new, 1))
	if err := os.Rename(tmp, p); err != nil {
		h.t.Fatal(err)
	}
}

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestEditRebuildsAndReloads(t *testing.T) {
	h := start(t)
	if code, body := h.get("/organizations/shelter/"); code != 200 || !strings.Contains(body, "Harbor Shelter") {
		t.Fatalf("before the edit: %d, title missing", code)
	}
	h.edit("organizations/shelter.md", "Harbor Shelter", "Harbour Refuge")
	b := h.build()
	if !b.OK || b.Kind != "content" || b.Full {
		t.Fatalf("build: ok=%v kind=%s full=%v %v", b.OK, b.Kind, b.Full, b.Diagnostics)
	}
	if e := h.event(); e != "reload" {
		t.Errorf("event %q, want reload", e)
	}
	_, body := h.get("/organizations/shelter/")
	if !strings.Contains(body, "Harbour Refuge") {
		t.Errorf("the page does not show the edit")
	}
	if !strings.Contains(body, `<script src="/_agenda/reload.js" defer></script>`) {
		t.Errorf("served page lacks the reload script")
	}
	// Pages that name the organization show the new name too.
	for _, p := range []string{"/objectives/pt-1/", "/partnerships/shelter-network/", "/sectors/victim-services/", "/organizations/"} {
		if _, body := h.get(p); !strings.Contains(body, "Harbour Refuge") {
			t.Errorf("%s still shows the old name", p)
		}
	}
}

// A new reference shows on the page it now points to, which did not link
// to the organization before; a change to site.toml parses the templates
// again and shows everywhere.
func TestReferencesAndConfigChanges(t *testing.T) {
	h := start(t)
	h.edit("organizations/hauliers.md", `sector = "business"`, "sector = \"business\"\nobjectives = [\"PT-2\"]")
	if b := h.build(); !b.OK || b.Full {
		t.Fatalf("build: ok=%v full=%v %v", b.OK, b.Full, b.Diagnostics)
	}
	if _, body := h.get("/objectives/pt-2/"); !strings.Contains(body, "Hauliers Association") {
		t.Errorf("PT-2 does not list its new organization")
	}
	h.edit("site.toml", `title = "Serve Test"`, `title = "Serve Test, renamed"`)
	if b := h.build(); !b.Full || b.Kind != "config" {
		t.Errorf("config change: full=%v kind=%s", b.Full, b.Kind)
	}
	for _, p := range []string{"/", "/organizations/shelter/", "/about/"} {
		if _, body := h.get(p); !strings.Contains(body, "Serve Test, renamed") {
			t.Errorf("%s does not show the new title", p)
		}
	}
}

func TestBrokenFileShowsProblemsAndKeepsLastGoodSite(t *testing.T) {
	h := start(t)
	h.edit("organizations/clinic.md", `sector = "victim-services"`, `sector = "ngo"`)
	b := h.build()
	if b.OK {
		t.Fatal("a build with an unknown sector succeeded")
	}
	if e := h.event(); e != "failed" {
		t.Errorf("event %q, want failed", e)
	}
	_, status := h.get("/_agenda/status")
	want := filepath.ToSlash(filepath.Join(h.dir, "organizations/clinic.md")) + `:3:1: unknown sector \"ngo\"`
	if !strings.Contains(status, `"ok":false`) || !strings.Contains(status, want) {
		t.Errorf("status %s lacks %s", status, want)
	}
	if code, body := h.get("/organizations/clinic/"); code != 200 || !strings.Contains(body, "Street Clinic") {
		t.Errorf("the last good page is not served during the error: %d", code)
	}

	h.edit("organizations/clinic.md", `sector = "ngo"`, `sector = "victim-services"`)
	if b := h.build(); !b.OK {
		t.Fatalf("fixed build failed: %v", b.Diagnostics)
	}
	if e := h.event(); e != "reload" {
		t.Errorf("event %q after the fix, want reload", e)
	}
	if _, status := h.get("/_agenda/status"); !strings.Contains(status, `"ok":true`) {
		t.Errorf("status after the fix: %s", status)
	}
}

// A tab whose event stream opens after a build's event (its page was
// loading meanwhile) learns of that build as the stream opens: the build
// the pages come from ("live", which its page names in a Server-Timing
// header) and, when the last build failed, "failed".
func TestStreamOpensWithWhatTheLastBuildsDid(t *testing.T) {
	h := start(t)
	resp, err := http.Get(h.url + "/organizations/shelter/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Server-Timing"); got != "agenda-build;desc=1" {
		t.Errorf("the first build's page says Server-Timing %q", got)
	}
	h.edit("organizations/shelter.md", "Harbor Shelter", "Harbour Refuge")
	if b := h.build(); !b.OK {
		t.Fatalf("build: %v", b.Diagnostics)
	}
	h.event()
	opening, _ := h.opening()
	if want := []string{"live 2"}; !slices.Equal(opening, want) {
		t.Errorf("after a good build the stream opens with %q, want %q", opening, want)
	}
	resp, err = http.Get(h.url + "/organizations/shelter/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Server-Timing"); got != "agenda-build;desc=2" {
		t.Errorf("the second build's page says Server-Timing %q", got)
	}

	h.edit("organizations/clinic.md", `sector = "victim-services"`, `sector = "ngo"`)
	if b := h.build(); b.OK {
		t.Fatal("a build with an unknown sector succeeded")
	}
	h.event()
	opening, later := h.opening()
	if len(opening) == 1 {
		// The second event came apart from the first.
		select {
		case e := <-later:
			opening = append(opening, e+" 3")
		case <-time.After(wait):
		}
	}
	if want := []string{"live 2", "failed 3"}; !slices.Equal(opening, want) {
		t.Errorf("after a failed build the stream opens with %q, want %q", opening, want)
	}
}

// TestFixAfterFailureRendersBothEdits: an edit made while the site was
// broken is rendered by the build that fixes it.
func TestFixAfterFailureRendersBothEdits(t *testing.T) {
	h := start(t)
	h.edit("objectives/pt-2.md", `title = "Health screening"`, `title = "Screening in clinics"`+"\nbroken = true")
	if b := h.build(); b.OK {
		t.Fatal("unknown key accepted")
	}
	h.edit("objectives/pt-2.md", "\nbroken = true", "")
	if b := h.build(); !b.OK {
		t.Fatalf("fixed build failed: %v", b.Diagnostics)
	}
	if _, body := h.get("/organizations/clinic/"); !strings.Contains(body, "Screening in clinics") {
		t.Errorf("a page linked to the edited objective was not re-rendered")
	}
}

func TestNewFolderIsWatched(t *testing.T) {
	h := start(t)
	writeFile(t, filepath.Join(h.dir, "help", "faq.md"), "+++\ntitle = \"Questions\"\n+++\nAsk us.\n")
	h.waitFor("/help/faq/", "Ask us.")
	writeFile(t, filepath.Join(h.dir, "help", "more.md"), "+++\ntitle = \"More\"\n+++\nAnd more.\n")
	h.waitFor("/help/more/", "And more.")
}

// waitFor waits for builds until the page at p shows text.
func (h *harness) waitFor(p, text string) {
	h.t.Helper()
	for {
		b := h.build()
		if !b.OK {
			h.t.Fatalf("build failed: %v", b.Diagnostics)
		}
		if code, body := h.get(p); code == 200 && strings.Contains(body, text) {
			return
		}
	}
}

func TestStopsCleanlyWithOpenStreams(t *testing.T) {
	h := start(t)
	if err := h.stop(); err != nil {
		t.Errorf("Run returned %v", err)
	}
}

// TestReloadScriptOnlyInServe: a normal build carries no trace of the
// dev server.
func TestReloadScriptOnlyInServe(t *testing.T) {
	h := start(t)
	built, diags := site.Build(site.Options{Source: h.dir, Today: model.NewDate(2026, 1, 1)})
	if built == nil {
		t.Fatal(diags.Items())
	}
	for name, data := range built.Files {
		if strings.Contains(string(data), "/_agenda/") {
			t.Errorf("%s mentions the dev server", name)
		}
	}
}

// An edit's pages are served at once; its search index and data files
// follow when they are made, without another reload.
func TestEditUpdatesSearchAndDataFiles(t *testing.T) {
	h := start(t)
	_, manifest := h.get("/search/manifest.json")
	h.edit("organizations/shelter.md", "Harbor Shelter", "Harbour Refuge")
	if b := h.build(); !b.OK {
		t.Fatalf("edit failed: %v", b.Diagnostics)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, data := h.get("/data/strategy.json")
		_, m := h.get("/search/manifest.json")
		if strings.Contains(data, "Harbour Refuge") && m != manifest {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("strategy.json and the search index never caught up with the edit")
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The new index is whole: every chunk the manifest names is served.
	var man struct {
		Terms  [][2]string `json:"terms"`
		Facets string      `json:"facets"`
	}
	_, m := h.get("/search/manifest.json")
	if err := json.Unmarshal([]byte(m), &man); err != nil {
		t.Fatal(err)
	}
	for _, t2 := range man.Terms {
		if code, _ := h.get("/search/chunks/terms-" + t2[1] + ".json"); code != 200 {
			t.Errorf("manifest names terms-%s.json, which is not served", t2[1])
		}
	}
	if code, _ := h.get("/search/chunks/facets-" + man.Facets + ".json"); code != 200 {
		t.Errorf("manifest names facets-%s.json, which is not served", man.Facets)
	}
}

// syncBuffer is a log the test reads while the server writes it.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// take returns what was written since the last take.
func (b *syncBuffer) take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	b.buf.Reset()
	return s
}

// TestLogRepeatsErrorsNotWarnings: a warning is written to the terminal
// by the build that first has it, and later builds only count it; errors
// are written by every build that has them.
func TestLogRepeatsErrorsNotWarnings(t *testing.T) {
	log := &syncBuffer{}
	h := startWith(t, func(s *Server) { s.log = log })
	log.take()
	const stale = "clinic.md:4:1: warning: "
	h.edit("organizations/clinic.md", `sector = "victim-services"`, "sector = \"victim-services\"\nverified = 2024-06-01")
	if b := h.build(); !b.OK {
		t.Fatalf("build failed: %v", b.Diagnostics)
	}
	first := log.take()
	if !strings.Contains(first, stale) || !strings.Contains(first, "content build") {
		t.Fatalf("the new warning is not logged:\n%s", first)
	}
	h.edit("organizations/shelter.md", "Harbor Shelter", "Harbour Refuge")
	if b := h.build(); !b.OK {
		t.Fatalf("build failed: %v", b.Diagnostics)
	}
	second := log.take()
	if strings.Contains(second, stale) || !strings.Contains(second, "1 warning as in the last build, not repeated") {
		t.Errorf("an unchanged warning is logged again, or not counted:\n%s", second)
	}
	h.edit("organizations/ministry.md", `sector = "government"`, `sector = "ngo"`)
	if b := h.build(); b.OK {
		t.Fatal("a build with an unknown sector succeeded")
	}
	h.edit("organizations/shelter.md", "Harbour Refuge", "Harbor Shelter")
	if b := h.build(); b.OK {
		t.Fatal("a build with an unknown sector succeeded")
	}
	if third := log.take(); strings.Count(third, `ministry.md:3:1: unknown sector "ngo"`) != 2 {
		t.Errorf("the error is not logged by each failed build:\n%s", third)
	}
}
