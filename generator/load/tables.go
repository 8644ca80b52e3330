package load

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/internal/binenc"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/timeline"
)

// Tables keeps what the TOML parser made of each front matter between
// runs of agenda build (package buildcache), by its FrontSum: the table
// of values and where each key was. A front matter whose text a build has seen before
// is not parsed again; its table is decoded into the entity as a parsed
// one is, so every check and every message is the same. Only front
// matter that parsed without an error is kept.
//
// A Tables serves one build: get and put may be called from many
// goroutines; Save writes what this build used.
type Tables struct {
	mu   sync.Mutex
	old  map[[sha256.Size]byte]*parsedFront // read from the cache
	used map[[sha256.Size]byte]*parsedFront // used or made by this build
	made bool                               // a front matter was parsed anew
	// ready, when set, waits until old is read (see TablesFrom).
	ready func()
	// settled is whether the tables were let go (see Settle).
	settled bool
}

// TablesFrom returns a Tables offering the front matter earlier returns
// (nil for none), which is asked for when the first front matter is
// parsed: earlier may still be reading it then, while the files are
// listed and read.
func TablesFrom(earlier func() *Tables) *Tables {
	t := NewTables()
	t.ready = sync.OnceFunc(func() {
		defer timeline.Begin("load waits for the front matter kept")()
		if r := earlier(); r != nil {
			t.mu.Lock()
			t.old = r.old
			t.mu.Unlock()
		}
	})
	return t
}

// parsedFront is one front matter parsed: its table, and its keys with
// their places (without the file's path, which is the document's).
//
// One read from the cache is decoded when a file first asks for it, by
// the worker that parses that file: the file of tables is only split
// into its parts before the files are parsed, so that load does not wait
// for ten thousand tables to be decoded one after the other.
type parsedFront struct {
	table map[string]any
	keys  []keyPlace
	// encoded is the keys and the table as the file Save writes them
	// (encodeFront): read from the file, or made when the front matter
	// was parsed; decoded once when asked for, and saved as it is.
	encoded string
	once    sync.Once
	ok      bool // decoded (or made) whole
	// direct is the struct the front matter decoded into without a
	// problem, when it did (see directForm); fromFile whether p was read
	// from the cache file, which Save then writes again to add it.
	direct   atomic.Pointer[directForm]
	fromFile bool
	// places are the keys with their places alone (keysOnce), for a
	// document decoded from direct, whose table is not read.
	keysOnce sync.Once
	places   []keyPlace
	placesOK bool
}

// keyPlaces are p's keys with their places, read without its table (they
// come first in encoded); false when they cannot be read.
func (p *parsedFront) keyPlaces() ([]keyPlace, bool) {
	p.keysOnce.Do(func() {
		if p.encoded == "" {
			p.places, p.placesOK = p.keys, p.table != nil
			return
		}
		d := binenc.DecodePart(p.encoded)
		p.places = readPlaces(d)
		p.placesOK = d.Err() == nil
	})
	return p.places, p.placesOK
}

// readPlaces reads the keys with their places that encodeFront wrote
// first. They are in the order of their names, each once (get and
// keysOf rely on it): anything else is damage.
func readPlaces(d *binenc.Decoder) []keyPlace {
	places := make([]keyPlace, d.Len(3))
	for i := range places {
		places[i] = keyPlace{d.String(), int(d.Int()), int(d.Int())}
		if i > 0 && places[i-1].name >= places[i].name {
			d.Fail()
		}
	}
	return places
}

// decoded decodes p, once, and reports whether it is whole.
func (p *parsedFront) decoded() bool {
	p.once.Do(func() {
		if p.encoded == "" {
			p.ok = p.table != nil
			return
		}
		d := binenc.DecodePart(p.encoded)
		p.keys = readPlaces(d)
		table, ok := readValue(d, 0).(map[string]any)
		if !ok {
			d.Fail()
		}
		p.table = table
		p.ok = d.Done() == nil
	})
	return p.ok
}

type keyPlace struct {
	name      string
	line, col int
}

// placesOf lists keys in the order of their names.
func placesOf(keys map[string]diag.Pos) []keyPlace {
	out := make([]keyPlace, 0, len(keys))
	for name, pos := range keys {
		out = append(out, keyPlace{name, pos.Line, pos.Col})
	}
	slices.SortFunc(out, func(a, b keyPlace) int { return strings.Compare(a.name, b.name) })
	return out
}

// keysOf are the places as a document keeps them, in the file at path.
func keysOf(path string, places []keyPlace) model.Keys {
	return model.SortedKeys(path, len(places), func(i int) (string, int, int) {
		k := places[i]
		return k.name, k.line, k.col
	})
}

// NewTables returns an empty Tables.
func NewTables() *Tables {
	return &Tables{old: map[[sha256.Size]byte]*parsedFront{}, used: map[[sha256.Size]byte]*parsedFront{}}
}

