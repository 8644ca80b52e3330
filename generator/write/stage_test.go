package write

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Files added from many goroutines at once land in the output folder on
// Commit, and only then.
func TestStageCommitsWhatWasAdded(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, map[string][]byte{"old.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Go(func() {
			rel := fmt.Sprintf("objectives/pv-%d/index.html", i%50)
			if i >= 50 {
				rel = fmt.Sprintf("a/b%d/c/d-%d.html", i%7, i)
			}
			if err := st.Add(rel, []byte(rel)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if _, err := os.Stat(filepath.Join(out, "old.html")); err != nil {
		t.Fatal("the previous output changed before Commit")
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "old.html")); err == nil {
		t.Error("a file of the previous build survived the commit")
	}
	got, err := os.ReadFile(filepath.Join(out, "objectives", "pv-7", "index.html"))
	if err != nil || string(got) != "objectives/pv-7/index.html" {
		t.Errorf("read back %q, %v", got, err)
	}
	if n := st.Files(); n != 200 {
		t.Errorf("Files() = %d, want 200", n)
	}
}

// A bad or clashing path is refused at once, and Commit then refuses to
// replace the output, naming every problem.
func TestStageRefusesBadPaths(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, map[string][]byte{"keep.html": []byte("keep")}); err != nil {
		t.Fatal(err)
	}
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"a/index.html", "a"} {
		st.Add(rel, nil)
	}
	bad := map[string]string{
		"../escape.html": `".."`,
		"/abs.html":      "absolute",
		"a/index.html":   "written twice",
		"x":              "",
		"x/y.html":       "both a file and a folder",
	}
	for _, rel := range []string{"../escape.html", "/abs.html", "a/index.html", "x", "x/y.html"} {
		err := st.Add(rel, nil)
		if want := bad[rel]; want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("Add(%q) = %v, want an error containing %q", rel, err, want)
		}
	}
	err = st.Commit()
	if err == nil || !strings.Contains(err.Error(), `"a": it is both a file and a folder`) {
		t.Errorf("Commit() = %v, want the clash of a/ and a", err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "keep.html")); string(got) != "keep" {
		t.Error("a refused stage replaced the output")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.tmp-*")); len(leftovers) != 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
}

// Abort leaves the previous output exactly as it was and removes the
// staging folder.
func TestStageAbortKeepsPreviousOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, map[string][]byte{"index.html": []byte("previous")}); err != nil {
		t.Fatal(err)
	}
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Add("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	st.Abort()
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "previous" {
		t.Errorf("after Abort the output holds %q", got)
	}
	if _, err := os.Stat(st.Dir()); err == nil {
		t.Error("the staging folder is still there")
	}
	if err := st.Add("late.html", nil); err == nil {
		t.Error("Add after Abort succeeded")
	}
}

