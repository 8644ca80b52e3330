// Package gitobj reads a Git repository's objects (commits, trees and
// blobs) straight from its object folder: the pack files and their
// indexes, and loose objects. It knows SHA-1 repositories with version 2
// indexes and packs, which is what Git has written for many years.
//
// It exists for speed: package history lists which files every commit
// changed, and Git's own tree comparison, entry by entry, is most of the
// time a history costs when a folder holds thousands of files. Anything
// this package does not know (another object format, a missing object,
// damage) is an error, and the caller asks Git instead: nothing here is
// trusted beyond what it can check.
package gitobj

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ID is a SHA-1 object name.
type ID [20]byte

// ParseID reads a 40-digit hexadecimal object name.
func ParseID(s string) (ID, error) {
	var id ID
	if len(s) != 40 {
		return id, fmt.Errorf("%q is not an object name", s)
	}
	if _, err := hex.Decode(id[:], []byte(s)); err != nil {
		return id, fmt.Errorf("%q is not an object name", s)
	}
	return id, nil
}

func (id ID) String() string { return hex.EncodeToString(id[:]) }

// BlobID is the name Git gives a file of the bytes data.
func BlobID(data []byte) ID {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(data)) + "\x00"))
	h.Write(data)
	var id ID
	h.Sum(id[:0])
	return id
}

// Kind is an object's type, as packs number them.
type Kind byte

const (
	Commit Kind = 1
	Tree   Kind = 2
	Blob   Kind = 3
	Tag    Kind = 4

	ofsDelta = 6
	refDelta = 7
)

func (k Kind) String() string {
	switch k {
	case Commit:
		return "commit"
	case Tree:
		return "tree"
	case Blob:
		return "blob"
	case Tag:
		return "tag"
	}
	return "kind " + strconv.Itoa(int(k))
}

// ErrMissing is returned for an object the store does not hold (a
// partial clone's, or a damaged repository's).
var ErrMissing = errors.New("object not found")

// trustedSize is the size up to which an object's memory is taken at
// once, as its header says: larger ones grow as they are read.
const trustedSize = 16 << 20

// maxObject is the largest object read: a larger one is an error, so
// that a damaged size cannot ask for any amount of memory.
const maxObject = 1 << 30

// Store reads the objects of one repository. It is not safe for use by
// several goroutines at once. The bytes it returns are shared with its
// cache: a caller never writes to them.
type Store struct {
	dirs  []string // the object folder and its alternates
	packs []*pack
	cache cache
	// starts are where the entries of the trees compared last start.
	starts startsCache
	inf    io.ReadCloser // a zlib reader, reset for each object
	// scratch is where a rope's pieces are made (applyDeltaRope).
	scratch []piece
	src     bytes.Reader
}

// Open opens the object folder dir (a repository's .git/objects, as
// `git rev-parse --git-path objects` names it) and its alternates.
func Open(dir string) (*Store, error) {
	s := &Store{cache: cache{budget: 32 << 20, items: map[cacheKey]*cacheItem{}}}
	if err := s.addDir(dir, 0); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) addDir(dir string, depth int) error {
	if depth > 5 {
		return errors.New("alternates nest too deep")
	}
	if slices.Contains(s.dirs, dir) {
		return nil
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("no object folder at %s", dir)
	}
	s.dirs = append(s.dirs, dir)
	idxs, _ := filepath.Glob(filepath.Join(dir, "pack", "*.idx"))
	slices.Sort(idxs)
	for _, idx := range idxs {
		p, err := openPack(idx)
		if err != nil {
			return err
		}
		s.packs = append(s.packs, p)
	}
	alt, err := os.ReadFile(filepath.Join(dir, "info", "alternates"))
	if err != nil {
		return nil
	}
	for line := range strings.Lines(string(alt)) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, `"`) {
			return errors.New("a quoted alternate")
		}
		if !filepath.IsAbs(line) {
			line = filepath.Join(dir, line)
		}
		if err := s.addDir(filepath.Clean(line), depth+1); err != nil {
			return err
		}
	}
	return nil
}

// Close lets go of the pack files.
func (s *Store) Close() error {
	var first error
	for _, p := range s.packs {
		if err := p.close(); err != nil && first == nil {
			first = err
		}
	}
	s.packs = nil
	return first
}

