package buildcache

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/commonagenda/agenda/generator/internal/binenc"
	"github.com/commonagenda/agenda/generator/internal/keyhash"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/render"
)

// The memos (render.Memo) of a content folder are kept in MemoShards
// files, each holding those of the pages whose file falls in it
// (memoShard), and one table of the strings they name (URLs, files,
// ids), which every shard refers to by place: most pages name the same
// few thousand. A build writes again the shards where a memo changed,
// and the table when it grew. The table only grows, so that a shard
// written against a shorter one still reads; when it holds more than
// twice the strings in use, it is made anew, with a new generation, and
// every shard with it. A shard names the generation it was written
// against, and one of another is not read.
//
//	memos-names-<folder>.bin   the table (memoNamesFormat)
//	memosNN-<folder>.bin       shard NN (memoFormat)

// MemoShards is the number of files the memos are kept in.
const MemoShards = 16

// memoShard is the shard a page's memo is kept in.
func memoShard(file string) int { return keyhash.Shard(file, MemoShards) }

// memoFile is where shard k of the memos of the content folder shown as
// display is kept.
func (c *Cache) memoFile(k int, display string) string {
	return c.folderFile(fmt.Sprintf("memos%02d", k), display)
}

// memoNamesFile is where the memos' table of strings is kept.
func (c *Cache) memoNamesFile(display string) string {
	return c.folderFile("memos-names", display)
}

// memoNames is the table of strings the memos' shards refer to.
type memoNames struct {
	gen   [8]byte // made anew with the table
	live  int     // the strings in use when it was made
	table *render.NameTable
}

// keptMemos are the memos a build may recall: by page file, and whether
// each shard is on disk as it is in memos (read whole, or written by
// the last Commit), which Commit need not write again when no memo in
// it changed, and the table of strings the shards on disk refer to.
type keptMemos struct {
	memos  map[string]render.Memo
	stored [MemoShards]bool
	names  memoNames
}

// ReadMemos starts reading, in the background, what the last build of
// the content folder shown as display remembered of its pages.
func (c *Cache) ReadMemos(display string) {
	done := make(chan keptMemos, 1)
	go func() {
		done <- readMemoFiles(c.memoNamesFile(display), func(k int) string { return c.memoFile(k, display) })
	}()
	c.mu.Lock()
	c.memos, c.memosOf = sync.OnceValue(func() keptMemos { return <-done }), display
	c.mu.Unlock()
}

// readMemoFiles reads the table of strings at names and the shards at
// the files shard gives. A shard missing, damaged or of another table
// is left out: its pages are made again.
func readMemoFiles(names string, shard func(k int) string) keptMemos {
	var out keptMemos
	tbl, ok := readFile(names, readMemoNames)
	if !ok {
		return out
	}
	out.names = tbl
	var shards [MemoShards]map[string]render.Memo
	var wg sync.WaitGroup
	for k := range MemoShards {
		wg.Go(func() {
			m, ok := readFile(shard(k), func(r io.Reader) (map[string]render.Memo, error) { return readMemos(r, tbl) })
			if !ok {
				return
			}
			for f := range m {
				if memoShard(f) != k {
					return // not this shard's: not trusted
				}
			}
			shards[k] = m
		})
	}
	wg.Wait()
	n := 0
	for _, m := range shards {
		n += len(m)
	}
	out.memos = make(map[string]render.Memo, n)
	for k, m := range shards {
		if m != nil {
			maps.Copy(out.memos, m)
			out.stored[k] = true
		}
	}
	return out
}

// Recall returns what the last build remembered of the page at file.
func (c *Cache) Recall(file string) (render.Memo, bool) {
	c.mu.Lock()
	memos := c.memos
	c.mu.Unlock()
	m, ok := memos().memos[file]
	return m, ok
}

// Remember keeps m, what this build made the page at file from, for the
// next build (when Commit is given the same display). The shards whose
// memos changed are found here, on the build's goroutines, rather than
// by Commit, which the build waits for.
func (c *Cache) Remember(file string, m render.Memo) {
	c.mu.Lock()
	memos := c.memos
	c.mu.Unlock()
	old, known := memos().memos[file]
	same := known && sameMemo(old, m)
	k := memoShard(file)
	c.mu.Lock()
	if _, again := c.remembered[file]; again {
		c.memoNews[k] = true
	} else {
		if known {
			c.memosKnown++
		}
		if !same {
			c.memoNews[k] = true
		}
	}
	c.remembered[file] = m
	c.mu.Unlock()
}

// changedMemoShards says which shards of remembered differ from those
// of the memos kept, last: news says those with a memo added or other
// (see Remember), known how many of remembered's files last has. Those
// with a memo dropped, and those not stored as they are, are added.
func changedMemoShards(last keptMemos, remembered map[string]render.Memo, news [MemoShards]bool, known int) [MemoShards]bool {
	changed := news
	for k, ok := range last.stored {
		changed[k] = changed[k] || !ok
	}
	if known != len(last.memos) {
		for f := range last.memos {
			if _, ok := remembered[f]; !ok {
				changed[memoShard(f)] = true
			}
		}
	}
	return changed
}

