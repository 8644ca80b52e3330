package index

import (
	"slices"
	"sync"
)

// Field weights: how much more one occurrence counts in each part of a
// page than in its body. An id or acronym is the strongest signal that a
// page is the one meant.
const (
	weightID      = 8
	weightTitle   = 5
	weightHeading = 2.5
	weightSummary = 2
	weightBody    = 1
)

// BM25 parameters (the usual ones).
const (
	k1 = 1.2
	bm = 0.75
	// scoreScale turns a BM25 score into the integer stored in postings.
	scoreScale = 32
	maxScore   = 1023
)

// posting is one document a stem occurs in.
type posting struct {
	doc     int32
	weight  float32 // field-weighted term frequency (sums of the weights are exact)
	section int32   // the section with the most occurrences (0: none)
}

// stemPosting is a posting of a stem.
type stemPosting struct {
	stem int32
	posting
}

// pairOcc is an occurrence of two stems side by side in a document, for
// phrases. The same pair may occur more than once in a document.
type pairOcc struct{ a, b, doc int32 }

// terms is the inverted index while it is built. Words, stems and
// documents are numbered: the hot loop (field) looks each token up once,
// in a table keyed by its bytes (nothing is allocated), then indexes
// slices with the numbers.
type terms struct {
	stems stemmer
	// words maps each word as written (lower-cased) to its stem's number,
	// or to -1 for a stop word.
	words    *wordTable
	stemIDs  map[string]int32
	stemList []string
	// postings holds every document's postings, document after document;
	// byStem sorts them by stem.
	postings blocks[stemPosting]
	pairs    blocks[pairOcc]
	lengths  []int // tokens per document

	// The words as written, by number, with their stems' numbers (-1
	// for a stop word); and each document's words (docWords holds them
	// document after document, wordCount how many each has).
	wordList  []string
	wordStem  []int32
	wordSeen  []int32 // the document (plus one) that last had the word
	docWords  blocks[int32]
	wordCount []int32
	docWordN  int32 // words of the current document so far

	// Per document, by stem number: the document (plus one) that last
	// had the stem, and the stem's place in local then.
	seen  []int32
	place []int32
	// local are the current document's postings.
	local   []localPosting
	touched []int32 // places in local of the stems in the current section
	section int32   // stamp of the current section, unique in the build
	length  int
	lower   []byte // a compound, lower-cased
}

// localPosting is a stem's posting in the document being indexed.
type localPosting struct {
	stem    int32
	weight  float32
	section int32 // best section so far
	best    int32 // occurrences in it
	stamp   int32 // section stamp cur counts for
	cur     int32 // occurrences in the current section
}

func newTerms() *terms {
	return &terms{stems: stemmer{}, words: newWordTable(), stemIDs: map[string]int32{}}
}

// add indexes one record as document number doc (documents are added in
// order, from 0).
func (t *terms) add(doc int32, r *record) {
	t.local, t.length = t.local[:0], 0
	t.newSection()
	for _, id := range r.ids {
		t.field(doc, id, weightID)
	}
	t.field(doc, r.title, weightTitle)
	t.field(doc, r.summary, weightSummary)
	t.field(doc, r.facts, weightSummary)
	for i, s := range r.sections() {
		t.newSection()
		t.field(doc, s.heading, weightHeading)
		t.field(doc, s.text, weightBody)
		if i == 0 {
			continue
		}
		for _, at := range t.touched {
			if p := &t.local[at]; p.cur > p.best {
				p.section, p.best = int32(i), p.cur
			}
		}
	}
	for _, p := range t.local {
		t.postings.add(stemPosting{p.stem, posting{doc: doc, weight: p.weight, section: p.section}})
	}
	t.lengths = append(t.lengths, t.length)
	t.wordCount = append(t.wordCount, t.docWordN)
	t.docWordN = 0
}

func (t *terms) newSection() {
	t.section++
	t.touched = t.touched[:0]
}

// field indexes one run of text with a weight.
func (t *terms) field(doc int32, s string, w float32) {
	prev := int32(-1) // pairs join adjacent indexed words only; search.js splits phrases the same way
	t.lower = eachToken(s, t.lower, func(text []byte, ident bool) {
		t.token(doc, text, ident, w, &prev)
	})
}

// token indexes one token of document doc; prev is the stem before it in
// the field (-1: none, or a stop word).
func (t *terms) token(doc int32, text []byte, ident bool, w float32, prev *int32) {
	h := hashWord(text)
	id, word, ok := t.words.get(text, h)
	if !ok {
		id, word = t.newWord(string(text), h, ident)
	}
	if t.wordSeen[word] != doc+1 {
		t.wordSeen[word] = doc + 1
		t.docWords.add(word)
		t.docWordN++
	}
	if id < 0 {
		*prev = -1
		return
	}
	if t.seen[id] != doc+1 {
		t.seen[id] = doc + 1
		t.place[id] = int32(len(t.local))
		t.local = append(t.local, localPosting{stem: id})
	}
	at := t.place[id]
	p := &t.local[at]
	p.weight += w
	if p.stamp != t.section {
		p.stamp, p.cur = t.section, 0
		t.touched = append(t.touched, at)
	}
	p.cur++
	t.length++
	if ident {
		return // its parts follow and make the pairs
	}
	if *prev >= 0 {
		t.pairs.add(pairOcc{*prev, id, doc})
	}
	*prev = id
}

