package buildcache

import (
	"fmt"
	"io"
	"os"
	"slices"
	"testing"
)

// TestSetsRoundTrip keeps a set of files, kept as pages, with something
// beside them, and reads it back in the next build by its key; what was
// kept beside, damaged, is never handed out unless it checks itself; and
// a set neither used nor made again is forgotten.
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
		w.AddPage(name, [32]byte{byte(i)})
	}
	w.KeepBeside("state", func(w io.Writer) error { _, err := io.WriteString(w, "the state"); return err })
	w.KeepBesideChecked("own", func(w io.Writer) error { _, err := io.WriteString(w, "checks itself"); return err })
	w.Done(true)
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}

	c, _ = Open(root)
	e, ok := c.Earlier(IndexSet)
	if !ok {
		t.Fatal("no earlier set")
	}
	if !e.Key(key) || e.Key(other) {
		t.Error("the set's key is not the one it was kept with")
	}
	var got []string
	e.Pages(func(name string, k [32]byte) {
		var i int
		if _, err := fmt.Sscanf(name, "search/docs/%d.json", &i); err != nil || k != ([32]byte{byte(i)}) {
			t.Errorf("%s kept with key %x", name, k[:2])
		}
		got = append(got, name)
	})
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Errorf("pages %v, kept %v", got, names)
	}
	if data, ok := e.Beside("state"); !ok || string(data) != "the state" {
		t.Errorf("Beside = %q, %v", data, ok)
	}
	if data, ok := e.Beside("own"); !ok || string(data) != "checks itself" {
		t.Errorf("Beside = %q, %v", data, ok)
	}
	if data, ok := e.BesideMapped("own"); !ok || string(data) != "checks itself" {
		t.Errorf("BesideMapped = %q, %v", data, ok)
	}
	if own := e.beside["own"]; own.off%8 != 0 {
		t.Errorf("what checks itself is kept at %d, not a multiple of 8", own.off)
	}
	if _, ok := e.BesideMapped("state"); ok {
		t.Error("what the cache checks was handed out mapped, unchecked")
	}
	ownAt := e.beside["own"].off
	if _, ok := e.Beside("search/docs/3.json"); ok {
		t.Error("a page of the set was handed out as kept beside")
	}
	e.Use()
	e.Close()
	// Used: kept.
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}

	// A byte of each thing kept beside damaged: what KeepBeside kept is
	// not handed out; what KeepBesideChecked kept is, for its reader to
	// find the damage by its own checksum.
	c, _ = Open(root)
	blob := c.blobFile(IndexSet)
	data, _ := os.ReadFile(blob)
	data[1] ^= 0xff
	data[ownAt+1] ^= 0xff
	os.WriteFile(blob, data, 0o644)
	e, ok = c.Earlier(IndexSet)
	if !ok {
		t.Fatal("no earlier set")
	}
	if _, ok := e.Beside("state"); ok {
		t.Error("what was kept beside, damaged, was handed out")
	}
	if data, ok := e.Beside("own"); !ok || string(data) == "checks itself" || len(data) != len("checks itself") {
		t.Errorf("what checks itself, damaged, was read as %q, %v", data, ok)
	}
	if data, ok := e.BesideMapped("own"); !ok || string(data) == "checks itself" || len(data) != len("checks itself") {
		t.Errorf("what checks itself, damaged, was mapped as %q, %v", data, ok)
	}
	e.Close()
	// Not used: forgotten.
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Earlier(IndexSet); ok {
		t.Error("a set no build used is still kept")
	}
}
