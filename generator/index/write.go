package index

import (
	"bytes"
	"cmp"
	"math"
	"slices"
	"strconv"
)

// Chunk bounds. A chunk of a kind ends before a key once it holds at
// least lo bytes, if the key is a cut (its hash is a multiple of cut:
// see chunker), or once it holds hi. Ending chunks where the keys say,
// rather than at a fixed size, keeps them where they were when the keys
// before them change size, which lets a build after an edit keep the
// chunks the edit did not touch (see state). The cuts are spaced so that
// a chunk is about its target size: a words chunk is some 200 words, a
// terms chunk a few stems.
var chunkBounds = [3]struct{ lo, hi, cut int }{
	wordsChunk: {wordsTarget - 512, 2 * wordsTarget, 16},
	termsChunk: {chunkTarget * 3 / 4, 2 * chunkTarget, 2},
	pairsChunk: {chunkTarget - 1024, 2 * chunkTarget, 32},
}

// chunker splits the keys of one kind into chunks and writes each, or
// the earlier build's file of it when the chunk is the same: no key in it
// changed, and it has the same first and last keys and as many keys.
//
// After an edit, most chunks are as they were, and the chunker passes
// over them without looking at their keys one by one: an earlier chunk
// begins where a chunk must begin, none of its keys changed (changes
// says which did), and the key after it would still end it (its size,
// kept in chunkRef, says whether the bounds allow). Then it is the chunk
// the keys would make, key by key.
type chunker struct {
	kind int
	n    int                // keys
	key  func(i int) string // the key, for the list of chunks
	cut  func(i int) uint64 // the key's hash
	size func(i int) int    // the key's share of the chunk
	// changes lists, in order, the keys to be written again; nil says
	// all of them (a build from scratch), and no chunk is passed over.
	// next is the first of them not before the key the chunker is at.
	changes []int
	next    int
	encode  func(from, to int) []byte
	done    func()              // after each chunk (encode's scratch can go)
	earlier map[string]chunkRef // by first key
	reuse   func(name string) bool
	emit    func(name string, data []byte) error
	list    []chunkRef
	err     error
}

func (c *chunker) run() ([]chunkRef, error) {
	b := chunkBounds[c.kind]
	ends := func(at, acc int) bool { return acc >= b.lo && (acc >= b.hi || (c.cut(at)>>32)%uint64(b.cut) == 0) }
	start, acc, changed := 0, 0, false
	for i := 0; i < c.n; {
		if i > start && ends(i, acc) {
			c.close(start, i, acc, changed)
			start, acc, changed = i, 0, false
		}
		if i == start && c.changes != nil {
			if end, ok := c.unchanged(start, ends); ok {
				start, i = end, end
				continue
			}
		}
		acc += c.size(i)
		changed = changed || c.changes == nil || c.firstChange(i) == i
		i++
	}
	if start < c.n || len(c.list) == 0 {
		c.close(start, c.n, acc, changed) // an empty list still has its chunk
	}
	return c.list, c.err
}

// unchanged keeps the earlier chunk that begins at key start, and returns
// where the next begins, when it is the chunk the keys make now, and its
// file could be kept.
func (c *chunker) unchanged(start int, ends func(at, acc int) bool) (int, bool) {
	first := ""
	if start > 0 {
		first = c.key(start)
	}
	e, ok := c.earlier[first]
	end := start + int(e.keys)
	if !ok || e.keys <= 0 || e.size <= 0 || end > c.n || c.key(end-1) != e.last {
		return 0, false
	}
	if c.firstChange(start) < end {
		return 0, false
	}
	if end < c.n && !ends(end, int(e.size)) || c.err != nil || !c.reuse(chunkName(c.kind, e.hash)) {
		return 0, false
	}
	if c.done != nil {
		c.done()
	}
	c.list = append(c.list, e)
	return end, true
}

// firstChange is the first key to be written again at or after key i,
// or n; i never goes back.
func (c *chunker) firstChange(i int) int {
	for c.next < len(c.changes) && c.changes[c.next] < i {
		c.next++
	}
	if c.next < len(c.changes) {
		return c.changes[c.next]
	}
	return c.n
}

func (c *chunker) close(from, to, size int, changed bool) {
	if c.err != nil {
		return
	}
	ref := chunkRef{keys: int32(to - from), size: int32(min(size, math.MaxInt32))}
	if from > 0 {
		ref.first = c.key(from) // the first chunk's first key is "": every key has a chunk
	}
	if to > from {
		ref.last = c.key(to - 1)
	}
	if e, ok := c.earlier[ref.first]; ok && !changed && e.last == ref.last && e.keys == ref.keys && c.reuse(chunkName(c.kind, e.hash)) {
		ref.hash = e.hash
	} else {
		data := c.encode(from, to)
		ref.hash = hashName(data)
		c.err = c.emit(chunkName(c.kind, ref.hash), data)
	}
	if c.done != nil {
		c.done()
	}
	c.list = append(c.list, ref)
}

