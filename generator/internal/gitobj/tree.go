package gitobj

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"sort"
	"strconv"
	"strings"
)

// Entry is one entry of a tree.
type Entry struct {
	Mode uint32 // 0o40000 a tree, 0o100644 a file, 0o120000 a link, 0o160000 a submodule
	Name []byte // shared with the tree's bytes
	ID   ID
}

// IsTree reports whether the entry is a folder.
func (e *Entry) IsTree() bool { return e.Mode == 0o40000 }

var errTree = errors.New("a damaged tree")

// entryLen is the length of the first entry of tree: its mode, a space,
// its name, a NUL and its object name.
func entryLen(tree []byte) (int, error) {
	nul := nameEnd(tree)
	if nul < 0 || nul+21 > len(tree) {
		return 0, errTree
	}
	return nul + 21, nil
}

// parseEntry reads the first entry of tree, n bytes long.
func parseEntry(tree []byte, n int) (Entry, error) {
	var e Entry
	sp := bytes.IndexByte(tree[:n], ' ')
	if sp <= 0 {
		return e, errTree
	}
	for _, c := range tree[:sp] {
		if c < '0' || c > '7' {
			return e, errTree
		}
		e.Mode = e.Mode<<3 | uint32(c-'0')
	}
	e.Name = tree[sp+1 : n-21]
	if len(e.Name) == 0 {
		return e, errTree
	}
	copy(e.ID[:], tree[n-20:n])
	return e, nil
}

// Lookup returns the entry named name in tree.
func Lookup(tree []byte, name string) (Entry, bool, error) {
	for len(tree) > 0 {
		n, err := entryLen(tree)
		if err != nil {
			return Entry{}, false, err
		}
		e, err := parseEntry(tree, n)
		if err != nil {
			return Entry{}, false, err
		}
		if string(e.Name) == name {
			return e, true, nil
		}
		tree = tree[n:]
	}
	return Entry{}, false, nil
}

// compareEntries orders entries as Git sorts a tree: by name, a folder's
// name followed by a slash.
func compareEntries(a, b *Entry) int {
	n := min(len(a.Name), len(b.Name))
	if c := bytes.Compare(a.Name[:n], b.Name[:n]); c != 0 {
		return c
	}
	next := func(e *Entry) int {
		if len(e.Name) > n {
			return int(e.Name[n])
		}
		if e.IsTree() {
			return '/'
		}
		return 0
	}
	return next(a) - next(b)
}

// Change is one file that differs between two trees, as git diff-tree
// -r --raw lists it: 'A' added, 'D' deleted, 'M' changed (its bytes or
// its mode).
type Change struct {
	Kind byte
	Path string
	// ID is the file's object after the change; zero when deleted.
	ID ID
	// Old is a deleted file's object; zero for other changes.
	Old ID
	// Mode is the file's mode after the change, or before it when
	// deleted.
	Mode uint32
}

// DiffTrees lists the files that differ between the trees a (older; the
// zero ID for none) and b, in Git's order, their paths under prefix.
// Folders are read as needed; a folder with the same object on both
// sides is not read at all.
//
// Most entries of two versions of a folder are the same. The runs of
// bytes the two trees have alike are found by comparing bytes, and the
// entries in them are passed over without being read: where they start
// comes from the entries of one of the two trees, known already (a tree
// compared with the one before it is compared next with the one before
// that), and the other's are made from them.
func (s *Store) DiffTrees(a, b ID, prefix string, emit func(Change)) error {
	if a == b {
		return nil
	}
	ta, err := s.tree(a)
	if err != nil {
		return err
	}
	tb, err := s.tree(b)
	if err != nil {
		return err
	}
	ia, aKnown := s.starts.get(a)
	ib, bKnown := s.starts.get(b)
	d := treeDiff{s: s, prefix: prefix, emit: emit}
	switch {
	case aKnown || !bKnown:
		if !aKnown {
			if ia, err = entryStarts(ta); err != nil {
				return err
			}
			s.starts.put(a, ia)
		}
		d.x, d.y, d.ix = ta, tb, ia
		if err := d.run(); err != nil {
			return err
		}
		s.starts.put(b, d.iy)
	default: // b's entries are known: read a's from them
		d.x, d.y, d.ix, d.xNew = tb, ta, ib, true
		if err := d.run(); err != nil {
			return err
		}
		s.starts.put(a, d.iy)
	}
	return nil
}

// tree reads a tree; the zero ID is the empty tree.
func (s *Store) tree(id ID) (*rope, error) {
	if id == (ID{}) {
		return &rope{}, nil
	}
	return s.readTree(id)
}

