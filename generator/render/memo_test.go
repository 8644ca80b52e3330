package render

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/themes"
)

// memoCache is a build cache in memory: pages by Key, memos by file.
type memoCache struct {
	mu     sync.Mutex
	pages  map[Key][]byte
	memos  map[string]Memo
	next   map[string]Memo
	reused map[string]bool
	out    map[string][]byte
}

func newMemoCache() *memoCache {
	return &memoCache{pages: map[Key][]byte{}, memos: map[string]Memo{}}
}

func (c *memoCache) Reuse(file string, key Key) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	data, ok := c.pages[key]
	if ok {
		c.out[file] = data
		c.reused[file] = true
	}
	return ok
}

func (c *memoCache) Made(file string, key Key, data []byte) {
	c.mu.Lock()
	c.pages[key] = bytes.Clone(data)
	c.mu.Unlock()
}

func (c *memoCache) Recall(file string) (Memo, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.memos[file]
	return m, ok
}

func (c *memoCache) Remember(file string, m Memo) {
	c.mu.Lock()
	c.next[file] = m
	c.mu.Unlock()
}

// build renders s with the cache, as one build: it returns the pages and
// how many views were built.
func (c *memoCache) build(t *testing.T, s *model.Strategy, graph [32]byte) (map[string][]byte, int64) {
	t.Helper()
	c.next, c.reused, c.out = map[string]Memo{}, map[string]bool{}, map[string][]byte{}
	x := NewRenderer(s, themes.Default(), testOptions)
	rep, table, _ := plan(s, x)
	_, diags := x.Plan(s, rep, table, Later{Graph: graph}).RenderReusing(func(file string, data []byte) error {
		c.mu.Lock()
		c.out[file] = bytes.Clone(data)
		c.mu.Unlock()
		return nil
	}, c)
	for _, d := range diags.Items() {
		t.Errorf("diagnostic: %s", d)
	}
	c.memos = c.next
	return c.out, x.Built()
}

// withBody is s with the body of the file rel changed.
func withBody(s *model.Strategy, rel, html string) *model.Strategy {
	bodies := maps.Clone(s.Bodies)
	b := bodies[rel]
	b.HTML = html
	bodies[rel] = b
	return s.WithBodies(bodies)
}

// A build cache reuses a page without building its view when what the
// view is made from is what it was made from last time: the same Graph
// and the same bodies. A changed body rebuilds the pages that show it,
// and only those; a changed Graph rebuilds every view. Every page is
// what a build without the cache makes.
func TestMemosSkipViewsOfUnchangedPages(t *testing.T) {
	s := fixture()
	c := newMemoCache()
	graph := [32]byte{1}
	first, built := c.build(t, s, graph)
	pages := int64(0)
	for name := range first {
		if isPage(name) {
			pages++
		}
	}
	if built != pages {
		t.Fatalf("first build: %d views built, want one per page (%d)", built, pages)
	}

	// A page whose view cannot be named by a Key (the page of data
	// files, which shows their sizes) has no memo and is always built.
	always := int64(0)
	for name := range first {
		if _, ok := c.memos[name]; !ok && name != "" && isPage(name) {
			always++
		}
	}
	if always > 1 {
		t.Errorf("%d pages have no memo", always)
	}
	same, built := c.build(t, s, graph)
	if built != always {
		t.Errorf("nothing changed: %d views built, want %d", built, always)
	}
	samePages(t, "nothing changed", same, build(t, s).Files)

	// An organization's body is shown on its page alone.
	org := s.Organizations[0]
	edited := withBody(s, org.Doc.Rel, "<p>A new body.</p>")
	got, built := c.build(t, edited, graph)
	if built != always+1 {
		t.Errorf("one organization's body changed: %d views built, want %d", built, always+1)
	}
	want := build(t, edited).Files
	samePages(t, "a body changed", got, want)
	if !bytes.Contains(got[org.URL()[1:]+"index.html"], []byte("A new body.")) {
		t.Errorf("the organization's page does not show its new body")
	}

	// A list's introduction is shown on the list's page.
	intro := withBody(edited, "objectives/_index.md", "<p>A new introduction.</p>")
	got, built = c.build(t, intro, graph)
	if built != always+1 {
		t.Errorf("an introduction changed: %d views built, want %d", built, always+1)
	}
	samePages(t, "an introduction changed", got, build(t, intro).Files)
	if !bytes.Contains(got["objectives/index.html"], []byte("A new introduction.")) {
		t.Errorf("the list does not show its new introduction")
	}

	// The same edit under another Graph (other front matter): every view.
	_, built = c.build(t, edited, [32]byte{2})
	if built != pages {
		t.Errorf("the graph changed: %d views built, want %d", built, pages)
	}
	// No graph: no memo is trusted.
	_, built = c.build(t, edited, [32]byte{})
	if built != pages {
		t.Errorf("no graph: %d views built, want %d", built, pages)
	}
}

// isPage tells a page from the theme's assets.
func isPage(name string) bool { return !strings.HasPrefix(name, "assets/") }

func samePages(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s: %s differs from a build without the cache", what, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s is extra", what, name)
		}
	}
}
