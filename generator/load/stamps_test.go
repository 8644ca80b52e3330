package load

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/model"
)

// copyContent copies the bundled strategy into a new folder.
func copyContent(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("..", "..", "content")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// saved is what a build keeps for the next: its stamps and tables, saved
// and read back; the stamps are made to look saved at the time when, so
// that the files are not too new to be trusted.
func saved(t *testing.T, stamps *Stamps, tables *Tables, when time.Time) (*Stamps, *Tables) {
	t.Helper()
	var sb, tb bytes.Buffer
	if err := stamps.Save(&sb); err != nil {
		t.Fatal(err)
	}
	if err := tables.Save(&tb); err != nil {
		t.Fatal(err)
	}
	s, err := ReadStamps(bytes.NewReader(sb.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	s.written = when.UnixNano()
	tb2, err := ReadTables(bytes.NewReader(tb.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return s, tb2
}

// docsOf are the documents of s by their path.
func docsOf(s *model.Strategy) map[string]*model.Doc {
	out := map[string]*model.Doc{}
	for _, d := range s.Documents() {
		out[d.Rel] = d
	}
	return out
}

// TestStampsSpareReadingUnchangedFiles: a build with the stamps and the
// front matter an earlier one kept does not read the files that did not
// change, and makes the same strategy of them; their bodies are read when
// asked for. A file changed since is read; a body changed during the
// build is an error; files changed too near the save are read.
func TestStampsSpareReadingUnchangedFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("stamps are only trusted on Linux")
	}
	dir := copyContent(t)
	load := func(stamps *Stamps, tables *Tables) *model.Strategy {
		t.Helper()
		s, diags := Load(DirFS(dir), "content", Options{Tables: tables, Stamps: stamps, Blobs: true})
		if diags.HasErrors() {
			t.Fatalf("load: %v", diags.Items())
		}
		return s
	}
	stamps, tables := NewStamps(), NewTables()
	fresh := load(stamps, tables)
	if len(stamps.used) < 20 {
		t.Fatalf("only %d files stamped", len(stamps.used))
	}

	// Saved an hour from now: every file is old enough to be trusted.
	old, kept := saved(t, stamps, tables, time.Now().Add(time.Hour))
	trusted := load(old, kept)
	want, got := docsOf(fresh), docsOf(trusted)
	unread := 0
	for rel, w := range want {
		g := got[rel]
		if g == nil {
			t.Fatalf("%s: missing", rel)
		}
		if g.BodyUnread() {
			unread++
		}
		body, err := g.Markdown()
		if err != nil || !bytes.Equal(body, w.Body) {
			t.Errorf("%s: the body read when asked for is not the file's (%v)", rel, err)
		}
		if g.BodySum != sha256.Sum256(w.Body) || w.BodySum != g.BodySum {
			t.Errorf("%s: body checksums %x and %x", rel, g.BodySum[:4], w.BodySum[:4])
		}
		a, b := *w, *g
		a.Body, b.Body = nil, nil
		a, b = *a.WithBodyReader(nil), *b.WithBodyReader(nil)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: the document made unread differs:\n%+v\n%+v", rel, a, b)
		}
	}
	if unread != len(want) {
		t.Errorf("%d of %d files left unread", unread, len(want))
	}
	if !reflect.DeepEqual(fresh.Objectives[0].Indicators, trusted.Objectives[0].Indicators) || fresh.Organizations[0].Title != trusted.Organizations[0].Title {
		t.Error("the entities made unread differ")
	}

	// One file changed: it alone is read.
	obj := fresh.Objectives[0].Doc
	path := filepath.Join(dir, filepath.FromSlash(obj.Rel))
	src, _ := os.ReadFile(path)
	if err := os.WriteFile(path, append(src, "\nA new sentence.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	old, kept = saved(t, stamps, tables, time.Now().Add(time.Hour))
	again := load(old, kept)
	for rel, d := range docsOf(again) {
		if d.BodyUnread() == (rel == obj.Rel) {
			t.Errorf("%s: unread %v", rel, d.BodyUnread())
		}
	}
	if b, _ := docsOf(again)[obj.Rel].Markdown(); !bytes.Contains(b, []byte("A new sentence.")) {
		t.Error("the changed file was not read")
	}

	// A body that changes after the load, before it is read, is an
	// error, not another file's text.
	org := again.Organizations[0].Doc
	opath := filepath.Join(dir, filepath.FromSlash(org.Rel))
	osrc, _ := os.ReadFile(opath)
	if err := os.WriteFile(opath, append(osrc, "\nChanged meanwhile.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := org.Markdown(); !errors.Is(err, errChangedDuringBuild) {
		t.Errorf("a body changed during the build: %v", err)
	}

	// A file made a link to itself, moved (which keeps its inode and
	// times): the link is passed over as it is without stamps (see
	// TestLoadSkipsLinks), not taken for the file it names.
	part := fresh.Partnerships[0].Doc
	ppath := filepath.Join(dir, filepath.FromSlash(part.Rel))
	moved := filepath.Join(t.TempDir(), "moved.md")
	if err := os.Rename(ppath, moved); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(moved, ppath); err != nil {
		t.Fatal(err)
	}
	old, kept = saved(t, stamps, tables, time.Now().Add(time.Hour))
	linked, _ := Load(DirFS(dir), "content", Options{Tables: kept, Stamps: old, Blobs: true})
	plain, _ := Load(DirFS(dir), "content", Options{})
	if _, ok := docsOf(linked)[part.Rel]; ok || len(docsOf(linked)) != len(docsOf(plain)) {
		t.Error("a link in place of a file is taken for the file")
	}
	os.Remove(ppath)
	os.Rename(moved, ppath)

	// Saved now: the files were all written within the second before,
	// and are read, not trusted.
	stamps2, tables2 := NewStamps(), NewTables()
	load(stamps2, tables2)
	old, kept = saved(t, stamps2, tables2, time.Now())
	for _, d := range docsOf(load(old, kept)) {
		if d.BodyUnread() {
			t.Fatalf("%s: trusted, though changed within a second of the save", d.Rel)
		}
	}
	if !old.Changed() {
		t.Error("stamps read again, not trusted, are not saved again with a later time")
	}
}
