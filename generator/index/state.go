package index

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/commonagenda/agenda/generator/internal/keyhash"
)

// A build cache keeps, beside the index files, the state they were
// written from (state): every word, stem, posting and pair, and what each
// document gave the index. A build after an edit to a few documents'
// text patches the state (patch) instead of indexing every document
// again, and writes again only the files the patch touched: the chunks
// that hold a changed word, stem or pair, and the changed documents'
// fragments. The rest are the last build's, byte for byte. The files
// are always those a build from scratch writes (TestPatchIsABuild): the
// state after a patch is the state a build from scratch makes, and a
// chunk is kept only when every key in it is unchanged and it begins and
// ends where it did.
//
// Two things make that possible. Chunks end where the keys say (see
// chunker), not at a fixed size, so a chunk that grows or shrinks by a
// few bytes leaves the next ones where they were. And the mean length of
// the documents, which every score depends on, is rounded (meanLength),
// so a document that grows by a sentence leaves every other score as it
// was.

// state is an index before it is written.
type state struct {
	sums    [][sumSize]byte // each document's docSum
	lengths []int32         // each document's length, in tokens
	// words are the words as written, stop words too, in order; stems
	// the stems, in order.
	words []wordEntry
	stems []string
	// The postings of stem i are post[i], in document order.
	post [][]posting
	// The pairs whose first stem is i are pairs[i], each the second
	// stem << 32 | the document, in order, each once.
	pairs [][]uint64
	// The words of document d are docWords[d], in order.
	docWords [][]int32
	// The lists above are, most of them, parts of these (as read or
	// built; a patch shares them): writeTo writes a run of lists that
	// lie side by side in one of them as one part of it.
	postBase []posting
	pairBase []uint64
	wordBase []int32
	// mean is meanLength of the lengths, the one the scores used.
	mean float64
	// made are the chunks last written from the state, by kind (words,
	// terms, pairs); stemSize each stem's postings' size as written.
	made     [3][]chunkRef
	stemSize []int32
}

// wordEntry is a word as written, its stem (-1: a stop word) and the
// number of documents that have it.
type wordEntry struct {
	text string
	stem int32
	docs int32
}

// chunkRef is one chunk written: its first and last keys, the number of
// its keys, their size (as chunker counts it) and its hash.
type chunkRef struct {
	first, last string
	keys, size  int32
	hash        string
}

// The kinds of chunk, as state.made numbers them.
const (
	wordsChunk = iota
	termsChunk
	pairsChunk
)

var chunkKinds = [3]string{"words", "terms", "pairs"}

const sumSize = 16

// docSum names everything a record gives the index and its fragment: two
// documents with the same sum are indexed the same and show the same.
func docSum(k *keyhash.Hash, r *record) [sumSize]byte {
	k.Reset("agenda index document 2")
	k.String(r.url)
	k.String(r.title)
	k.String(r.summary)
	k.String(r.facts)
	k.Int(r.kind)
	k.Int(len(r.ids))
	for _, id := range r.ids {
		k.String(id)
	}
	k.Int(len(r.body.Headings))
	for _, hd := range r.body.Headings {
		k.String(hd.ID)
		k.String(hd.Text)
	}
	// The body's digest stands for its text (and HTML): it is known
	// without reading a body a build cache kept.
	digest := r.body.Digest()
	k.Bytes(digest[:])
	sum := k.Sum()
	return [sumSize]byte(sum[:sumSize])
}

// meanLength is the mean of the lengths, rounded to five significant
// bits (a step of 1/32 to 1/16 of it): the length that BM25 compares
// each document's with. An edit that adds or removes a few words rarely
// moves it to another step, and so leaves every other document's scores
// as they were. Frexp and Ldexp are exact, so it is the same everywhere.
func meanLength(lengths []int32) float64 {
	total := 0
	for _, l := range lengths {
		total += int(l)
	}
	avg := max(float64(total)/float64(max(len(lengths), 1)), 1)
	frac, exp := math.Frexp(avg)
	return math.Ldexp(math.Round(frac*32)/32, exp)
}

