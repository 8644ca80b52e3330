package gitobj

import (
	"sort"
	"unsafe"
)

// A rope is the bytes of a large tree as pieces of other memory: a
// version of a folder made by a delta from another version is mostly runs
// of that version's bytes, which the rope refers to instead of copying
// (a folder of 8,000 files is half a megabyte, and a history reads
// thousands of its versions). Two versions made from the same bytes
// share them: DiffTrees passes over a run both refer to without reading
// it. The memory a rope refers to is never written.
type rope struct {
	pieces []piece // none empty, in order
	size   int
}

// piece is a run of a rope's bytes, starting at at.
type piece struct {
	b  []byte
	at int
}

// minRope is the size from which a tree made by a delta is kept as a
// rope (see readPacked); a smaller one is copied whole. maxPieces is the
// most pieces a rope has: one that would have more is made whole. (Both
// are variables for tests.)
var (
	minRope   = 64 << 10
	maxPieces = 512
)

// flatRope is the rope of one run of bytes.
func flatRope(b []byte) *rope {
	if len(b) == 0 {
		return &rope{}
	}
	return &rope{pieces: []piece{{b, 0}}, size: len(b)}
}

// cost is what a rope takes in a cache's budget: its list of pieces and
// the bytes only it holds (lit).
func (r *rope) cost(lit int) int { return len(r.pieces)*int(unsafe.Sizeof(piece{})) + lit }

// flat is the rope's bytes in one run: the run itself when it has one.
func (r *rope) flat() []byte {
	if len(r.pieces) == 1 {
		return r.pieces[0].b
	}
	out := make([]byte, 0, r.size)
	for _, pc := range r.pieces {
		out = append(out, pc.b...)
	}
	return out
}

// find is the piece that holds the byte at p (0 <= p < size); hint,
// the piece found last, makes reading in order cheap.
func (r *rope) find(p int, hint *int) int {
	if i := *hint; i < len(r.pieces) {
		if pc := r.pieces[i]; pc.at <= p && p < pc.at+len(pc.b) {
			return i
		}
		if i+1 < len(r.pieces) {
			if pc := r.pieces[i+1]; pc.at <= p && p < pc.at+len(pc.b) {
				*hint = i + 1
				return i + 1
			}
		}
	}
	i := sort.Search(len(r.pieces), func(j int) bool { return r.pieces[j].at+len(r.pieces[j].b) > p })
	*hint = i
	return i
}

// from is the bytes from p (< size) to the end of p's piece.
func (r *rope) from(p int, hint *int) []byte {
	pc := r.pieces[r.find(p, hint)]
	return pc.b[p-pc.at:]
}

// upTo is the bytes before p (> 0) from the start of their piece.
func (r *rope) upTo(p int, hint *int) []byte {
	pc := r.pieces[r.find(p-1, hint)]
	return pc.b[:p-pc.at]
}

// bytes is the n bytes at p: a slice of a piece when one holds them all,
// else copied into buf.
func (r *rope) bytes(p, n int, hint *int, buf *[]byte) []byte {
	s := r.from(p, hint)
	if len(s) >= n {
		return s[:n]
	}
	b := (*buf)[:0]
	for len(b) < n {
		s = r.from(p+len(b), hint)
		b = append(b, s[:min(len(s), n-len(b))]...)
	}
	*buf = b
	return b
}

// entryAt is the bytes of the tree entry at p: its mode, name, NUL and
// object name (see entryLen).
func (r *rope) entryAt(p int, hint *int, buf *[]byte) ([]byte, error) {
	s := r.from(p, hint)
	if nul := nameEnd(s); nul >= 0 {
		if nul+21 > r.size-p {
			return nil, errTree
		}
		return r.bytes(p, nul+21, hint, buf), nil
	}
	// The name goes on into the next pieces.
	b := append((*buf)[:0], s...)
	for q := p + len(s); ; {
		if q >= r.size {
			return nil, errTree
		}
		s = r.from(q, hint)
		if nul := nameEnd(s); nul >= 0 {
			n := len(b) + nul + 21
			if n > r.size-p {
				return nil, errTree
			}
			*buf = b
			return r.bytes(p, n, hint, buf), nil
		}
		b = append(b, s...)
		q += len(s)
	}
}

