// Package keyhash names what something is made from: a SHA-256 of a
// sequence of values, each written with its length, so that two
// different sequences never hash alike ("ab","c" against "a","bc"). The
// build cache's keys are made with it: a page's view (package render),
// the route table and front matter (package site), the search index's
// records (package index).
package keyhash

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"unsafe"
)

// Hash is one key being made. The zero Hash is not ready: use New.
// Values are gathered in buf, a fixed array (no slice header to update
// and no write barrier for each of the thousands of small values a
// page's view has), and given to the hash a buffer at a time.
type Hash struct {
	h   hash.Hash
	n   int // bytes in buf
	buf [bufLen]byte
}

const bufLen = 32 << 10

// New starts a key with tag, which names what the key is of and the
// version of how it is made.
func New(tag string) *Hash {
	k := &Hash{h: sha256.New()}
	k.String(tag)
	return k
}

// Reset starts the key again, with tag.
func (k *Hash) Reset(tag string) {
	k.h.Reset()
	k.n = 0
	k.String(tag)
}

func (k *Hash) flush() {
	k.h.Write(k.buf[:k.n])
	k.n = 0
}

// Uint writes v.
func (k *Hash) Uint(v uint64) {
	if k.n > bufLen-binary.MaxVarintLen64 {
		k.flush()
	}
	for v >= 0x80 {
		k.buf[k.n] = byte(v) | 0x80
		v >>= 7
		k.n++
	}
	k.buf[k.n] = byte(v)
	k.n++
}

// Int writes n.
func (k *Hash) Int(n int) {
	// binary.AppendVarint's zig-zag encoding.
	v := uint64(n) << 1
	if n < 0 {
		v = ^v
	}
	k.Uint(v)
}

// Ints writes xs.
func (k *Hash) Ints(xs []int) {
	k.Int(len(xs))
	for _, x := range xs {
		k.Int(x)
	}
}

// Bool writes b.
func (k *Hash) Bool(b bool) {
	if b {
		k.Uint(1)
	} else {
		k.Uint(0)
	}
}

// String writes s. A long string (a body) goes to the hash as it is,
// not copied first: the hash only reads it.
func (k *Hash) String(s string) {
	k.Uint(uint64(len(s)))
	if len(s) >= 1<<10 || k.n+len(s) > bufLen {
		k.flush()
		if len(s) > 0 {
			k.h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
		}
		return
	}
	k.n += copy(k.buf[k.n:], s)
}

// Bytes writes b as String writes a string.
func (k *Hash) Bytes(b []byte) { k.String(unsafe.String(unsafe.SliceData(b), len(b))) }

// Sum32 writes a digest as Bytes writes its 32 bytes. It takes the
// digest by value, so that one made on the stack stays there: a key of
// hundreds of digests (a page's reads) would otherwise move each to the
// heap.
func (k *Hash) Sum32(d [32]byte) {
	if k.n > bufLen-binary.MaxVarintLen64-len(d) {
		k.flush()
	}
	k.Uint(uint64(len(d)))
	k.n += copy(k.buf[k.n:], d[:])
}

// Sum is the key of what was written.
func (k *Hash) Sum() [32]byte {
	k.flush()
	var out [32]byte
	k.h.Sum(out[:0])
	return out
}

// Shard places the name s in one of n parts, the same in every build
// (FNV-1a): the build cache keeps large sets in parts (rendered bodies,
// memos) so that an edit writes again the parts it touched.
func Shard(s string, n int) int {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return int(h % uint32(n))
}