// newState makes the state of the records t indexed, whose docSums are
// sums.
func newState(t *terms, records []record, sums [][sumSize]byte) *state {
	st := &state{lengths: make([]int32, len(t.lengths)), sums: sums}
	for i, l := range t.lengths {
		st.lengths[i] = int32(l)
	}
	st.mean = meanLength(st.lengths)

	// The stems in order, and each one's rank; the words likewise, on
	// another goroutine.
	var worder, wrank []int32
	words := make(chan struct{})
	go func() {
		defer close(words)
		worder, wrank = ordered(t.wordList, nil)
	}()
	order, rank := ordered(t.stemList, nil)
	st.stems = make([]string, len(order))
	st.stemSize = make([]int32, len(order))
	for r, id := range order {
		st.stems[r] = t.stemList[id]
	}
	<-words
	st.words = make([]wordEntry, len(worder))
	for r, num := range worder {
		stem := t.wordStem[num]
		if stem >= 0 {
			stem = rank[stem]
		}
		st.words[r] = wordEntry{text: t.wordList[num], stem: stem}
	}
	// The postings by stem, and the pairs, are sorted on goroutines of
	// their own while the documents' words are: each reads and lets go
	// of a part of t of its own.
	var wg sync.WaitGroup
	wg.Go(func() {
		flat, at := t.byStem(rank)
		st.postBase, st.post = flat, split(flat, at)
	})
	wg.Go(func() {
		at, flat := t.pairsOnce(rank, len(order))
		st.pairBase, st.pairs = flat, split(flat, at)
	})
	defer wg.Wait()
	// Each document's words, by rank.
	wordAt := make([]int32, len(t.wordCount)+1)
	flat := make([]int32, 0, t.docWords.len())
	for _, part := range t.docWords.parts() {
		for _, num := range part {
			flat = append(flat, wrank[num])
		}
	}
	t.docWords = blocks[int32]{}
	// Each document's words in order, by a bitmap of the words: quicker
	// than sorting ten thousand short lists.
	set := make([]uint64, (len(st.words)+63)/64)
	for d, n := range t.wordCount {
		wordAt[d+1] = wordAt[d] + n
		ws := flat[wordAt[d]:wordAt[d+1]]
		lo, hi := len(set), 0
		for _, w := range ws {
			set[w/64] |= 1 << (w % 64)
			lo, hi = min(lo, int(w/64)), max(hi, int(w/64))
			st.words[w].docs++
		}
		k := 0
		for i := lo; i <= hi && k < len(ws); i++ {
			for b := set[i]; b != 0; b &= b - 1 {
				ws[k] = int32(i*64 + bits.TrailingZeros64(b))
				k++
			}
			set[i] = 0
		}
	}
	st.wordBase, st.docWords = flat, split(flat, wordAt)
	return st
}

// split is the lists of flat that at says: list i is flat[at[i]:at[i+1]],
// with no room to grow into the next.
func split[T any](flat []T, at []int32) [][]T {
	out := make([][]T, len(at)-1)
	for i := range out {
		out[i] = flat[at[i]:at[i+1]:at[i+1]]
	}
	return out
}

// total is the number of things in lists.
func total[T any](lists [][]T) int {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	return n
}

// pairsOnce is the pairs of t by their first stem's rank (of n stems),
// each once, and where each stem's begin.
func (t *terms) pairsOnce(rank []int32, n int) (at []int32, out []uint64) {
	parts, total := t.pairs.parts(), t.pairs.len()
	t.pairs = blocks[pairOcc]{}
	pairAt, pairs := groupPairs(parts, total, rank)
	at = make([]int32, n+1)
	out = pairs[:0]
	for a := range n {
		for i, e := range pairs[pairAt[a]:pairAt[a+1]] {
			if i == 0 || e != pairs[int(pairAt[a])+i-1] {
				out = append(out, e)
			}
		}
		at[a+1] = int32(len(out))
	}
	return at, slices.Clip(out)
}

// ordered returns the numbers of texts that keep keeps (all of them when
// keep is nil) in the order of their texts, and each number's place in
// that order (-1 for one left out).
func ordered(texts []string, keep func(int) bool) (order, rank []int32) {
	order = make([]int32, 0, len(texts))
	for i := range texts {
		if keep == nil || keep(i) {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(texts[a], texts[b]) })
	rank = make([]int32, len(texts))
	for i := range rank {
		rank[i] = -1
	}
	for r, i := range order {
		rank[i] = int32(r)
	}
	return order, rank
}

// idf is the inverse document frequency of a stem in df documents.
func (st *state) idf(df int) float64 {
	n := float64(len(st.lengths))
	d := float64(df)
	return math.Log(1 + (n-d+0.5)/(d+0.5))
}