// get returns the parse of the front matter whose FrontSum is sum an
// earlier build or this one made, keys placed in the file at path. The
// table is only read, by any number of documents of the same front
// matter.
func (t *Tables) get(sum [sha256.Size]byte, path string) (map[string]any, model.Keys, bool) {
	p := t.find(sum)
	if p == nil || !p.decoded() {
		return nil, model.Keys{}, false
	}
	t.use(sum, p)
	// Kept in the order of their names (put, ReadTables).
	return p.table, keysOf(path, p.keys), true
}

// find is the parse of the front matter whose FrontSum is sum, as kept,
// not yet decoded; nil when there is none.
func (t *Tables) find(sum [sha256.Size]byte) *parsedFront {
	if t == nil {
		return nil
	}
	if t.ready != nil {
		t.ready()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	p, ok := t.used[sum]
	if !ok {
		p = t.old[sum]
	}
	return p
}

// use records that this build used p, the parse of sum (Save keeps it).
func (t *Tables) use(sum [sha256.Size]byte, p *parsedFront) {
	t.mu.Lock()
	t.used[sum] = p
	t.mu.Unlock()
}

// setDirect keeps the direct form of p for a struct of kind noun, made
// once decoding said nothing, unless p has one. One read from the file
// is written again (Save) to keep it.
func (t *Tables) setDirect(p *parsedFront, noun, data string) {
	if p == nil || !p.direct.CompareAndSwap(nil, &directForm{noun: noun, data: data}) {
		return
	}
	if p.fromFile {
		t.mu.Lock()
		t.made = true
		t.mu.Unlock()
	}
}

// put keeps the parse of the front matter whose FrontSum is sum, with
// its keys in the order of their names (placesOf). The table and the
// keys are only read from then on.
func (t *Tables) put(sum [sha256.Size]byte, table map[string]any, keys []keyPlace) *parsedFront {
	if t == nil || !encodable(table) {
		return nil
	}
	// Kept encoded, as Save writes it: ten thousand tables parsed anew
	// would otherwise be held as maps (60 MB at 10,000 files) until the
	// build ends, through the pages and the search index.
	encoded, err := encodeFront(table, keys)
	if err != nil {
		return nil
	}
	p := &parsedFront{encoded: encoded}
	t.mu.Lock()
	t.used[sum] = p
	t.made = true
	t.mu.Unlock()
	return p
}

// Changed reports whether Save would write other front matter than was
// read: a front matter was parsed anew, or one read was not used.
func (t *Tables) Changed() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return !t.settled && (t.made || len(t.used) != len(t.old))
}

// Settle is called once every file is parsed: when the tables are those
// that were read, so that Save has nothing new to write, their memory
// goes (a build holds 10,000 of them, which the garbage collector would
// go through for the rest of the build). Save then fails, and Changed
// says false.
func (t *Tables) Settle() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.made && len(t.used) == len(t.old) {
		t.settled = true
		t.old, t.used = nil, nil
	}
}

var errSettled = errors.New("the front matter kept was let go: it had not changed")

// tablesFormat names the layout Save writes: the count of front
// matters, then for each its FrontSum; as one string, its keys with
// their places and its table; and its direct form (the kind of struct,
// "" for none, and its fields).
const tablesFormat = "agenda front matter 3"

// Save writes the front matter this build used, for ReadTables.
func (t *Tables) Save(w io.Writer) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.settled {
		return errSettled
	}
	e := binenc.NewEncoder(w, tablesFormat)
	sums := slices.SortedFunc(maps.Keys(t.used), func(a, b [sha256.Size]byte) int { return slices.Compare(a[:], b[:]) })
	e.Uint(uint64(len(sums)))
	for _, sum := range sums {
		p := t.used[sum]
		e.String(string(sum[:]))
		e.String(p.encoded)
		if df := p.direct.Load(); df != nil {
			e.String(df.noun)
			e.String(df.data)
		} else {
			e.String("")
		}
	}
	return e.Close()
}

// partEncoders are encoders of parts, each with the buffer it writes
// to: a part encoder gathers 64 KB before it writes.
var partEncoders = sync.Pool{New: func() any {
	p := &partEncoder{}
	p.e = binenc.NewPart(&p.buf)
	return p
}}

type partEncoder struct {
	buf bytes.Buffer
	e   *binenc.Encoder
}

// encodeFront is a front matter's keys, with their places, and its
// table, as one part, the string Save writes and decoded reads.
func encodeFront(table map[string]any, keys []keyPlace) (string, error) {
	p := partEncoders.Get().(*partEncoder)
	defer partEncoders.Put(p)
	p.buf.Reset()
	pe := p.e
	pe.Uint(uint64(len(keys)))
	for _, k := range keys {
		pe.String(k.name)
		pe.Int(int64(k.line))
		pe.Int(int64(k.col))
	}
	writeValue(pe, table)
	if err := pe.Close(); err != nil {
		return "", err
	}
	return p.buf.String(), nil
}

