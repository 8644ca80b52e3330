package buildcache

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/render"
)

func TestCheckKeepsCacheApart(t *testing.T) {
	for _, tt := range []struct{ cache, out, source, want string }{
		{".agenda-cache", "public", "content", ""},
		{"/tmp/agenda-cache", "public", "content", ""},
		{"public/.cache", "public", "content", "must be apart"},
		{"public", "public", "content", "must be apart"},
		{".", "public", "content", "must be apart"},
		{"content", "public", "content", "may not be or contain the content folder"},
		{"site", "public", "site/content", "may not be or contain the content folder"},
	} {
		err := Check(tt.cache, tt.out, tt.source)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("Check(%q, %q, %q) = %v, want %q", tt.cache, tt.out, tt.source, err, tt.want)
		}
	}
}

// openWithPage opens a new cache in a new folder and stages a page
// "<p>one</p>" for it to keep.
func openWithPage(t *testing.T) (root string, c *Cache, staged string) {
	t.Helper()
	root = t.TempDir()
	c, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	staged = filepath.Join(t.TempDir(), "page.html")
	os.WriteFile(staged, []byte("<p>one</p>"), 0o644)
	return root, c, staged
}

// A page kept is given back only while its bytes are the ones kept, and
// Commit forgets the pages a build did not use.
func TestPagesAreCheckedAndPruned(t *testing.T) {
	root, c, staged := openWithPage(t)
	k1, k2 := [32]byte{1}, [32]byte{2}
	c.KeepPage(k1, staged, []byte("<p>one</p>"))
	c.KeepPage(k2, staged, []byte("<p>one</p>"))
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}
	c, _ = Open(root)
	if _, _, ok := c.PageInfo(k1); !ok {
		t.Fatal("a kept page is not given back")
	}
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil { // k2 unused: forgotten
		t.Fatal(err)
	}
	c, _ = Open(root)
	if _, _, ok := c.PageInfo(k2); ok {
		t.Error("a page no build used is still kept")
	}
	p, _, _ := c.PageInfo(k1)
	os.Remove(p)
	os.WriteFile(p, []byte("<p>One</p>"), 0o644) // same size, other bytes
	if _, _, ok := c.PageInfo(k1); ok {
		t.Error("a damaged page was given back")
	}
}

// A page checked once is trusted by its size and modification time
// afterwards, but a page whose time moved, or whose time is too close to
// when the index was written to tell a later change apart, is read and
// checked again.
func TestPagesAreTrustedByTheirTimeOnlyWhenItIsSafe(t *testing.T) {
	root, c, staged := openWithPage(t)
	k := [32]byte{1}
	c.KeepPage(k, staged, []byte("<p>one</p>"))
	p := c.pagePath(k)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(p, old, old)
	c.Commit(nil, nil, nil, nil, "content", nil)

	// Checked by its bytes (its time moved), and its time kept.
	c, _ = Open(root)
	if _, _, ok := c.PageInfo(k); !ok {
		t.Fatal("a kept page is not given back")
	}
	c.Commit(nil, nil, nil, nil, "content", nil)
	c, _ = Open(root)
	if e := c.pages[k]; e.mtime != old.UnixNano() {
		t.Fatalf("the page's time was not kept: %d, want %d", e.mtime, old.UnixNano())
	}

	// Changed in place: a new time, so read, and refused.
	os.WriteFile(p, []byte("<p>two</p>"), 0o644)
	if _, _, ok := c.PageInfo(k); ok {
		t.Error("a page changed in place was given back")
	}

	// Changed with its time put back, but the index was written within
	// a second of that time: read, and refused.
	os.Chtimes(p, old, old)
	c.written = old.UnixNano() + int64(time.Second)/2
	if _, _, ok := c.PageInfo(k); ok {
		t.Error("a racily clean page was trusted by its time")
	}
}

// A page made a moment before the index was written is read whole by the
// next build (its time cannot tell a change made just after), which then
// writes the index again, at its own time: a build a second later trusts
// the page by its time. Kept as it was, the index would leave the page
// read whole by every build.
func TestRacyPagesTrustedOnceTheIndexIsLater(t *testing.T) {
	root, c, staged := openWithPage(t)
	k := [32]byte{1}
	c.KeepPage(k, staged, []byte("<p>one</p>"))
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}
	p := c.pagePath(k)
	// tamper changes the page's bytes but not its size or time: only a
	// page read whole is refused.
	tamper := func(c *Cache, with string) {
		t.Helper()
		e := c.pages[k]
		if err := os.WriteFile(p, []byte(with), 0o644); err != nil {
			t.Fatal(err)
		}
		at := time.Unix(0, e.mtime)
		os.Chtimes(p, at, at)
	}
	c, _ = Open(root)
	tamper(c, "<p>two</p>")
	if _, _, ok := c.PageInfo(k); ok {
		t.Fatal("a page made just before the index was trusted by its time")
	}
	tamper(c, "<p>one</p>")
	if _, _, ok := c.PageInfo(k); !ok {
		t.Fatal("an intact page is not given back")
	}
	defer func(was func() time.Time) { now = was }(now)
	now = func() time.Time { return time.Now().Add(2 * time.Second) }
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}
	c, _ = Open(root)
	tamper(c, "<p>two</p>")
	if _, _, ok := c.PageInfo(k); !ok {
		t.Error("a page checked whole is read whole again, though the index is now written over a second after it")
	}
}