// score is the BM25 score of a posting, scaled to an integer.
func (st *state) score(p posting, idf float64) int {
	tf := float64(p.weight)
	norm := k1 * (1 - bm + bm*float64(st.lengths[p.doc])/st.mean)
	s := idf * tf * (k1 + 1) / (tf + norm)
	return min(max(int(math.Round(s*scoreScale)), 1), maxScore)
}

// appendPostings writes stem i's postings: for each document, the gap
// from the previous one, the score and the section.
func (st *state) appendPostings(b []byte, i int) []byte {
	ps := st.post[i]
	idf := st.idf(len(ps))
	prev := int32(0)
	for _, p := range ps {
		b = appendInt(b, int(p.doc-prev))
		b = appendInt(b, st.score(p, idf))
		b = appendInt(b, int(p.section))
		prev = p.doc
	}
	return b
}

// stateFormat names the encoding of a state (see encode).
const stateFormat = "agenda index state 4\n"

// encode writes the state as bytes that decode reads back: the lengths
// of the long lists (postings, pairs, the documents' words), the lists as
// fixed-size little-endian numbers, which read back quickly, then the
// small parts as varints, and a CRC-32C checksum of everything.
func (st *state) encode() []byte {
	var buf bytes.Buffer
	st.writeTo(&buf, nil)
	return buf.Bytes()
}

// writeTo writes encode's bytes to w a part at a time, so that a large
// state is never held twice. The long lists come first, and are all a
// patch or a build makes before the files are written: when written is
// not nil, it is called once they are written, and the rest is written
// once it returns, unless it returns an error. Writing the files decides
// the rest (the chunks made, the stems' sizes), so a save may begin
// beside them.
func (st *state) writeTo(w io.Writer, written func() error) error {
	b := make([]byte, 0, 64<<10)
	crc := uint32(0)
	var err error
	flush := func(force bool) {
		if len(b) < 60<<10 && !force || err != nil {
			return
		}
		crc = crc32.Update(crc, castagnoli, b)
		_, err = w.Write(b)
		b = b[:0]
	}
	b = append(b, stateFormat...)
	u := func(v uint64) { b = binary.AppendUvarint(b, v); flush(false) }
	str := func(s string) { u(uint64(len(s))); b = append(b, s...); flush(false) }
	u(uint64(total(st.pairs)))
	u(uint64(total(st.post)))
	u(uint64(total(st.docWords)))
	// The long lists begin at a multiple of 8 bytes from the start, the
	// pairs first, so that decode can use them where they are read.
	b = append(b, make([]byte, listPadding(len(b)))...)
	le := binary.LittleEndian
	if littleEndian {
		// The lists are their bytes in memory: a run of lists side by
		// side in a base is written from it as it is, any other list
		// through b.
		raw := func(p []byte) {
			if err == nil && len(p) > 0 {
				if len(b)+len(p) <= cap(b) {
					b = append(b, p...)
					flush(false)
					return
				}
				flush(true)
				crc = crc32.Update(crc, castagnoli, p)
				_, err = w.Write(p)
			}
		}
		writeRuns(st.pairBase, st.pairs, raw)
		writeRuns(st.postBase, st.post, raw)
		writeRuns(st.wordBase, st.docWords, raw)
	} else {
		for _, list := range st.pairs {
			for _, e := range list {
				b = le.AppendUint64(b, e)
				flush(false)
			}
		}
		for _, list := range st.post {
			for _, p := range list {
				b = le.AppendUint32(b, uint32(p.doc))
				b = le.AppendUint32(b, math.Float32bits(p.weight))
				b = le.AppendUint32(b, uint32(p.section))
				flush(false)
			}
		}
		for _, list := range st.docWords {
			for _, w := range list {
				b = le.AppendUint32(b, uint32(w))
				flush(false)
			}
		}
	}
	flush(true)
	if err != nil {
		return err
	}
	if written != nil {
		if err := written(); err != nil {
			return err
		}
	}
	u(uint64(len(st.lengths)))
	for i, l := range st.lengths {
		b = append(b, st.sums[i][:]...)
		u(uint64(l))
	}
	u(math.Float64bits(st.mean))
	u(uint64(len(st.words)))
	for _, w := range st.words {
		str(w.text)
		u(uint64(w.stem + 1))
		u(uint64(w.docs))
	}
	u(uint64(len(st.stems)))
	for i, s := range st.stems {
		str(s)
		u(uint64(st.stemSize[i]))
		u(uint64(len(st.post[i])))
		u(uint64(len(st.pairs[i])))
	}
	for d := range st.lengths {
		u(uint64(len(st.docWords[d])))
	}
	for _, list := range st.made {
		u(uint64(len(list)))
		for _, c := range list {
			str(c.first)
			str(c.last)
			u(uint64(c.keys))
			u(uint64(c.size))
			str(c.hash)
		}
	}
	flush(true)
	if err != nil {
		return err
	}
	_, err = w.Write(le.AppendUint32(nil, crc))
	return err
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// littleEndian is whether the machine keeps numbers as the state's long
// lists do (amd64, arm64 and most others): then the lists are written
// and read as the bytes they are in memory, which is much quicker than a
// number at a time, and gives the same bytes.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// listPadding is the number of zero bytes after n bytes of a state that
// bring the long lists to a multiple of 8 bytes from its start.
func listPadding(n int) int { return (8 - n%8) % 8 }

// asBytes is the memory of a list of fixed-size numbers (posting is
// three 4-byte numbers, no padding) as bytes.
func asBytes[T posting | uint64 | int32](list []T) []byte {
	if len(list) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&list[0])), len(list)*int(unsafe.Sizeof(list[0])))
}

