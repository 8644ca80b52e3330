package site

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/load"
)

// A build never writes what the load phase parsed: the dev server hands
// the same parsed items to the next build while the last one's search
// index and data files may still be reading its snapshot.
func TestBuildLeavesParsedFilesAlone(t *testing.T) {
	dir := filepath.Join("..", "..", "content") // the bundled example
	cache := NewCache()
	opts := Options{Source: dir, Today: today, Cache: cache}
	if _, diags := Build(opts); diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	// Load again through the cache: it hands out the parsed items the
	// build used, which must equal a fresh parse.
	// (With history, as the build had it: each entity named by its
	// bytes' Git name.)
	fromCache, _ := load.Load(os.DirFS(dir), dir, load.Options{Cache: cache.load, Blobs: true})
	fresh, _ := load.Load(os.DirFS(dir), dir, load.Options{Blobs: true})
	if len(fromCache.Objectives) == 0 {
		t.Fatal("the fixture has no objectives")
	}
	if fromCache.Objectives[0] != cachedFirst(t, cache, dir) {
		t.Fatal("the cache did not hand out the same parsed item")
	}
	if !reflect.DeepEqual(fromCache.Objectives, fresh.Objectives) ||
		!reflect.DeepEqual(fromCache.Organizations, fresh.Organizations) ||
		!reflect.DeepEqual(fromCache.Partnerships, fresh.Partnerships) ||
		!reflect.DeepEqual(fromCache.Pages, fresh.Pages) {
		t.Error("a build wrote into the parsed files it was given")
	}
}

// cachedFirst loads once more through the cache and returns the first
// objective it hands out.
func cachedFirst(t *testing.T, cache *Cache, dir string) any {
	t.Helper()
	s, _ := load.Load(os.DirFS(dir), dir, load.Options{Cache: cache.load})
	return s.Objectives[0]
}

// An edit to bodies alone makes a snapshot that shares the last one's
// entities, figures and route table, with the new bodies; its pages are a
// full build's, and the markdown phase still reports the edit's
// mistakes. An edit to front matter links anew.
func TestBodyEditKeepsTheGraph(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	cache := NewCache()
	opts := Options{Source: dir, Today: today, Cache: cache}
	first, diags := Load(opts)
	if first == nil || diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	org := first.Strategy.Organizations[0]
	file := filepath.Join(dir, filepath.FromSlash(org.Doc.Rel))
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	write := func(data string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sameAsCold := func(what string) {
		t.Helper()
		warm, wd := Build(opts)
		cold, cd := Build(Options{Source: dir, Today: today})
		if warm == nil || cold == nil {
			t.Fatalf("%s: build failed: %v %v", what, wd.Items(), cd.Items())
		}
		if !reflect.DeepEqual(warm.Files, cold.Files) {
			for name, data := range cold.Files {
				if string(warm.Files[name]) != string(data) {
					t.Errorf("%s: %s differs from a cold build's", what, name)
				}
			}
			t.FailNow()
		}
	}

	write(string(src) + "\n## A new heading\n\nA sentence only this edit wrote.\n")
	second, diags := Load(opts)
	if second == nil || diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	if second.Strategy.Organizations[0] != org || second.Report != first.Report || second.Routes != first.Routes {
		t.Error("an edit to a body alone linked the strategy again")
	}
	if got := second.Strategy.Body(org.Doc).Text; !strings.Contains(got, "only this edit wrote") {
		t.Errorf("the new snapshot has the old body: %q", got)
	}
	if first.Strategy.Body(org.Doc).Text == second.Strategy.Body(org.Doc).Text {
		t.Error("the last snapshot's body was changed")
	}
	sameAsCold("body edit")

	// A broken link in the body is still reported, at its line.
	lines := strings.Count(string(src), "\n")
	write(string(src) + "\nSee [nothing](../objectives/no-such-file.md).\n")
	_, diags = Load(opts)
	found := false
	for _, d := range diags.Items() {
		if d.Pos.Path != "" && strings.HasSuffix(d.Pos.Path, org.Doc.Rel) && d.Pos.Line == lines+2 && strings.Contains(d.Message, "no-such-file") {
			found = true
		}
	}
	if !found {
		t.Errorf("the broken link added by a body edit is not reported at line %d: %v", lines+2, diags.Items())
	}

	// A front matter edit links again, and the next body edit starts
	// from that graph.
	write(strings.Replace(string(src), "title = \"", "title = \"Aaa ", 1))
	third, diags := Load(opts)
	if third == nil || diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	if third.Strategy.Organizations[0] == org || !strings.HasPrefix(third.Strategy.Organizations[0].Title, "Aaa ") {
		t.Error("a front matter edit did not link anew")
	}
	sameAsCold("front matter edit")
	write(strings.Replace(string(src), "title = \"", "title = \"Aaa ", 1) + "\nOne more sentence.\n")
	fourth, _ := Load(opts)
	if fourth.Strategy.Organizations[0] != third.Strategy.Organizations[0] {
		t.Error("a body edit after a front matter edit linked again")
	}
	sameAsCold("body edit after a front matter edit")
}