// sameMemory reports whether a and b begin at the same byte of memory:
// then their first min(len(a), len(b)) bytes are the same.
func sameMemory(a, b []byte) bool {
	return len(a) > 0 && len(b) > 0 && unsafe.SliceData(a) == unsafe.SliceData(b)
}

// ropePrefix is how many bytes x from px and y from py have alike.
func ropePrefix(x *rope, px int, y *rope, py int, hx, hy *int) int {
	n := 0
	for px+n < x.size && py+n < y.size {
		xs, ys := x.from(px+n, hx), y.from(py+n, hy)
		l := min(len(xs), len(ys))
		if sameMemory(xs, ys) {
			n += l
			continue
		}
		m := samePrefix(xs[:l], ys[:l])
		n += m
		if m < l {
			break
		}
	}
	return n
}

// ropeEnd is how many bytes x and y end with alike.
func ropeEnd(x, y *rope) int {
	var hx, hy int
	n := 0
	for n < x.size && n < y.size {
		xs, ys := x.upTo(x.size-n, &hx), y.upTo(y.size-n, &hy)
		l := min(len(xs), len(ys))
		xs, ys = xs[len(xs)-l:], ys[len(ys)-l:]
		if sameMemory(xs, ys) {
			n += l
			continue
		}
		m := sameEnd(xs, ys)
		n += m
		if m < l {
			break
		}
	}
	return n
}

// appendPiece adds b to pieces, as a longer last piece when it goes on
// from it in the same memory.
func appendPiece(pieces []piece, at int, b []byte) []piece {
	if len(b) == 0 {
		return pieces
	}
	if k := len(pieces) - 1; k >= 0 {
		last := pieces[k].b
		// Within the capacity of last, the next byte of memory is
		// last's own: the same run, made longer.
		if cap(last)-len(last) >= len(b) && unsafe.SliceData(last[len(last):cap(last)]) == unsafe.SliceData(b) {
			pieces[k].b = last[:len(last)+len(b)]
			return pieces
		}
	}
	return append(pieces, piece{b, at})
}

// applyDeltaRope is applyDelta made as a rope: the copies of the base
// are its pieces, and the bytes the delta adds are copied into memory of
// the rope's own, lit bytes long. The pieces are made in scratch, then
// copied to a list pieces gives, for at least n: a delta made from a
// rope of hundreds of pieces cuts few of them, and how many is known
// only once it is applied.
func applyDeltaRope(base *rope, delta []byte, scratch *[]piece, pieces func(n int) []piece) (r *rope, lit int, err error) {
	size, ops, err := deltaOps(delta, base.size)
	if err != nil {
		return nil, 0, err
	}
	// What the delta adds is at most its own length: this memory is
	// never grown, so the pieces made of it stay where they are.
	own := make([]byte, 0, len(ops))
	// Most copies are runs of the base's pieces, and each instruction
	// of the delta (two bytes or more) cuts at most one piece.
	r = &rope{pieces: (*scratch)[:0]}
	var hint int
	err = eachOp(ops, base.size, size,
		func(off, n int) {
			for p, end := off, off+n; p < end; {
				s := base.from(p, &hint)
				s = s[:min(len(s), end-p)]
				r.pieces = appendPiece(r.pieces, r.size, s)
				r.size += len(s)
				p += len(s)
			}
		},
		func(b []byte) {
			start := len(own)
			own = append(own, b...)
			r.pieces = appendPiece(r.pieces, r.size, own[start:])
			r.size += len(b)
		})
	*scratch = r.pieces
	if err != nil {
		return nil, 0, err
	}
	r.pieces = append(pieces(len(r.pieces)), r.pieces...)
	return r, cap(own), nil
}