// writeRuns gives raw the bytes of lists in order: a run of lists that
// lie one after another in base as one part of base.
func writeRuns[T posting | uint64 | int32](base []T, lists [][]T, raw func([]byte)) {
	from, to := 0, -1 // the run, base[from:to]; none while to < 0
	for _, l := range lists {
		if len(l) == 0 {
			continue
		}
		o, in := offsetIn(base, l)
		if in && o == to {
			to += len(l)
			continue
		}
		if to >= 0 {
			raw(asBytes(base[from:to]))
			to = -1
		}
		if in {
			from, to = o, o+len(l)
			continue
		}
		raw(asBytes(l))
	}
	if to >= 0 {
		raw(asBytes(base[from:to]))
	}
}

// offsetIn is where the list l begins in base, if it lies inside it.
func offsetIn[T any](base, l []T) (int, bool) {
	if len(base) == 0 || len(l) == 0 {
		return 0, false
	}
	size := unsafe.Sizeof(base[0])
	b, p := uintptr(unsafe.Pointer(unsafe.SliceData(base))), uintptr(unsafe.Pointer(unsafe.SliceData(l)))
	if p < b || (p-b)%size != 0 {
		return 0, false
	}
	o := (p - b) / size
	if o >= uintptr(len(base)) || uintptr(len(l)) > uintptr(len(base))-o {
		return 0, false
	}
	return int(o), true
}

// listAt is the n numbers at data[*pos:] as a list that shares data's
// memory, and moves *pos past them. The caller has checked that they are
// there and aligned.
func listAt[T posting | uint64 | int32](data []byte, pos *int, n int) []T {
	if n == 0 {
		return nil
	}
	size := int(unsafe.Sizeof(*new(T)))
	list := unsafe.Slice((*T)(unsafe.Pointer(&data[*pos])), n)
	*pos += n * size
	return list[:n:n]
}

var errState = errors.New("index: damaged state")

