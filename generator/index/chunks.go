package index

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// chunkWriter splits sorted keys into chunks of about chunkTarget bytes
// and writes each as <kind>-<hash>.json: {"w":{word: stem},"p":{key:
// postings}}, with "w" left out when empty, as encoding/json writes the
// chunk type. The first chunk's key is "", so every key has a chunk.
type chunkWriter struct {
	kind string
	emit func(name string, data []byte) error
	// target is the size past which a chunk is closed (chunkTarget when
	// zero).
	target int
	// w, n and p are the members of the current chunk's "w", "n" and
	// "p".
	w, n, p []byte
	size    int    // bytes of keys and values, plus 6 each
	first   string // the current chunk's first key
	list    [][2]string
	err     error
}

// chunk is the JSON of a dictionary or pairs chunk; tests read chunks
// with it.
type chunk struct {
	W map[string]string `json:"w,omitempty"`
	N map[string]string `json:"n,omitempty"`
	P map[string]string `json:"p"`
}

// full reports whether the next key starts a new chunk; the caller then
// calls flush with that key.
func (c *chunkWriter) full() bool { return c.size >= cmp.Or(c.target, chunkTarget) }

// word adds a word, its stem ("" when the word is its own stem) and how
// many postings its stem has: a prefix typed so far ("pr") stands for the
// most common of the words it begins, chosen without their postings.
func (c *chunkWriter) word(key, stem string, postings int) {
	c.w = appendMember(c.w, key, stem)
	c.n = appendDigitsMember(c.n, key, strconv.AppendInt(nil, int64(postings), 10))
	c.size += 2*len(key) + len(stem) + 16
}

// postings adds a key's postings (digits, which JSON need not escape).
func (c *chunkWriter) postings(key string, postings []byte) {
	c.p = appendDigitsMember(c.p, key, postings)
	c.size += len(key) + len(postings) + 6
}

func appendMember(b []byte, key, value string) []byte {
	if len(b) > 0 {
		b = append(b, ',')
	}
	b = appendString(b, key)
	b = append(b, ':')
	return appendString(b, value)
}

// appendDigitsMember appends a member whose value is written with
// digits.
func appendDigitsMember[K string | []byte](b []byte, key K, value []byte) []byte {
	if len(b) > 0 {
		b = append(b, ',')
	}
	b = appendString(b, key)
	b = append(b, ':', '"')
	b = append(b, value...)
	return append(b, '"')
}

// flush writes the current chunk and starts the next at key next.
func (c *chunkWriter) flush(next string) {
	data := make([]byte, 0, len(c.w)+len(c.n)+len(c.p)+24)
	if len(c.w) > 0 {
		data = append(data, `{"w":{`...)
		data = append(data, c.w...)
		data = append(data, `},"n":{`...)
		data = append(data, c.n...)
		data = append(data, `},"p":{`...)
	} else {
		data = append(data, `{"p":{`...)
	}
	data = append(data, c.p...)
	data = append(data, "}}"...)
	h := hashName(data)
	if c.err == nil {
		c.err = c.emit(ChunkDir+c.kind+"-"+h+".json", data)
	}
	c.list = append(c.list, [2]string{c.first, h})
	c.w, c.n, c.p, c.size, c.first = c.w[:0], c.n[:0], c.p[:0], 0, next
}

// termKey is a key of the dictionary: a word as written, a stem, or
// both.
type termKey struct {
	key  string
	word int32 // for a word: its stem's number; else -1
	stem int32 // for a stem: its number; else -1
}

// sortedKeys returns the keys of the dictionary in order, and the stems
// in order with each stem's rank among them.
func (t *terms) sortedKeys() (keys []termKey, stems []string, rank []int32) {
	keys = make([]termKey, 0, t.words.n+len(t.stemList))
	t.words.all(func(w string, id int32) {
		if id >= 0 {
			stem, ok := t.stemIDs[w]
			if !ok {
				stem = -1
			}
			keys = append(keys, termKey{key: w, word: id, stem: stem})
		}
	})
	for id, stem := range t.stemList {
		if w, ok := t.words.lookup(stem); !ok || w < 0 {
			keys = append(keys, termKey{key: stem, word: -1, stem: int32(id)})
		}
	}
	slices.SortFunc(keys, func(a, b termKey) int { return strings.Compare(a.key, b.key) })
	rank = make([]int32, len(t.stemList))
	stems = make([]string, 0, len(t.stemList))
	for _, k := range keys {
		if k.stem >= 0 {
			rank[k.stem] = int32(len(stems))
			stems = append(stems, k.key)
		}
	}
	return keys, stems, rank
}