func chunkName(kind int, hash string) string {
	return ChunkDir + chunkKinds[kind] + "-" + hash + ".json"
}

// refList is a chunk list as the manifest gives it: first keys and
// hashes.
func refList(refs []chunkRef) [][2]string {
	out := make([][2]string, len(refs))
	for i, r := range refs {
		out[i] = [2]string{r.first, r.hash}
	}
	return out
}

// writer writes the index files of a state. ch says what changed since
// the state the earlier files were written from (all, for a build from
// scratch); reuse puts an earlier file in place by name.
type writer struct {
	st      *state
	ch      *change
	reuse   func(name string) bool
	emit    func(name string, data []byte) error
	earlier [3]map[string]chunkRef
}

func newWriter(st *state, ch *change, reuse func(string) bool, emit func(string, []byte) error) *writer {
	w := &writer{st: st, ch: ch, reuse: reuse, emit: emit}
	if reuse == nil {
		w.reuse = func(string) bool { return false }
	}
	for k := range w.earlier {
		w.earlier[k] = map[string]chunkRef{}
		if !ch.all {
			for _, r := range st.made[k] {
				w.earlier[k][r.first] = r
			}
		}
	}
	return w
}

// put emits the file name, named by the hash of data, unless the
// earlier one of that name can be put in place: it is the same.
func (w *writer) put(name string, data []byte) error {
	if w.reuse(name) {
		return nil
	}
	return w.emit(name, data)
}

// changes lists, in order, the keys of n that changed says changed
// (nil when everything changed: see chunker).
func (w *writer) changes(n int, changed func(i int) bool) []int {
	if w.ch.all {
		return nil
	}
	list := []int{}
	for i := range n {
		if changed(i) {
			list = append(list, i)
		}
	}
	return list
}

// words writes the words chunks: each word (but stop words), its stem
// ("" when the word is its own stem) and how many postings its stem has:
// a prefix typed so far ("pr") stands for the most common of the words
// it begins, chosen without their postings.
func (w *writer) words() ([]chunkRef, error) {
	st := w.st
	var keys []int32 // the words that are keys
	for i, e := range st.words {
		if e.stem >= 0 {
			keys = append(keys, int32(i))
		}
	}
	stemOf := func(e wordEntry) string {
		if s := st.stems[e.stem]; s != e.text {
			return s
		}
		return ""
	}
	var ws, ns []byte
	c := &chunker{kind: wordsChunk, n: len(keys), earlier: w.earlier[wordsChunk], reuse: w.reuse, emit: w.emit,
		key: func(i int) string { return st.words[keys[i]].text },
		cut: func(i int) uint64 { return hashWord([]byte(st.words[keys[i]].text)) },
		size: func(i int) int {
			e := st.words[keys[i]]
			return 2*len(e.text) + len(stemOf(e)) + 16
		},
		changes: w.changes(len(keys), func(i int) bool { return w.ch.words[keys[i]] }),
		encode: func(from, to int) []byte {
			ws, ns = ws[:0], ns[:0]
			for _, k := range keys[from:to] {
				e := st.words[k]
				ws = appendMember(ws, e.text, stemOf(e))
				ns = appendDigitsMember(ns, e.text, strconv.AppendInt(nil, int64(len(st.post[e.stem])), 10))
			}
			return chunkJSON(ws, ns, nil)
		},
	}
	return c.run()
}

// terms writes the terms chunks: each stem's postings.
func (w *writer) terms() ([]chunkRef, error) {
	st := w.st
	// The postings of the changed stems are written to find their size,
	// and kept until their chunk is written.
	var scratch []byte
	at := map[int][2]int{}
	var p []byte
	c := &chunker{kind: termsChunk, n: len(st.stems), earlier: w.earlier[termsChunk], reuse: w.reuse, emit: w.emit,
		key:     func(i int) string { return st.stems[i] },
		cut:     func(i int) uint64 { return hashWord([]byte(st.stems[i])) },
		changes: w.changes(len(st.stems), func(i int) bool { return w.ch.mean || w.ch.stems[i] }),
		size: func(i int) int {
			if w.ch.all || w.ch.mean || w.ch.stems[i] {
				from := len(scratch)
				scratch = st.appendPostings(scratch, i)
				at[i] = [2]int{from, len(scratch)}
				st.stemSize[i] = int32(len(scratch) - from)
			}
			return len(st.stems[i]) + int(st.stemSize[i]) + 6
		},
		encode: func(from, to int) []byte {
			p = p[:0]
			var buf []byte
			for i := from; i < to; i++ {
				if r, ok := at[i]; ok {
					p = appendDigitsMember(p, st.stems[i], scratch[r[0]:r[1]])
				} else {
					buf = st.appendPostings(buf[:0], i)
					p = appendDigitsMember(p, st.stems[i], buf)
				}
			}
			return chunkJSON(nil, nil, p)
		},
		done: func() {
			scratch = scratch[:0]
			clear(at)
		},
	}
	return c.run()
}

