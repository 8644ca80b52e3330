package load

import (
	"bytes"
	"crypto/sha256"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// TestTablesRoundTrip: every front matter of the bundled strategy, and
// values of every kind TOML has, come back from a saved Tables as the
// parser made them, local dates and times in the parser's own places.
func TestTablesRoundTrip(t *testing.T) {
	var texts [][]byte
	filepath.WalkDir(filepath.Join("..", "..", "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, _ := os.ReadFile(p)
		if fm, ferr := SplitFrontMatter(src); ferr == nil {
			texts = append(texts, fm.TOML)
		}
		return nil
	})
	texts = append(texts, []byte(`s = "x"
i = -42
f = 1.5e300
b = true
odt = 1979-05-27T07:32:00-08:00
utc = 1979-05-27T07:32:00Z
ldt = 1979-05-27T07:32:00.999
ld = 1979-05-27
lt = 07:32:00
list = [1, "two", [3.0], { four = 4 }]
empty = []
[table]
inner = { deep = { deeper = [1979-05-27] } }
[[tables]]
a = 1
[[tables]]
b = 2
`))
	if len(texts) < 20 {
		t.Fatalf("only %d front matters", len(texts))
	}
	tables := NewTables()
	want := map[string]map[string]any{}
	for _, text := range texts {
		var table map[string]any
		if _, err := toml.Decode(string(text), &table); err != nil {
			t.Fatal(err)
		}
		keys, _ := scanKeys(text, "x.md")
		tables.put(sha256.Sum256(text), table, placesOf(keys))
		want[string(text)] = table
	}
	// What put keeps is encoded, not the parser's maps, which a build
	// would hold to its end; it decodes to the table put.
	for _, text := range texts {
		sum := sha256.Sum256(text)
		if p := tables.used[sum]; p == nil || p.encoded == "" || p.table != nil {
			t.Fatalf("put keeps the table as it is, not encoded: %.40q", text)
		}
		if got, _, ok := tables.get(sum, "x.md"); !ok || !reflect.DeepEqual(got, want[string(text)]) {
			t.Errorf("put, then asked for:\n%#v\nwant\n%#v", got, want[string(text)])
		}
	}
	var buf bytes.Buffer
	if err := tables.Save(&buf); err != nil {
		t.Fatal(err)
	}
	read, err := ReadTables(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range texts {
		got, keys, ok := read.get(sha256.Sum256(text), "y.md")
		if !ok {
			t.Fatalf("not kept: %.40q", text)
		}
		if !reflect.DeepEqual(got, want[string(text)]) {
			t.Errorf("read back\n%#v\nwant\n%#v", got, want[string(text)])
		}
		scanned, _ := scanKeys(text, "y.md")
		if wantKeys := model.NewKeys(scanned); !reflect.DeepEqual(keys, wantKeys) {
			t.Errorf("keys %v, want %v", keys, wantKeys)
		}
		sameLocations(t, got, want[string(text)])
	}
	// Saved again from what was read (each table kept as the file held
	// it), the file is the same to the byte; with one table new, that
	// table comes back too.
	var again bytes.Buffer
	if err := read.Save(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("saved again, the front matter kept is not the same file")
	}
	reread, err := ReadTables(bytes.NewReader(again.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range texts {
		reread.get(sha256.Sum256(text), "z.md")
	}
	extra := []byte("title = \"New\"\nlist = [1, 2]\n")
	var extraTable map[string]any
	toml.Decode(string(extra), &extraTable)
	keys, _ := scanKeys(extra, "n.md")
	reread.put(sha256.Sum256(extra), extraTable, placesOf(keys))
	var third bytes.Buffer
	if err := reread.Save(&third); err != nil {
		t.Fatal(err)
	}
	last, err := ReadTables(bytes.NewReader(third.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want[string(extra)] = extraTable
	for _, text := range append(texts, extra) {
		got, _, ok := last.get(sha256.Sum256(text), "y.md")
		if !ok || !reflect.DeepEqual(got, want[string(text)]) {
			t.Errorf("after a second save: %.40q came back as %#v", text, got)
		}
	}
	// Damaged or foreign: an error, never a panic.
	for _, bad := range [][]byte{nil, []byte("nonsense"), buf.Bytes()[:buf.Len()/2]} {
		if _, err := ReadTables(bytes.NewReader(bad)); err == nil {
			t.Errorf("read %d damaged bytes", len(bad))
		}
	}
}

// sameLocations checks that every time in got has the very place of
// want's: the decoder tells a local date from a date-time by it.
func sameLocations(t *testing.T, got, want any) {
	t.Helper()
	switch w := want.(type) {
	case time.Time:
		g, local := got.(time.Time), localPlaces()
		// The parser's own places for local dates and times must come
		// back as the very same; an offset's, by name and offset.
		if slices.Contains(local[:], w.Location()) && g.Location() != w.Location() ||
			g.Location().String() != w.Location().String() {
			t.Errorf("time %v in %v, want %v", g, g.Location(), w.Location())
		}
		_, off := g.Zone()
		if _, woff := w.Zone(); off != woff {
			t.Errorf("time %v: offset differs from %v", g, w)
		}
	case map[string]any:
		for k := range w {
			sameLocations(t, got.(map[string]any)[k], w[k])
		}
	case []any:
		for i := range w {
			sameLocations(t, got.([]any)[i], w[i])
		}
	case []map[string]any:
		for i := range w {
			sameLocations(t, got.([]map[string]any)[i], w[i])
		}
	}
}

// TestTablesGiveTheSameEntity: a file parsed through Tables a second
// time is the same entity, with the same problems at the same places.
func TestTablesGiveTheSameEntity(t *testing.T) {
	dir := filepath.Join("..", "..", "content")
	first, d1 := Load(os.DirFS(dir), "content", Options{Tables: NewTables()})
	saved := loadedAndSaved(t, os.DirFS(dir))
	if len(saved.old) < 20 {
		t.Fatalf("%d front matters kept", len(saved.old))
	}
	second, d2 := Load(os.DirFS(dir), "content", Options{Tables: saved})
	if !reflect.DeepEqual(first, second) {
		t.Error("the strategy parsed again through the kept front matter differs")
	}
	if !reflect.DeepEqual(diagStrings(d1), diagStrings(d2)) {
		t.Errorf("problems differ:\n%v\n%v", diagStrings(d1), diagStrings(d2))
	}
}

// loadedAndSaved is the front matter a load of fsys kept, saved and
// read back as the next build reads it.
func loadedAndSaved(t *testing.T, fsys fs.FS) *Tables {
	t.Helper()
	tables := NewTables()
	Load(fsys, "content", Options{Tables: tables})
	var buf bytes.Buffer
	if err := tables.Save(&buf); err != nil {
		t.Fatal(err)
	}
	saved, err := ReadTables(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

func diagStrings(l *diag.List) []string {
	var out []string
	for _, d := range l.Items() {
		out = append(out, d.String())
	}
	return out
}

// Kept keys out of the order of their names are damage (get relies on
// their order): such a table is not handed on, and its file is parsed
// again.
func TestTablesKeysOutOfOrderAreDamage(t *testing.T) {
	tables := NewTables()
	sum := sha256.Sum256([]byte("x"))
	tables.used[sum] = &parsedFront{
		table: map[string]any{"b": "1", "a": "2"},
		keys:  []keyPlace{{"b", 2, 1}, {"a", 3, 1}},
	}
	var buf bytes.Buffer
	if err := tables.Save(&buf); err != nil {
		t.Fatal(err)
	}
	read, err := ReadTables(&buf)
	if err != nil {
		return // refused whole: fine too
	}
	if _, _, ok := read.get(sum, "x.md"); ok {
		t.Error("keys out of order were handed on")
	}
	var again bytes.Buffer
	if err := read.Save(&again); err != nil {
		t.Fatal(err)
	}
	if reread, err := ReadTables(&again); err == nil {
		if _, ok := reread.old[sum]; ok {
			t.Error("a damaged table was saved again")
		}
	}
}

// Settle lets go of tables that are those read, which Save then refuses
// to write, and keeps tables that changed, for Save.
func TestSettleLetsGoOnlyOfWhatWasRead(t *testing.T) {
	dir := filepath.Join("..", "..", "content")
	fresh := NewTables()
	Load(os.DirFS(dir), "content", Options{Tables: fresh})
	fresh.Settle() // every front matter was parsed anew: kept
	var buf bytes.Buffer
	if !fresh.Changed() || fresh.Save(&buf) != nil {
		t.Fatal("tables made by this build were let go")
	}
	saved, err := ReadTables(&buf)
	if err != nil {
		t.Fatal(err)
	}
	Load(os.DirFS(dir), "content", Options{Tables: saved})
	saved.Settle() // the same files: nothing new
	if saved.Changed() || saved.old != nil || saved.used != nil {
		t.Error("tables that are those read were kept")
	}
	if err := saved.Save(io.Discard); err == nil {
		t.Error("tables let go were saved")
	}
}

// A front matter kept with its direct form (the fields it decoded into
// without a problem) gives the entity the table gives, for every file of
// the bundled strategy and for values of every kind a field takes: and
// it is what a second build uses. One that decoded with a problem has
// none, and its problems are said again.
func TestDirectFormsGiveTheSameEntity(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	write := func(rel, text string) {
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("objectives/pv-9.md", `+++
id = "PV-9"
title = "Every kind"
category = "prevention"
sectors = []
lead = ["department-of-labor"]
status = "at-risk"
start = 2025-01-01
due = 2028-12-31
need = 1.5e6
weight = -3

[[indicators]]
name = "Zero and empty"
unit = ""
baseline = { value = 0, date = 2025-01-01 }
progress = []

[[indicators]]
name = "Fractions"
target = { value = 0.125 }
+++
`)
	write("organizations/with-a-problem.md", `+++
title = "Problem"
sector = "advocacy"
survivor_led = "yes"
regions = ["A", 3]
+++
`)
	fsys := os.DirFS(dir)
	first, d1 := Load(fsys, "content", Options{Tables: NewTables()})
	saved := loadedAndSaved(t, fsys)
	direct, problem := 0, false
	for _, p := range saved.old {
		if p.direct.Load() != nil {
			direct++
		}
		if strings.Contains(p.encoded, "Problem") {
			problem = true
			if p.direct.Load() != nil {
				t.Error("a front matter that decoded with problems has a direct form")
			}
		}
	}
	if direct < len(saved.old)-2 || !problem {
		t.Fatalf("%d of %d front matters have a direct form (problem kept: %v)", direct, len(saved.old), problem)
	}
	// The second load decodes from the direct forms: no table is read.
	second, d2 := Load(fsys, "content", Options{Tables: saved})
	read := 0
	for _, p := range saved.old {
		if p.table != nil {
			read++
		}
	}
	if read > 2 {
		t.Errorf("%d tables decoded beside the direct forms", read)
	}
	if !reflect.DeepEqual(first, second) {
		t.Error("the strategy decoded from the direct forms differs")
	}
	if got, want := diagStrings(d2), diagStrings(d1); !reflect.DeepEqual(got, want) || len(want) == 0 {
		t.Errorf("problems differ:\n%v\n%v", got, want)
	}
	// Damaged direct forms are not trusted: the tables give the entity.
	for _, p := range saved.old {
		if df := p.direct.Load(); df != nil {
			p.direct.Store(&directForm{noun: df.noun, data: df.data[:len(df.data)/2]})
		}
	}
	third, d3 := Load(fsys, "content", Options{Tables: saved})
	if !reflect.DeepEqual(first, third) || !reflect.DeepEqual(diagStrings(d3), diagStrings(d1)) {
		t.Error("damaged direct forms changed the strategy")
	}
}