// Release says that nothing read from s so far is used any more: the
// memory of the large objects s let go of may hold the next ones. (A
// history reads thousands of versions of a folder's tree, each as large
// as the folder has files; clearing new memory for each was a fifth of
// the time.)
func (s *Store) Release() {
	c := &s.cache
	c.epoch++
	// A few of each size are kept (the versions of a large folder and
	// a small one take turns): more would only hold memory.
	for _, b := range c.evicted {
		class, same := bits.Len(uint(cap(b))), 0
		for _, f := range c.free {
			if bits.Len(uint(cap(f))) == class {
				same++
			}
		}
		if same < 4 {
			c.free = append(c.free, b)
		}
	}
	clear(c.evicted)
	c.evicted = c.evicted[:0]
	c.freePieces = append(c.freePieces, c.evictedPieces...)
	clear(c.evictedPieces)
	c.evictedPieces = c.evictedPieces[:0]
	if len(c.freePieces) > maxFreePieces {
		c.freePieces = slices.Delete(c.freePieces, 0, len(c.freePieces)-maxFreePieces)
	}
	st := &s.starts
	st.free = append(st.free, st.evicted...)
	clear(st.evicted)
	st.evicted = st.evicted[:0]
	if len(st.free) > 16 {
		st.free = slices.Delete(st.free, 0, len(st.free)-16)
	}
}

// Read returns the object id: its type and its bytes.
func (s *Store) Read(id ID) (Kind, []byte, error) {
	for _, p := range s.packs {
		if off, ok := p.find(id); ok {
			k, obj, err := s.readPacked(p, off, false)
			return k, obj.bytes(), err
		}
	}
	return s.readLoose(id)
}

// readTree reads the tree id as a rope: a large one made by a delta is
// pieces of the tree the delta was made from (see rope).
func (s *Store) readTree(id ID) (*rope, error) {
	var k Kind
	var r *rope
	found := false
	for _, p := range s.packs {
		if off, ok := p.find(id); ok {
			var obj object
			var err error
			if k, obj, err = s.readPacked(p, off, true); err != nil {
				return nil, err
			}
			r, found = obj.asRope(), true
			break
		}
	}
	if !found {
		var data []byte
		var err error
		if k, data, err = s.readLoose(id); err != nil {
			return nil, err
		}
		r = flatRope(data)
	}
	if k != Tree {
		return nil, wrongKind(id, k, Tree)
	}
	return r, nil
}

// object is an object's bytes, in one run or as a rope.
type object struct {
	data []byte
	rope *rope
}

func (o object) bytes() []byte {
	if o.rope != nil {
		return o.rope.flat()
	}
	return o.data
}

func (o object) size() int {
	if o.rope != nil {
		return o.rope.size
	}
	return len(o.data)
}

func (o object) asRope() *rope {
	if o.rope != nil {
		return o.rope
	}
	return flatRope(o.data)
}

func (s *Store) resetInflater() error {
	if s.inf == nil {
		r, err := zlib.NewReader(&s.src)
		if err != nil {
			return err
		}
		s.inf = r
		return nil
	}
	return s.inf.(zlib.Resetter).Reset(&s.src, nil)
}

// ReadKind returns the object id, which must be of the kind want.
func (s *Store) ReadKind(id ID, want Kind) ([]byte, error) {
	k, data, err := s.Read(id)
	if err != nil {
		return nil, err
	}
	if k != want {
		return nil, wrongKind(id, k, want)
	}
	return data, nil
}

func wrongKind(id ID, k, want Kind) error {
	return fmt.Errorf("object %s is a %s, not a %s", id, k, want)
}

func (s *Store) readLoose(id ID) (Kind, []byte, error) {
	// Kept as packed objects are: a tree is read as the newer side of
	// one comparison and the older of the next, and a loose one is
	// inflated whole (a folder of 8,000 files: half a megabyte).
	key := cacheKey{loose: id}
	if it, ok := s.cache.get(key); ok {
		return it.kind, it.data, nil
	}
	hexID := id.String()
	for _, dir := range s.dirs {
		raw, err := os.ReadFile(filepath.Join(dir, hexID[:2], hexID[2:]))
		if err != nil {
			continue
		}
		k, data, err := s.inflateLoose(raw)
		if err != nil {
			return 0, nil, fmt.Errorf("loose object %s: %w", hexID, err)
		}
		s.cache.put(key, k, data)
		return k, data, nil
	}
	return 0, nil, fmt.Errorf("%w: %s", ErrMissing, hexID)
}

