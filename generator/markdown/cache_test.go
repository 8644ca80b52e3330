package markdown

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

// renderAll renders every document of s with the cache and returns the
// rendered HTML by Rel and the diagnostics as text.
func renderAll(s *model.Strategy, cache *Cache) (map[string]string, []string) {
	bodies, diags := RenderCached(s, cache)
	html := map[string]string{}
	for _, d := range s.Documents() {
		html[d.Rel] = bodies[d.Rel].Markup()
	}
	var text []string
	for _, d := range diags.Items() {
		text = append(text, d.String())
	}
	return html, text
}

// Whatever the cache holds, a cached rendering equals a fresh one; edits
// to one body, and to headings other bodies link to, are seen.
func TestCacheRendersWhatAFreshRenderWould(t *testing.T) {
	bodies := map[string]string{
		"about.md":           "See [the background](objectives/pv-1.md#background) and [a typo](objectives/pv-1.md#backgroud).\n",
		"objectives/pv-1.md": "## Background\n\nWhy.\n",
	}
	steps := []struct {
		name string
		rel  string
		md   string
	}{
		{"nothing changed", "", ""},
		{"an unrelated body changed", "organizations/doj.md", "## History\n\nFounded long ago.\n"},
		{"a heading others link to was renamed", "objectives/pv-1.md", "## Context\n\nWhy.\n"},
		{"the broken link was fixed", "about.md", "See [the context](objectives/pv-1.md#context).\n"},
	}
	cache := NewCache()
	renderAll(site(bodies), cache)
	for _, step := range steps {
		if step.rel != "" {
			bodies[step.rel] = step.md
		}
		cachedHTML, cachedDiags := renderAll(site(bodies), cache)
		freshHTML, freshDiags := renderAll(site(bodies), nil)
		for rel, want := range freshHTML {
			if cachedHTML[rel] != want {
				t.Errorf("%s: %s differs from a fresh render:\n got %q\nwant %q", step.name, rel, cachedHTML[rel], want)
			}
		}
		if !slices.Equal(cachedDiags, freshDiags) {
			t.Errorf("%s: diagnostics differ:\n got %v\nwant %v", step.name, cachedDiags, freshDiags)
		}
	}
	// The rename broke the first link; the check must have said so then.
	bodies["about.md"] = "See [the background](objectives/pv-1.md#background).\n"
	_, diags := renderAll(site(bodies), cache)
	if len(diags) != 1 || !strings.Contains(diags[0], `missing anchor "#background"`) {
		t.Errorf("a link to a renamed heading is not reported: %v", diags)
	}
}

// An unchanged body is not parsed or rendered again when no link target
// changed: its Doc gets the cached rendering.
func TestCacheReusesUnchangedBodies(t *testing.T) {
	cache := NewCache()
	s := site(nil)
	RenderCached(s, cache)
	// Poison the cache entry: if it is reused, the poison shows.
	e := cache.docs["about.md"]
	e.out.HTML = "<p>from the cache</p>"
	cache.docs["about.md"] = e
	s2 := site(nil)
	bodies, _ := RenderCached(s2, cache)
	for _, p := range s2.Pages {
		if p.Path == "/about/" && bodies[p.Doc.Rel].HTML != "<p>from the cache</p>" {
			t.Errorf("an unchanged body was rendered again: %q", bodies[p.Doc.Rel].HTML)
		}
	}
	if _, ok := cache.docs["report.pdf"]; ok {
		t.Error("the cache holds a file that is not a document")
	}
}

// A cache saved and read back renders what a fresh render does, and
// reuses what it kept; a shard cut short, foreign or missing is left out
// and saved again, and the others are still used.
func TestCacheSavedAndReadBack(t *testing.T) {
	cache := NewCache()
	want, wantDiags := renderAll(site(nil), cache)
	shards := savedShards(t, cache)
	open := func(shards [Shards][]byte) func(k int) (*os.File, error) { return shardFiles(t, shards) }
	read := ReadCache(open(shards))
	if len(read.docs) != len(cache.docs) {
		t.Fatalf("read back %d renderings of %d", len(read.docs), len(cache.docs))
	}
	for k := range Shards {
		if read.Changed(k) {
			t.Errorf("shard %d read back whole is changed", k)
		}
	}
	got, gotDiags := renderAll(site(nil), read)
	if !maps.Equal(got, want) || !slices.Equal(gotDiags, wantDiags) {
		t.Error("a cache read back renders differently")
	}
	// The renderings read back stay in the files, with their digests.
	for rel, d := range read.docs {
		if d.out.HTML != "" || d.out.Text != "" {
			t.Errorf("%s: a rendering read back is held in memory", rel)
		}
		if fresh := cache.docs[rel].out; d.out.Digest() != fresh.Digest() || d.out.Markup() != fresh.Markup() || d.out.PlainText() != fresh.PlainText() {
			t.Errorf("%s: a rendering read back differs from the one saved", rel)
		}
	}
	// Damage: shard a cut, shard b garbage, shard c missing, shard d
	// saved as another shard.
	full := 0
	for k := range Shards {
		if n := countIn(cache, k); n > 0 {
			full = k
		}
	}
	bad := shards
	bad[full] = bad[full][:len(bad[full])/2]
	bad[(full+1)%Shards] = []byte("not a cache")
	bad[(full+2)%Shards] = nil
	bad[(full+3)%Shards] = shards[(full+4)%Shards]
	read = ReadCache(open(bad))
	for k := range Shards {
		damaged := k == full || k == (full+1)%Shards || k == (full+2)%Shards || k == (full+3)%Shards
		if read.Changed(k) != damaged {
			t.Errorf("shard %d: changed %v, want %v", k, read.Changed(k), damaged)
		}
		if n := countIn(read, k); damaged && n > 0 || !damaged && n != countIn(cache, k) {
			t.Errorf("shard %d: %d renderings read back of %d", k, n, countIn(cache, k))
		}
	}
	got, gotDiags = renderAll(site(nil), read)
	if !maps.Equal(got, want) || !slices.Equal(gotDiags, wantDiags) {
		t.Error("a cache read back in part renders differently")
	}
}

