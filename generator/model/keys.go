package model

import (
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
)

// Keys are the positions of a front matter's key paths ("lead",
// "lead.1", "indicators.0.progress.2.value"), for diagnostics. Every
// document keeps them for as long as its build, so they are stored
// compactly: the paths in one string, in order, and for each its line
// and column, rather than a map of positions that each repeat the file's
// path. The zero value has no keys.
type Keys struct {
	path    string // the file
	names   string // every key path, sorted, concatenated
	entries []keyEntry
}

type keyEntry struct {
	end       uint32 // where the key's name ends in names; it starts where the last one ended
	line, col int32
}

// NewKeys stores positions, which must all be in one file.
func NewKeys(positions map[string]diag.Pos) Keys {
	if len(positions) == 0 {
		return Keys{}
	}
	names := make([]string, 0, len(positions))
	size := 0
	for k := range positions {
		names = append(names, k)
		size += len(k)
	}
	slices.Sort(names)
	var b strings.Builder
	b.Grow(size)
	k := Keys{entries: make([]keyEntry, len(names))}
	for i, name := range names {
		p := positions[name]
		k.path = p.Path
		b.WriteString(name)
		k.entries[i] = keyEntry{end: uint32(b.Len()), line: int32(p.Line), col: int32(p.Col)}
	}
	k.names = b.String()
	return k
}

// SortedKeys stores n positions in the file at path, given in the
// order of their names, which must be distinct and ascending (as
// NewKeys sorts them): at gives the i-th. No map is made and nothing is
// sorted, for front matter a build cache kept.
func SortedKeys(path string, n int, at func(i int) (name string, line, col int)) Keys {
	if n == 0 {
		return Keys{}
	}
	var b strings.Builder
	k := Keys{path: path, entries: make([]keyEntry, n)}
	for i := range n {
		name, line, col := at(i)
		b.WriteString(name)
		k.entries[i] = keyEntry{end: uint32(b.Len()), line: int32(line), col: int32(col)}
	}
	k.names = b.String()
	return k
}

// Len is the number of keys.
func (k Keys) Len() int { return len(k.entries) }

func (k Keys) name(i int) string {
	start := uint32(0)
	if i > 0 {
		start = k.entries[i-1].end
	}
	return k.names[start:k.entries[i].end]
}

// Get returns the position of a key path.
func (k Keys) Get(key string) (diag.Pos, bool) {
	lo, hi := 0, len(k.entries)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if k.name(m) < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(k.entries) && k.name(lo) == key {
		e := k.entries[lo]
		return diag.Pos{Path: k.path, Line: int(e.line), Col: int(e.col)}, true
	}
	return diag.Pos{}, false
}

// All returns every key path with its position, for tests.
func (k Keys) All() map[string]diag.Pos {
	out := make(map[string]diag.Pos, len(k.entries))
	for i, e := range k.entries {
		out[k.name(i)] = diag.Pos{Path: k.path, Line: int(e.line), Col: int(e.col)}
	}
	return out
}