// sameMemo reports whether a and b remember the same.
func sameMemo(a, b render.Memo) bool {
	sameNames := a.Names.Table != nil && a.Names.Table == b.Names.Table && slices.Equal(a.Names.At, b.Names.At) ||
		a.Names.Equal(b.Names)
	return a.Fast == b.Fast && a.Key == b.Key && a.Graph == b.Graph && a.Scoped == b.Scoped &&
		a.Reads == b.Reads && sameNames && slices.Equal(a.Bodies, b.Bodies) &&
		slices.EqualFunc(a.History, b.History, func(x, y render.HistoryRead) bool {
			return x.Rel == y.Rel && x.ID == y.ID && x.View == y.View && x.Updated.Equal(y.Updated.Time)
		})
}

// saveMemos writes the shards of remembered that changed since last
// (see changedMemoShards), and the table of strings when it grew, and
// returns the memos as they now are on disk.
func (c *Cache) saveMemos(display string, last keptMemos, remembered map[string]render.Memo, news [MemoShards]bool, known int) (keptMemos, error) {
	changed := changedMemoShards(last, remembered, news, known)
	now := keptMemos{memos: remembered, names: last.names}
	if changed == ([MemoShards]bool{}) {
		now.stored = last.stored
		return now, nil
	}
	// The table: the last one, grown by the strings it lacks; or, when
	// it has no generation or holds too many strings no longer used, a
	// new one, and every shard written again.
	tbl := newNameTable(last.names)
	if last.names.table == nil || len(last.names.table.Names) > 2*last.names.live+1024 {
		tbl = newNameTable(memoNames{})
		for k := range changed {
			changed[k] = true
		}
	}
	var shards [MemoShards][]string
	for f := range remembered {
		if k := memoShard(f); changed[k] {
			shards[k] = append(shards[k], f)
		}
	}
	var encoded [MemoShards][]byte
	for k := range MemoShards {
		if changed[k] && len(shards[k]) > 0 {
			slices.Sort(shards[k])
			encoded[k] = encodeMemos(shards[k], remembered, tbl)
		}
	}
	if tbl.grown() {
		if err := writeAtomic(c.memoNamesFile(display), tbl.write); err != nil {
			// The shards refer to a table that is not on disk.
			return keptMemos{memos: remembered}, err
		}
		now.names = tbl.names()
	}
	var errsMu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for k := range MemoShards {
		if !changed[k] {
			now.stored[k] = last.stored[k]
			continue
		}
		wg.Go(func() {
			name := c.memoFile(k, display)
			var err error
			if encoded[k] == nil {
				if err = os.Remove(name); errors.Is(err, fs.ErrNotExist) {
					err = nil
				}
			} else {
				err = writeAtomic(name, func(w io.Writer) error { _, err := w.Write(encoded[k]); return err })
			}
			errsMu.Lock()
			defer errsMu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			now.stored[k] = true
		})
	}
	wg.Wait()
	return now, errors.Join(errs...)
}

// nameTable is a table of strings being grown (or made) for the memos'
// shards.
type nameTable struct {
	from   memoNames
	list   []string // the strings, from's first
	byName map[string]uint32
	// moved maps a place in a table some memos' names refer to (their
	// Names.Table) to its place in this one, plus one (0: not yet).
	moved map[*render.NameTable][]uint32
}

func newNameTable(from memoNames) *nameTable {
	t := &nameTable{from: from, moved: map[*render.NameTable][]uint32{}}
	if from.table != nil {
		t.list = from.table.Names[:len(from.table.Names):len(from.table.Names)]
	} else {
		rand.Read(t.from.gen[:])
	}
	return t
}

// place is the place of s in the table, added when missing.
func (t *nameTable) place(s string) uint32 {
	if t.byName == nil {
		t.byName = make(map[string]uint32, len(t.list))
		for i, u := range t.list {
			if _, ok := t.byName[u]; !ok {
				t.byName[u] = uint32(i)
			}
		}
	}
	i, ok := t.byName[s]
	if !ok {
		i = uint32(len(t.list))
		t.list = append(t.list, s)
		t.byName[s] = i
	}
	return i
}

// placeIn is the place in the table of the string at place at of
// table tbl.
func (t *nameTable) placeIn(tbl *render.NameTable, at uint32) uint32 {
	if t.from.table != nil && tbl == t.from.table {
		return at // the table grown: its places stay
	}
	to := t.moved[tbl]
	if to == nil {
		to = make([]uint32, len(tbl.Names))
		t.moved[tbl] = to
	}
	if to[at] == 0 {
		to[at] = t.place(tbl.Names[at]) + 1
	}
	return to[at] - 1
}

// grown reports whether the table holds more than it was made from
// (or is new).
func (t *nameTable) grown() bool {
	return t.from.table == nil || len(t.list) > len(t.from.table.Names)
}

// names is the table as the shards written against it read it.
func (t *nameTable) names() memoNames {
	live := t.from.live
	if t.from.table == nil {
		live = len(t.list)
	}
	return memoNames{gen: t.from.gen, live: live, table: &render.NameTable{Names: t.list}}
}

