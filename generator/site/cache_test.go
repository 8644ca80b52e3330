package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/markdown"
	"github.com/commonagenda/agenda/generator/write"
)

// readTree reads every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for name, data := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: %s is missing", what, name)
		} else if !bytes.Equal(g, data) {
			t.Errorf("%s: %s differs from a build without the cache", what, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s is extra", what, name)
		}
	}
}

// cacheSite copies the bundled example into a temporary folder, so tests
// can edit it, and returns its content folder.
func cacheSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	if err := os.CopyFS(src, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	return src
}

func publish(t *testing.T, opts Options, out string) *Result {
	t.Helper()
	res, _ := publishSaying(t, opts, out)
	return res
}

// publishSaying is publish, which also returns what the build said, as
// text.
func publishSaying(t *testing.T, opts Options, out string) (*Result, []string) {
	t.Helper()
	res, diags := Publish(opts, out)
	if res == nil {
		t.Fatalf("build failed: %v", diags.Items())
	}
	var said []string
	for _, d := range diags.Items() {
		said = append(said, d.String())
	}
	return res, said
}

func appendTo(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(text)
	f.Close()
}

// replaceIn replaces the first old in the file name with new, failing
// when the file holds no old.
func replaceIn(t *testing.T, name, old, new string) {
	t.Helper()
	data, _ := os.ReadFile(name)
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s holds no %q", name, old)
	}
	os.WriteFile(name, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644)
}

// keptSite is a copy of the bundled example built once with a build
// cache (and without its history): its content folder, the cache, the
// folders a build with the cache and one without write to, and the
// options of a build with the cache.
func keptSite(t *testing.T) (src, cache, warm, cold string, opts Options) {
	t.Helper()
	src = cacheSite(t)
	root := filepath.Dir(src)
	cache = filepath.Join(root, ".agenda-cache")
	warm, cold = filepath.Join(root, "warm"), filepath.Join(root, "cold")
	opts = Options{Source: src, Today: today, CacheDir: cache, NoHistory: true}
	publish(t, opts, warm)
	return src, cache, warm, cold, opts
}