// What a build remembers of its pages comes back whole in the next
// build of the same content folder, and not at all when the file is
// damaged or of another folder.
func TestMemosRoundTrip(t *testing.T) {
	root := t.TempDir()
	c, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	c.ReadMemos("content")
	want := map[string]render.Memo{
		"objectives/pv-1/index.html": {Fast: render.Key{1}, Key: render.Key{2}, Graph: [32]byte{9}, Bodies: []string{"objectives/pv-1.md"},
			History: []render.HistoryRead{{Rel: "objectives/pv-1.md", ID: "pv-1", View: true}, {Rel: "organizations/a.md", Updated: model.NewDate(2026, 3, 4)}}},
		"index.html": {Fast: render.Key{3}, Key: render.Key{4}},
		// Scoped pages name entities and groups, some shared, some
		// made in this build as strings of their own.
		"organizations/a/index.html": {Fast: render.Key{5}, Key: render.Key{6}, Scoped: true, Reads: render.Key{7},
			Names: render.Names{List: []string{"#sector/government/organizations", "/objectives/pv-1/", "/organizations/a/"}}},
		"organizations/b/index.html": {Fast: render.Key{8}, Key: render.Key{9}, Scoped: true, Reads: render.Key{10},
			Names: render.Names{List: []string{"/objectives/pv-1/", strings.Clone("/organizations/a/"), "/organizations/b/", "@help"}}},
	}
	for f, m := range want {
		c.Remember(f, m)
	}
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}
	c, _ = Open(root)
	c.ReadMemos("content")
	recalled := func() {
		t.Helper()
		for f, m := range want {
			got, ok := c.Recall(f)
			if !got.Names.Equal(m.Names) {
				t.Errorf("Recall(%q) names %v, want %v", f, got.Names, m.Names)
			}
			got.Names, m.Names = render.Names{}, render.Names{}
			if !ok || !reflect.DeepEqual(got, m) {
				t.Errorf("Recall(%q) = %+v, %v; want %+v", f, got, ok, m)
			}
		}
	}
	recalled()
	// Remembered again as they were recalled (names kept as places in
	// the last build's table), with one memo new: the same once more.
	for f := range want {
		m, _ := c.Recall(f)
		c.Remember(f, m)
	}
	want["organizations/c/index.html"] = render.Memo{Fast: render.Key{11}, Key: render.Key{12}, Scoped: true,
		Names: render.Names{List: []string{"/organizations/a/", "/organizations/c/"}}}
	c.Remember("organizations/c/index.html", want["organizations/c/index.html"])
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}
	c, _ = Open(root)
	c.ReadMemos("content")
	recalled()
	c.ReadMemos("other")
	if _, ok := c.Recall("index.html"); ok {
		t.Error("another content folder's memos were given")
	}
	// A damaged shard loses its own memos, not the others'.
	name := c.memoFile(memoShard("index.html"), "content")
	data, _ := os.ReadFile(name)
	data[len(data)/2] ^= 1
	os.WriteFile(name, data, 0o644)
	c.ReadMemos("content")
	if _, ok := c.Recall("index.html"); ok {
		t.Error("a damaged memo file was trusted")
	}
	for f := range want {
		if _, ok := c.Recall(f); !ok && memoShard(f) != memoShard("index.html") {
			t.Errorf("%s was lost with another shard", f)
		}
	}
}