// entryStarts are where the entries of tree start.
func entryStarts(tree *rope) ([]int32, error) {
	if tree.size > 1<<31-1 {
		return nil, errTree
	}
	var starts []int32
	var hint int
	var buf []byte
	for at := 0; at < tree.size; {
		e, err := tree.entryAt(at, &hint, &buf)
		if err != nil {
			return nil, err
		}
		if _, err := parseEntry(e, len(e)); err != nil {
			return nil, err
		}
		starts = append(starts, int32(at))
		at += len(e)
	}
	return starts, nil
}

// treeDiff compares the tree x, whose entries start at ix, with the
// tree y, and makes iy, where y's entries start. x is the older tree
// unless xNew.
type treeDiff struct {
	s      *Store
	prefix string
	emit   func(Change)
	x, y   *rope
	ix, iy []int32
	xNew   bool
	// Where x and y were read last, and memory for an entry of each
	// that lies across pieces.
	hx, hy     int
	bufX, bufY []byte
}

// end is where x's entry k ends.
func (d *treeDiff) end(k int) int {
	if k+1 < len(d.ix) {
		return int(d.ix[k+1])
	}
	return d.x.size
}

func (d *treeDiff) run() error {
	x, y := d.x, d.y
	d.iy = d.s.starts.buffer(len(d.ix) + 4)
	if y.size > 1<<31-1 {
		return errTree
	}
	tail := ropeEnd(x, y)
	px, py, k := 0, 0, 0 // k is x's entry at px
	for {
		// The entries of x wholly in the run of bytes both have alike
		// from here are y's too.
		if px < x.size && py < y.size {
			lim := px + ropePrefix(x, px, y, py, &d.hx, &d.hy)
			k2 := k + sort.Search(len(d.ix)-k, func(i int) bool { return d.end(k+i) > lim })
			if k2 > k {
				for _, st := range d.ix[k:k2] {
					d.iy = append(d.iy, int32(int(st)-px+py))
				}
				next := d.end(k2 - 1)
				py += next - px
				px, k = next, k2
			}
		}
		if x.size-px == y.size-py && x.size-px <= tail {
			// The rest is the same.
			for _, st := range d.ix[k:] {
				d.iy = append(d.iy, int32(int(st)-px+py))
			}
			return nil
		}
		var ex, ey Entry
		var n, m int
		if px < x.size {
			n = d.end(k) - px
			var err error
			if ex, err = parseEntry(x.bytes(px, n, &d.hx, &d.bufX), n); err != nil {
				return err
			}
		}
		if py < y.size {
			e, err := y.entryAt(py, &d.hy, &d.bufY)
			if err != nil {
				return err
			}
			m = len(e)
			if ey, err = parseEntry(e, m); err != nil {
				return err
			}
		}
		c := 0
		switch {
		case px == x.size:
			c = 1
		case py == y.size:
			c = -1
		default:
			c = compareEntries(&ex, &ey)
		}
		switch {
		case c < 0:
			if err := d.only(&ex, !d.xNew); err != nil {
				return err
			}
			px += n
			k++
		case c > 0:
			if err := d.only(&ey, d.xNew); err != nil {
				return err
			}
			d.iy = append(d.iy, int32(py))
			py += m
		default:
			older, newer := &ex, &ey
			if d.xNew {
				older, newer = newer, older
			}
			if err := d.s.both(older, newer, d.prefix, d.emit); err != nil {
				return err
			}
			d.iy = append(d.iy, int32(py))
			px += n
			k++
			py += m
		}
	}
}

// only lists an entry only one side has: deleted when it is the older
// side's, else added.
func (d *treeDiff) only(e *Entry, older bool) error {
	kind := byte('A')
	if older {
		kind = 'D'
	}
	return d.s.side(e, kind, d.prefix, d.emit)
}

// samePrefix is how many bytes a and b start with alike.
func samePrefix(a, b []byte) int {
	n := min(len(a), len(b))
	m := 0
	for _, block := range [...]int{4096, 128} {
		for m+block <= n && bytes.Equal(a[m:m+block], b[m:m+block]) {
			m += block
		}
	}
	for m < n && a[m] == b[m] {
		m++
	}
	return m
}

// sameEnd is how many bytes a and b end with alike.
func sameEnd(a, b []byte) int {
	n := min(len(a), len(b))
	m := 0
	for _, block := range [...]int{4096, 128} {
		for m+block <= n && bytes.Equal(a[len(a)-m-block:len(a)-m], b[len(b)-m-block:len(b)-m]) {
			m += block
		}
	}
	for m < n && a[len(a)-m-1] == b[len(b)-m-1] {
		m++
	}
	return m
}

