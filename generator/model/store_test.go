package model

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// A stored rendering reads back as it was given, from many goroutines
// at once, and leaves nothing in the folder it was made in.
func TestStoreKeepsRenderings(t *testing.T) {
	dir := t.TempDir()
	s, err := NewStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]Rendered, 200)
	want := make([]Rendered, len(got))
	for i := range got {
		want[i] = Rendered{HTML: fmt.Sprintf("<p>%d %s</p>", i, strings.Repeat("é", i)), Text: fmt.Sprint("text ", i),
			Headings: []Heading{{Level: 2, ID: fmt.Sprint("h", i), Text: "H"}}}
		if i%7 == 0 {
			want[i].HTML, want[i].Text = "", "" // an empty body
		}
		wg.Go(func() { got[i] = s.Stored(want[i]) })
	}
	wg.Wait()
	for i := range got {
		if want[i].HTML != "" && got[i].HTML != "" {
			t.Fatalf("%d: the HTML is still in memory", i)
		}
		if got[i].Markup() != want[i].HTML || got[i].PlainText() != want[i].Text || got[i].TextSize() != len(want[i].Text) ||
			got[i].Headings[0] != want[i].Headings[0] {
			t.Errorf("%d: got %q %q, want %q %q", i, got[i].Markup(), got[i].PlainText(), want[i].HTML, want[i].Text)
		}
		if w := got[i].WithoutHTML(); w.Markup() != "" || w.PlainText() != want[i].Text {
			t.Errorf("%d: without its HTML: %q %q", i, w.Markup(), w.PlainText())
		}
	}
	if again := s.Stored(got[3]); again.Markup() != want[3].HTML {
		t.Error("storing a stored rendering lost it")
	}
	if entries, _ := filepath.Glob(filepath.Join(dir, "*")); len(entries) != 0 {
		t.Errorf("the store left %v in its folder", entries)
	}
	// A nil store keeps renderings in memory.
	var none *Store
	if r := none.Stored(want[1]); r.HTML != want[1].HTML || r.Markup() != want[1].HTML {
		t.Error("a nil store lost a rendering")
	}
}

// A sealed store reads what it holds from its file mapped into memory,
// from many goroutines at once, as it was given; it takes no more (a
// rendering given after is kept in memory).
func TestSealedStoreReadsWhatItHolds(t *testing.T) {
	s, err := NewStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := make([]Rendered, 300)
	got := make([]Rendered, len(want))
	for i := range want {
		want[i] = Rendered{HTML: fmt.Sprintf("<p>%d%s</p>", i, strings.Repeat("x", i*37)), Text: fmt.Sprint("text ", i)}
		got[i] = s.Stored(want[i])
	}
	s.Seal()
	s.Seal() // twice: nothing more
	if runtime.GOOS != "windows" && s.mapped.Load() == nil {
		t.Fatal("the store was not mapped")
	}
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			if got[i].Markup() != want[i].HTML || got[i].PlainText() != want[i].Text {
				t.Errorf("%d: got %.20q %q", i, got[i].Markup(), got[i].PlainText())
			}
		})
	}
	wg.Wait()
	late := s.Stored(Rendered{HTML: "<p>late</p>", Text: "late"})
	if late.HTML != "<p>late</p>" || late.Markup() != "<p>late</p>" || late.PlainText() != "late" {
		t.Errorf("a rendering given after Seal: %q %q", late.Markup(), late.PlainText())
	}
	// An empty store, sealed, has nothing to map.
	empty, _ := NewStore(t.TempDir())
	empty.Seal()
	var none *Store
	none.Seal()
}
