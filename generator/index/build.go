package index

import (
	"math"
	"slices"
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
	weight  float32 // field-weighted term frequency
	section int32   // the section with the most occurrences (0: none)
	best    int32   // occurrences in that section
}

// terms is the inverted index while it is built.
type terms struct {
	stems    stemmer
	surfaces map[string]string // word as written -> its stem
	stemIDs  map[string]int32
	stemList []string
	postings [][]posting        // by stem id
	pairs    map[uint64][]int32 // adjacent stems (a<<32|b) -> documents, for phrases
	stops    map[string]bool    // stop words seen (not indexed)
	lengths  []int              // tokens per document
}

func newTerms() *terms {
	return &terms{stems: stemmer{}, surfaces: map[string]string{}, stemIDs: map[string]int32{},
		pairs: map[uint64][]int32{}, stops: map[string]bool{}}
}

// docState gathers one document's counts.
type docState struct {
	doc    int32
	slot   map[int32]int // stem id -> index in postings of this doc
	counts map[int32]int // stem id -> count in the current section
	length int
	buf    []token
}

// add indexes one record as document number doc.
func (t *terms) add(doc int32, r *record) {
	d := &docState{doc: doc, slot: map[int32]int{}, counts: map[int32]int{}}
	for _, id := range r.ids {
		t.field(d, id, weightID)
	}
	t.field(d, r.title, weightTitle)
	t.field(d, r.summary, weightSummary)
	t.field(d, r.facts, weightSummary)
	for i, s := range r.sections {
		clear(d.counts)
		t.field(d, s.heading, weightHeading)
		t.field(d, s.text, weightBody)
		if i == 0 {
			continue
		}
		for id, n := range d.counts {
			if p := &t.postings[id][d.slot[id]]; int32(n) > p.best {
				p.section, p.best = int32(i), int32(n)
			}
		}
	}
	t.lengths = append(t.lengths, d.length)
}

// field indexes one run of text with a weight.
func (t *terms) field(d *docState, text string, w float32) {
	if text == "" {
		return
	}
	d.buf = tokenize(text, d.buf[:0])
	prev := int32(-1)
	for _, tok := range d.buf {
		if !tok.ident && isStopWord(tok.text) {
			t.stops[tok.text] = true
			prev = -1 // pairs join adjacent indexed words only; search.js splits phrases the same way
			continue
		}
		stem := t.stems.stem(tok)
		t.surfaces[tok.text] = stem
		id, ok := t.stemIDs[stem]
		if !ok {
			id = int32(len(t.stemList))
			t.stemIDs[stem] = id
			t.stemList = append(t.stemList, stem)
			t.postings = append(t.postings, nil)
		}
		slot, ok := d.slot[id]
		if !ok {
			slot = len(t.postings[id])
			d.slot[id] = slot
			t.postings[id] = append(t.postings[id], posting{doc: d.doc})
		}
		t.postings[id][slot].weight += w
		d.counts[id]++
		d.length++
		if tok.ident {
			continue // its parts follow and make the pairs
		}
		if prev >= 0 {
			key := uint64(prev)<<32 | uint64(id)
			if docs := t.pairs[key]; len(docs) == 0 || docs[len(docs)-1] != d.doc {
				t.pairs[key] = append(docs, d.doc)
			}
		}
		prev = id
	}
}

// scores turns a stem's postings into BM25 scores, scaled to integers;
// avg is avgLength().
func (t *terms) scores(id int32, avg float64) []int {
	ps := t.postings[id]
	n := float64(len(t.lengths))
	df := float64(len(ps))
	idf := math.Log(1 + (n-df+0.5)/(df+0.5))
	out := make([]int, len(ps))
	for i, p := range ps {
		tf := float64(p.weight)
		norm := k1 * (1 - bm + bm*float64(t.lengths[p.doc])/avg)
		s := idf * tf * (k1 + 1) / (tf + norm)
		out[i] = min(max(int(math.Round(s*scoreScale)), 1), maxScore)
	}
	return out
}

// avgLength is the mean length of the documents, in tokens.
func (t *terms) avgLength() float64 {
	total := 0
	for _, l := range t.lengths {
		total += l
	}
	return max(float64(total)/float64(max(len(t.lengths), 1)), 1)
}

// encodePostings writes a stem's postings: for each document, the gap
// from the previous one, the score and the section. avg is avgLength(),
// the same for every stem.
func (t *terms) encodePostings(id int32, avg float64) string {
	ps := t.postings[id]
	sc := t.scores(id, avg)
	b := make([]byte, 0, len(ps)*3)
	prev := int32(0)
	for i, p := range ps {
		b = appendInt(b, int(p.doc-prev))
		b = appendInt(b, sc[i])
		b = appendInt(b, int(p.section))
		prev = p.doc
	}
	return string(b)
}

// encodePair writes the documents where two stems are adjacent.
func encodePair(docs []int32) string {
	b := make([]byte, 0, len(docs))
	prev := int32(0)
	for _, d := range docs {
		b = appendInt(b, int(d-prev))
		prev = d
	}
	return string(b)
}

// sortedStops lists the stop words the content used.
func (t *terms) sortedStops() []string {
	out := make([]string, 0, len(t.stops))
	for w := range t.stops {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}