// A build writes again only the shards of the memos whose memos
// changed, and the shards it could not read.
func TestMemosWrittenWhenTheyChange(t *testing.T) {
	root := t.TempDir()
	c, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	c.ReadMemos("content")
	files := []string{}
	for i := range 64 {
		files = append(files, fmt.Sprintf("organizations/o%d/index.html", i))
	}
	for i, f := range files {
		c.Remember(f, render.Memo{Key: render.Key{byte(i)}, Names: render.Names{List: []string{"/organizations/o/"}}})
	}
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}
	// stamp marks every shard's file, so that a file written again is
	// seen: it is renamed into place, a new file.
	stamp := func() map[int]os.FileInfo {
		t.Helper()
		infos := map[int]os.FileInfo{}
		for k := range MemoShards {
			info, err := os.Stat(c.memoFile(k, "content"))
			if err != nil {
				t.Fatalf("shard %d: %v", k, err)
			}
			infos[k] = info
		}
		return infos
	}
	// build runs a build in a new process's cache that remembers every
	// memo as recalled but for change, and returns the shards written.
	build := func(change map[string]render.Memo, drop string) []int {
		t.Helper()
		before := stamp()
		c, _ := Open(root)
		c.ReadMemos("content")
		for _, f := range files {
			m, ok := c.Recall(f)
			if !ok {
				t.Fatalf("%s not recalled", f)
			}
			if n, ok := change[f]; ok {
				m = n
			}
			if f != drop {
				c.Remember(f, m)
			}
		}
		if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
			t.Fatal(err)
		}
		if drop != "" {
			files = slices.DeleteFunc(files, func(f string) bool { return f == drop })
		}
		after := stamp()
		var written []int
		for k := range MemoShards {
			if !os.SameFile(before[k], after[k]) {
				written = append(written, k)
			}
		}
		return written
	}
	if got := build(nil, ""); len(got) != 0 {
		t.Errorf("nothing changed, shards %v written", got)
	}
	f := files[5]
	if got, want := build(map[string]render.Memo{f: {Key: render.Key{200}}}, ""), []int{memoShard(f)}; !slices.Equal(got, want) {
		t.Errorf("one memo changed: shards %v written, want %v", got, want)
	}
	if m, _ := func() (render.Memo, bool) { c, _ := Open(root); c.ReadMemos("content"); return c.Recall(f) }(); m.Key != (render.Key{200}) {
		t.Errorf("the changed memo recalled as %v", m.Key)
	}
	g := files[9]
	if got, want := build(nil, g), []int{memoShard(g)}; !slices.Equal(got, want) {
		t.Errorf("one page gone: shards %v written, want %v", got, want)
	}
	// The same names, from the table they were read into or from a list
	// of their own, are the same memo.
	h := "organizations/o11/index.html"
	if got := build(map[string]render.Memo{h: {Key: render.Key{11}, Names: render.Names{List: []string{"/organizations/o/"}}}}, ""); len(got) != 0 {
		t.Errorf("a memo remembered as it was, its names as a list: shards %v written", got)
	}
}

// The pages folder holds only the pages the last build used: those the
// index listed are removed by their names, and pages a build that never
// committed left behind, which no index lists, by a listing of the
// folder.
func TestUnusedPagesLeaveTheFolder(t *testing.T) {
	root, c, staged := openWithPage(t)
	k1, k2, k3 := [32]byte{1}, [32]byte{2}, [32]byte{3}
	// commit commits the build and requires the pages folder to hold
	// the pages named by the first byte of their key, in order.
	commit := func(after string, want ...string) {
		t.Helper()
		if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
			t.Fatal(err)
		}
		names, err := filepath.Glob(filepath.Join(c.dir, "pages", "*"))
		if err != nil {
			t.Fatal(err)
		}
		got := []string{}
		for _, n := range names {
			got = append(got, filepath.Base(n)[:2])
		}
		if want == nil {
			want = []string{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("pages after %s: %v, want %v", after, got, want)
		}
	}
	c.KeepPage(k1, staged, []byte("<p>one</p>"))
	c.KeepPage(k2, staged, []byte("<p>one</p>"))
	commit("the first build", "01", "02")
	if _, err := os.Stat(filepath.Join(c.dir, busyFile)); err == nil {
		t.Error("a committed build leaves its busy mark")
	}
	c, _ = Open(root)
	c.PageInfo(k1)
	commit("a build that used one", "01")
	// A build that adds a page and stops before Commit.
	c, _ = Open(root)
	c.KeepPage(k3, staged, []byte("<p>one</p>"))
	c, _ = Open(root)
	c.PageInfo(k1)
	commit("a build cut short and one that used one", "01")
	// In one process (the preview), builds follow one another.
	c.KeepPage(k2, staged, []byte("<p>one</p>"))
	commit("a build that made one", "02")
	commit("a build that used none")
}

