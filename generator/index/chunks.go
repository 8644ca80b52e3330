package index

import "slices"

// chunk is the JSON of a dictionary or pairs chunk; tests read chunks
// with it.
type chunk struct {
	W map[string]string `json:"w,omitempty"`
	N map[string]string `json:"n,omitempty"`
	P map[string]string `json:"p"`
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
