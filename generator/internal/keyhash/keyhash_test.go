package keyhash

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"strings"
	"testing"
)

// Keys differ whenever the values written differ, where they are cut
// included, and are the same for the same values however long. (Values
// carry no type: each caller writes the same kinds in the same order.)
func TestKeysTellSequencesApart(t *testing.T) {
	key := func(f func(k *Hash)) [32]byte { k := New("test 1"); f(k); return k.Sum() }
	long := string(make([]byte, 5000))
	seen := map[[32]byte]string{}
	for name, f := range map[string]func(k *Hash){
		"ab,c":      func(k *Hash) { k.String("ab"); k.String("c") },
		"a,bc":      func(k *Hash) { k.String("a"); k.String("bc") },
		"abc":       func(k *Hash) { k.String("abc") },
		"1":         func(k *Hash) { k.Uint(1) },
		"[1,2]":     func(k *Hash) { k.Ints([]int{1, 2}) },
		"[1],2":     func(k *Hash) { k.Ints([]int{1}); k.Int(2) },
		"long":      func(k *Hash) { k.String(long) },
		"long+x":    func(k *Hash) { k.String(long + "x") },
		"bytes abc": func(k *Hash) { k.Bytes([]byte("abd")) },
		"nothing":   func(k *Hash) {},
	} {
		s := key(f)
		if other, ok := seen[s]; ok {
			t.Errorf("%s and %s have the same key", name, other)
		}
		seen[s] = name
		if key(f) != s {
			t.Errorf("%s: two keys of the same values differ", name)
		}
	}
	k := New("test 1")
	k.String("x")
	k.Reset("test 1")
	if k.Sum() != key(func(*Hash) {}) {
		t.Error("Reset does not start again")
	}
	if New("test 2").Sum() == key(func(*Hash) {}) {
		t.Error("the tag does not change the key")
	}
}

// A key is the SHA-256 of the values as varints and length-prefixed
// strings, however they were buffered: the keys a build cache holds stay
// the same from one version of the buffering to the next.
func TestKeyIsTheHashOfTheEncoding(t *testing.T) {
	long := strings.Repeat("body ", 400) // past the size written directly
	var enc []byte
	str := func(s string) { enc = append(binary.AppendUvarint(enc, uint64(len(s))), s...) }
	k := New("tag")
	str("tag")
	for i := range 3000 { // more than the buffer holds
		k.Uint(uint64(i) * 977)
		enc = binary.AppendUvarint(enc, uint64(i)*977)
		k.Int(-i * 31)
		enc = binary.AppendVarint(enc, int64(-i*31))
		k.String("v" + strconv.Itoa(i))
		str("v" + strconv.Itoa(i))
		if i%500 == 0 {
			k.String(long)
			str(long)
		}
		d := sha256.Sum256([]byte(strconv.Itoa(i)))
		if i%2 == 0 {
			k.Sum32(d)
		} else {
			k.Bytes(d[:])
		}
		str(string(d[:]))
	}
	if got, want := k.Sum(), sha256.Sum256(enc); got != want {
		t.Errorf("key %x, want the hash of the encoding %x", got, want)
	}
}
