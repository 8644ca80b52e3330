package load

import (
	"fmt"
	"io/fs"
	"reflect"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/commonagenda/agenda/generator/model"
)

func TestCacheReparsesOnlyChangedFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                smallSite["site.toml"],
		"organizations/a.md":       {Data: []byte("+++\ntitle = \"A\"\nsector = \"government\"\n+++\n")},
		"organizations/b.md":       {Data: []byte("+++\ntitle = \"B\"\nsector = \"government\"\n+++\n")},
		"organizations/broken.md":  {Data: []byte("+++\ntitle = \"Broken\"\ntitel = \"x\"\n+++\n")},
		"organizations/removed.md": {Data: []byte("+++\ntitle = \"Gone soon\"\nsector = \"government\"\n+++\n")},
	}
	cache := NewCache()
	first, d1 := Load(fsys, "content", Options{Cache: cache})
	before := map[string]*model.Organization{}
	for _, o := range first.Organizations {
		before[o.Slug] = o
	}

	fsys["organizations/b.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"B, renamed\"\nsector = \"government\"\n+++\n")}
	delete(fsys, "organizations/removed.md")
	second, d2 := Load(fsys, "content", Options{Cache: cache})
	after := map[string]*model.Organization{}
	for _, o := range second.Organizations {
		after[o.Slug] = o
	}

	if after["a"] != before["a"] {
		t.Error("an unchanged file was parsed again")
	}
	if after["b"] == before["b"] || after["b"].Title != "B, renamed" {
		t.Errorf("a changed file was not parsed again: title %q", after["b"].Title)
	}
	if _, ok := after["removed"]; ok {
		t.Error("a deleted file is still loaded")
	}
	if _, ok := cache.files["organizations/removed.md"]; ok {
		t.Error("the cache keeps a deleted file")
	}
	// The unchanged broken file's problems are reported again.
	if got, want := len(d2.Items()), len(d1.Items()); got != want || got == 0 {
		t.Errorf("second load reports %d problems, first %d; want the same, more than 0", got, want)
	}

	// Without a cache every load parses afresh.
	third, _ := Load(fsys, "content", Options{})
	for _, o := range third.Organizations {
		if o == after[o.Slug] {
			t.Errorf("%s was reused without a cache", o.Slug)
		}
	}
}

// readCounter counts the files read through it. Load reads on several
// goroutines, so the count is guarded.
type readCounter struct {
	fstest.MapFS
	mu    *sync.Mutex
	reads map[string]int
}

func (r readCounter) ReadFile(name string) ([]byte, error) {
	r.mu.Lock()
	r.reads[name]++
	r.mu.Unlock()
	return r.MapFS.ReadFile(name)
}

// A file whose size and time are unchanged is not read again; an edit
// that changes either is read and parsed, even one keeping the size.
func TestCacheReadsOnlyWhatChanged(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	fsys := readCounter{fstest.MapFS{
		"site.toml":          smallSite["site.toml"],
		"organizations/a.md": {Data: []byte("+++\ntitle = \"A\"\nsector = \"government\"\n+++\n"), ModTime: t0},
		"organizations/b.md": {Data: []byte("+++\ntitle = \"B\"\nsector = \"government\"\n+++\n"), ModTime: t0},
	}, &sync.Mutex{}, map[string]int{}}
	cache := NewCache()
	Load(fsys, "content", Options{Cache: cache})
	// Same size, a second later: read again.
	fsys.MapFS["organizations/b.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"C\"\nsector = \"government\"\n+++\n"), ModTime: t0.Add(time.Second)}
	s, _ := Load(fsys, "content", Options{Cache: cache})
	if n := fsys.reads["organizations/a.md"]; n != 1 {
		t.Errorf("an unchanged file was read %d times, want once", n)
	}
	if n := fsys.reads["organizations/b.md"]; n != 2 {
		t.Errorf("an edited file was read %d times, want twice", n)
	}
	if o := s.Organization("b"); o == nil || o.Title != "C" {
		t.Errorf("the edit was not seen: %+v", o)
	}
}

// statCounter counts the files looked at through it (by the workers that
// read files, so under a lock).
type statCounter struct {
	fstest.MapFS
	mu    *sync.Mutex
	stats map[string]int
}

func (s statCounter) Stat(name string) (fs.FileInfo, error) {
	s.mu.Lock()
	s.stats[name]++
	s.mu.Unlock()
	return s.MapFS.Stat(name)
}