// decodeState reads what encode wrote. Whatever it returns is
// consistent (every number in range, every list in order), so that a
// damaged state is an error, never a panic or a wrong index; and the
// checksum makes a damaged one an error in the first place.
func decodeState(data []byte) (*state, error) {
	if !bytes.HasPrefix(data, []byte(stateFormat)) || len(data) < len(stateFormat)+4 {
		return nil, errState
	}
	end := len(data) - 4
	if crc32.Checksum(data[:end], castagnoli) != binary.LittleEndian.Uint32(data[end:]) {
		return nil, errState
	}
	data = data[:end]
	pos := len(stateFormat)
	bad := false
	u := func() uint64 {
		v, n := binary.Uvarint(data[pos:])
		if n <= 0 {
			bad = true
			pos = len(data)
			return 0
		}
		pos += n
		return v
	}
	small := func() int32 { return int32(min(u(), math.MaxInt32)) }
	count := func(min int) int {
		v := u()
		if v > uint64(len(data)-pos)/uint64(min) {
			bad = true
			pos = len(data)
			return 0
		}
		return int(v)
	}
	// The strings share data's memory, as the long lists do: decode's
	// caller hands data over (see Earlier).
	str := func() string {
		n := count(1)
		if n == 0 {
			return ""
		}
		s := unsafe.String(&data[pos], n)
		pos += n
		return s
	}
	st := &state{}
	// The long lists, where they were read when they can be.
	nPairs, nPost, nWords := u(), u(), u()
	if bad {
		return nil, errState
	}
	pos += listPadding(pos)
	if pos > len(data) || nPairs > uint64(len(data)-pos)/8 {
		return nil, errState
	}
	if room := uint64(len(data)-pos) - 8*nPairs; nPost > room/12 || nWords > (room-12*nPost)/4 {
		return nil, errState
	}
	le := binary.LittleEndian
	var pairs []uint64
	var post []posting
	var docWords []int32
	if littleEndian && uintptr(unsafe.Pointer(unsafe.SliceData(data)))%8 == 0 {
		// The lists are used where they were read, aligned as their
		// numbers need (see writeTo): the state only reads them.
		pairs = listAt[uint64](data, &pos, int(nPairs))
		post = listAt[posting](data, &pos, int(nPost))
		docWords = listAt[int32](data, &pos, int(nWords))
	} else {
		pairs = make([]uint64, nPairs)
		for i := range pairs {
			pairs[i] = le.Uint64(data[pos+8*i:])
		}
		pos += 8 * len(pairs)
		post = make([]posting, nPost)
		for i := range post {
			b := data[pos+12*i:]
			post[i] = posting{doc: int32(le.Uint32(b)), weight: math.Float32frombits(le.Uint32(b[4:])), section: int32(le.Uint32(b[8:]))}
		}
		pos += 12 * len(post)
		docWords = make([]int32, nWords)
		for i := range docWords {
			docWords[i] = int32(le.Uint32(data[pos+4*i:]))
		}
		pos += 4 * len(docWords)
	}
	docs := count(sumSize + 1)
	st.sums = make([][sumSize]byte, docs)
	st.lengths = make([]int32, docs)
	for d := range docs {
		if len(data)-pos < sumSize {
			return nil, errState
		}
		copy(st.sums[d][:], data[pos:])
		pos += sumSize
		st.lengths[d] = small()
	}
	st.mean = math.Float64frombits(u())
	if bad || !(st.mean >= 1) || st.mean != meanLength(st.lengths) {
		return nil, errState
	}
	st.words = make([]wordEntry, count(3))
	for i := range st.words {
		st.words[i] = wordEntry{text: str(), stem: small() - 1, docs: small()}
		if i > 0 && st.words[i-1].text >= st.words[i].text {
			bad = true
		}
	}
	n := count(4)
	st.stems = make([]string, n)
	st.stemSize = make([]int32, n)
	postAt := make([]int32, n+1)
	pairAt := make([]int32, n+1)
	for i := range n {
		st.stems[i] = str()
		if i > 0 && st.stems[i-1] >= st.stems[i] {
			bad = true
		}
		st.stemSize[i] = small()
		postAt[i+1] = postAt[i] + int32(min(u(), nPost+1))
		pairAt[i+1] = pairAt[i] + int32(min(u(), nPairs+1))
		if postAt[i+1] < postAt[i] || pairAt[i+1] < pairAt[i] ||
			uint64(postAt[i+1]) > nPost || uint64(pairAt[i+1]) > nPairs {
			bad = true
			break
		}
	}
	for _, w := range st.words {
		if w.stem >= int32(n) || w.stem < -1 {
			bad = true
		}
	}
	wordAt := make([]int32, docs+1)
	for d := range docs {
		wordAt[d+1] = wordAt[d] + int32(min(u(), nWords+1))
		if wordAt[d+1] < wordAt[d] || uint64(wordAt[d+1]) > nWords {
			bad = true
			break
		}
	}
	for k := range st.made {
		list := make([]chunkRef, count(4))
		for i := range list {
			list[i] = chunkRef{first: str(), last: str(), keys: small(), size: small(), hash: str()}
		}
		st.made[k] = list
	}
	if bad || pos != len(data) || uint64(postAt[n]) != nPost || uint64(pairAt[n]) != nPairs || uint64(wordAt[docs]) != nWords {
		return nil, errState
	}
	st.postBase, st.post = post, split(post, postAt)
	st.pairBase, st.pairs = pairs, split(pairs, pairAt)
	st.wordBase, st.docWords = docWords, split(docWords, wordAt)
	// Every number in range, every list in order.
	for i := range n {
		ps := st.post[i]
		for j, p := range ps {
			if p.doc < 0 || int(p.doc) >= docs || (j > 0 && p.doc <= ps[j-1].doc) {
				return nil, errState
			}
		}
		pairs := st.pairs[i]
		for j, e := range pairs {
			if e>>32 >= uint64(n) || uint32(e) >= uint32(docs) || (j > 0 && e <= pairs[j-1]) {
				return nil, errState
			}
		}
	}
	for d := range docs {
		ws := st.docWords[d]
		for j, w := range ws {
			if w < 0 || int(w) >= len(st.words) || (j > 0 && w <= ws[j-1]) {
				return nil, errState
			}
		}
	}
	return st, nil
}