// memoNamesFormat names the layout of the table of strings: its
// generation, the strings in use when it was made, and the strings.
const memoNamesFormat = "agenda page memo names 1"

func (t *nameTable) write(w io.Writer) error {
	n := t.names()
	e := binenc.NewEncoder(w, memoNamesFormat)
	e.Bytes(n.gen[:])
	e.Uint(uint64(n.live))
	e.Uint(uint64(len(t.list)))
	for _, s := range t.list {
		e.String(s)
	}
	return e.Close()
}

func readMemoNames(r io.Reader) (memoNames, error) {
	d, err := binenc.NewDecoder(r, memoNamesFormat)
	if err != nil {
		return memoNames{}, err
	}
	var n memoNames
	d.Fixed(n.gen[:])
	n.live = int(d.Uint())
	n.table = &render.NameTable{Names: make([]string, d.Len(1))}
	for i := range n.table.Names {
		n.table.Names[i] = d.String()
	}
	if err := d.Done(); err != nil {
		return memoNames{}, err
	}
	return n, nil
}

// memoFormat names the layout of a shard of the memos: the generation
// of the table of strings it refers to, the count of memos, then for
// each the file, Fast, Key, Graph, whether it is scoped, Reads, the
// names it read, the bodies and the questions to the history, every
// string as its place in the table.
const memoFormat = "agenda page memos 5"

// encodeMemos encodes the memos of files, a shard's, against t.
func encodeMemos(files []string, memos map[string]render.Memo, t *nameTable) []byte {
	var buf bytes.Buffer
	e := binenc.NewEncoder(&buf, memoFormat)
	e.Bytes(t.from.gen[:])
	e.Uint(uint64(len(files)))
	for _, f := range files {
		m := memos[f]
		e.Uint(uint64(t.place(f)))
		e.Bytes(m.Fast[:])
		e.Bytes(m.Key[:])
		e.Bytes(m.Graph[:])
		e.Bool(m.Scoped)
		e.Bytes(m.Reads[:])
		n := m.Names
		e.Uint(uint64(n.Len()))
		if n.Table != nil {
			for _, at := range n.At {
				e.Uint(uint64(t.placeIn(n.Table, at)))
			}
		} else {
			for _, u := range n.List {
				e.Uint(uint64(t.place(u)))
			}
		}
		e.Uint(uint64(len(m.Bodies)))
		for _, b := range m.Bodies {
			e.Uint(uint64(t.place(b)))
		}
		e.Uint(uint64(len(m.History)))
		for _, q := range m.History {
			e.Uint(uint64(t.place(q.Rel)))
			e.Uint(uint64(t.place(q.ID)))
			e.Bool(q.View)
			e.Bool(!q.Updated.IsZero())
			if !q.Updated.IsZero() {
				e.Int(q.Updated.Unix())
			}
		}
	}
	e.Close() // a bytes.Buffer does not fail
	return buf.Bytes()
}

// readMemos reads a shard written against the table n.
func readMemos(r io.Reader, n memoNames) (map[string]render.Memo, error) {
	d, err := binenc.NewDecoder(r, memoFormat)
	if err != nil {
		return nil, err
	}
	var gen [8]byte
	d.Fixed(gen[:])
	if gen != n.gen {
		return nil, binenc.ErrDamaged // written against another table
	}
	table := n.table
	str := func() string {
		k := d.Uint()
		if k >= uint64(len(table.Names)) {
			d.Fail()
			return ""
		}
		return table.Names[k]
	}
	// Every memo's places are a part of one slice, which holds no
	// pointers for the collector to follow.
	var places []uint32
	count := d.Len(3 * (1 + len(render.Key{})))
	memos := make(map[string]render.Memo, count)
	for range count {
		f := str()
		var m render.Memo
		d.Fixed(m.Fast[:])
		d.Fixed(m.Key[:])
		d.Fixed(m.Graph[:])
		m.Scoped = d.Bool()
		d.Fixed(m.Reads[:])
		if k := d.Len(1); k > 0 {
			if cap(places)-len(places) < k {
				places = make([]uint32, 0, max(k, 1<<16))
			}
			start := len(places)
			for range k {
				at := d.Uint()
				if at >= uint64(len(table.Names)) {
					return nil, fmt.Errorf("memo of %s: name %d of %d", f, at, len(table.Names))
				}
				places = append(places, uint32(at))
			}
			m.Names = render.Names{Table: table, At: places[start:len(places):len(places)]}
		}
		if k := d.Len(1); k > 0 {
			m.Bodies = make([]string, k)
			for i := range m.Bodies {
				m.Bodies[i] = str()
			}
		}
		if k := d.Len(4); k > 0 {
			m.History = make([]render.HistoryRead, k)
			for i := range m.History {
				q := &m.History[i]
				q.Rel, q.ID, q.View = str(), str(), d.Bool()
				if d.Bool() {
					q.Updated = model.Date{Time: time.Unix(d.Int(), 0).UTC()}
				}
			}
		}
		if d.Err() != nil {
			break
		}
		memos[f] = m
	}
	if err := d.Done(); err != nil {
		return nil, err
	}
	return memos, nil
}
