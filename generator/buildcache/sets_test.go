package buildcache

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"testing"
)

// TestSetsRoundTrip keeps a set of files with something beside them,
// and reads it back in the next build: whole by its key, a file at a
// time whatever its key; a damaged file is never handed out, and a set
// neither used nor made again is forgotten.
func TestSetsRoundTrip(t *testing.T) {
	root := t.TempDir()
	c, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	key, other := [32]byte{1}, [32]byte{2}
	w := c.Keep(IndexSet, key)
	var names []string
	for i := range 50 {
		name := fmt.Sprintf("search/docs/%d.json", i)
		names = append(names, name)
		w.Add(name, bytes.Repeat([]byte{byte(i)}, i*7))
	}
	w.KeepBeside("state", func(w io.Writer) error { _, err := io.WriteString(w, "the state"); return err })
	w.KeepBesideChecked("own", func(w io.Writer) error { _, err := io.WriteString(w, "checks itself"); return err })
	w.Done(true)
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}

	c, _ = Open(root)
	var got []string
	if ok, err := c.Files(IndexSet, key, func(name string, data []byte) error {
		i := len(got)
		got = append(got, name)
		if !bytes.Equal(data, bytes.Repeat([]byte{byte(i)}, i*7)) {
			return fmt.Errorf("%s: %d bytes", name, len(data))
		}
		return nil
	}); !ok || err != nil || !slices.Equal(got, names) {
		t.Fatalf("Files = %v, %v, %d files", ok, err, len(got))
	}
	if ok, _ := c.Files(IndexSet, other, func(string, []byte) error { return nil }); ok {
		t.Error("Files handed out a set kept with another key")
	}
	e, ok := c.Earlier(IndexSet)
	if !ok {
		t.Fatal("no earlier set")
	}
	if data, ok := e.File("search/docs/3.json"); !ok || !bytes.Equal(data, bytes.Repeat([]byte{3}, 21)) {
		t.Errorf("File = %q, %v", data, ok)
	}
	if data, ok := e.Beside("state"); !ok || string(data) != "the state" {
		t.Errorf("Beside = %q, %v", data, ok)
	}
	if data, ok := e.Beside("own"); !ok || string(data) != "checks itself" {
		t.Errorf("Beside = %q, %v", data, ok)
	}
	if _, ok := e.File("state"); ok {
		t.Error("what was kept beside the files is a file")
	}
	e.Close()

	// A byte of one file damaged: that file is not handed out, the
	// others are; the set is not handed out whole.
	c, _ = Open(root)
	blob := c.blobFile(IndexSet)
	data, _ := os.ReadFile(blob)
	data[7*3+1] ^= 0xff // in file 3 (files 0, 1, 2 take 0+7+14 bytes)
	// And a byte of each thing kept beside: what KeepBeside kept is not
	// handed out; what KeepBesideChecked kept is, for its reader to find
	// the damage by its own checksum.
	files := 7 * 50 * 49 / 2
	data[files+1] ^= 0xff
	data[files+len("the state")+1] ^= 0xff
	os.WriteFile(blob, data, 0o644)
	e, _ = c.Earlier(IndexSet)
	if _, ok := e.File("search/docs/3.json"); ok {
		t.Error("a damaged file was handed out")
	}
	if _, ok := e.File("search/docs/4.json"); !ok {
		t.Error("an intact file was not handed out")
	}
	if _, ok := e.Beside("state"); ok {
		t.Error("what was kept beside, damaged, was handed out")
	}
	if data, ok := e.Beside("own"); !ok || string(data) == "checks itself" || len(data) != len("checks itself") {
		t.Errorf("what checks itself, damaged, was read as %q, %v", data, ok)
	}
	e.Close()
	if ok, _ := c.Files(IndexSet, key, func(string, []byte) error { return nil }); ok {
		t.Error("a set with a damaged file was handed out whole")
	}
	// Not used: forgotten.
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Earlier(IndexSet); ok {
		t.Error("a set no build used is still kept")
	}
}
