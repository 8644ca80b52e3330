package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/commonagenda/agenda/generator/model"
)

// TestPatchIsABuild edits a strategy again and again, as pull requests
// do, and updates its index after each edit from the one before: the
// files must be those a build from scratch writes, byte for byte, and so
// must the state a next build would patch. A small edit must keep most
// files as they were.
func TestPatchIsABuild(t *testing.T) {
	vocab := seedVocabulary(t)
	s := realisticStrategy(vocab, 600, 3)
	r := rand.New(rand.NewPCG(9, 9))
	docs := func() []*model.Doc {
		var out []*model.Doc
		for _, o := range s.Objectives {
			out = append(out, o.Doc)
		}
		for _, o := range s.Organizations {
			out = append(out, o.Doc)
		}
		for _, p := range s.Partnerships {
			out = append(out, p.Doc)
		}
		return out
	}()
	setText := func(d *model.Doc, text string) {
		b := s.Bodies[d.Rel]
		b.Text = text
		bodies := maps.Clone(s.Bodies)
		bodies[d.Rel] = b
		s = s.WithBodies(bodies)
	}
	text := func(d *model.Doc) string { return s.Bodies[d.Rel].Text }
	some := func(k int) string { return strings.Join(vocab[r.IntN(200):][:k], " ") }
	one := docs[17]
	edits := []struct {
		name  string
		edit  func()
		small bool // one document changed
		// most: a sentence of one document: most chunks are what they
		// were (a stem, word or pair the document has as it had it is
		// not written again), the facets too.
		most bool
	}{
		{"nothing", func() {}, true, false},
		{"a sentence added", func() { setText(one, text(one)+" "+some(12)+".") }, true, true},
		// New stems that sort first, in the middle and last: every stem
		// after them is numbered again.
		{"words no document had", func() { setText(docs[40], text(docs[40])+" Aaronite mmexcellence survivors Zanzibarite quoxels.") }, true, false},
		{"the words' only document loses them", func() {
			setText(docs[40], strings.ReplaceAll(text(docs[40]), " Aaronite mmexcellence survivors Zanzibarite quoxels.", ""))
		}, true, false},
		{"a body emptied", func() { setText(docs[3], "") }, true, false},
		{"a heading's text", func() {
			d := docs[5]
			b := s.Bodies[d.Rel]
			b.Text += " Next steps " + some(30)
			b.Headings = append(slices.Clone(b.Headings), model.Heading{ID: "next-steps", Text: "Next steps", Level: 2})
			bodies := maps.Clone(s.Bodies)
			bodies[d.Rel] = b
			s = s.WithBodies(bodies)
		}, true, false},
		{"a title", func() { s.Organizations[9].Title = "Quorvath Anti-Trafficking Alliance PV-9.9" }, true, false},
		{"five documents", func() {
			for _, d := range docs[100:105] {
				setText(d, some(20)+" "+text(d))
			}
		}, false, false},
		{"one document doubles the mean length", func() {
			setText(docs[2], strings.Repeat(text(docs[2])+" ", 400))
		}, false, false},
		{"back again", func() { setText(docs[2], strings.Repeat("word ", 3)) }, false, false},
		{"a document more", func() {
			o := &model.Organization{Slug: "new-org", Title: "New Org", Doc: &model.Doc{Rel: "organizations/new-org.md"}}
			s.Organizations = append(s.Organizations, o)
			bodies := maps.Clone(s.Bodies)
			bodies[o.Doc.Rel] = model.Rendered{Text: some(40)}
			s = s.WithBodies(bodies)
		}, false, false},
		{"a sentence removed", func() { setText(one, strings.TrimSuffix(text(one), text(one)[strings.LastIndexByte(text(one), ' '):])) }, true, true},
	}
	var earlier *Earlier
	var earlierFiles map[string][]byte
	for _, e := range edits {
		e.edit()
		want := Build(s)
		kept, keptDocs, keptFacets := 0, 0, false
		got := map[string][]byte{}
		if earlier != nil {
			files := earlierFiles
			earlier.Reuse = func(name string) bool {
				data, ok := files[name]
				if !ok {
					return false
				}
				if _, dup := got[name]; dup {
					t.Errorf("%s: %s put twice", e.name, name)
				}
				got[name] = data
				kept += boolInt(strings.HasPrefix(name, ChunkDir))
				keptDocs += boolInt(strings.HasPrefix(name, DocDir))
				keptFacets = keptFacets || strings.HasPrefix(name, ChunkDir+"facets-")
				return true
			}
		}
		save, err := Collect(s).Update(earlier, func(name string, data []byte) error {
			if _, dup := got[name]; dup {
				return fmt.Errorf("%s written twice", name)
			}
			got[name] = data
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		state := saved(t, save)
		if filesDigest(got) != filesDigest(want) {
			for name := range want {
				if !bytes.Equal(got[name], want[name]) {
					t.Errorf("%s: %s differs from a build's", e.name, name)
				}
			}
			for name := range got {
				if _, ok := want[name]; !ok {
					t.Errorf("%s: %s is not a build's", e.name, name)
				}
			}
			t.FailNow()
		}
		// The state is the one a build from scratch makes.
		coldSave, err := Collect(s).Update(nil, func(string, []byte) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(state, saved(t, coldSave)) {
			t.Fatalf("%s: the patched state is not a build's", e.name)
		}
		chunks, fragments := 0, 0
		for name := range want {
			chunks += boolInt(strings.HasPrefix(name, ChunkDir))
			fragments += boolInt(strings.HasPrefix(name, DocDir))
		}
		t.Logf("%s: %d of %d chunks and %d of %d fragments kept", e.name, kept, chunks, keptDocs, fragments)
		// A document's words are all over the dictionary: an edit to one
		// writes again a good part of a small index's chunks, but not
		// all, and only its own fragment.
		if earlier != nil && e.small && (kept == 0 || keptDocs < fragments-1) {
			t.Errorf("%s: %d of %d chunks and %d of %d fragments kept; an edit to one document keeps the others'", e.name, kept, chunks, keptDocs, fragments)
		}
		if e.most && kept*2 < chunks {
			t.Errorf("%s: %d of %d chunks kept; most are what they were", e.name, kept, chunks)
		}
		if e.most && !keptFacets {
			t.Errorf("%s: the facets were written again", e.name)
		}
		earlierFiles = got
		earlier = &Earlier{State: ReadState(state)}
	}
}

// saved is what save writes.
func saved(tb testing.TB, save func(io.Writer) error) []byte {
	var b bytes.Buffer
	if err := save(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// BenchmarkUpdateAfterAnEdit updates the index of a 10,000-document
// strategy after a sentence is added to one document; compare with
// BenchmarkBuildRealistic.
func BenchmarkUpdateAfterAnEdit(b *testing.B) {
	s := realisticStrategy(seedVocabulary(b), 10000, 1)
	files := map[string][]byte{}
	save, err := Collect(s).Update(nil, func(name string, data []byte) error { files[name] = data; return nil })
	if err != nil {
		b.Fatal(err)
	}
	state := saved(b, save)
	d := s.Organizations[100].Doc
	body := s.Bodies[d.Rel]
	body.Text += " A sentence added to the text."
	bodies := maps.Clone(s.Bodies)
	bodies[d.Rel] = body
	s = s.WithBodies(bodies)
	reuse := func(name string) bool { _, ok := files[name]; return ok }
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		// A state serves one Update: it is read again each time.
		earlier := &Earlier{State: ReadState(state), Reuse: reuse}
		if _, err := Collect(s).Update(earlier, func(string, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// A damaged state is never used, and never panics: the index is built
// from scratch instead.
func TestDamagedStateIsIgnored(t *testing.T) {
	s := realisticStrategy(seedVocabulary(t), 60, 5)
	want := filesDigest(Build(s))
	files := map[string][]byte{}
	save, err := Collect(s).Update(nil, func(name string, data []byte) error { files[name] = data; return nil })
	if err != nil {
		t.Fatal(err)
	}
	state := saved(t, save)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 200 {
		bad := slices.Clone(state)
		switch i % 3 {
		case 0:
			bad[r.IntN(len(bad))] ^= byte(1 + r.IntN(255))
		case 1:
			bad = bad[:r.IntN(len(bad))]
		case 2:
			p := r.IntN(len(bad))
			bad = append(bad[:p:p], append(bytes.Repeat([]byte{0xff}, 1+r.IntN(8)), bad[p:]...)...)
		}
		got := map[string][]byte{}
		earlier := &Earlier{State: ReadState(bad), Reuse: func(name string) bool {
			d, ok := files[name]
			if ok {
				got[name] = d
			}
			return ok
		}}
		if _, err := Collect(s).Update(earlier, func(name string, data []byte) error { got[name] = data; return nil }); err != nil {
			t.Fatal(err)
		}
		if filesDigest(got) != want {
			t.Fatalf("damage %d: the files differ from a build's", i)
		}
	}
}

func FuzzDecodeState(f *testing.F) {
	f.Add([]byte(stateFormat))
	s := realisticStrategy(seedVocabulary(f), 40, 5)
	save, err := Collect(s).Update(nil, func(string, []byte) error { return nil })
	if err != nil {
		f.Fatal(err)
	}
	f.Add(saved(f, save))
	f.Fuzz(func(t *testing.T, data []byte) {
		// The checksum made right, so that what follows it is read: a
		// state whose checksum holds must still be checked number by
		// number.
		if len(data) >= len(stateFormat)+4 {
			end := len(data) - 4
			data = binary.LittleEndian.AppendUint32(data[:end:end], crc32.Checksum(data[:end], castagnoli))
		}
		st, err := decodeState(data)
		if err != nil {
			return
		}
		// A state that decodes encodes back to itself, and can be
		// patched without a panic.
		if !bytes.Equal(st.encode(), data) {
			t.Fatal("decoded state encodes differently")
		}
		st.patch(collect(s), Collect(s).sums())
	})
}

// The state's long lists are written as their bytes in memory on a
// little-endian machine: the bytes must be those written a number at a
// time, which any machine reads.
func TestStateBytesAreLittleEndian(t *testing.T) {
	if unsafe.Sizeof(posting{}) != 12 {
		t.Fatalf("a posting takes %d bytes, not 12", unsafe.Sizeof(posting{}))
	}
	s := realisticStrategy(seedVocabulary(t), 100, 5)
	save, err := Collect(s).Update(nil, func(string, []byte) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	fast := saved(t, save)
	defer func(v bool) { littleEndian = v }(littleEndian)
	littleEndian = false
	st, err := decodeState(fast)
	if err != nil {
		t.Fatal(err)
	}
	if slow := st.encode(); !bytes.Equal(slow, fast) {
		t.Error("the state written a number at a time differs")
	}
}

// BenchmarkDecodeState reads the kept state of a 10,000-document index,
// as every build after an edit does first.
func BenchmarkDecodeState(b *testing.B) {
	s := realisticStrategy(seedVocabulary(b), 10000, 1)
	save, err := Collect(s).Update(nil, func(string, []byte) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
	state := saved(b, save)
	b.SetBytes(int64(len(state)))
	for b.Loop() {
		if _, err := decodeState(state); err != nil {
			b.Fatal(err)
		}
	}
}

// A state may be saved while its files are still written: what the
// Saver writes beside them is what save writes after them, and a Saver
// told the files were not written stops after the long lists.
func TestStateSavedBesideTheFiles(t *testing.T) {
	s := realisticStrategy(seedVocabulary(t), 120, 5)
	save, err := Collect(s).Update(nil, func(string, []byte) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := saved(t, save)
	for _, fail := range []bool{false, true} {
		var buf bytes.Buffer
		written := make(chan error, 1)
		saveDone := make(chan error, 1)
		calls := 0
		err := Collect(s).UpdateSaving(nil, func(string, []byte) error { return nil }, func(sv Saver) {
			calls++
			go func() { saveDone <- sv(&buf, func() error { return <-written }) }()
		})
		if err != nil {
			t.Fatal(err)
		}
		if calls != 1 {
			t.Fatalf("saving called %d times", calls)
		}
		stop := errors.New("not written")
		if fail {
			written <- stop
		} else {
			written <- nil
		}
		err = <-saveDone
		switch {
		case fail && err != stop:
			t.Errorf("a Saver told the files were not written returned %v", err)
		case fail && (buf.Len() >= len(want) || !bytes.HasPrefix(want, buf.Bytes())):
			t.Errorf("a Saver told the files were not written wrote %d bytes of %d, or others", buf.Len(), len(want))
		case !fail && err != nil:
			t.Fatal(err)
		case !fail && !bytes.Equal(buf.Bytes(), want):
			t.Error("the state saved beside the files differs from the one saved after them")
		}
	}
}
