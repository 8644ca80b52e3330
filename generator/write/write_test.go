package write

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tree reads every file under dir into a map of slash paths to contents,
// the same form Write takes.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	got := make(map[string][]byte)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == Marker {
			return nil // every build has it; TestBuildsCarryTheMarker checks it
		}
		b, err := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// treeHash fingerprints a folder: every path and its contents.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	files := tree(t, dir)
	h := sha256.New()
	for _, k := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(h, "%s\x00%d\x00%s", k, len(files[k]), files[k])
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// siblings lists the names in dir, to see that no temporary folder is left.
func siblings(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func mustWrite(t *testing.T, out string, files map[string][]byte) {
	t.Helper()
	if err := Write(out, files); err != nil {
		t.Fatalf("Write: %v", err)
	}
}

func TestWriteCreatesOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	files := map[string][]byte{
		"index.html":                   []byte("<h1>home</h1>"),
		"objectives/pv-1/index.html":   []byte("pv-1"),
		"objectives/pv-1.2/index.html": []byte("pv-1.2"),
		"css/site.css":                 []byte("body{}"),
		"empty.txt":                    {},
	}
	mustWrite(t, out, files)

	if got := tree(t, out); !maps.EqualFunc(got, files, func(a, b []byte) bool { return string(a) == string(b) }) {
		t.Errorf("output = %q, want %q", got, files)
	}
	if got := siblings(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("parent holds %q, want only public", got)
	}
	umask := processUmask(t)
	for p, want := range map[string]fs.FileMode{
		out:                                      0o755,
		filepath.Join(out, "objectives"):         0o755,
		filepath.Join(out, "objectives", "pv-1"): 0o755,
		filepath.Join(out, "index.html"):         0o644,
	} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want&^umask {
			t.Errorf("%s mode = %v, want %v", p, got, want&^umask)
		}
	}
}

// processUmask finds the permission bits the process's umask takes away,
// by creating a folder that asks for all of them.
func processUmask(t *testing.T) fs.FileMode {
	t.Helper()
	probe := filepath.Join(t.TempDir(), "probe")
	if err := os.Mkdir(probe, 0o777); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(probe)
	if err != nil {
		t.Fatal(err)
	}
	return 0o777 &^ fi.Mode().Perm()
}

func TestWriteReplacesWhole(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	mustWrite(t, out, map[string][]byte{
		"index.html":        []byte("old home"),
		"stale/index.html":  []byte("gone next time"),
		"objectives/a.html": []byte("old a"),
	})
	next := map[string][]byte{
		"index.html":        []byte("new home"),
		"objectives/b.html": []byte("new b"),
	}
	mustWrite(t, out, next)

	got := tree(t, out)
	if len(got) != 2 || string(got["index.html"]) != "new home" || string(got["objectives/b.html"]) != "new b" {
		t.Errorf("output = %q, want exactly %q", got, next)
	}
	if _, err := os.Stat(filepath.Join(out, "stale")); !os.IsNotExist(err) {
		t.Errorf("stale folder survived the rebuild: %v", err)
	}
	if got := siblings(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("parent holds %q, want only public", got)
	}
}

func TestWriteFailureLeavesPreviousOutput(t *testing.T) {
	tests := []struct {
		name  string
		files map[string][]byte
		want  string // in the error
	}{
		{"escaping key", map[string][]byte{"ok.html": nil, "../evil": nil}, `".."`},
		{"file and folder", map[string][]byte{"a": []byte("x"), "a/b": []byte("y")}, "both a file and a folder"},
		{"deep file and folder", map[string][]byte{"a/b": []byte("x"), "a/b/c/d": []byte("y")}, `"a/b"`},
		// A valid key the file system refuses: fails while writing, after
		// the temporary folder exists.
		{"name too long", map[string][]byte{"ok.html": nil, strings.Repeat("n", 300) + ".html": nil}, "too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			mustWrite(t, out, map[string][]byte{"index.html": []byte("previous"), "x/y.css": []byte("css")})
			before := treeHash(t, out)

			err := Write(out, tt.files)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Write error = %v, want one containing %q", err, tt.want)
			}
			if after := treeHash(t, out); after != before {
				t.Errorf("previous output changed after a failed write")
			}
			if got := siblings(t, parent); !slices.Equal(got, []string{"public"}) {
				t.Errorf("parent holds %q, want only public", got)
			}
		})
	}
}

func TestWriteRejectsUnsafeKeys(t *testing.T) {
	for _, key := range []string{
		"",
		".",
		"/etc/passwd",
		"../outside",
		"a/../../outside",
		"a/..",
		`a\b`,
		`..\outside`,
		"a\x00b",
		"./a",
		"a//b",
		"a/",
	} {
		t.Run(fmt.Sprintf("%q", key), func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			err := Write(out, map[string][]byte{key: []byte("x"), "fine.html": []byte("y")})
			if err == nil {
				t.Fatalf("Write accepted key %q", key)
			}
			if got := siblings(t, parent); len(got) != 0 {
				t.Errorf("something was written: %q", got)
			}
		})
	}
}

func TestWriteAllowsDotsInNames(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustWrite(t, out, map[string][]byte{"objectives/pv-1.2/index.html": nil, "files/v1..2.pdf": nil, ".well-known/x": nil})
}