// cacheFile is the one file of the build cache named by pattern, and what
// tells whether a build wrote it since it last asked (the first time:
// since cacheFile).
func cacheFile(t *testing.T, cache, pattern string) (string, func() bool) {
	t.Helper()
	kept, _ := filepath.Glob(filepath.Join(cache, "v1-*", pattern))
	if len(kept) != 1 {
		t.Fatalf("kept %s: %v", pattern, kept)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(kept[0], old, old)
	return kept[0], func() bool {
		fi, _ := os.Stat(kept[0])
		written := !fi.ModTime().Equal(old)
		os.Chtimes(kept[0], old, old)
		return written
	}
}

// markdownShards returns a function that says how many shards of the
// kept Markdown were written since it was last called.
func markdownShards(t *testing.T, cache string) func() int {
	t.Helper()
	kept, _ := filepath.Glob(filepath.Join(cache, "v1-*", "markdown[0-9][0-9]-*.bin"))
	if len(kept) != markdown.Shards {
		t.Fatalf("kept Markdown shards: %v", kept)
	}
	old := time.Now().Add(-time.Hour)
	for _, f := range kept {
		os.Chtimes(f, old, old)
	}
	return func() int {
		n := 0
		for _, f := range kept {
			if fi, _ := os.Stat(f); !fi.ModTime().Equal(old) {
				n++
			}
			os.Chtimes(f, old, old)
		}
		return n
	}
}

// After any edit, a build with the cache writes exactly what a build
// without it writes, and reuses the pages the edit did not change.
func TestBuildCacheGivesWhatAColdBuildGives(t *testing.T) {
	src := cacheSite(t)
	root := filepath.Dir(src)
	cache := filepath.Join(root, ".agenda-cache")
	warm, cold := filepath.Join(root, "warm"), filepath.Join(root, "cold")
	opts := Options{Source: src, Today: today, CacheDir: cache}
	// A confidential organization's text that looks like an address is
	// a warning, which a build that leaves the file unread gives too.
	appendTo(t, filepath.Join(src, "organizations", "harbor-house.md"), "\nDrop in at 12 Harbor Lane any time.\n")
	// A build that fills the cache makes every view: it makes the files
	// that are not pages after the pages, not beside them (see tally).
	if res := publish(t, opts, warm); res.Beside {
		t.Error("the build that filled the cache made the files that are not pages beside the pages")
	}
	// The files are a second older than the cache's record of them: the
	// builds below trust those that did not change (load.Stamps), and
	// read the others.
	time.Sleep(1100 * time.Millisecond)
	orgs, _ := filepath.Glob(filepath.Join(src, "organizations", "[a-z]*.md"))
	objectives, _ := filepath.Glob(filepath.Join(src, "objectives", "[a-z]*.md"))
	partnerships, _ := filepath.Glob(filepath.Join(src, "partnerships", "[a-z]*.md"))
	// Each edit, and at most how many views the build after it may build
	// (-1: any number; -2: fewer than a third of the pages, as an edit
	// to one file's front matter rebuilds the views of the pages that
	// read it, not all; see render.Memo); a body shows on its own page
	// alone, so an edit to a body alone builds one view.
	funder := filepath.Join(src, "organizations", "cabinet-office.md")
	edits := []struct {
		edit  func()
		views int
	}{
		{func() {}, 0},
		{func() { appendTo(t, orgs[0], "\nA new paragraph.\n") }, 1},
		{func() { appendTo(t, objectives[1], "\n## A new heading\n\nText.\n") }, 1},
		{func() { appendTo(t, partnerships[0], "\nThey meet monthly.\n") }, 1},
		// A new address in a confidential organization's text: a new
		// warning, though its front matter did not change.
		{func() {
			appendTo(t, filepath.Join(src, "organizations", "harbor-house.md"), "\nOr write to 40 Quay Street.\n")
		}, 1},
		{func() { appendTo(t, filepath.Join(src, "about.md"), "\nMore about us.\n") }, 1},
		{func() { appendTo(t, filepath.Join(src, "objectives", "_index.md"), "\nAn introduction.\n") }, 1},
		{func() { appendTo(t, filepath.Join(src, "_index.md"), "\nWelcome.\n") }, 1},
		{func() { replaceIn(t, orgs[1], "title = \"", "title = \"Aardvark ") }, -1},
		{func() { replaceIn(t, objectives[2], "status = \"", "status = \"at-risk\"\n# was \"") }, -2},
		// A commitment in a funder's file changes the figures of the
		// objective it funds, whose file did not change.
		{func() { replaceIn(t, funder, "amount = 600000", "amount = 650000") }, -2},
		{func() { replaceIn(t, funder, "phone = \"", "phone = \"+1 555 0199\"\n# was \"") }, -2},
		{func() { os.Remove(filepath.Join(src, "organizations", "european-union.md")) }, -1},
		// Every page shows the title: all views are made again.
		{func() { replaceIn(t, filepath.Join(src, "site.toml"), "title       = \"", "title       = \"The ") }, -3},
	}
	for i, e := range edits {
		e.edit()
		dataBefore, _ := os.Stat(filepath.Join(warm, "data", "strategy.json"))
		res, saidWarm := publishSaying(t, opts, warm)
		_, saidCold := publishSaying(t, Options{Source: src, Today: today}, cold)
		what := fmt.Sprintf("edit %d", i)
		sameTree(t, what, readTree(t, warm), readTree(t, cold))
		if !slices.Equal(saidWarm, saidCold) || !slices.ContainsFunc(saidWarm, func(s string) bool { return strings.Contains(s, "12 Harbor Lane") }) {
			t.Errorf("%s: the build with the cache said\n%s\nthe build without\n%s", what, strings.Join(saidWarm, "\n"), strings.Join(saidCold, "\n"))
		}
		if e.views >= 0 && res.Built > e.views {
			t.Errorf("%s: %d views built, want at most %d", what, res.Built, e.views)
		}
		if e.views == -2 && res.Built*3 >= res.Pages {
			t.Errorf("%s: %d views built of %d pages, want fewer than a third", what, res.Built, res.Pages)
		}
		if e.views == -3 && res.Built < res.Pages*9/10 {
			t.Errorf("%s: %d views built of %d pages, want nearly all", what, res.Built, res.Pages)
		}
		// The files that are not pages are made beside the pages when
		// the pages are nearly all reused, and after them when the
		// views are made anew.
		if e.views >= 0 && !res.Beside {
			t.Errorf("%s: %d of %d pages reused, and the files that are not pages were made after them, not beside", what, res.Reused, res.Pages)
		}
		if e.views == -3 && res.Beside {
			t.Errorf("%s: every view made anew, and the files that are not pages were made beside them", what)
		}
		// After an edit to a body, the index is patched from the state
		// the cache kept beside it, which is read early, while the pages
		// are planned. An edit to front matter no search reads leaves
		// the index as it was, and its state unread.
		switch {
		case e.views >= 0 && i > 0 && res.IndexState != "early":
			t.Errorf("%s: the search index's state was read %q, want early", what, res.IndexState)
		case e.views == -2 && res.IndexState != "":
			t.Errorf("%s: the search index's state was read (%q), though no search reads what changed", what, res.IndexState)
		}
		// The data files, made from front matter alone, are the cache's
		// files after an edit to a body: the very file of the build
		// before, linked, not written again.
		if dataAfter, err := os.Stat(filepath.Join(warm, "data", "strategy.json")); e.views >= 0 && i > 0 && (err != nil || !os.SameFile(dataBefore, dataAfter)) {
			t.Errorf("%s: data/strategy.json was written again, not linked from the build cache", what)
		}
		if res.Reused == 0 && e.views != -3 {
			t.Errorf("%s: no page reused", what)
		}
		if t.Failed() {
			return
		}
	}
	// The builds staged into the output before last, kept beside the
	// output, not into an empty folder (write.NewStageReusing).
	if kept, _ := filepath.Glob(filepath.Join(root, ".warm.kept-*")); len(kept) != 1 {
		t.Errorf("outputs kept for the next build: %v, want one", kept)
	}
	// The last build reused pages: an unchanged page is the cache's file.
	if !isCachePage(t, cache, filepath.Join(warm, "about", "index.html")) {
		t.Error("an unchanged page was rendered again instead of reused")
	}
}

// isCachePage reports whether the file at p is one of the pages the build
// cache in folder cache keeps (the same file, linked).
func isCachePage(t *testing.T, cache, p string) bool {
	t.Helper()
	pages, _ := filepath.Glob(filepath.Join(cache, "v1-*", "pages", "*"))
	if len(pages) == 0 {
		t.Fatal("the cache keeps no pages")
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range pages {
		if pi, err := os.Stat(page); err == nil && os.SameFile(pi, fi) {
			return true
		}
	}
	return false
}

// A damaged cache is never trusted: pages whose bytes changed, a cut
// Markdown cache and a garbled index are ignored, and the build writes
// what a build without the cache writes.
func TestDamagedCacheIsIgnored(t *testing.T) {
	src := cacheSite(t)
	root := filepath.Dir(src)
	cache := filepath.Join(root, ".agenda-cache")
	out, cold := filepath.Join(root, "public"), filepath.Join(root, "cold")
	opts := Options{Source: src, Today: today, CacheDir: cache}
	publish(t, opts, out)
	publish(t, Options{Source: src, Today: today}, cold)
	want := readTree(t, cold)

	version, _ := filepath.Glob(filepath.Join(cache, "v1-*"))
	if len(version) != 1 {
		t.Fatalf("cache folders: %v", version)
	}
	pages, _ := filepath.Glob(filepath.Join(version[0], "pages", "*"))
	for i, p := range pages {
		if i%3 == 0 { // damage a third of the pages, size kept
			data, _ := os.ReadFile(p)
			os.Remove(p) // it may be linked to the output: replace, not edit
			os.WriteFile(p, bytes.ToUpper(data), 0o644)
		}
	}
	publish(t, opts, out)
	sameTree(t, "damaged pages", readTree(t, out), want)

	mds, _ := filepath.Glob(filepath.Join(version[0], "markdown[0-9][0-9]-*.bin"))
	if len(mds) != markdown.Shards {
		t.Fatalf("Markdown caches: %v", mds)
	}
	for i, md := range mds {
		if i%2 == 0 { // every other shard cut short
			data, _ := os.ReadFile(md)
			os.WriteFile(md, data[:len(data)/2], 0o644)
		}
	}
	publish(t, opts, out)
	sameTree(t, "cut Markdown cache", readTree(t, out), want)

	os.WriteFile(filepath.Join(version[0], "pages.idx"), []byte("agenda pages v1\ngarbage"), 0o644)
	publish(t, opts, out)
	sameTree(t, "garbled index", readTree(t, out), want)
}

// The cache of another version of the program is removed, not read;
// nothing else in the cache folder is touched.
func TestForeignCacheIsRemoved(t *testing.T) {
	src := cacheSite(t)
	root := filepath.Dir(src)
	cache := filepath.Join(root, ".agenda-cache")
	foreign := filepath.Join(cache, "v1-0123456789abcdef")
	if err := os.MkdirAll(filepath.Join(foreign, "pages"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(cache, "notes.txt"), []byte("mine"), 0o644)
	publish(t, Options{Source: src, Today: today, CacheDir: cache}, filepath.Join(root, "public"))
	if _, err := os.Stat(foreign); err == nil {
		t.Error("another version's cache was kept")
	}
	if _, err := os.Stat(filepath.Join(cache, "notes.txt")); err != nil {
		t.Error("a file that is not a cache was removed")
	}
	entries, _ := os.ReadDir(cache)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2 || names[0] != "notes.txt" || !strings.HasPrefix(names[1], "v1-") {
		t.Errorf("cache folder holds %v", names)
	}
}

// The problems a body's Markdown has name its file as this build's
// --source does, even when the cache was filled by a build that named the
// folder another way.
func TestBuildCacheNamesFilesAsThisBuildDoes(t *testing.T) {
	src := cacheSite(t)
	root := filepath.Dir(src)
	if err := os.WriteFile(filepath.Join(src, "notes.md"), []byte("+++\ntitle = \"Notes\"\n+++\n[x](ftp://old.example/)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(root, ".agenda-cache")
	var res *Result
	warnings := func(source string) string {
		var diags *diag.List
		res, diags = Publish(Options{Source: source, Today: today, CacheDir: cache}, filepath.Join(root, "public"))
		if res == nil {
			t.Fatal(diags.Items())
		}
		var out []string
		for _, d := range diags.Items() {
			if strings.Contains(d.Message, "ftp:") {
				out = append(out, d.Path)
			}
		}
		return strings.Join(out, " ")
	}
	if got := warnings(src); got != src+"/notes.md" {
		t.Errorf("first build: warning at %q", got)
	}
	t.Chdir(root)
	if got := warnings("content"); got != "content/notes.md" {
		t.Errorf("second build: warning at %q, want content/notes.md", got)
	}
	// What the cache kept of the folder is the folder's, however it is
	// named: the pages are those of the first build.
	if res.Built > 1 || res.Reused < res.Pages-1 {
		t.Errorf("named another way, the folder's pages were made again: %d views built, %d of %d pages reused", res.Built, res.Reused, res.Pages)
	}
}

// TestDataFilesIgnoreBodies: the data files are made from front matter
// alone, which is what lets a build cache keep them by front matter
// (dataKey). Every body of the strategy rewritten, headings, links and
// all: not one byte of a data file changes. Should data files ever need
// a body, this fails, and dataKey must name the bodies too.
func TestDataFilesIgnoreBodies(t *testing.T) {
	dataOf := func(src string) map[string][]byte {
		sn, diags := Load(Options{Source: src, Today: today, NoHistory: true})
		if sn == nil || diags.HasErrors() {
			t.Fatalf("load: %v", diags.Items())
		}
		files := map[string][]byte{}
		var mu sync.Mutex
		var d diag.List
		sn.dataFiles(func(name string, data []byte) error {
			mu.Lock()
			defer mu.Unlock()
			files[name] = bytes.Clone(data)
			return nil
		}, nil, nil, nil, nil, &d)
		if len(files) < 5 || d.HasErrors() {
			t.Fatalf("%d data files: %v", len(files), d.Items())
		}
		return files
	}
	src := cacheSite(t)
	before := dataOf(src)
	rewriteEveryBody(src)
	sameTree(t, "data files after every body changed", dataOf(src), before)
}

// TestFeedsIgnoreBodies: the feeds, the sitemap, robots.txt and the
// host's rules are made without the bodies, which lets a build cache
// keep them by front matter, routes and history (feedsKey). Every body
// rewritten: not one byte of them changes. Should one ever need a body,
// this fails, and feedsKey must name the bodies too.
func TestFeedsIgnoreBodies(t *testing.T) {
	feedsOf := func(src string) map[string][]byte {
		sn, diags := Load(Options{Source: src, Today: today, NoHistory: true})
		if sn == nil || diags.HasErrors() {
			t.Fatalf("load: %v", diags.Items())
		}
		files, d := sn.Extras()
		if d.HasErrors() {
			t.Fatal(d.Items())
		}
		for name := range files {
			if strings.HasPrefix(name, "search/") || strings.HasPrefix(name, "data/") {
				delete(files, name)
			}
		}
		if files["sitemap.xml"] == nil || files["_headers"] == nil || len(files) < 10 {
			t.Fatalf("only %d feeds and rules", len(files))
		}
		return files
	}
	src := cacheSite(t)
	before := feedsOf(src)
	rewriteEveryBody(src)
	sameTree(t, "feeds after every body changed", feedsOf(src), before)
}

// TestFeedsKept: a build after an edit to a body links the feeds the
// build cache kept; after an edit to front matter, makes them anew; both
// what a build without the cache writes.
func TestFeedsKept(t *testing.T) { keptSetFollowsFrontMatter(t, "feeds.bin", "feed.xml") }

// TestDataFilesKept: a build after an edit to a body writes the data
// files the build cache kept; after an edit to front matter, new ones;
// both what a build without the cache writes.
func TestDataFilesKept(t *testing.T) { keptSetFollowsFrontMatter(t, "data.bin", "data/strategy.json") }

// keptSetFollowsFrontMatter checks the set of files the build cache keeps
// in set: kept after an edit to a body, made anew after an edit to front
// matter (a title, which shows), and each time what a build without the
// cache writes.
func keptSetFollowsFrontMatter(t *testing.T, set, shows string) {
	src, cache, warm, cold, opts := keptSite(t)
	_, written := cacheFile(t, cache, set)
	orgs, _ := filepath.Glob(filepath.Join(src, "organizations", "*.md"))
	appendTo(t, orgs[0], "\nA new paragraph.\n")
	publish(t, opts, warm)
	if written() {
		t.Errorf("an edit to a body made %s again", set)
	}
	publish(t, Options{Source: src, Today: today, NoHistory: true}, cold)
	sameTree(t, "after an edit to a body", readTree(t, warm), readTree(t, cold))
	replaceIn(t, orgs[1], "title = \"", "title = \"Aardvark ")
	publish(t, opts, warm)
	if !written() {
		t.Errorf("an edit to front matter kept %s", set)
	}
	publish(t, Options{Source: src, Today: today, NoHistory: true}, cold)
	sameTree(t, "after an edit to front matter", readTree(t, warm), readTree(t, cold))
	if !bytes.Contains(readTree(t, warm)[shows], []byte("Aardvark")) {
		t.Errorf("%s did not follow an edit to front matter", shows)
	}
}

// rewriteEveryBody gives every Markdown file under src another body,
// headings, links and all, keeping its front matter.
func rewriteEveryBody(src string) {
	filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, _ := os.ReadFile(p)
		if i := bytes.LastIndex(b, []byte("+++\n")); i >= 0 {
			b = append(b[:i+4], "\n## Rewritten\n\nEvery body [says](https://example.org/) something *else* now.\n"...)
		}
		return os.WriteFile(p, b, 0o644)
	})
}

// Publish keeps the bodies in a file (model.Store), Build in memory: both
// make the same site, and Publish leaves no file beside its output.
func TestPublishedBodiesAreTheBuiltOnes(t *testing.T) {
	src := cacheSite(t)
	root := filepath.Dir(src)
	out := filepath.Join(root, "public")
	publish(t, Options{Source: src, Today: today}, out)
	built, diags := Build(Options{Source: src, Today: today})
	if built == nil {
		t.Fatal(diags.Items())
	}
	published := readTree(t, out)
	delete(published, write.Marker) // what says the folder is a build
	sameTree(t, "published", published, built.Files)
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if e.Name() != "content" && e.Name() != "public" {
			t.Errorf("Publish left %s beside its output", e.Name())
		}
	}
}

// The search index is kept by what it is made from: an edit to what no
// search reads (a status) leaves it as it was, an edit to a body makes
// it again, and either way the site is what a build without the cache
// makes.
func TestIndexKeptByWhatItReads(t *testing.T) {
	src, cache, warm, cold, opts := keptSite(t)
	_, made := cacheFile(t, cache, "index.bin")
	objectives, _ := filepath.Glob(filepath.Join(src, "objectives", "[a-z]*.md"))
	for _, e := range []struct {
		what  string
		edit  func()
		again bool
	}{
		{"a status", func() { replaceIn(t, objectives[0], "status = \"", "status = \"at-risk\"\n# was \"") }, false},
		{"a body", func() { appendTo(t, objectives[1], "\nA paragraph about forced labour.\n") }, true},
	} {
		e.edit()
		publish(t, opts, warm)
		if got := made(); got != e.again {
			t.Errorf("after an edit to %s: index made again = %v, want %v", e.what, got, e.again)
		}
		publish(t, Options{Source: src, Today: today, NoHistory: true}, cold)
		sameTree(t, "after an edit to "+e.what, readTree(t, warm), readTree(t, cold))
	}
}

// The kept Markdown and front matter are written again only when a
// build rendered or parsed something they did not hold.
func TestKeptFilesRewrittenOnlyWhenChanged(t *testing.T) {
	src, cache, out, _, opts := keptSite(t)
	mdWritten := markdownShards(t, cache)
	_, frontWritten := cacheFile(t, cache, "front-*.bin")
	org := filepath.Join(src, "organizations", "european-union.md")
	for _, e := range []struct {
		what      string
		edit      func()
		md, front bool
	}{
		{"nothing", func() {}, false, false},
		{"a body", func() { appendTo(t, org, "\nA paragraph.\n") }, true, false},
		{"a front matter", func() { replaceIn(t, org, "title = \"", "title = \"The ") }, false, true},
	} {
		e.edit()
		publish(t, opts, out)
		// One shard of the bodies' renderings written again for a body,
		// none for the rest.
		if got := mdWritten(); got != map[bool]int{true: 1}[e.md] {
			t.Errorf("after %s: %d shards of the Markdown written, want %d", e.what, got, map[bool]int{true: 1}[e.md])
		}
		if got := frontWritten(); got != e.front {
			t.Errorf("after %s: front matter written = %v, want %v", e.what, got, e.front)
		}
	}
}

// A build with a build cache says when it makes most of its pages anew
// (Options.Remaking: agenda build then collects garbage as a build
// without a cache does), and only then: not after an edit to a body.
func TestRemakingIsSaid(t *testing.T) {
	src, _, warm, _, opts := keptSite(t)
	var calls atomic.Int32
	opts.Remaking = func() { calls.Add(1) }
	orgs, _ := filepath.Glob(filepath.Join(src, "organizations", "*.md"))
	appendTo(t, orgs[0], "\nA new paragraph.\n")
	publish(t, opts, warm)
	if n := calls.Load(); n != 0 {
		t.Errorf("after an edit to a body, said %d times that most pages are made anew", n)
	}
	opts.BaseURL = "https://elsewhere.example/"
	publish(t, opts, warm)
	if n := calls.Load(); n != 1 {
		t.Errorf("with another base URL, said %d times that most pages are made anew, want once", n)
	}
}
