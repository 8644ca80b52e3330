package load

import (
	"testing"
	"testing/fstest"

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
