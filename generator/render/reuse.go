package render

import (
	"crypto/sha256"
	"io/fs"
	"math"
	"reflect"
	"slices"
	"sync"

	"github.com/commonagenda/agenda/generator/internal/keyhash"
)

// A page's bytes depend on nothing but its template and its view: views
// are plain values (no pointers into the strategy, no functions), and the
// template functions depend only on the renderer's settings. So a page is
// named by a Key made from the renderer's fingerprint (the theme's files
// and the settings), the page's path and kind and every value in its
// view; a build cache (package buildcache) keeps pages by Key, and a
// build reuses a page whose Key it has seen instead of executing its
// template. Two renderings that differ always differ in their Key.

// Key names the bytes of one page.
type Key [sha256.Size]byte

// Reuse is what a build cache offers a rendering.
type Reuse interface {
	// Reuse puts the page with key at file in the output, as an earlier
	// build made it, and reports whether it could.
	Reuse(file string, key Key) bool
	// Made tells the cache that the page at file, with key, was just
	// rendered as data and handed to the build's emit. data is only
	// valid during the call.
	Made(file string, key Key, data []byte)
	// Recall returns what the cache remembers of the page at file from
	// the last build, and Remember what to remember of it from this one.
	Recall(file string) (Memo, bool)
	Remember(file string, m Memo)
}

// A Memo lets a build reuse a page without building its view. A view is
// made from what Later.Graph names (every file's front matter, the route
// table, the day, the base URL), the bodies it shows and what it asks
// of the history; the theme and settings are the renderer's fingerprint.
// Bodies lists the files whose bodies the view read and History what it
// asked the history, in order: the same front matter makes a view that
// reads the same bodies and asks the same questions, so Fast, made from
// the Graph, those bodies and the history's answers to those questions,
// names the view as surely as its Key does, at the cost of a few hashes
// instead of the whole view. A build whose Fast for the page is the
// memo's puts the page of Key in place. The renderer holds the strategy
// without its bodies, so that nothing but body (and so reads) can show
// one; the history is asked through historyView and updatedOf alone.
type Memo struct {
	Fast, Key Key
	// Graph is the Later.Graph the page was made with: a build with
	// another need not make Fast to know it differs.
	Graph   [32]byte
	Bodies  []string
	History []HistoryRead
}

// reads records what one page's view read while it was built.
type reads struct {
	bodies  []string
	history []HistoryRead
}

// fastKey is the Memo.Fast of page p whose view reads bodies and asks
// the history what history holds; false when the plan has no Graph or
// an answer cannot be named.
func (r *renderer) fastKey(p page, bodies []string, history []HistoryRead) (Key, bool) {
	if r.graph == ([32]byte{}) {
		return Key{}, false
	}
	w := keyWriters.Get().(*keyWriter)
	defer keyWriters.Put(w)
	w.Reset("agenda memo 3")
	w.Bytes(r.fingerprint[:])
	w.Bytes(r.graph[:])
	w.String(p.path)
	w.String(p.kind)
	w.Uint(uint64(len(bodies)))
	for _, rel := range bodies {
		w.String(rel)
		b, ok := r.bodies[rel]
		w.Bool(ok)
		digest := b.Digest()
		w.Bytes(digest[:])
	}
	w.Uint(uint64(len(history)))
	for _, q := range history {
		if !w.value(reflect.ValueOf(q), 0) || !w.value(reflect.ValueOf(r.answer(q)), 0) {
			return Key{}, false
		}
	}
	return Key(w.Sum()), true
}

// themeFingerprint identifies everything but the view that a page's bytes
// depend on: the theme's files and the renderer's settings.
func themeFingerprint(theme fs.FS, r *renderer) [sha256.Size]byte {
	w := &keyWriter{keyhash.New("agenda render v1")}
	w.String(r.base)
	w.String(r.prefix)
	w.String(r.currency)
	w.Uint(uint64(r.pageSize))
	w.String(r.opts.ContentDir)
	w.String(r.opts.ThemeDir)
	w.Bool(r.opts.Dev)
	var names []string
	fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	slices.Sort(names)
	for _, name := range names {
		data, _ := fs.ReadFile(theme, name)
		w.String(name)
		w.Bytes(data)
	}
	return w.Sum()
}

// pageKey is the Key of a page with this view, or false when the view
// holds something that cannot be named this way (then the page is always
// rendered).
func (r *renderer) pageKey(p page, view any) (Key, bool) {
	w := keyWriters.Get().(*keyWriter)
	defer keyWriters.Put(w)
	w.Reset("agenda page 1")
	w.Bytes(r.fingerprint[:])
	w.String(p.path)
	w.String(p.kind)
	// The compiled code of the kind names the view without reflect.
	if b := r.compiled[p.kind]; b != nil && b.key != nil {
		if !b.key(w, view) {
			return Key{}, false
		}
	} else if !w.value(reflect.ValueOf(view), 0) {
		return Key{}, false
	}
	return Key(w.Sum()), true
}

// keyWriter makes a key of values, a view walked with value included.
type keyWriter struct{ *keyhash.Hash }

var keyWriters = sync.Pool{New: func() any { return &keyWriter{keyhash.New("")} }}

// maxDepth bounds the walk of a view: views are shallow trees, and a
// deeper one is not named (and so always rendered).
const maxDepth = 32

// value writes v, reporting false for what cannot be named: functions,
// channels, maps and anything deeper than maxDepth.
func (w *keyWriter) value(v reflect.Value, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch v.Kind() {
	case reflect.Invalid:
		w.Uint(0)
	case reflect.Bool:
		w.Bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.Uint(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.Uint(v.Uint())
	case reflect.Float32, reflect.Float64:
		w.Uint(math.Float64bits(v.Float()))
	case reflect.String:
		w.String(v.String())
	case reflect.Slice:
		if v.IsNil() {
			w.Uint(0)
			return true
		}
		w.Uint(uint64(v.Len()) + 1)
		if v.Type().Elem().Kind() == reflect.String {
			for i := range v.Len() {
				w.String(v.Index(i).String())
			}
			return true
		}
		for i := range v.Len() {
			if !w.value(v.Index(i), depth+1) {
				return false
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			if !w.value(v.Index(i), depth+1) {
				return false
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if !w.value(v.Field(i), depth+1) {
				return false
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			w.Uint(0)
			return true
		}
		w.Uint(1)
		return w.value(v.Elem(), depth+1)
	case reflect.Interface:
		if v.IsNil() {
			w.Uint(0)
			return true
		}
		w.String(v.Elem().Type().String())
		return w.value(v.Elem(), depth+1)
	default: // functions, channels, maps, unsafe pointers
		return false
	}
	return true
}