// The pages' index is written again only when the build made a page or
// left one unused; a build that used every page as it was leaves it.
func TestPagesIndexWrittenWhenItChanges(t *testing.T) {
	root, c, staged := openWithPage(t)
	k1, k2 := [32]byte{1}, [32]byte{2}
	c.KeepPage(k1, staged, []byte("<p>one</p>"))
	c.KeepPage(k2, staged, []byte("<p>one</p>"))
	// Pages older than the index by more than a second, so trusted by
	// their time once checked (see TestRacyPagesTrustedOnceTheIndexIsLater).
	old := time.Now().Add(-time.Hour)
	os.Chtimes(c.pagePath(k1), old, old)
	os.Chtimes(c.pagePath(k2), old, old)
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(c.dir, "pages.idx")
	// build commits a build in a new process's cache that used the
	// pages given, and reports whether the index was written again.
	build := func(keys ...[32]byte) bool {
		t.Helper()
		before, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := Open(root)
		for _, k := range keys {
			if _, _, ok := c.PageInfo(k); !ok {
				t.Fatalf("page %x not given", k[0])
			}
		}
		if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
			t.Fatal(err)
		}
		after, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		return !os.SameFile(before, after)
	}
	if !build(k1, k2) {
		t.Error("a build that read pages whole (their times moved) kept the index")
	}
	if build(k1, k2) {
		t.Error("a build that used every page as it was wrote the index again")
	}
	if !build(k1) {
		t.Error("a build that left a page unused kept the index that lists it")
	}
	c, _ = Open(root)
	if _, _, ok := c.PageInfo(k2); ok {
		t.Error("the page left unused is still given")
	}
}

// The memos' table of strings grows as pages name new ones, without
// writing again the shards that did not change, and is made anew (every
// shard with it) once most of its strings are no longer used. A shard
// written against a table made anew since is never read.
func TestMemoNamesGrowAndAreMadeAnew(t *testing.T) {
	root := t.TempDir()
	// build runs a build that remembers a memo for each of files, each
	// naming url(file), and requires every memo back in the next one.
	build := func(files []string, url func(f string) string) {
		t.Helper()
		c, err := Open(root)
		if err != nil {
			t.Fatal(err)
		}
		c.ReadMemos("content")
		for i, f := range files {
			c.Remember(f, render.Memo{Key: render.Key{byte(i)}, Scoped: true, Names: render.Names{List: []string{url(f), "/shared/"}},
				Bodies: []string{f + ".md"}, History: []render.HistoryRead{{Rel: f + ".md", ID: "x", View: true}}})
		}
		if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
			t.Fatal(err)
		}
		c, _ = Open(root)
		c.ReadMemos("content")
		for i, f := range files {
			m, ok := c.Recall(f)
			want := []string{url(f), "/shared/"}
			if !ok || m.Key != (render.Key{byte(i)}) || m.Names.Len() != 2 || m.Names.Name(0) != want[0] || m.Names.Name(1) != want[1] ||
				!slices.Equal(m.Bodies, []string{f + ".md"}) || len(m.History) != 1 || m.History[0].Rel != f+".md" {
				t.Fatalf("%s recalled as %+v, %v", f, m, ok)
			}
		}
	}
	files := func(from, to int) []string {
		var out []string
		for i := from; i < to; i++ {
			out = append(out, fmt.Sprintf("p%d/index.html", i))
		}
		return out
	}
	same := func(f string) string { return "/" + f }
	build(files(0, 40), same)
	table := func() (int, [8]byte) {
		c, _ := Open(root)
		n, ok := readFile(c.memoNamesFile("content"), readMemoNames)
		if !ok {
			t.Fatal("no table")
		}
		return len(n.table.Names), n.gen
	}
	size0, gen0 := table()
	// One page more: the table grows, its generation stays, and the
	// shards without the new page are not written again.
	c, _ := Open(root)
	before := map[int]os.FileInfo{}
	for k := range MemoShards {
		before[k], _ = os.Stat(c.memoFile(k, "content"))
	}
	build(files(0, 41), same)
	size1, gen1 := table()
	if size1 <= size0 || gen1 != gen0 {
		t.Errorf("a page added: table of %d strings, generation %x; was %d, %x", size1, gen1, size0, gen0)
	}
	for k := range MemoShards {
		after, _ := os.Stat(c.memoFile(k, "content"))
		if k != memoShard("p40/index.html") && before[k] != nil && !os.SameFile(before[k], after) {
			t.Errorf("shard %d written again, but no page of it changed", k)
		}
	}
	old := c.memoFile(memoShard("p0/index.html"), "content")
	oldShard, _ := os.ReadFile(old)
	// Every page names other strings, again and again: the table is
	// made anew, and holds few more than are used.
	for round := range 60 {
		build(files(0, 41), func(f string) string { return fmt.Sprintf("/%s/%d", f, round) })
	}
	size2, gen2 := table()
	if gen2 == gen0 || size2 > 3*41*4+1024 {
		t.Errorf("after many renames: table of %d strings, generation changed: %v", size2, gen2 != gen0)
	}
	// A shard of the first table, put back, is not read against the new.
	os.WriteFile(old, oldShard, 0o644)
	c, _ = Open(root)
	c.ReadMemos("content")
	if _, ok := c.Recall("p0/index.html"); ok {
		t.Error("a shard written against another table was read")
	}
}