// countIn is the number of renderings in shard k of c.
func countIn(c *Cache, k int) int {
	n := 0
	for rel := range c.docs {
		if shardOf(rel) == k {
			n++
		}
	}
	return n
}

// A cache read from disk serves one build: what that build renders anew
// is kept by its body's checksum, not by holding every body and document
// to the build's end. Saved and read back, it is used as any other.
func TestCacheReadFromDiskHoldsNoBodies(t *testing.T) {
	none := func(int) (*os.File, error) { return nil, os.ErrNotExist }
	lean := ReadCache(none)
	s := site(nil)
	want, wantDiags := renderAll(s, NewCache())
	got, gotDiags := renderAll(s, lean)
	if !maps.Equal(got, want) || !slices.Equal(gotDiags, wantDiags) {
		t.Fatal("a cache read from disk renders differently")
	}
	bodies := map[string][]byte{}
	for _, d := range s.Documents() {
		bodies[d.Rel] = d.Body
	}
	if len(lean.docs) == 0 {
		t.Fatal("nothing was kept")
	}
	for rel, d := range lean.docs {
		if d.body != nil || d.doc != nil {
			t.Errorf("%s: the body or its document is held", rel)
		}
		if d.sum != sha256.Sum256(bodies[rel]) {
			t.Errorf("%s: kept without its body's checksum", rel)
		}
	}
	read := ReadCache(shardFiles(t, savedShards(t, lean)))
	got, _ = renderAll(site(nil), read)
	if !maps.Equal(got, want) {
		t.Error("a lean cache read back renders differently")
	}
	for k := range Shards {
		if read.Changed(k) {
			t.Errorf("shard %d: a body read back was not found unchanged", k)
		}
	}
}

// A body the load phase left unread (model.Doc.BodySum) is read when it
// must be rendered, and renders as if it had been read; a cached
// rendering of it is used by its checksum, unread. One that cannot be
// read is a problem of its file, and its rendering is not kept.
func TestUnreadBodiesAreReadWhenRendered(t *testing.T) {
	want, wantDiags := renderAll(site(nil), NewCache())
	unread := func(fail string) (*model.Strategy, map[string]int) {
		s := site(nil)
		reads := map[string]int{}
		var mu sync.Mutex
		for _, d := range s.Documents() {
			body, rel := d.Body, d.Rel
			d.BodySum = sha256.Sum256(body)
			d.WithBodyReader(func() ([]byte, error) {
				mu.Lock()
				defer mu.Unlock()
				reads[rel]++
				if rel == fail {
					return nil, errors.New("gone")
				}
				return body, nil
			})
		}
		return s, reads
	}
	none := func(int) (*os.File, error) { return nil, os.ErrNotExist }
	lean := ReadCache(none)
	s, reads := unread("")
	got, gotDiags := renderAll(s, lean)
	if !maps.Equal(got, want) || !slices.Equal(gotDiags, wantDiags) {
		t.Fatal("bodies read when rendered render differently")
	}
	if len(reads) != len(s.Documents()) {
		t.Errorf("%d bodies read of %d", len(reads), len(s.Documents()))
	}
	// Kept and read back, the renderings serve bodies left unread.
	shards := savedShards(t, lean)
	reopen := func() *Cache { return ReadCache(shardFiles(t, shards)) }
	s, reads = unread("")
	if got, _ = renderAll(s, reopen()); !maps.Equal(got, want) {
		t.Error("cached renderings of unread bodies differ")
	}
	if len(reads) != 0 {
		t.Errorf("%d bodies read, though their renderings were kept", len(reads))
	}
	// One body that cannot be read, with nothing cached.
	var victim string
	for _, d := range s.Documents() {
		victim = d.Rel
		break
	}
	s, _ = unread(victim)
	c := ReadCache(none)
	_, gotDiags = renderAll(s, c)
	found := false
	for _, d := range gotDiags {
		found = found || strings.Contains(d, "cannot read the text: gone")
	}
	if !found {
		t.Errorf("an unreadable body is not reported: %v", gotDiags)
	}
	if _, ok := c.docs[victim]; ok {
		t.Error("the rendering of an unreadable body was kept")
	}
}

// savedShards are the shards of c, saved.
func savedShards(t *testing.T, c *Cache) [Shards][]byte {
	t.Helper()
	var shards [Shards][]byte
	for k := range Shards {
		var buf bytes.Buffer
		if err := c.SaveShard(k, &buf); err != nil {
			t.Fatal(err)
		}
		shards[k] = buf.Bytes()
	}
	return shards
}

// shardFiles opens shards as ReadCache asks for them, each in a file of
// its own; a nil shard is a missing file.
func shardFiles(t *testing.T, shards [Shards][]byte) func(k int) (*os.File, error) {
	dir := t.TempDir()
	return func(k int) (*os.File, error) {
		if shards[k] == nil {
			return nil, os.ErrNotExist
		}
		name := filepath.Join(dir, fmt.Sprint(k))
		if err := os.WriteFile(name, shards[k], 0o644); err != nil {
			return nil, err
		}
		return os.Open(name)
	}
}
