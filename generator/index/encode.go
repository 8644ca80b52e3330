package index

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Numbers in the index files are written as base-32 digits, most
// significant first, in one JSON string per list. The last digit of each
// number is one of the first 32 characters of digits, the digits before
// it one of the other 32; so a list of small numbers costs one character
// each and needs no separators. search.js decodes it with decodeInts.
const digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// appendInt appends the encoding of v (v >= 0) to b.
func appendInt(b []byte, v int) []byte {
	var tmp [8]byte
	n := len(tmp)
	n--
	tmp[n] = digits[v&31]
	for v >>= 5; v > 0; v >>= 5 {
		n--
		tmp[n] = digits[32+v&31]
	}
	return append(b, tmp[n:]...)
}

// decodeInts reverses appendInt over a whole list; tests use it.
func decodeInts(s string) []int {
	var out []int
	v := 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(digits, s[i])
		if d >= 32 {
			v = v<<5 | (d - 32)
			continue
		}
		out = append(out, v<<5|d)
		v = 0
	}
	return out
}

// runs encodes a sorted set of document numbers as alternating lengths of
// gaps and runs: 0-2,5,6 is "gap 0, run 3, gap 2, run 2".
func runs(docs []int) string {
	var b []byte
	next := 0
	for i := 0; i < len(docs); {
		j := i + 1
		for j < len(docs) && docs[j] == docs[j-1]+1 {
			j++
		}
		b = appendInt(b, docs[i]-next)
		b = appendInt(b, j-i)
		next = docs[j-1] + 1
		i = j
	}
	return string(b)
}

// hashName is the content hash that names a file, so it can be cached
// forever: the first 10 hex digits of its SHA-256.
func hashName(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:5])
}

// shortHash is a 4-character content tag for the many small fragment
// files, whose names also carry their batch number: it only has to change
// when the content does.
func shortHash(data []byte) string {
	sum := sha256.Sum256(data)
	v := int(sum[0])<<16 | int(sum[1])<<8 | int(sum[2])
	b := make([]byte, 4)
	for i := range b {
		b[i] = digits[v&63]
		v >>= 6
	}
	return string(b)
}
