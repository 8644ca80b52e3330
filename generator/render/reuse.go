package render

import (
	"crypto/sha256"
	"io/fs"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/internal/keyhash"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
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
// reads the same bodies and asks the same questions, so with the same
// Graph, Fast (made from the page's path and kind, those bodies and the
// history's answers to those questions) names the view as surely as its
// Key does, at the cost of a few hashes instead of the whole view. A
// build whose Graph and Fast for the page are the memo's puts the page
// of Key in place. The renderer holds the strategy without its bodies,
// so that nothing but body (and so reads) can show one; the history is
// asked through historyView and updatedOf alone.
//
// Most pages read a few of the strategy's thousands of entities, so they
// need not depend on all of their front matter: such a page is Scoped.
// Names lists, by URL, the objectives, organizations and partnerships
// its view read, and the groups (lists of them, see groups.go); Reads
// names them by their digests (see entityDigests), which cover their
// front matter and everything the link phase and the figures derive for
// them, with Later.Global, which names what every page may read
// (site.toml, the pages that are not entities, the route table, the day,
// the base URL). So after an edit to front matter, a scoped page whose
// Reads and Fast are the memo's is the page of Key too. The views of
// the kinds scopedKind names record what they read through saw, sawAll,
// sawItem, sawItems and sawGroup; TestScopedViewsReadOnlyWhatTheyRecord
// poisons every entity a view did not record and fails when the view
// changes, for pages of every such kind. Other pages depend on the
// whole Graph.
type Memo struct {
	Fast, Key Key
	// Graph is the Later.Graph the page was made with.
	Graph   [32]byte
	Scoped  bool
	Reads   Key
	Names   Names
	Bodies  []string
	History []HistoryRead
}

// Names are the names a scoped page read, in order. A new memo holds its
// own strings (List); a build cache keeps them as places (At) in one
// table of names that all its memos share (Table), which the collector
// need not look through and a build looks up once for every memo.
type Names struct {
	List  []string
	Table *NameTable
	At    []uint32
}

// NameTable is the table of names some memos share.
type NameTable struct{ Names []string }

// Len is how many names there are.
func (n Names) Len() int {
	if n.Table != nil {
		return len(n.At)
	}
	return len(n.List)
}

// Name is the name at i.
func (n Names) Name(i int) string {
	if n.Table != nil {
		return n.Table.Names[n.At[i]]
	}
	return n.List[i]
}

// Equal reports whether n and m hold the same names.
func (n Names) Equal(m Names) bool {
	if n.Len() != m.Len() {
		return false
	}
	for i := range n.Len() {
		if n.Name(i) != m.Name(i) {
			return false
		}
	}
	return true
}

// reads records what one page's view read while it was built.
type reads struct {
	bodies  []string
	history []HistoryRead
	// entities are the objectives, organizations and partnerships the
	// view read, recorded only when scoped is set (the page is of a
	// scopedKind).
	scoped   bool
	entities []model.Entity
	items    []model.Entity // read as an item shows them (see itemFields)
	groups   []string       // see groups.go
}

// recording is what the view being built read, when it is recorded (the
// view is of a scopedKind, with a build cache); nil otherwise.
func (r *renderer) recording() *reads {
	if r.reads != nil && r.reads.scoped {
		return r.reads
	}
	return nil
}

// saw records that the view being built read e: any of its fields, or
// anything derived for it (its links, its figures).
func (r *renderer) saw(e model.Entity) {
	if rd := r.recording(); rd != nil {
		rd.entities = append(rd.entities, e)
	}
}

// sawAll records that the view being built read each of list.
func sawAll[T model.Entity](r *renderer, list []T) {
	if rd := r.recording(); rd != nil {
		rd.entities = appendEntities(rd.entities, list)
	}
}

// sawItem records that the view being built read of e only what an item
// of its kind shows (itemFields), or all of e if its kind has no items.
func (r *renderer) sawItem(e model.Entity) {
	if rd := r.recording(); rd != nil {
		rd.items = append(rd.items, e)
	}
}

// sawItems records sawItem for each of list.
func sawItems[T model.Entity](r *renderer, list []T) {
	if rd := r.recording(); rd != nil {
		rd.items = appendEntities(rd.items, list)
	}
}

// appendEntities appends list to dst.
func appendEntities[T model.Entity](dst []model.Entity, list []T) []model.Entity {
	for _, e := range list {
		dst = append(dst, e)
	}
	return dst
}

// ScopedKinds are the kinds of pages that may be scoped (see Memo).
func ScopedKinds() []string {
	var out []string
	for _, k := range kinds {
		if scopedKind(k) {
			out = append(out, k)
		}
	}
	return out
}

// scopedKind reports whether pages of a kind may be scoped (see Memo):
// their views record what they read.
func scopedKind(kind string) bool {
	switch kind {
	case routes.KindObjective, routes.KindOrganization, routes.KindPartnership, routes.KindEmbed, routes.KindPage, routes.KindAlias,
		routes.KindListing, routes.KindHelp, routes.KindOrganizations, routes.KindPartnerships, routes.KindCell:
		return true
	}
	return false
}

// names are the URLs of the entities a view read and the names of the
// groups it read, sorted, each once; plain pages are left out, as
// Later.Global names them all.
//
// The memos of a build hold some 360,000 names, of some 20,000 kinds: each
// name is made once a plan and shared (interned), not made again for each
// page that reads it.
func (r *renderer) names(rd *reads) []string {
	out := make([]string, 0, len(rd.entities)+len(rd.items)+len(rd.groups))
	for _, e := range rd.entities {
		if !isMarkdownPage(e) {
			out = append(out, r.intern(e, false))
		}
	}
	for _, e := range rd.items {
		switch e.(type) {
		case *model.Page:
		case *model.Organization, *model.Partnership:
			out = append(out, r.intern(e, true))
		default:
			out = append(out, r.intern(e, false))
		}
	}
	for _, g := range rd.groups {
		v, _ := r.interned.LoadOrStore(g, g)
		out = append(out, v.(string))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// intern is the name of e, or of its item, made once a plan.
func (r *renderer) intern(e model.Entity, item bool) string {
	key := internKey{e, item}
	if v, ok := r.interned.Load(key); ok {
		return v.(string)
	}
	name := e.URL()
	if item {
		name = itemName(name)
	}
	v, _ := r.interned.LoadOrStore(key, name)
	return v.(string)
}

// internKey names an entity, or its item, in renderer.interned.
type internKey struct {
	e    model.Entity
	item bool
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
	w.Reset("agenda memo 5")
	w.Bytes(r.fingerprint[:])
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
		if !w.value(reflect.ValueOf(q), 0) {
			return Key{}, false
		}
		r.writeAnswer(w, q)
	}
	return Key(w.Sum()), true
}

// readsKey is the Memo.Reads of a scoped page whose view read names
// (entities by URL, and groups); false when the plan has no Global or a
// name has no digest in it.
func (r *renderer) readsKey(names Names) (Key, bool) {
	if r.global == ([32]byte{}) {
		return Key{}, false
	}
	w := keyWriters.Get().(*keyWriter)
	defer keyWriters.Put(w)
	w.Reset("agenda reads 2")
	w.Bytes(r.global[:])
	w.Uint(uint64(names.Len()))
	// Some ten thousand names are asked for hundreds of thousands of
	// times a build (13,434 pages asked for 363,000 in a strategy of
	// 10,000 files): the digests of a table's names are kept by place,
	// once a plan.
	var sums []tableSum
	if names.Table != nil {
		v, _ := r.tables.LoadOrStore(names.Table, &tableSums{})
		t := v.(*tableSums)
		t.once.Do(func() { t.sums = make([]tableSum, len(names.Table.Names)) })
		sums = t.sums
	}
	for i := range names.Len() {
		u := names.Name(i)
		var d [32]byte
		var ok bool
		if sums != nil {
			d, ok = sums[names.At[i]].get(r, u)
		} else {
			d, ok = r.lookUp(u)
		}
		if !ok {
			return Key{}, false
		}
		// The names are the memo's own, the same in the build that
		// makes Reads and in the one that checks it: their digests
		// alone tell whether what they name changed.
		w.Sum32(d)
	}
	return Key(w.Sum()), true
}

// tableSums are the digests of the names of one NameTable, by place.
type tableSums struct {
	once sync.Once
	sums []tableSum
}

// tableSum is the digest of one name of a table, looked up once.
type tableSum struct {
	once sync.Once
	sum  [32]byte
	ok   bool
}

func (t *tableSum) get(r *renderer, u string) ([32]byte, bool) {
	t.once.Do(func() { t.sum, t.ok = r.lookUp(u) })
	return t.sum, t.ok
}

// lookUp is the digest of an entity (by URL) or a group read by a
// scoped page; false when this plan has none.
func (r *renderer) lookUp(u string) ([32]byte, bool) {
	if strings.HasPrefix(u, "@") || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "~@") {
		return r.groupDigest(u)
	}
	d, ok := r.digests().byURL[u]
	return d, ok
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
	return writeValue(w.Hash, v, depth, nil)
}

// writeValue writes v into h, as keyWriter.value says. special, when
// set, is asked first about each struct and each pointer that is not nil
// (after the mark of a pointer that is there): it may write the value
// its own way and say whether it could name it (handled), or leave it to
// the walk. The digests of entities name dates, documents and other
// entities so (digest.go).
func writeValue(h *keyhash.Hash, v reflect.Value, depth int, special func(h *keyhash.Hash, v reflect.Value) (handled, ok bool)) bool {
	if depth > maxDepth {
		return false
	}
	switch v.Kind() {
	case reflect.Invalid:
		h.Uint(0)
	case reflect.Bool:
		h.Bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.Uint(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.Uint(v.Uint())
	case reflect.Float32, reflect.Float64:
		h.Uint(math.Float64bits(v.Float()))
	case reflect.String:
		h.String(v.String())
	case reflect.Slice:
		if v.IsNil() {
			h.Uint(0)
			return true
		}
		h.Uint(uint64(v.Len()) + 1)
		if v.Type().Elem().Kind() == reflect.String {
			for i := range v.Len() {
				h.String(v.Index(i).String())
			}
			return true
		}
		for i := range v.Len() {
			if !writeValue(h, v.Index(i), depth+1, special) {
				return false
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			if !writeValue(h, v.Index(i), depth+1, special) {
				return false
			}
		}
	case reflect.Struct:
		if special != nil {
			if handled, ok := special(h, v); handled {
				return ok
			}
		}
		for i := range v.NumField() {
			if !writeValue(h, v.Field(i), depth+1, special) {
				return false
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			h.Uint(0)
			return true
		}
		h.Uint(1)
		if special != nil {
			if handled, ok := special(h, v); handled {
				return ok
			}
		}
		return writeValue(h, v.Elem(), depth+1, special)
	case reflect.Interface:
		if v.IsNil() {
			h.Uint(0)
			return true
		}
		h.String(v.Elem().Type().String())
		return writeValue(h, v.Elem(), depth+1, special)
	default: // functions, channels, maps, unsafe pointers
		return false
	}
	return true
}

// ViewKey builds the view of the page at urlPath as a build does and
// returns its Key, the URLs of the entities it read and whether it may be
// scoped (see Memo); ok is false when the plan has no page there or its
// view cannot be named. Tests use it to check that a scoped view reads
// nothing it did not record.
func (p *Plan) ViewKey(urlPath string) (key Key, entities []string, scoped, ok bool) {
	rt := p.r.routes.Lookup(urlPath)
	if rt == nil {
		return Key{}, nil, false, false
	}
	pg, ok := p.r.pageOf(rt)
	if !ok {
		return Key{}, nil, false, false
	}
	rd := reads{scoped: scopedKind(pg.kind)}
	r := *p.r
	r.reads, r.diags = &rd, &diag.List{}
	key, ok = r.pageKey(pg, pg.build(&r))
	return key, r.names(&rd), rd.scoped, ok
}

// Digest is what a scoped page's memo names an entity (by its URL) or a
// group (see groups.go) by in this plan; false when it has none.
func (p *Plan) Digest(name string) ([32]byte, bool) {
	return p.r.lookUp(name)
}

// Group returns the URLs of the entities of the group name in this plan.
func (p *Plan) Group(name string) ([]string, bool) {
	list, ok := p.r.groupList(name)
	urls := make([]string, len(list))
	for i, e := range list {
		urls[i] = e.URL()
	}
	return urls, ok
}

// ItemFields names the fields of e that an item of its kind shows (see
// itemFields), nil for a kind without items: tests poison the others.
func ItemFields(e model.Entity) []string { return itemFields[reflect.TypeOf(e)] }