// inflateLoose reads a loose object: its header, "<type> <size>" and a
// NUL, then its bytes, as many as the header says.
func (s *Store) inflateLoose(raw []byte) (Kind, []byte, error) {
	s.src.Reset(raw)
	if err := s.resetInflater(); err != nil {
		return 0, nil, err
	}
	var head [32]byte
	n := 0
	for {
		if n == len(head) {
			return 0, nil, errors.New("no header")
		}
		if _, err := io.ReadFull(s.inf, head[n:n+1]); err != nil {
			return 0, nil, fmt.Errorf("no header: %w", err)
		}
		if head[n] == 0 {
			break
		}
		n++
	}
	kindName, sizeText, _ := strings.Cut(string(head[:n]), " ")
	size, err := strconv.Atoi(sizeText)
	if err != nil || size < 0 || size > maxObject {
		return 0, nil, errors.New("wrong size")
	}
	var k Kind
	switch kindName {
	case "commit":
		k = Commit
	case "tree":
		k = Tree
	case "blob":
		k = Blob
	case "tag":
		k = Tag
	default:
		return 0, nil, fmt.Errorf("unknown type %q", kindName)
	}
	data, err := s.readSized(size)
	if err != nil {
		return 0, nil, err
	}
	return k, data, nil
}

// inflate decompresses the zlib stream at the start of src: size bytes
// (an error if it holds another number).
func (s *Store) inflate(src []byte, size int) ([]byte, error) {
	s.src.Reset(src)
	if err := s.resetInflater(); err != nil {
		return nil, err
	}
	return s.readSized(size)
}

// readSized reads the rest of the stream inflating: size bytes, then
// its end.
func (s *Store) readSized(size int) ([]byte, error) {
	if size > trustedSize {
		// A size larger than most objects is believed only as the
		// bytes come: a damaged or crafted pack does not make the
		// build ask for the memory it names.
		out, err := io.ReadAll(io.LimitReader(s.inf, int64(size)+1))
		if err != nil {
			return nil, err
		}
		if len(out) != size {
			return nil, errors.New("an object of another size than its own")
		}
		return out, nil
	}
	out := s.cache.buffer(size)[:size]
	if _, err := io.ReadFull(s.inf, out); err != nil {
		return nil, err
	}
	// The stream must end here, and its checksum hold (zlib checks it
	// when it reaches the end): one more byte would be damage.
	var one [1]byte
	switch n, err := s.inf.Read(one[:]); {
	case n != 0:
		return nil, errors.New("an object longer than its size")
	case err != io.EOF:
		return nil, cmp.Or(err, io.ErrNoProgress)
	}
	return out, nil
}

