package binenc

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func sample(t testing.TB) []byte {
	var buf bytes.Buffer
	e := NewEncoder(&buf, "test 1")
	e.Uint(0)
	e.Uint(math.MaxUint64)
	e.Int(-5)
	e.Int(math.MinInt64)
	e.Float(-2.5)
	e.Bool(true)
	e.String("")
	e.String("héllo\x00" + strings.Repeat("x", 300))
	e.Uint(3)
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func read(d *Decoder) []any {
	return []any{d.Uint(), d.Uint(), d.Int(), d.Int(), d.Float(), d.Bool(), d.String(), d.String(), d.Len(100)}
}

func TestRoundTrip(t *testing.T) {
	d, err := NewDecoder(bytes.NewReader(sample(t)), "test 1")
	if err != nil {
		t.Fatal(err)
	}
	got := read(d)
	want := []any{uint64(0), uint64(math.MaxUint64), int64(-5), int64(math.MinInt64), -2.5, true, "", "héllo\x00" + strings.Repeat("x", 300), 0}
	if d.Err() == nil {
		t.Fatalf("a list of 3 items of 100 bytes each fits in the 0 bytes left: %v", got)
	}
	for i := range want[:8] {
		if got[i] != want[i] {
			t.Errorf("value %d: got %v, want %v", i, got[i], want[i])
		}
	}
}

// TestDamaged: a file cut short, with any one byte changed, or of
// another format is refused before anything is read from it.
func TestDamaged(t *testing.T) {
	data := sample(t)
	if _, err := NewDecoder(bytes.NewReader(data), "test 2"); !errors.Is(err, ErrDamaged) {
		t.Errorf("another format: %v", err)
	}
	for n := range len(data) {
		if _, err := NewDecoder(bytes.NewReader(data[:n]), "test 1"); err == nil {
			t.Errorf("cut at %d of %d bytes: read", n, len(data))
		}
	}
	for i := range data {
		bad := bytes.Clone(data)
		bad[i] ^= 0x10
		if _, err := NewDecoder(bytes.NewReader(bad), "test 1"); err == nil {
			t.Errorf("byte %d changed: read", i)
		}
	}
}

// FuzzDecoder: whatever a file holds, reading it ends in values or an
// error, never a panic or a huge allocation.
func FuzzDecoder(f *testing.F) {
	f.Add([]byte("\x06test 1\x01\x02"))
	f.Fuzz(func(t *testing.T, body []byte) {
		d := &Decoder{data: string(body)}
		for d.Err() == nil && d.pos < len(d.data) {
			if n := d.Len(1); n > len(body) {
				t.Fatalf("a length of %d from %d bytes", n, len(body))
			}
			read(d)
		}
	})
}

// A file is read in place: whole, it decodes as from memory; cut short,
// or with a byte changed, it is damaged.
func TestFiles(t *testing.T) {
	data := sample(t)
	name := filepath.Join(t.TempDir(), "x.bin")
	open := func(b []byte) (*Decoder, error) {
		t.Helper()
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		return NewDecoder(f, "test 1")
	}
	d, err := open(data)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := NewDecoder(bytes.NewReader(data), "test 1")
	if got, w := read(d), read(want); !reflect.DeepEqual(got, w) {
		t.Errorf("from a file %v, from memory %v", got, w)
	}
	for _, b := range [][]byte{nil, data[:3], data[:len(data)-1], append(bytes.Clone(data[:10]), data[11:]...)} {
		if _, err := open(b); !errors.Is(err, ErrDamaged) {
			t.Errorf("a file of %d bytes: %v, want damaged", len(b), err)
		}
	}
	changed := bytes.Clone(data)
	changed[len(changed)/2] ^= 1
	if _, err := open(changed); !errors.Is(err, ErrDamaged) {
		t.Errorf("a changed file: %v, want damaged", err)
	}
}

// A part (NewPart) holds values without header or checksum, and comes
// back whole from DecodePart; one part encoder serves several parts.
func TestPartsRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	e := NewPart(&buf)
	var parts []string
	for i := range 3 {
		buf.Reset()
		e.Uint(uint64(i))
		e.String(strings.Repeat("x", i*40000)) // past a chunk
		e.Int(-int64(i))
		if err := e.Close(); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, buf.String())
	}
	for i, p := range parts {
		d := DecodePart(p)
		if d.Uint() != uint64(i) || len(d.String()) != i*40000 || d.Int() != -int64(i) || d.Done() != nil {
			t.Errorf("part %d did not come back whole", i)
		}
		cut := DecodePart(p[:len(p)-1])
		cut.Uint()
		_ = cut.String()
		cut.Int()
		if cut.Done() == nil {
			t.Errorf("part %d cut short was read whole", i)
		}
	}
}

// A file mapped into memory (NewMappedDecoder) reads as one copied, and
// a damaged or foreign one is refused; its strings, copied before the
// release, stay whole after it.
func TestMappedFiles(t *testing.T) {
	data := sample(t)
	name := filepath.Join(t.TempDir(), "x.bin")
	open := func(b []byte, header string) ([]any, error) {
		t.Helper()
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		d, release, err := NewMappedDecoder(f, header)
		if err != nil {
			return nil, err
		}
		got := read(d)
		for i, v := range got {
			if s, ok := v.(string); ok {
				got[i] = strings.Clone(s)
			}
		}
		release()
		return got, nil
	}
	got, err := open(data, "test 1")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := NewDecoder(bytes.NewReader(data), "test 1")
	if w := read(want); !reflect.DeepEqual(got, w) {
		t.Errorf("mapped %v, from memory %v", got, w)
	}
	changed := bytes.Clone(data)
	changed[len(changed)/2] ^= 1
	for _, b := range [][]byte{nil, data[:3], data[:len(data)-1], changed} {
		if _, err := open(b, "test 1"); !errors.Is(err, ErrDamaged) {
			t.Errorf("a file of %d bytes: %v, want damaged", len(b), err)
		}
	}
	if _, err := open(data, "test 2"); !errors.Is(err, ErrDamaged) {
		t.Errorf("a file of another format: %v, want damaged", err)
	}
}