func TestWriteRemovesLeftovers(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	for _, d := range []string{".public.tmp-123", ".public.old-456/sub", ".other.tmp-1", "keep", ".public.old-mybackup", ".public.tmp-keep", ".public.old-789"} {
		if err := os.MkdirAll(filepath.Join(parent, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// Ours carry the marker; .public.old-789 is named like ours but does
	// not, so it is someone's and stays.
	for _, d := range []string{".public.tmp-123", ".public.old-456"} {
		if err := mark(filepath.Join(parent, d)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil { // no backup is restored over it
		t.Fatal(err)
	}
	mustWrite(t, out, map[string][]byte{"index.html": nil})
	want := []string{".other.tmp-1", ".public.old-789", ".public.old-mybackup", ".public.tmp-keep", "keep", "public"}
	if got := siblings(t, parent); !slices.Equal(got, want) {
		t.Errorf("parent holds %q, want %q", got, want)
	}
}

func TestWriteCreatesMissingParents(t *testing.T) {
	out := filepath.Join(t.TempDir(), "build", "site", "public")
	mustWrite(t, out, map[string][]byte{"index.html": []byte("x")})
	if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(b) != "x" {
		t.Errorf("index.html = %q, %v", b, err)
	}
}

func TestWriteEmptySite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustWrite(t, out, map[string][]byte{"old.html": nil})
	mustWrite(t, out, nil)
	if got := tree(t, out); len(got) != 0 {
		t.Errorf("output = %q, want empty", got)
	}
}

func TestWriteRefusesFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(out, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, map[string][]byte{"index.html": nil}); err == nil {
		t.Fatal("Write replaced a regular file")
	}
	if b, _ := os.ReadFile(out); string(b) != "precious" {
		t.Errorf("file changed to %q", b)
	}
}

func TestWriteRefusesEmptyAndRoot(t *testing.T) {
	for _, out := range []string{"", "/"} {
		if err := Write(out, map[string][]byte{"index.html": nil}); err == nil {
			t.Errorf("Write(%q) succeeded", out)
		}
	}
}

func TestWriteThroughSymlink(t *testing.T) {
	parent := t.TempDir()
	real := filepath.Join(parent, "real")
	link := filepath.Join(parent, "public")
	mustWrite(t, real, map[string][]byte{"old.html": nil})
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	mustWrite(t, link, map[string][]byte{"new.html": []byte("n")})
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v", err)
	}
	if got := tree(t, real); len(got) != 1 || string(got["new.html"]) != "n" {
		t.Errorf("link target = %q, want only new.html", got)
	}
}

func TestWriteManyFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := make(map[string][]byte, 2000)
	for i := range 2000 {
		files[fmt.Sprintf("objectives/o-%d/%d/index.html", i%50, i)] = fmt.Appendf(nil, "page %d", i)
	}
	mustWrite(t, out, files)
	got := tree(t, out)
	if len(got) != len(files) {
		t.Fatalf("wrote %d files, want %d", len(got), len(files))
	}
	for k, v := range files {
		if string(got[k]) != string(v) {
			t.Fatalf("%s = %q, want %q", k, got[k], v)
		}
	}
}

// A run stopped between the two renames of a swap leaves no output folder
// and the last good site in the backup: the next run puts it back, and a
// build that then fails leaves it in place.
func TestInterruptedSwapIsRepaired(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	backup := filepath.Join(parent, ".public.old-123456")
	if err := os.MkdirAll(backup, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(backup, "index.html"), []byte("last good"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := mark(backup); err != nil {
		t.Fatal(err)
	}
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	st.Abort() // the build failed
	if got, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(got) != "last good" {
		t.Errorf("the last good site was not put back: %q, %v", got, err)
	}
	if _, err := os.Stat(backup); err == nil {
		t.Error("the backup is still there beside the restored site")
	}
}

// Every build, and every staging folder while it is filled, carries the
// marker that lets the next build replace it.
func TestBuildsCarryTheMarker(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustWrite(t, out, map[string][]byte{"index.html": nil})
	if !marked(out) {
		t.Error("a build has no marker")
	}
	st, err := NewStage(filepath.Join(t.TempDir(), "site"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	if !marked(st.Dir()) {
		t.Error("a staging folder has no marker")
	}
	if err := st.Add(Marker, nil); err == nil {
		t.Error("a file of the site replaced the marker")
	}
}

// removeAll removes a tree of folders, files and links, never what a
// link points to, and leaves nothing of it.
func TestRemoveAllRemovesTheTreeOnly(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	os.MkdirAll(filepath.Join(outside, "keep"), 0o755)
	os.WriteFile(filepath.Join(outside, "keep", "file"), []byte("kept"), 0o644)
	dir := filepath.Join(root, "tree")
	for i := range 30 {
		sub := filepath.Join(dir, fmt.Sprintf("d%d", i%7), fmt.Sprintf("e%d", i))
		os.MkdirAll(sub, 0o755)
		os.WriteFile(filepath.Join(sub, "index.html"), []byte("x"), 0o644)
	}
	os.MkdirAll(filepath.Join(dir, "empty", "deeper"), 0o755)
	os.WriteFile(filepath.Join(dir, "top.txt"), []byte("x"), 0o644)
	os.Symlink(outside, filepath.Join(dir, "d1", "link-to-folder"))
	os.Symlink(filepath.Join(outside, "keep", "file"), filepath.Join(dir, "link-to-file"))
	if err := removeAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the tree is still there: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(outside, "keep", "file")); err != nil || string(b) != "kept" {
		t.Errorf("what a link pointed to was removed: %q, %v", b, err)
	}
}