// ReadTables reads what Save wrote; anything else, or anything damaged,
// is an error, and the caller starts with NewTables.
func ReadTables(r io.Reader) (*Tables, error) {
	d, err := binenc.NewDecoder(r, tablesFormat)
	if err != nil {
		return nil, err
	}
	t := NewTables()
	for range d.Len(sha256.Size + 2) {
		var sum [sha256.Size]byte
		d.Fixed(sum[:])
		p := &parsedFront{encoded: d.String(), fromFile: true}
		if noun := d.String(); noun != "" {
			p.direct.Store(&directForm{noun: noun, data: d.String()})
		}
		if d.Err() != nil {
			break
		}
		t.old[sum] = p
	}
	if err := d.Done(); err != nil {
		return nil, err
	}
	return t, nil
}

// The kinds of TOML values, as the parser returns them.
const (
	tagString = iota
	tagInt
	tagFloat
	tagBool
	tagTime
	tagList
	tagTables
	tagTable
)

// The places of a time, which say what kind of TOML date or time it was:
// the parser gives local dates and times places of its own, which the
// decoder tells apart (see localPlaces).
const (
	placeFixed = iota // an offset, by its name and seconds east of UTC
	placeUTC
	placeLocal
	placeLocalDatetime
	placeLocalDate
	placeLocalTime
)

// localPlaces are the parser's places of local date-times, dates and
// times, as it gives them: the parser keeps them in an internal package.
var localPlaces = sync.OnceValue(func() [3]*time.Location {
	var m map[string]any
	toml.Decode("a = 2000-01-02T03:04:05\nb = 2000-01-02\nc = 03:04:05", &m)
	var out [3]*time.Location
	for i, k := range []string{"a", "b", "c"} {
		if t, ok := m[k].(time.Time); ok {
			out[i] = t.Location()
		}
	}
	return out
})

// encodable reports whether every value in v is of a kind writeValue
// writes.
func encodable(v any) bool {
	switch x := v.(type) {
	case string, int64, float64, bool, time.Time:
		return true
	case []any:
		for _, e := range x {
			if !encodable(e) {
				return false
			}
		}
		return true
	case []map[string]any:
		for _, e := range x {
			if !encodable(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range x {
			if !encodable(e) {
				return false
			}
		}
		return true
	}
	return false
}

func writeValue(e *binenc.Encoder, v any) {
	switch x := v.(type) {
	case string:
		e.Uint(tagString)
		e.String(x)
	case int64:
		e.Uint(tagInt)
		e.Int(x)
	case float64:
		e.Uint(tagFloat)
		e.Float(x)
	case bool:
		e.Uint(tagBool)
		e.Bool(x)
	case time.Time:
		e.Uint(tagTime)
		e.Int(x.Unix())
		e.Int(int64(x.Nanosecond()))
		loc := x.Location()
		local := localPlaces()
		switch loc {
		case time.UTC:
			e.Uint(placeUTC)
		case time.Local:
			e.Uint(placeLocal)
		case local[0]:
			e.Uint(placeLocalDatetime)
		case local[1]:
			e.Uint(placeLocalDate)
		case local[2]:
			e.Uint(placeLocalTime)
		default:
			name, offset := x.Zone()
			e.Uint(placeFixed)
			e.String(name)
			e.Int(int64(offset))
		}
	case []any:
		e.Uint(tagList)
		e.Uint(uint64(len(x)))
		for _, v := range x {
			writeValue(e, v)
		}
	case []map[string]any:
		e.Uint(tagTables)
		e.Uint(uint64(len(x)))
		for _, v := range x {
			writeValue(e, v)
		}
	case map[string]any:
		e.Uint(tagTable)
		e.Uint(uint64(len(x)))
		for _, k := range slices.Sorted(maps.Keys(x)) {
			e.String(k)
			writeValue(e, x[k])
		}
	}
}

// maxNesting bounds how deep readValue goes: a damaged file could
// otherwise nest without end.
const maxNesting = 64

func readValue(d *binenc.Decoder, depth int) any {
	if depth > maxNesting {
		d.Fail()
		return nil
	}
	switch d.Uint() {
	case tagString:
		return d.String()
	case tagInt:
		return d.Int()
	case tagFloat:
		return d.Float()
	case tagBool:
		return d.Bool()
	case tagTime:
		sec, nsec := d.Int(), d.Int()
		var loc *time.Location
		local := localPlaces()
		switch d.Uint() {
		case placeUTC:
			loc = time.UTC
		case placeLocal:
			loc = time.Local
		case placeLocalDatetime:
			loc = local[0]
		case placeLocalDate:
			loc = local[1]
		case placeLocalTime:
			loc = local[2]
		case placeFixed:
			loc = time.FixedZone(d.String(), int(d.Int()))
		}
		if loc == nil {
			d.Fail()
			return nil
		}
		return time.Unix(sec, nsec).In(loc)
	case tagList:
		list := make([]any, d.Len(1))
		for i := range list {
			list[i] = readValue(d, depth+1)
		}
		return list
	case tagTables:
		list := make([]map[string]any, d.Len(1))
		for i := range list {
			m, ok := readValue(d, depth+1).(map[string]any)
			if !ok {
				d.Fail()
			}
			list[i] = m
		}
		return list
	case tagTable:
		n := d.Len(2)
		m := make(map[string]any, n)
		for range n {
			k := d.String()
			m[k] = readValue(d, depth+1)
		}
		return m
	}
	d.Fail()
	return nil
}