// pairs writes the pairs chunks: for each two stems found side by side,
// the documents where they are.
func (w *writer) pairs() ([]chunkRef, error) {
	st := w.st
	// Each pair is a run of its first stem's list, st.pairs[a][from:to].
	type pair struct{ a, from, to int32 }
	groups := 0
	for _, g := range st.pairs {
		for i, e := range g {
			if i == 0 || e>>32 != g[i-1]>>32 {
				groups++
			}
		}
	}
	list := make([]pair, 0, groups)
	for a, g := range st.pairs {
		for i := 0; i < len(g); {
			j := i + 1
			for j < len(g) && g[j]>>32 == g[i]>>32 {
				j++
			}
			list = append(list, pair{int32(a), int32(i), int32(j)})
			i = j
		}
	}
	run := func(p pair) []uint64 { return st.pairs[p.a][p.from:p.to] }
	// The changed pairs are found in the list (in order of their stems'
	// numbers), not the list searched for them.
	var changes []int
	if !w.ch.all {
		changes = make([]int, 0, len(w.ch.pairs))
		type stems struct {
			a int32
			b uint64
		}
		for ab := range w.ch.pairs {
			if i, ok := slices.BinarySearchFunc(list, stems{int32(ab >> 32), ab & 0xffffffff}, func(p pair, t stems) int {
				return cmp.Or(cmp.Compare(p.a, t.a), cmp.Compare(run(p)[0]>>32, t.b))
			}); ok {
				changes = append(changes, i)
			}
		}
		slices.Sort(changes)
	}
	var key, docs, p []byte
	keyOf := func(i int) []byte {
		pr := list[i]
		key = append(append(append(key[:0], st.stems[pr.a]...), ' '), st.stems[run(pr)[0]>>32]...)
		return key
	}
	docsOf := func(i int) []byte {
		docs = docs[:0]
		prev := 0
		for k, e := range run(list[i]) {
			d := int(uint32(e))
			if k == 0 {
				docs = appendInt(docs, d)
			} else {
				docs = appendInt(docs, d-prev)
			}
			prev = d
		}
		return docs
	}
	c := &chunker{kind: pairsChunk, n: len(list), earlier: w.earlier[pairsChunk], reuse: w.reuse, emit: w.emit,
		key: func(i int) string { return string(keyOf(i)) },
		cut: func(i int) uint64 { return hashWord(keyOf(i)) },
		size: func(i int) int {
			pr := list[i]
			n := len(st.stems[pr.a]) + 1 + len(st.stems[run(pr)[0]>>32]) + 6
			prev := 0
			for k, e := range run(pr) {
				d := int(uint32(e))
				if k == 0 {
					n += intLen(d)
				} else {
					n += intLen(d - prev)
				}
				prev = d
			}
			return n
		},
		changes: changes,
		encode: func(from, to int) []byte {
			p = p[:0]
			for i := from; i < to; i++ {
				p = appendDigitsMember(p, keyOf(i), docsOf(i))
			}
			return chunkJSON(nil, nil, p)
		},
	}
	return c.run()
}

// chunkJSON is a chunk's file: {"w":{…},"n":{…},"p":{…}}, or {"p":{…}}
// without words, as encoding/json writes the chunk type.
func chunkJSON(w, n, p []byte) []byte {
	data := make([]byte, 0, len(w)+len(n)+len(p)+24)
	if len(w) > 0 {
		data = append(data, `{"w":{`...)
		data = append(data, w...)
		data = append(data, `},"n":{`...)
		data = append(data, n...)
		data = append(data, `},"p":{`...)
	} else {
		data = append(data, `{"p":{`...)
	}
	data = append(data, p...)
	return append(data, "}}"...)
}

// fragments writes what each result shows, a file a document:
// [url, title, kind, summary, [[anchor, heading, text], ...]], or the
// earlier file of a document that did not change.
func (w *writer) fragments(records []record) error {
	var b []byte
	for n := range records {
		name := DocDir + strconv.Itoa(n) + ".json"
		if !w.ch.all && !w.ch.docs[n] && w.reuse(name) {
			continue
		}
		b = appendFragment(b[:0], &records[n])
		if err := w.emit(name, bytes.Clone(b)); err != nil {
			return err
		}
	}
	return nil
}

func appendFragment(b []byte, r *record) []byte {
	b = appendStrings(b, r.url, r.title, Kinds[r.kind])
	b[len(b)-1] = ',' // the array goes on
	b = appendClip(b, r.summary, snippetLen)
	b = append(b, ",["...)
	for j, s := range r.sections() {
		if j > 0 {
			b = append(b, ',')
		}
		b = appendStrings(b, s.anchor, s.heading)
		b[len(b)-1] = ','
		b = appendClip(b, s.text, snippetLen)
		b = append(b, ']')
	}
	return append(b, "]]"...)
}

// intLen is len(appendInt(nil, v)).
func intLen(v int) int {
	n := 1
	for v >>= 5; v > 0; v >>= 5 {
		n++
	}
	return n
}
