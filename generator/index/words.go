package index

import (
	"encoding/binary"
	"math/bits"
)

// wordTable maps the words of the content (lower-cased) to their stems'
// numbers and their own. It
// is a Go map specialized for the one look-up per token that indexing
// does: the key is the token's bytes, hashed once, and a hit compares
// them with one string.
type wordTable struct {
	slots []wordSlot // a power of two, at most half full
	shift uint       // 64 - log2(len(slots))
	n     int
}

type wordSlot struct {
	hash uint64 // 0 for an empty slot
	key  string
	id   int32 // the stem's number, -1 for a stop word
	word int32 // the word's number
}

func newWordTable() *wordTable {
	const initial = 1 << 12
	return &wordTable{slots: make([]wordSlot, initial), shift: uint(64 - bits.TrailingZeros(initial))}
}

// hashWord hashes a word's bytes, eight at a time; the result is never 0.
func hashWord(b []byte) uint64 {
	const m = 0x9e3779b97f4a7c15
	h := uint64(len(b)) * m
	for len(b) >= 8 {
		h = (h ^ binary.LittleEndian.Uint64(b)) * m
		h ^= h >> 32
		b = b[8:]
	}
	var t uint64
	for i, c := range b {
		t |= uint64(c) << (8 * i)
	}
	h = (h ^ t) * m
	h ^= h >> 29
	return h | 1
}

// get returns the stem's number and the word's of the word b, whose
// hash is h.
func (w *wordTable) get(b []byte, h uint64) (id, word int32, ok bool) {
	mask := uint64(len(w.slots) - 1)
	for i := h >> w.shift; ; i = (i + 1) & mask {
		s := &w.slots[i]
		if s.hash == h && s.key == string(b) {
			return s.id, s.word, true
		}
		if s.hash == 0 {
			return 0, 0, false
		}
	}
}

// lookup returns the stem's number of a word.
func (w *wordTable) lookup(word string) (int32, bool) {
	id, _, ok := w.get([]byte(word), hashWord([]byte(word)))
	return id, ok
}

// put adds a word that is not in the table, with its stem's number and
// its own.
func (w *wordTable) put(word string, h uint64, id, num int32) {
	if 2*(w.n+1) > len(w.slots) {
		old := w.slots
		w.slots = make([]wordSlot, 2*len(old))
		w.shift--
		for _, s := range old {
			if s.hash != 0 {
				w.insert(s)
			}
		}
	}
	w.insert(wordSlot{hash: h, key: word, id: id, word: num})
	w.n++
}

func (w *wordTable) insert(s wordSlot) {
	mask := uint64(len(w.slots) - 1)
	i := s.hash >> w.shift
	for w.slots[i].hash != 0 {
		i = (i + 1) & mask
	}
	w.slots[i] = s
}

// all calls f for every word, in no particular order.
func (w *wordTable) all(f func(word string, id int32)) {
	for _, s := range w.slots {
		if s.hash != 0 {
			f(s.key, s.id)
		}
	}
}