// writeDictionary writes the dictionary: the words chunks (each word
// and its stem) and the terms chunks (each stem's postings), and returns
// each kind's first keys and hashes. They are apart so that looking words
// up (a prefix, the words one typo away) loads small chunks of words, not
// the postings of every stem in their range: one on nearly every page
// ("traffick") would come along with every word near it.
func writeDictionary(t *terms, keys []termKey, emit func(string, []byte) error) (words, stems [][2]string, err error) {
	postings, at := t.byStem()
	avg := t.avgLength()
	// The first error stops both kinds of chunk.
	var failed error
	once := func(name string, data []byte) error {
		if failed == nil {
			failed = emit(name, data)
		}
		return failed
	}
	w := &chunkWriter{kind: "words", emit: once, target: wordsTarget}
	c := &chunkWriter{kind: "terms", emit: once}
	var buf []byte
	for _, k := range keys {
		if k.word >= 0 {
			if w.full() {
				w.flush(k.key)
			}
			stem := t.stemList[k.word]
			if stem == k.key {
				stem = ""
			}
			w.word(k.key, stem, int(at[k.word+1]-at[k.word]))
		}
		if k.stem >= 0 {
			if c.full() {
				c.flush(k.key)
			}
			buf = t.appendPostings(buf[:0], postings[at[k.stem]:at[k.stem+1]], avg)
			c.postings(k.key, buf)
		}
	}
	w.flush("")
	c.flush("")
	return w.list, c.list, failed
}

// writePairs writes the pairs chunks and returns their first keys and
// hashes; stems and rank are from sortedKeys.
func writePairs(t *terms, stems []string, rank []int32, emit func(string, []byte) error) ([][2]string, error) {
	parts, total := t.pairs.parts(), t.pairs.len()
	t.pairs = blocks[pairOcc]{} // groupPairs lets go of the parts as it reads them
	at, pairs := groupPairs(parts, total, rank)
	c := &chunkWriter{kind: "pairs", emit: emit}
	var key, buf []byte
	for a := range stems {
		group := pairs[at[a]:at[a+1]]
		for i := 0; i < len(group); {
			b, doc := group[i]>>32, int32(group[i])
			if c.full() {
				c.flush(stems[a] + " " + stems[b])
			}
			key = append(append(append(key[:0], stems[a]...), ' '), stems[b]...)
			buf = appendInt(buf[:0], int(doc))
			for i++; i < len(group) && group[i]>>32 == b; i++ {
				if d := int32(group[i]); d != doc {
					buf = appendInt(buf, int(d-doc))
					doc = d
				}
			}
			c.p = appendDigitsMember(c.p, key, buf)
			c.size += len(key) + len(buf) + 6
		}
	}
	c.flush("")
	return c.list, c.err
}

// groupPairs sorts the occurrences of pairs in key order: "a b" sorts as
// the pair (a, b) of the stems' ranks does, since stems hold no byte at or
// below ' '. The occurrences of first stem a are pairs[at[a]:at[a+1]],
// each the rank of the second stem << 32 | the document, sorted. It is a
// radix sort, on b then on a, each pass keeping the documents in order.
func groupPairs(parts [][]pairOcc, total int, rank []int32) (at []int32, pairs []uint64) {
	n := len(rank)
	byB := make([]int32, n+1)
	at = make([]int32, n+1)
	for _, part := range parts {
		for _, o := range part {
			byB[rank[o.b]+1]++
			at[rank[o.a]+1]++
		}
	}
	for i := 1; i <= n; i++ {
		byB[i] += byB[i-1]
		at[i] += at[i-1]
	}
	tmp := make([]uint64, total) // a << 32 | doc, by b
	next := slices.Clone(byB[:n])
	for k, part := range parts {
		for _, o := range part {
			b := rank[o.b]
			tmp[next[b]] = uint64(rank[o.a])<<32 | uint64(o.doc)
			next[b]++
		}
		parts[k] = nil
	}
	copy(next, at[:n])
	pairs = make([]uint64, total)
	for b := range n {
		for _, e := range tmp[byB[b]:byB[b+1]] {
			a := e >> 32
			pairs[next[a]] = uint64(b)<<32 | e&0xffffffff
			next[a]++
		}
	}
	return at, pairs
}