// isIdentity reports whether order keeps each of n things where it was.
func isIdentity(order []int32, n int) bool {
	if len(order) != n {
		return false
	}
	for i, o := range order {
		if o != int32(i) {
			return false
		}
	}
	return true
}

// change is what a patch changed, for the writer: which documents,
// stems, words and pairs (rank of the first stem << 32 | rank of the
// second) to write again. all means everything.
type change struct {
	all   bool
	mean  bool // the mean length moved: every score with it
	docs  []bool
	stems []bool
	words []bool
	pairs map[uint64]bool
}

// maxPatched is the share of the documents past which a patch is no
// quicker than a build.
const maxPatched = 4

// patch makes the state of records from st, the state of an earlier
// version of them, indexing only the records whose docSum changed (sums
// holds each record's). It returns nil when that would not be quicker
// than a new state: another number of documents (which changes every
// score), or many changed. st is not changed.
func (st *state) patch(records []record, sums [][sumSize]byte) (*state, *change) {
	if len(records) != len(st.sums) || len(records) == 0 {
		return nil, nil
	}
	var changed []int
	for d := range records {
		if sums[d] != st.sums[d] {
			changed = append(changed, d)
		}
	}
	if len(changed)*maxPatched > len(records) {
		return nil, nil
	}
	isChanged := make([]bool, len(records))
	for _, d := range changed {
		isChanged[d] = true
	}
	// The changed documents, indexed alone as documents 0, 1, …
	t := newTerms()
	for k, d := range changed {
		t.add(int32(k), &records[d])
	}

	// The state as lists that can grow: words and stems keep their
	// numbers, new ones come after.
	words := slices.Clone(st.words)
	wordNum := make(map[string]int32, len(words))
	for i, w := range words {
		wordNum[w.text] = int32(i)
	}
	stems := slices.Clone(st.stems)
	stemNum := make(map[string]int32, len(stems))
	for i, s := range stems {
		stemNum[s] = int32(i)
	}
	// A stem's lists are the state's until a change copies them (own).
	posts := make([][]posting, len(stems))
	pairs := make([][]uint64, len(stems))
	for i := range stems {
		posts[i] = slices.Clip(st.post[i])
		pairs[i] = slices.Clip(st.pairs[i])
	}
	own := make([]bool, len(stems))
	mutable := func(s int32) {
		if !own[s] {
			own[s] = true
			posts[s] = slices.Clone(posts[s])
			pairs[s] = slices.Clone(pairs[s])
		}
	}
	// What is written again is what differs as written: a stem whose
	// postings, a word whose stem's number of postings, a pair whose
	// documents are not those they were. A document edited keeps most
	// of its stems, words and pairs: what it had is noted as it goes
	// (gone), and what it has again is found there.
	dirtyStem := map[int32]bool{}
	dirtyPair := map[[2]int32]bool{}
	type docStem struct{ stem, doc int32 }
	type docPair struct{ a, b, doc int32 }
	gonePost := map[docStem]posting{}
	gonePair := map[docPair]bool{}
	lengths := slices.Clone(st.lengths)
	newWords := map[int][]int32{} // a changed document's words, by number

	byDoc := func(p posting, doc int32) int { return cmp.Compare(p.doc, doc) }
	// What the changed documents had: their words go, and their postings
	// and pairs are noted. A posting or pair a document has again stays
	// where it is, and its stem's lists are not copied for it: the rest
	// go once the new ones are in.
	for _, d := range changed {
		seen := map[int32]bool{}
		for _, w := range st.docWords[d] {
			words[w].docs--
			s := words[w].stem
			if s < 0 || seen[s] {
				continue
			}
			seen[s] = true
			if i, ok := slices.BinarySearchFunc(posts[s], int32(d), byDoc); ok {
				gonePost[docStem{s, int32(d)}] = posts[s][i]
			}
			for _, e := range pairs[s] {
				if int32(e) == int32(d) {
					gonePair[docPair{s, int32(e >> 32), int32(d)}] = true
				}
			}
		}
	}
	// What they have now.
	stemOf := func(id int32) int32 {
		text := t.stemList[id]
		s, ok := stemNum[text]
		if !ok {
			s = int32(len(stems))
			stems = append(stems, text)
			stemNum[text] = s
			posts = append(posts, nil)
			pairs = append(pairs, nil)
			own = append(own, true)
		}
		return s
	}
	at := 0
	for _, part := range t.docWords.parts() {
		for _, num := range part {
			for at < len(t.wordCount) && len(newWords[changed[at]]) == int(t.wordCount[at]) {
				at++
			}
			text := t.wordList[num]
			w, ok := wordNum[text]
			if !ok {
				stem := int32(-1)
				if id := t.wordStem[num]; id >= 0 {
					stem = stemOf(id)
				}
				w = int32(len(words))
				words = append(words, wordEntry{text: text, stem: stem})
				wordNum[text] = w
			}
			words[w].docs++
			d := changed[at]
			newWords[d] = append(newWords[d], w)
		}
	}
	// A posting the document had as it is now (its weight and section)
	// may still be written as it was: that is known once the lengths
	// are (same, below).
	var same []docStem
	for _, part := range t.postings.parts() {
		for _, p := range part {
			s := stemOf(p.stem)
			d := int32(changed[p.doc])
			np := posting{doc: d, weight: p.weight, section: p.section}
			k := docStem{s, d}
			if old, ok := gonePost[k]; ok {
				delete(gonePost, k)
				if old == np {
					same = append(same, k)
					continue
				}
			}
			mutable(s)
			if i, found := slices.BinarySearchFunc(posts[s], d, byDoc); found {
				posts[s][i] = np
			} else {
				posts[s] = slices.Insert(posts[s], i, np)
			}
			dirtyStem[s] = true
		}
	}
	for k := range gonePost { // stems a document no longer has
		mutable(k.stem)
		if i, ok := slices.BinarySearchFunc(posts[k.stem], k.doc, byDoc); ok {
			posts[k.stem] = slices.Delete(posts[k.stem], i, i+1)
		}
		dirtyStem[k.stem] = true
	}
	for _, part := range t.pairs.parts() {
		for _, o := range part {
			a, b := stemOf(o.a), stemOf(o.b)
			d := int32(changed[o.doc])
			if k := (docPair{a, b, d}); gonePair[k] {
				delete(gonePair, k) // side by side before and now: it stays
				continue
			}
			e := uint64(b)<<32 | uint64(d)
			if _, found := slices.BinarySearch(pairs[a], e); found {
				continue // side by side again in the document
			}
			mutable(a)
			i, _ := slices.BinarySearch(pairs[a], e)
			pairs[a] = slices.Insert(pairs[a], i, e)
			dirtyPair[[2]int32{a, b}] = true
		}
	}
	for k := range gonePair { // pairs a document no longer has
		mutable(k.a)
		if i, ok := slices.BinarySearch(pairs[k.a], uint64(k.b)<<32|uint64(k.doc)); ok {
			pairs[k.a] = slices.Delete(pairs[k.a], i, i+1)
		}
		dirtyPair[[2]int32{k.a, k.b}] = true
	}
	for k, d := range changed {
		lengths[d] = int32(t.lengths[k])
	}

	// The new state: what no document has any longer goes, the rest in
	// order.
	next := &state{sums: slices.Clone(sums), lengths: lengths}
	next.mean = meanLength(lengths)
	sorder, srank := ordered(stems, func(s int) bool { return len(posts[s]) > 0 })
	texts := make([]string, len(words))
	for w, e := range words {
		texts[w] = e.text
	}
	worder, wrank := ordered(texts, func(w int) bool { return words[w].docs > 0 })
	next.words = make([]wordEntry, len(worder))
	for r, w := range worder {
		e := words[w]
		if e.stem >= 0 {
			e.stem = srank[e.stem]
		}
		next.words[r] = e
	}
	next.stems = make([]string, len(sorder))
	next.stemSize = make([]int32, len(sorder))
	// The lists no change touched are the state's, shared (a state is
	// only read); the others are new.
	next.post = make([][]posting, len(sorder))
	next.pairs = make([][]uint64, len(sorder))
	next.postBase, next.pairBase, next.wordBase = st.postBase, st.pairBase, st.wordBase
	// When no stem came or went, the stems keep their numbers, and the
	// pairs, in order of them, need not be numbered and sorted again;
	// likewise the words and the documents' lists of them.
	sameStems, sameWords := isIdentity(sorder, len(st.stems)), isIdentity(worder, len(st.words))
	var renumbered []uint64 // the lists numbered again, side by side
	if !sameStems {
		n := 0
		for _, s := range sorder {
			if !own[s] {
				n += len(pairs[s])
			}
		}
		renumbered = make([]uint64, 0, n)
	}
	for r, s := range sorder {
		next.stems[r] = stems[s]
		if int(s) < len(st.stems) {
			next.stemSize[r] = st.stemSize[s]
		}
		next.post[r] = posts[s]
		switch {
		case sameStems:
			next.pairs[r] = pairs[s]
		case !own[s]:
			// The stems that stay keep their order (they are in order
			// of their text), and a stem the patch did not touch pairs
			// only with stems that stay: its list, numbered again, is
			// still in order.
			from := len(renumbered)
			for _, e := range pairs[s] {
				renumbered = append(renumbered, uint64(srank[e>>32])<<32|e&0xffffffff)
			}
			next.pairs[r] = renumbered[from:len(renumbered):len(renumbered)]
		default:
			group := make([]uint64, len(pairs[s]))
			for i, e := range pairs[s] {
				group[i] = uint64(srank[e>>32])<<32 | e&0xffffffff
			}
			slices.Sort(group)
			next.pairs[r] = group
		}
	}
	if !sameStems && len(renumbered) > 0 {
		next.pairBase = renumbered
	}
	next.docWords = make([][]int32, len(records))
	var wordsAgain []int32 // the lists numbered again, side by side
	if !sameWords {
		wordsAgain = make([]int32, 0, len(st.wordBase))
	}
	for d := range records {
		switch ws, ok := newWords[d]; {
		case ok:
			list := make([]int32, len(ws))
			for i, w := range ws {
				list[i] = wrank[w]
			}
			slices.Sort(list)
			next.docWords[d] = list
		case isChanged[d]:
			// A changed document with no words.
		case sameWords:
			next.docWords[d] = st.docWords[d] // as it was
		default:
			// Words that stay keep their order: an unchanged
			// document's list stays in order.
			from := len(wordsAgain)
			for _, w := range st.docWords[d] {
				wordsAgain = append(wordsAgain, wrank[w])
			}
			next.docWords[d] = wordsAgain[from:len(wordsAgain):len(wordsAgain)]
		}
	}
	if !sameWords {
		next.wordBase = wordsAgain
	}
	next.made = st.made

	// What to write again. Every score depends on the mean length: when
	// it moved, everything.
	ch := &change{docs: make([]bool, len(records)), stems: make([]bool, len(sorder)), words: make([]bool, len(worder)), pairs: map[uint64]bool{}}
	ch.mean = next.mean != st.mean
	for _, d := range changed {
		ch.docs[d] = true
	}
	// A posting kept as it was is written as it was when its score is:
	// the same number of postings (the idf), and the document's length
	// and the mean rounded to the same score.
	df := func(of *state, s int32) int { return len(of.post[s]) }
	for _, k := range same {
		r := srank[k.stem]
		if dirtyStem[k.stem] || r < 0 || int(k.stem) >= len(st.stems) {
			continue
		}
		i, _ := slices.BinarySearchFunc(next.post[r], k.doc, byDoc)
		p := next.post[r][i]
		if df(next, r) != df(st, k.stem) || next.score(p, next.idf(df(next, r))) != st.score(p, st.idf(df(st, k.stem))) {
			dirtyStem[k.stem] = true
		}
	}
	for s := range dirtyStem {
		if r := srank[s]; r >= 0 {
			ch.stems[r] = true // its size is found again (writer.terms)
		}
	}
	// A word is written with its stem and its stem's number of postings:
	// again when it is new, or that number changed.
	for r, w := range next.words {
		old := worder[r]
		switch {
		case int(old) >= len(st.words):
			ch.words[r] = true
		case w.stem >= 0 && df(next, w.stem) != df(st, st.words[old].stem):
			ch.words[r] = true
		}
	}
	for p := range dirtyPair {
		if a, b := srank[p[0]], srank[p[1]]; a >= 0 && b >= 0 {
			ch.pairs[uint64(a)<<32|uint64(b)] = true
		}
	}
	return next, ch
}