// CommitKeeping puts the new output in place at once and leaves the
// previous one aside, beside it, until removePrevious removes it.
func TestStageCommitKeeping(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := Write(out, map[string][]byte{"old.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Add("new.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	removePrevious, err := st.CommitKeeping()
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(out, "new.html")); err != nil || string(got) != "new" {
		t.Fatalf("the new output is not in place: %q, %v", got, err)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 2 {
		t.Errorf("before removePrevious: %d entries beside the output, want it and the previous one", len(entries))
	}
	removePrevious()
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("after removePrevious: %v", entries)
	}
	// With no previous output, there is nothing to remove.
	st, _ = NewStage(filepath.Join(parent, "fresh"))
	removePrevious, err = st.CommitKeeping()
	if err != nil || removePrevious == nil {
		t.Fatalf("a first output: %v", err)
	}
	removePrevious()
}

// A reusing stage stages into the output before last: a file that is
// already the page it links stays the same file, and everything else is
// as a fresh stage would make it. What someone put into the output by
// hand, what the build no longer makes, and a folder where a file now
// goes are gone; a cache page is never written through.
func TestStageReusingMakesWhatAFreshStageMakes(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	pages := t.TempDir() // a build cache's pages
	page := func(name, text string) (string, os.FileInfo) {
		p := filepath.Join(pages, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return p, info
	}
	a, aInfo := page("a", "page a")
	b, bInfo := page("b", "page b")
	build := func(do func(st *Stage)) *Stage {
		t.Helper()
		st, err := NewStageReusing(out)
		if err != nil {
			t.Fatal(err)
		}
		do(st)
		if err := st.Commit(); err != nil {
			t.Fatal(err)
		}
		return st
	}
	first := func(st *Stage) {
		for _, err := range []error{
			st.LinkFile("a/index.html", a, aInfo),
			st.LinkFile("b/index.html", b, bInfo),
			st.Add("gone/index.html", []byte("made once")),
			st.Add("data/x.json", []byte("x1")),
			st.LinkFile("becomes/index.html", b, bInfo),
			st.LinkFile("data/streamed.json", a, aInfo),
		} {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	build(first)
	build(first) // the first output is now kept for the next stage
	kept, _ := filepath.Glob(filepath.Join(parent, ".public.kept-*"))
	if len(kept) != 1 {
		t.Fatalf("kept outputs: %v", kept)
	}
	// By hand, into the kept output (it was the output a moment ago).
	if err := os.WriteFile(filepath.Join(kept[0], "a", "stray.html"), []byte("stray"), 0o644); err != nil {
		t.Fatal(err)
	}
	build(func(st *Stage) {
		if st.earlier == nil {
			t.Fatal("the stage did not reuse the kept output")
		}
		for _, err := range []error{
			st.LinkFile("a/index.html", a, aInfo),         // the same file: stays
			st.Add("b/index.html", []byte("b rewritten")), // was a link to page b
			st.Add("data/x.json", []byte("x2")),
			st.Add("becomes", []byte("a file where a folder was")),
			st.LinkFile("new/deep/index.html", a, aInfo),
		} {
			if err != nil {
				t.Fatal(err)
			}
		}
		// Written as it is made, where the kept output had a link to
		// page a: a new file, never written through the link.
		w, err := st.Create("data/streamed.json")
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range []string{`{"a":`, `1}`} {
			if _, err := io.WriteString(w, part); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	})
	want := map[string]string{
		Marker:                markerText,
		"a/index.html":        "page a",
		"b/index.html":        "b rewritten",
		"data/x.json":         "x2",
		"becomes":             "a file where a folder was",
		"new/deep/index.html": "page a",
		"data/streamed.json":  `{"a":1}`,
	}
	got := map[string]string{}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			data, _ := os.ReadFile(p)
			got[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("output\n%v\nwant\n%v", got, want)
	}
	for _, dir := range []string{"gone", "a/stray.html"} {
		if _, err := os.Lstat(filepath.Join(out, dir)); err == nil {
			t.Errorf("%s survived", dir)
		}
	}
	for p, text := range map[string]string{a: "page a", b: "page b"} {
		if data, _ := os.ReadFile(p); string(data) != text {
			t.Errorf("the cache page was written through: %q", data)
		}
	}
	if there, err := os.Stat(filepath.Join(out, "a", "index.html")); err != nil || !os.SameFile(there, aInfo) {
		t.Errorf("a file that was the page is not the page any more")
	}
	// Without a cache, no output is kept, and a kept one is removed.
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	st.Add("index.html", nil)
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("beside the output after a stage without reuse: %v", entries)
	}
}

// A file created is claimed as an added one is: twice, or inside a file,
// is refused, and the stage does not commit.
func TestStageCreateRefusesClashes(t *testing.T) {
	st, err := NewStage(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	w, err := st.Create("data/x.json")
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, err := st.Create("data/x.json"); err == nil {
		t.Error("a file created twice")
	}
	if _, err := st.Create("data/x.json/y"); err == nil {
		t.Error("a file created inside a file")
	}
	if st.Add("data/x.json", nil) == nil {
		t.Error("a file created, then added")
	}
	if err := st.Commit(); err == nil {
		t.Error("a stage with refused paths committed")
	}
}

// The listing of the kept output, with inode numbers where the system
// gives them, finds what the portable one finds.
func TestListingsAgree(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"a/b/c.html", "a/d.html", "e.json", "f/g/h/i.txt"} {
		writeTestFile(t, filepath.Join(root, filepath.FromSlash(p)), p)
	}
	os.MkdirAll(filepath.Join(root, "empty", "deeper"), 0o755)
	os.Symlink("a", filepath.Join(root, "link"))
	fast := &earlier{files: map[string]uint64{}, dirs: map[string]bool{}}
	list(root, fast)
	slow := &earlier{files: map[string]uint64{}, dirs: map[string]bool{}}
	listPortably(root, slow)
	names := func(m map[string]uint64) []string { return slices.Sorted(maps.Keys(m)) }
	if !slices.Equal(names(fast.files), names(slow.files)) || fmt.Sprint(fast.dirs) != fmt.Sprint(slow.dirs) {
		t.Errorf("listings differ:\n%v %v\n%v %v", names(fast.files), fast.dirs, names(slow.files), slow.dirs)
	}
	if len(slow.files) != 5 || len(slow.dirs) != 7 {
		t.Errorf("listed %v and %v", slow.files, slow.dirs)
	}
	for rel, ino := range fast.files {
		info, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		if dev, want, ok := identity(info); ok && (ino != want || dev != fast.dev) {
			t.Errorf("%s: inode %d, want %d", rel, ino, want)
		}
	}
}

func writeTestFile(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
