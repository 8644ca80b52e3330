package write

import (
	"fmt"
	"os"
	"path/filepath"
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
