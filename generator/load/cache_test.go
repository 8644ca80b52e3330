package load

import (
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

// readCounter counts the files read through it.
type readCounter struct {
	fstest.MapFS
	reads map[string]int
}

func (r readCounter) ReadFile(name string) ([]byte, error) {
	r.reads[name]++
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
	}, map[string]int{}}
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