// With Changed (a file watcher's report), a Load looks only at the paths
// named, and ends with what a full Load would have read: edited, added
// and removed files, a removed folder, editors' backup files left out.
func TestChangedLooksOnlyAtWhatChanged(t *testing.T) {
	org := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\nsector = \"government\"\n+++\nBody.\n")}
	}
	fsys := statCounter{fstest.MapFS{
		"site.toml":               smallSite["site.toml"],
		"organizations/a.md":      org("A"),
		"organizations/b.md":      org("B"),
		"organizations/c.md":      org("C"),
		"organizations/broken.md": {Data: []byte("+++\ntitle = \"Broken\"\ntitel = \"x\"\n+++\n")},
		"help/faq.md":             {Data: []byte("+++\ntitle = \"FAQ\"\n+++\n")},
		"help/more/deep.md":       {Data: []byte("+++\ntitle = \"Deep\"\n+++\n")},
		"images/logo.png":         {Data: []byte("png")},
	}, &sync.Mutex{}, map[string]int{}}
	cache := NewCache()
	if _, diags := Load(fsys, "content", Options{Cache: cache}); diags.Len() != 2 {
		t.Fatalf("first load: %v", diags.Items())
	}

	fsys.MapFS["organizations/b.md"] = org("B, renamed")
	fsys.MapFS["organizations/new.md"] = org("New")
	fsys.MapFS["organizations/new.md~"] = org("Backup")
	delete(fsys.MapFS, "organizations/c.md")
	delete(fsys.MapFS, "help/more/deep.md")
	clear(fsys.stats)
	changed := []string{"organizations/b.md", "organizations/new.md", "organizations/new.md~", "organizations/c.md", "help/more", ".git/index"}
	got, gotDiags := Load(fsys, "content", Options{Cache: cache, Changed: changed})
	for name := range fsys.stats {
		if name != "organizations/b.md" && name != "organizations/new.md" {
			t.Errorf("looked at %s, which did not change", name)
		}
	}
	want, wantDiags := Load(fsys.MapFS, "content", Options{})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("load with changes differs from a full load:\n got %+v\nwant %+v", got.Organizations, want.Organizations)
	}
	if g, w := fmt.Sprint(gotDiags.Items()), fmt.Sprint(wantDiags.Items()); g != w {
		t.Errorf("diagnostics %s, want %s", g, w)
	}

	// A folder among the changes, or a walk that had warnings, means
	// listing everything again.
	fsys.MapFS["partnerships/p.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"P\"\nmembers = [\"a\", \"b\"]\n+++\n")}
	fsys.MapFS["link.png"] = &fstest.MapFile{Data: []byte("logo.png"), Mode: fs.ModeSymlink}
	got, _ = Load(fsys, "content", Options{Cache: cache, Changed: []string{"partnerships"}})
	if len(got.Partnerships) != 1 {
		t.Errorf("a new folder's file was not read: %d partnerships", len(got.Partnerships))
	}
	fsys.MapFS["organizations/d.md"] = org("D")
	if got, _ = Load(fsys, "content", Options{Cache: cache, Changed: []string{}}); len(got.Organizations) != 5 {
		t.Errorf("after a walk with a warning, a file the report missed was not seen: %d organizations", len(got.Organizations))
	}
}

// A file that cannot be parsed still claims its names: an organization's
// and a partnership's slug, an objective's id from its id line (curly
// quotes and all) and its file name.
func TestUnreadableFilesClaimTheirNames(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                  smallSite["site.toml"],
		"objectives/pt-1.md":         {Data: []byte("+++\nid = “PT-1”\ntitle = \"Shelter\"\n+++\n")},
		"objectives/other-name.md":   {Data: []byte("+++\nid = \"PV-9\"\ntitle = \"Open\"\n")},
		"organizations/harbor.md":    {Data: []byte("+++\ntitle = \"Harbor\"\nphone = 1,200\n+++\n")},
		"partnerships/task-force.md": {Data: []byte("title = \"No front matter\"\n")},
		"organizations/fine.md":      {Data: []byte("+++\ntitle = \"Fine\"\nsector = \"government\"\n+++\n")},
	}
	for _, cache := range []*Cache{nil, NewCache()} {
		s, _ := Load(fsys, "content", Options{Cache: cache})
		for _, c := range []struct{ kind, name string }{
			{"objective", "PT-1"}, {"objective", "pt-1"}, {"objective", "PV-9"}, {"objective", "other-name"},
			{"organization", "harbor"}, {"partnership", "task-force"},
		} {
			if !s.Claimed(c.kind, c.name) {
				t.Errorf("no %s claims %q: %+v", c.kind, c.name, s.Unreadable)
			}
		}
		if s.Claimed("organization", "fine") || len(s.Organizations) != 1 {
			t.Errorf("a file that parsed is claimed, or missing: %+v", s.Unreadable)
		}
	}
}