// readPacked reads the object at off in p, applying deltas. With ropes,
// a tree of minRope bytes or more made by a delta is made as a rope;
// else every object is made whole.
func (s *Store) readPacked(p *pack, off int64, ropes bool) (Kind, object, error) {
	// chain is the deltas from the object asked for down to a base.
	type link struct {
		p   *pack
		off int64
	}
	var chain []link
	var kind Kind
	var obj object
	key := cacheKey{p: p, off: off}
	for {
		if it, ok := s.cache.get(key); ok {
			kind, obj = it.kind, object{it.data, it.rope}
			break
		}
		h, err := p.header(off)
		if err != nil {
			return 0, object{}, err
		}
		if len(chain) > 10000 {
			return 0, object{}, errors.New("a delta chain too long")
		}
		switch h.kind {
		case Commit, Tree, Blob, Tag:
			body, err := s.inflate(p.data[h.body:], h.size)
			if err != nil {
				return 0, object{}, fmt.Errorf("pack %s at %d: %w", filepath.Base(p.name), off, err)
			}
			kind, obj = h.kind, object{data: body}
			s.cache.put(key, kind, body)
		case ofsDelta:
			chain = append(chain, link{p, off})
			off = h.base
			key = cacheKey{p: p, off: off}
			continue
		case refDelta:
			chain = append(chain, link{p, off})
			var found bool
			for _, q := range s.packs {
				if boff, ok := q.find(h.baseID); ok {
					p, off, found = q, boff, true
					break
				}
			}
			if !found {
				return 0, object{}, fmt.Errorf("%w: delta base %s", ErrMissing, h.baseID)
			}
			key = cacheKey{p: p, off: off}
			continue
		default:
			return 0, object{}, fmt.Errorf("pack %s at %d: unknown type %d", filepath.Base(p.name), off, h.kind)
		}
		break
	}
	for i := len(chain) - 1; i >= 0; i-- {
		l := chain[i]
		h, err := l.p.header(l.off)
		if err != nil {
			return 0, object{}, err
		}
		delta, err := s.inflate(l.p.data[h.body:], h.size)
		if err != nil {
			return 0, object{}, fmt.Errorf("pack %s at %d: %w", filepath.Base(l.p.name), l.off, err)
		}
		if target, _, err := deltaOps(delta, obj.size()); err == nil && ropes && kind == Tree && target >= minRope {
			if obj.rope == nil {
				// The rope refers to this memory from now on: it
				// must never hold another object.
				s.cache.pin(key, obj.data)
			}
			r, lit, err := applyDeltaRope(obj.asRope(), delta, &s.scratch, s.cache.pieces)
			if err != nil {
				return 0, object{}, fmt.Errorf("pack %s at %d: %w", filepath.Base(l.p.name), l.off, err)
			}
			key = cacheKey{p: l.p, off: l.off}
			if len(r.pieces) <= maxPieces {
				obj = object{rope: r}
				s.cache.putRope(key, kind, r, r.cost(lit))
				continue
			}
			// Each delta of a chain adds its own pieces: past a few,
			// following them costs more than copying the bytes once.
			data := s.cache.buffer(r.size)
			for _, pc := range r.pieces {
				data = append(data, pc.b...)
			}
			s.cache.letGo(r)
			obj = object{data: data}
			s.cache.put(key, kind, data)
			continue
		}
		data, err := applyDelta(obj.bytes(), delta, s.cache.buffer)
		if err != nil {
			return 0, object{}, fmt.Errorf("pack %s at %d: %w", filepath.Base(l.p.name), l.off, err)
		}
		obj = object{data: data}
		key = cacheKey{p: l.p, off: l.off}
		s.cache.put(key, kind, data)
	}
	return kind, obj, nil
}