// newWord adds a word seen for the first time and returns its stem's
// number, or -1 for a stop word, and its own. Identifiers hold a joiner
// and other words do not, so a word is always one or the other.
func (t *terms) newWord(word string, h uint64, ident bool) (int32, int32) {
	num := int32(len(t.wordList))
	t.wordList = append(t.wordList, word)
	t.wordSeen = append(t.wordSeen, 0)
	if !ident && isStopWord(word) {
		t.wordStem = append(t.wordStem, -1)
		t.words.put(word, h, -1, num)
		return -1, num
	}
	stem := t.stems.stem(token{text: word, ident: ident})
	id, ok := t.stemIDs[stem]
	if !ok {
		id = int32(len(t.stemList))
		t.stemIDs[stem] = id
		t.stemList = append(t.stemList, stem)
		t.seen = append(t.seen, 0)
		t.place = append(t.place, 0)
	}
	t.wordStem = append(t.wordStem, id)
	t.words.put(word, h, id, num)
	return id, num
}

// byStem returns the postings grouped by stem, each group in document
// order, the stems in the order rank gives them: the postings of the
// stem of rank r are out[at[r]:at[r+1]].
func (t *terms) byStem(rank []int32) (out []posting, at []int32) {
	at = make([]int32, len(t.stemList)+1)
	parts := t.postings.parts()
	for _, part := range parts {
		for _, p := range part {
			at[rank[p.stem]+1]++
		}
	}
	for i := 1; i < len(at); i++ {
		at[i] += at[i-1]
	}
	next := make([]int32, len(t.stemList))
	copy(next, at)
	out = make([]posting, t.postings.len())
	// The postings are let go of as they are moved: a terms is not used
	// after its postings are sorted.
	t.postings = blocks[stemPosting]{}
	for k, part := range parts {
		for _, p := range part {
			r := rank[p.stem]
			out[next[r]] = p.posting
			next[r]++
		}
		parts[k] = nil
	}
	return out, at
}

// blocks is a list appended to without copying (a long slice grown by
// append is copied again and again) and read in parts.
type blocks[T any] struct {
	done [][]T // full blocks, and after a merge the last of another list
	cur  []T
	n    int
}

// blockLen is the number of items in a block.
const blockLen = 1 << 14

func (b *blocks[T]) add(v T) {
	if len(b.cur) == cap(b.cur) {
		if b.cur != nil {
			b.done = append(b.done, b.cur)
		}
		b.cur = make([]T, 0, blockLen)
	}
	b.cur = append(b.cur, v)
	b.n++
}

func (b *blocks[T]) len() int { return b.n }

// parts returns the blocks, in order.
func (b *blocks[T]) parts() [][]T { return append(b.done[:len(b.done):len(b.done)], b.cur) }

// concat moves the items of u after b's, without copying them.
func (b *blocks[T]) concat(u *blocks[T]) {
	b.done = append(append(b.done, b.cur), u.done...)
	b.cur, b.n = u.cur, b.n+u.n
	*u = blocks[T]{}
}

// minShard is the fewest documents worth indexing on a goroutine of
// their own (a variable for tests).
var minShard = 500

// indexRecords indexes the records on up to procs goroutines, each
// taking a run of documents of about the same amount of text, and merges
// what they found. Stems are numbered differently, but nothing written
// depends on their numbers.
func indexRecords(records []record, procs int) *terms {
	shards := max(min(procs, len(records)/minShard), 1)
	if shards == 1 {
		t := newTerms()
		for i := range records {
			t.add(int32(i), &records[i])
		}
		return t
	}
	size := make([]int, len(records)+1) // text before each record
	for i, r := range records {
		size[i+1] = size[i] + len(r.title) + len(r.summary) + len(r.facts) + r.body.TextSize()
	}
	parts := make([]*terms, shards)
	var wg sync.WaitGroup
	lo := 0
	for k := range parts {
		hi := len(records)
		if k < shards-1 {
			hi, _ = slices.BinarySearch(size, size[len(records)]*(k+1)/shards)
			hi = max(hi, lo)
		}
		first := lo
		wg.Go(func() {
			t := newTerms()
			for i := first; i < hi; i++ {
				t.add(int32(i), &records[i])
			}
			parts[k] = t
		})
		lo = hi
	}
	wg.Wait()
	t := parts[0]
	for _, u := range parts[1:] {
		t.merge(u)
	}
	return t
}

// merge adds what u found in the documents after t's, taking over its
// lists. t is not added to after a merge.
func (t *terms) merge(u *terms) {
	renumber := make([]int32, len(u.stemList))
	for id, stem := range u.stemList {
		g, ok := t.stemIDs[stem]
		if !ok {
			g = int32(len(t.stemList))
			t.stemIDs[stem] = g
			t.stemList = append(t.stemList, stem)
			t.seen = append(t.seen, 0)
			t.place = append(t.place, 0)
		}
		renumber[id] = g
	}
	words := make([]int32, len(u.wordList))
	for num, w := range u.wordList {
		h := hashWord([]byte(w))
		_, g, ok := t.words.get([]byte(w), h)
		if !ok {
			id := u.wordStem[num]
			if id >= 0 {
				id = renumber[id]
			}
			g = int32(len(t.wordList))
			t.wordList = append(t.wordList, w)
			t.wordStem = append(t.wordStem, id)
			t.wordSeen = append(t.wordSeen, 0)
			t.words.put(w, h, id, g)
		}
		words[num] = g
	}
	for _, part := range u.docWords.parts() {
		for i := range part {
			part[i] = words[part[i]]
		}
	}
	t.docWords.concat(&u.docWords)
	t.wordCount = append(t.wordCount, u.wordCount...)
	for _, part := range u.postings.parts() {
		for i := range part {
			part[i].stem = renumber[part[i].stem]
		}
	}
	t.postings.concat(&u.postings)
	for _, part := range u.pairs.parts() {
		for i := range part {
			part[i].a, part[i].b = renumber[part[i].a], renumber[part[i].b]
		}
	}
	t.pairs.concat(&u.pairs)
	t.lengths = append(t.lengths, u.lengths...)
}
