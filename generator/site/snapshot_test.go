package site

import (
	"os"
	"path/filepath"
	"reflect"
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
	fromCache, _ := load.Load(os.DirFS(dir), dir, load.Options{Cache: cache.load})
	fresh, _ := load.Load(os.DirFS(dir), dir, load.Options{})
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
