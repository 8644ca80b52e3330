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
type Hash struct {
	h   hash.Hash
	buf []byte
}

const bufLen = 32 << 10

// New starts a key with tag, which names what the key is of and the
// version of how it is made.
func New(tag string) *Hash {
	k := &Hash{h: sha256.New(), buf: make([]byte, 0, bufLen)}
	k.String(tag)
	return k
}

// Reset starts the key again, with tag.
func (k *Hash) Reset(tag string) {
	k.h.Reset()
	k.buf = k.buf[:0]
	k.String(tag)
}

func (k *Hash) flush() {
	k.h.Write(k.buf)
	k.buf = k.buf[:0]
}

// Uint writes v.
func (k *Hash) Uint(v uint64) {
	if len(k.buf) > bufLen-binary.MaxVarintLen64 {
		k.flush()
	}
	k.buf = binary.AppendUvarint(k.buf, v)
}

// Int writes n.
func (k *Hash) Int(n int) {
	if len(k.buf) > bufLen-binary.MaxVarintLen64 {
		k.flush()
	}
	k.buf = binary.AppendVarint(k.buf, int64(n))
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
	if len(s) >= 1<<10 || len(k.buf)+len(s) > cap(k.buf) {
		k.flush()
		if len(s) > 0 {
			k.h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
		}
		return
	}
	k.buf = append(k.buf, s...)
}

// Bytes writes b as String writes a string.
func (k *Hash) Bytes(b []byte) { k.String(unsafe.String(unsafe.SliceData(b), len(b))) }

// Sum is the key of what was written.
func (k *Hash) Sum() [32]byte {
	k.flush()
	var out [32]byte
	k.h.Sum(out[:0])
	return out
}