// nameEnd is where the first NUL of tree is (-1 when none): the end of
// its first entry's name. Names are short: eight bytes at a time beats
// a call to bytes.IndexByte.
func nameEnd(tree []byte) int {
	i := 0
	for ; i+8 <= len(tree); i += 8 {
		w := binary.LittleEndian.Uint64(tree[i:])
		if z := (w - 0x0101010101010101) &^ w & 0x8080808080808080; z != 0 {
			return i + bits.TrailingZeros64(z)/8
		}
	}
	for ; i < len(tree); i++ {
		if tree[i] == 0 {
			return i
		}
	}
	return -1
}

// side lists an entry only one tree has: a file, or every file of a
// folder.
func (s *Store) side(e *Entry, kind byte, prefix string, emit func(Change)) error {
	path := prefix + string(e.Name)
	if !e.IsTree() {
		ch := Change{Kind: kind, Path: path, Mode: e.Mode}
		if kind == 'D' {
			ch.Old = e.ID
		} else {
			ch.ID = e.ID
		}
		emit(ch)
		return nil
	}
	if kind == 'D' {
		return s.DiffTrees(e.ID, ID{}, path+"/", emit)
	}
	return s.DiffTrees(ID{}, e.ID, path+"/", emit)
}

// both compares an older and a newer entry of the same name and kind
// (file or folder).
func (s *Store) both(a, b *Entry, prefix string, emit func(Change)) error {
	if a.ID == b.ID && a.Mode == b.Mode {
		return nil
	}
	if !a.IsTree() {
		emit(Change{Kind: 'M', Path: prefix + string(b.Name), ID: b.ID, Mode: b.Mode})
		return nil
	}
	return s.DiffTrees(a.ID, b.ID, prefix+string(b.Name)+"/", emit)
}

// CommitInfo is what a commit says of itself.
type CommitInfo struct {
	Tree    ID
	Parents []ID
	// Time is the committer's time, in seconds since 1970.
	Time int64
	// Subject is the first paragraph of the message, its lines joined
	// by spaces, as git log's %s gives it.
	Subject string
}

// ParseCommit reads a commit object. A commit with an encoding other
// than UTF-8 is an error: Git would convert its message.
func ParseCommit(data []byte) (CommitInfo, error) {
	var c CommitInfo
	bad := func(what string) error { return fmt.Errorf("a commit with %s", what) }
	head, msg, ok := bytes.Cut(data, []byte("\n\n"))
	if !ok {
		head, msg = bytes.TrimSuffix(data, []byte("\n")), nil
	}
	var haveTree, haveCommitter bool
	for line := range bytes.SplitSeq(head, []byte("\n")) {
		key, value, _ := bytes.Cut(line, []byte(" "))
		switch string(key) {
		case "tree":
			id, err := ParseID(string(value))
			if err != nil || haveTree {
				return c, bad("a wrong tree")
			}
			c.Tree, haveTree = id, true
		case "parent":
			id, err := ParseID(string(value))
			if err != nil {
				return c, bad("a wrong parent")
			}
			c.Parents = append(c.Parents, id)
		case "committer":
			f := strings.Fields(string(value))
			if len(f) < 2 {
				return c, bad("no date")
			}
			t, err := strconv.ParseInt(f[len(f)-2], 10, 64)
			if err != nil {
				return c, bad("no date")
			}
			c.Time, haveCommitter = t, true
		case "encoding":
			if !strings.EqualFold(string(value), "utf-8") && !strings.EqualFold(string(value), "utf8") {
				return c, bad("a message in " + string(value))
			}
		}
	}
	if !haveTree || !haveCommitter {
		return c, bad("no tree or no committer")
	}
	c.Subject = subject(msg)
	return c, nil
}

// subject is git's %s of a message: blank lines at its start left out,
// then the lines up to the first blank one, each without the spaces
// that end it, joined by one space.
func subject(msg []byte) string {
	var b strings.Builder
	started := false
	for len(msg) > 0 {
		line, rest, _ := bytes.Cut(msg, []byte("\n"))
		msg = rest
		line = bytes.TrimRight(line, " \t\n\r") // Git's isspace
		if len(line) == 0 {
			if started {
				break
			}
			continue
		}
		if started {
			b.WriteByte(' ')
		}
		b.Write(line)
		started = true
	}
	return b.String()
}