// applyDelta makes an object from base and a delta: the base's size,
// the result's, then instructions to copy a part of the base or insert
// new bytes (see deltaOps and eachOp).
func applyDelta(base, delta []byte, buffer func(int) []byte) ([]byte, error) {
	size, ops, err := deltaOps(delta, len(base))
	if err != nil {
		return nil, err
	}
	out := buffer(size)
	err = eachOp(ops, len(base), size,
		func(off, n int) { out = append(out, base[off:off+n]...) },
		func(b []byte) { out = append(out, b...) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// deltaOps reads the sizes a delta starts with, its base's (which must
// be baseSize) and its result's, and returns the result's and the
// instructions that follow.
func deltaOps(delta []byte, baseSize int) (size int, ops []byte, err error) {
	srcSize, n := binary.Uvarint(delta)
	if n <= 0 || srcSize != uint64(baseSize) {
		return 0, nil, errors.New("a delta for another base")
	}
	delta = delta[n:]
	dstSize, n := binary.Uvarint(delta)
	// Each byte of a delta makes at most one copy of the base (16 MiB
	// at most) or 127 new bytes: a larger size is damage, found before
	// the memory is taken.
	if n <= 0 || dstSize > maxObject || dstSize > uint64(len(delta))*uint64(max(min(baseSize, 0xffffff), 127)) {
		return 0, nil, errors.New("a delta with a wrong size")
	}
	return int(dstSize), delta[n:], nil
}

// eachOp checks and runs a delta's instructions, which make size bytes
// from a base of baseSize: copyBase for a part of the base, add for new bytes
// (only valid during the call).
func eachOp(ops []byte, baseSize, size int, copyBase func(off, n int), add func([]byte)) error {
	made := 0
	for len(ops) > 0 {
		op := ops[0]
		ops = ops[1:]
		switch {
		case op&0x80 != 0:
			// The copy's offset (4 bytes) and size (3), each byte
			// there only when its bit of op is set.
			var off, n uint64
			var ok1, ok2 bool
			off, ops, ok1 = deltaNumber(ops, op, 4)
			n, ops, ok2 = deltaNumber(ops, op>>4, 3)
			if !ok1 || !ok2 {
				return errors.New("a delta cut short")
			}
			if n == 0 {
				n = 0x10000
			}
			if off+n > uint64(baseSize) || uint64(made)+n > uint64(size) {
				return errors.New("a delta copying outside its base")
			}
			copyBase(int(off), int(n))
			made += int(n)
		case op != 0:
			if int(op) > len(ops) || made+int(op) > size {
				return errors.New("a delta cut short")
			}
			add(ops[:op])
			made += int(op)
			ops = ops[op:]
		default:
			return errors.New("a delta with an unknown instruction")
		}
	}
	if made != size {
		return errors.New("a delta with a wrong size")
	}
	return nil
}

// deltaNumber reads a number of a delta's copy instruction from the
// start of delta: up to n bytes, least significant first, byte i there
// only when bit i of present is set. ok is false when delta is too short.
func deltaNumber(delta []byte, present byte, n int) (v uint64, rest []byte, ok bool) {
	for i := range n {
		if present&(1<<i) == 0 {
			continue
		}
		if len(delta) == 0 {
			return 0, nil, false
		}
		v |= uint64(delta[0]) << (8 * i)
		delta = delta[1:]
	}
	return v, delta, true
}

// pack is one pack file and its index (version 2).
type pack struct {
	name    string
	data    []byte // the pack file
	unmap   func() error
	fanout  [256]uint32
	ids     []byte // n × 20
	off32   []byte // n × 4
	off64   []byte
	objects int
}

func openPack(idxPath string) (*pack, error) {
	idx, err := os.ReadFile(idxPath)
	if err != nil {
		return nil, err
	}
	bad := fmt.Errorf("pack index %s: not a version 2 index", filepath.Base(idxPath))
	if len(idx) < 8+256*4 || !bytes.Equal(idx[:8], []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}) {
		return nil, bad
	}
	p := &pack{name: strings.TrimSuffix(idxPath, ".idx") + ".pack"}
	for i := range 256 {
		p.fanout[i] = binary.BigEndian.Uint32(idx[8+4*i:])
		if i > 0 && p.fanout[i] < p.fanout[i-1] {
			return nil, bad
		}
	}
	n := int(p.fanout[255])
	p.objects = n
	rest := idx[8+256*4:]
	if len(rest) < n*(20+4+4)+40 {
		return nil, bad
	}
	p.ids = rest[:n*20]
	p.off32 = rest[n*20+n*4 : n*20+n*8]
	p.off64 = rest[n*28 : len(rest)-40]
	data, unmap, err := mapFile(p.name)
	if err != nil {
		return nil, err
	}
	p.data, p.unmap = data, unmap
	if len(data) < 32 || string(data[:4]) != "PACK" || binary.BigEndian.Uint32(data[4:]) != 2 ||
		int(binary.BigEndian.Uint32(data[8:])) != n {
		p.close()
		return nil, fmt.Errorf("pack %s: not a version 2 pack of its index's objects", filepath.Base(p.name))
	}
	return p, nil
}

func (p *pack) close() error {
	if p.unmap == nil {
		return nil
	}
	err := p.unmap()
	p.unmap, p.data = nil, nil
	return err
}

// find returns where the object id starts in the pack.
func (p *pack) find(id ID) (int64, bool) {
	lo := 0
	if id[0] > 0 {
		lo = int(p.fanout[id[0]-1])
	}
	hi := int(p.fanout[id[0]])
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := bytes.Compare(p.ids[m*20:m*20+20], id[:]); {
		case c == 0:
			off := binary.BigEndian.Uint32(p.off32[m*4:])
			if off&0x80000000 == 0 {
				return int64(off), true
			}
			i := int(off&0x7fffffff) * 8
			if i+8 > len(p.off64) {
				return 0, false
			}
			return int64(binary.BigEndian.Uint64(p.off64[i:])), true
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

// header is what a pack says of one object before its zlib stream.
type header struct {
	kind   Kind
	size   int   // of the object, or of the delta
	body   int64 // where the zlib stream starts
	base   int64 // an ofs-delta's base
	baseID ID    // a ref-delta's base
}

func (p *pack) header(off int64) (header, error) {
	var h header
	// Made only when needed: a history reads headers by the thousand.
	damaged := func() error { return fmt.Errorf("pack %s: damaged at %d", filepath.Base(p.name), off) }
	if off < 12 || off >= int64(len(p.data))-20 {
		return h, damaged()
	}
	i := off
	c := p.data[i]
	i++
	h.kind = Kind((c >> 4) & 7)
	size := uint64(c & 15)
	shift := uint(4)
	for c&0x80 != 0 {
		if i >= int64(len(p.data)) || shift > 60 {
			return h, damaged()
		}
		c = p.data[i]
		i++
		size |= uint64(c&0x7f) << shift
		shift += 7
	}
	if size > maxObject {
		return h, fmt.Errorf("pack %s at %d: an object too large to read", filepath.Base(p.name), off)
	}
	h.size = int(size)
	switch h.kind {
	case ofsDelta:
		if i >= int64(len(p.data)) {
			return h, damaged()
		}
		c = p.data[i]
		i++
		rel := int64(c & 0x7f)
		for c&0x80 != 0 {
			if i >= int64(len(p.data)) || rel > 1<<55 {
				return h, damaged()
			}
			c = p.data[i]
			i++
			rel = ((rel + 1) << 7) | int64(c&0x7f)
		}
		if rel <= 0 || rel > off-12 {
			return h, damaged()
		}
		h.base = off - rel
	case refDelta:
		if i+20 > int64(len(p.data)) {
			return h, damaged()
		}
		copy(h.baseID[:], p.data[i:i+20])
		i += 20
	}
	h.body = i
	return h, nil
}

// cache keeps the objects read last, up to a number of bytes: the trees
// of one commit are mostly those of the commit before, or deltas of them.
type cache struct {
	budget, used int
	items        map[cacheKey]*cacheItem
	order        []*cacheItem // oldest first; evicted from the front
	head         int
	// large are the objects whose memory may hold another (minReuse),
	// in the order they came: those buffer looks through.
	large     []*cacheItem
	largeKept int // how many were left when large was last cleared of the gone
	// evicted are large objects let go of since the last Release; free
	// are those a Release made free, whose memory the next objects use.
	evicted, free [][]byte
	// evictedPieces and freePieces are the same for the lists of pieces
	// of ropes.
	evictedPieces, freePieces [][]piece
	epoch                     int // the number of Releases
}

// maxFreePieces is how many lists of pieces are kept for the next ropes.
const maxFreePieces = 64

// pieces returns a list for at least n pieces: a free one when one is
// large enough.
func (c *cache) pieces(n int) []piece {
	for i, p := range c.freePieces {
		if cap(p) >= n {
			c.freePieces = slices.Delete(c.freePieces, i, i+1)
			return p[:0]
		}
	}
	return make([]piece, 0, n)
}

// letGo takes the pieces of a rope no longer in the cache, to be used
// again after the next Release.
func (c *cache) letGo(r *rope) {
	if len(c.evictedPieces) < maxFreePieces {
		c.evictedPieces = append(c.evictedPieces, r.pieces)
	}
}

// fits reports whether memory of capacity c may hold what needs n: it
// is large enough, and not much larger (the versions of a small folder
// leave a large one's memory be).
func fits(c, n int) bool { return c >= n && c <= 2*n }

// minReuse is the size from which an object's memory is used again.
const minReuse = 64 << 10

// buffer returns memory for an object of size bytes: a free one's when
// one is large enough.
func (c *cache) buffer(size int) []byte {
	if size >= minReuse {
		// The smallest that fits.
		best := -1
		for i, b := range c.free {
			if fits(cap(b), size) && (best < 0 || cap(b) < cap(c.free[best])) {
				best = i
			}
		}
		if best >= 0 {
			b := c.free[best]
			c.free = slices.Delete(c.free, best, best+1)
			return b[:0]
		}
		// Else the oldest object of about that size that nothing has
		// asked for since the last Release: nobody holds it.
		for _, it := range c.large {
			if it.gone || it.used || it.epoch == c.epoch || it.pinned || !fits(cap(it.data), size) {
				continue
			}
			c.remove(it)
			return it.data[:0]
		}
		return make([]byte, 0, size+size/16)
	}
	return make([]byte, 0, size)
}

// cacheKey is a packed object, by its pack and place, or a loose one,
// by its name.
type cacheKey struct {
	p     *pack
	off   int64
	loose ID
}

type cacheItem struct {
	key   cacheKey
	gone  bool // no longer in the cache
	kind  Kind
	data  []byte
	rope  *rope // instead of data, for a large tree (see rope)
	cost  int   // what it takes of the budget
	used  bool  // asked for since it was put, or last passed over
	epoch int   // the Release it was last handed out after
	// pinned is set when ropes refer to data: its memory is never
	// used for another object.
	pinned bool
}

func (c *cache) get(k cacheKey) (*cacheItem, bool) {
	it, ok := c.items[k]
	if ok {
		it.used, it.epoch = true, c.epoch
	}
	return it, ok
}

func (c *cache) put(k cacheKey, kind Kind, data []byte) {
	c.add(k, &cacheItem{kind: kind, data: data, cost: len(data)})
}

func (c *cache) putRope(k cacheKey, kind Kind, r *rope, cost int) {
	c.add(k, &cacheItem{kind: kind, rope: r, cost: cost})
}

// pin marks data, the object k, as memory ropes refer to. The object
// may have left the cache already (the clock lets go of a new object
// before those asked for again): then its memory must not be used again
// either.
func (c *cache) pin(k cacheKey, data []byte) {
	if it, ok := c.items[k]; ok {
		it.pinned = true
	}
	c.evicted = slices.DeleteFunc(c.evicted, func(b []byte) bool { return sameMemory(b[:cap(b)], data[:cap(data)]) })
}

func (c *cache) add(k cacheKey, item *cacheItem) {
	if item.cost > c.budget/4 {
		return
	}
	if _, ok := c.items[k]; ok {
		return
	}
	item.key, item.epoch = k, c.epoch
	c.items[k] = item
	c.order = append(c.order, item)
	if cap(item.data) >= minReuse {
		c.large = append(c.large, item)
	}
	c.used += item.cost
	for c.used > c.budget && c.head < len(c.order) {
		it := c.order[c.head]
		c.order[c.head] = nil
		c.head++
		if it.gone {
			continue // taken by buffer
		}
		if it.used {
			// Asked for again: a base of deltas, kept for another
			// round (the "second chance" of a clock).
			it.used = false
			c.order = append(c.order, it)
			continue
		}
		c.remove(it)
		if data := it.data; cap(data) >= minReuse && len(c.evicted) < 64 && !it.pinned {
			c.evicted = append(c.evicted, data)
		}
		if it.rope != nil {
			c.letGo(it.rope)
		}
	}
	if c.head > 1024 && c.head > len(c.order)/2 {
		c.order = slices.Delete(c.order, 0, c.head)
		c.head = 0
	}
	if len(c.large) > 2*c.largeKept+64 {
		c.large = slices.DeleteFunc(c.large, func(it *cacheItem) bool { return it.gone })
		c.largeKept = len(c.large)
	}
}

// remove takes the item it out of the cache.
func (c *cache) remove(it *cacheItem) {
	it.gone = true
	c.used -= it.cost
	delete(c.items, it.key)
}

// startsCache keeps where the entries of a few trees start (DiffTrees).
type startsCache struct {
	ids    [16]ID
	starts [16][]int32
	next   int
	// evicted and free are as in cache: lists let go of, and lists
	// whose memory may be used again after a Release.
	evicted, free [][]int32
}

func (c *startsCache) get(id ID) ([]int32, bool) {
	if id == (ID{}) {
		return nil, true
	}
	for i := range c.ids {
		if c.ids[i] == id && c.starts[i] != nil {
			return c.starts[i], true
		}
	}
	return nil, false
}

func (c *startsCache) put(id ID, starts []int32) {
	if id == (ID{}) {
		return
	}
	if _, ok := c.get(id); ok {
		return
	}
	if starts == nil {
		starts = []int32{}
	}
	if old := c.starts[c.next]; cap(old) >= 1024 {
		c.evicted = append(c.evicted, old)
	}
	c.ids[c.next], c.starts[c.next] = id, starts
	c.next = (c.next + 1) % len(c.ids)
}

// buffer returns memory for the places of n entries or more.
func (c *startsCache) buffer(n int) []int32 {
	for i, b := range c.free {
		if fits(cap(b), n) {
			c.free = slices.Delete(c.free, i, i+1)
			return b[:0]
		}
	}
	return make([]int32, 0, n+n/16)
}
