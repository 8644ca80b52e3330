package keyhash

import "testing"

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
