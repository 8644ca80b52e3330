package markdown

import (
	"bytes"
	"crypto/sha256"
	"io"
	"maps"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/internal/binenc"
	"github.com/commonagenda/agenda/generator/internal/keyhash"
	"github.com/commonagenda/agenda/generator/model"
)

// Cache keeps each document's rendering between builds, so that the dev
// server re-renders only the bodies an edit changed. A body renders to the
// same HTML as long as its bytes are the same and so is every link target
// (each document's URL and anchors, and the copied files): the cache keeps
// a fingerprint of those targets, and when it changes (a heading was
// renamed, an id changed, a file was added) every document is rendered
// again.
type Cache struct {
	mu   sync.Mutex
	docs map[string]*cachedDoc // by Doc.Rel
	// targets are the link targets the renderings used, in the order of
	// the documents, when the cache was used in this process; a cache read
	// from disk has only their fingerprint, sum.
	targets []target
	files   []string
	sum     [sha256.Size]byte
	// changed says, by shard, that a rendering was made or forgotten
	// since the cache was read (see Changed).
	changed [Shards]bool
	// renderedNew is set when the last render through the cache made a
	// rendering unlike the one kept (another HTML or text), or forgot
	// one (see RenderedNew).
	renderedNew bool
	// lean is set for a cache read from disk, which serves one build: a
	// rendering made keeps its body's checksum, not the body and its
	// document, which the build would otherwise hold to its end (the
	// Markdown of every file, 40 MB at 10,000 files).
	lean bool
}

// Shards is the number of parts a cache is saved in (SaveShard), each
// holding the documents whose path falls in it (shardOf): a build after
// an edit to one body writes one part again, not the renderings of
// every body.
const Shards = 16

// shardOf is the shard a document's rendering is saved in.
func shardOf(rel string) int { return keyhash.Shard(rel, Shards) }

// markChanged notes that the rendering of rel was made or forgotten.
func (c *Cache) markChanged(rel string) { c.changed[shardOf(rel)] = true }

// RenderedNew reports whether the last render through the cache made a
// rendering other than the one the cache kept for its document (a new
// document's, or another HTML or text), or forgot a document's: whether
// what reads the renderings (the search index) may have to change. A
// body whose lines only moved (a line added to its front matter) renders
// to the same, and counts as unchanged.
func (c *Cache) RenderedNew() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.renderedNew
}

// Changed reports whether shard k of the cache holds other renderings
// than when it was read (a new cache: whether it holds any).
func (c *Cache) Changed(k int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.changed[k]
}

// target is one document as links see it.
type target struct {
	rel, url string
	anchors  []string
}

type cachedDoc struct {
	// doc is the document rendered. The load phase hands out the same
	// Doc for a file whose bytes did not change, and never writes it, so
	// the same pointer means the same Markdown without comparing it.
	doc *model.Doc
	// body is the Markdown rendered, kept in memory (the dev server);
	// a cache read from disk has only its checksum, sum.
	body     []byte
	sum      [sha256.Size]byte
	reserved []string // the document's section anchors
	anchors  []string
	// out is the rendering, in memory or in the build's Store.
	out   model.Rendered
	diags []diag.Diagnostic
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{docs: map[string]*cachedDoc{}} }

// sameTargets reports whether the documents' link targets and the copied
// files are those the cache's renderings used, and keeps the new ones.
// In a process that used the cache before, that is a comparison; for a
// cache read from disk, a fingerprint.
func (c *Cache) sameTargets(srcs []source, anchors [][]string, files []string) bool {
	var same bool
	if c.targets != nil {
		same = len(c.targets) == len(srcs) && slices.Equal(c.files, files)
		for i := 0; same && i < len(srcs); i++ {
			t := c.targets[i]
			same = t.rel == srcs[i].doc.Rel && t.url == srcs[i].url && slices.Equal(t.anchors, anchors[i])
		}
		if same {
			return true
		}
	}
	targets := make([]target, len(srcs))
	for i, src := range srcs {
		targets[i] = target{src.doc.Rel, src.url, anchors[i]}
	}
	if c.targets == nil {
		same = fingerprint(targets, files) == c.sum
	}
	c.targets, c.files = targets, slices.Clone(files)
	if !same {
		// Every shard holds the fingerprint: every one is saved again,
		// those without documents too.
		for k := range c.changed {
			c.changed[k] = true
		}
	}
	return same
}

// keep forgets the documents not in srcs.
func (c *Cache) keep(srcs []source) {
	rels := make(map[string]bool, len(srcs))
	for _, src := range srcs {
		rels[src.doc.Rel] = true
	}
	for rel := range c.docs {
		if !rels[rel] {
			delete(c.docs, rel)
			c.markChanged(rel)
			c.renderedNew = true
		}
	}
}

// fingerprint identifies link targets (in the order given, which is the
// same for the same content) and the copied files.
func fingerprint(targets []target, files []string) [sha256.Size]byte {
	h := sha256.New()
	buf := make([]byte, 0, 64<<10)
	for _, t := range targets {
		if len(buf) > 60<<10 {
			h.Write(buf)
			buf = buf[:0]
		}
		buf = append(buf, t.rel...)
		buf = append(buf, 0)
		buf = append(buf, t.url...)
		buf = append(buf, 0)
		for _, a := range t.anchors {
			buf = append(buf, a...)
			buf = append(buf, 1)
		}
		buf = append(buf, 0)
	}
	buf = append(buf, 2)
	for _, f := range files {
		buf = append(buf, f...)
		buf = append(buf, 0)
	}
	h.Write(buf)
	var sum [sha256.Size]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// reuse reports whether the cached entry still renders doc: same bytes,
// same section anchors.
func (e *cachedDoc) reuse(doc *model.Doc, reserved []string) bool {
	switch {
	case !slices.Equal(e.reserved, reserved):
		return false
	case e.doc == doc:
		return true
	case doc.BodySum != [sha256.Size]byte{}:
		// Known by its checksum, perhaps left unread (model.Doc.BodySum).
		if e.body != nil {
			return sha256.Sum256(e.body) == doc.BodySum
		}
		return e.sum == doc.BodySum
	case e.body != nil:
		return bytes.Equal(e.body, doc.Body)
	}
	return e.sum == sha256.Sum256(doc.Body)
}

// A Cache is kept between runs of agenda build (package buildcache) in
// binenc's form, its header naming this layout: a cache of another
// layout is not read.
const cacheVersion = "agenda markdown cache 5"

// SaveShard writes shard k of the cache for ReadCache: the fingerprint
// of the link targets and the renderings of the documents in the shard.
func (c *Cache) SaveShard(k int, w io.Writer) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	sum := c.sum
	if c.targets != nil {
		sum = fingerprint(c.targets, c.files)
	}
	var rels []string
	for rel := range c.docs {
		if shardOf(rel) == k {
			rels = append(rels, rel)
		}
	}
	slices.Sort(rels)
	e := binenc.NewEncoder(w, cacheVersion)
	e.Uint(uint64(k))
	e.String(string(sum[:]))
	e.Uint(uint64(len(rels)))
	for _, rel := range rels {
		d := c.docs[rel]
		sum := d.sum
		if d.body != nil {
			sum = sha256.Sum256(d.body)
		}
		e.String(rel)
		e.String(string(sum[:]))
		strs := func(ss []string) {
			e.Uint(uint64(len(ss)))
			for _, s := range ss {
				e.String(s)
			}
		}
		strs(d.reserved)
		strs(d.anchors)
		e.Uint(uint64(len(d.out.Headings)))
		for _, h := range d.out.Headings {
			e.Int(int64(h.Level))
			e.String(h.ID)
			e.String(h.Text)
			e.Int(int64(h.At))
		}
		digest := d.out.Digest()
		e.String(string(digest[:]))
		e.String(d.out.Markup())
		e.String(d.out.PlainText())
		diag.Encode(e, d.diags)
	}
	return e.Close()
}

// ReadCache reads the shards SaveShard wrote, as open opens them. A
// shard that cannot be read (missing, damaged, of another version, or
// saved for other link targets than the first readable one) is left out,
// and saved again: its documents are rendered afresh.
//
// The renderings are not read into memory: they stay in the shards'
// files, which are kept open (see model.ReadStore) and must not be
// written in place while the cache is in use (a build cache replaces
// them by renaming).
func ReadCache(open func(k int) (*os.File, error)) *Cache {
	c := NewCache()
	c.lean = true
	var sums [Shards][sha256.Size]byte
	var docs [Shards]map[string]*cachedDoc
	var files [Shards]*os.File
	votes := map[[sha256.Size]byte]int{}
	for k := range Shards {
		c.changed[k] = true
		f, err := open(k)
		if err != nil {
			continue
		}
		sum, d, err := readShard(f, k)
		if err != nil {
			f.Close()
			continue
		}
		sums[k], docs[k], files[k] = sum, d, f
		votes[sum]++
	}
	// The link targets most shards were saved for (they all are, unless
	// a build stopped while it saved them).
	best := -1
	for k := range Shards {
		if docs[k] != nil && (best < 0 || votes[sums[k]] > votes[sums[best]]) {
			best = k
		}
	}
	for k := range Shards {
		if docs[k] == nil {
			continue
		}
		if best >= 0 && sums[k] == sums[best] {
			c.sum = sums[best]
			maps.Copy(c.docs, docs[k])
			c.changed[k] = false
		} else {
			files[k].Close()
		}
	}
	return c
}

// readShard reads shard k from f, whose renderings stay in f.
func readShard(f *os.File, k int) (_ [sha256.Size]byte, _ map[string]*cachedDoc, err error) {
	var zero [sha256.Size]byte
	// Mapped, not copied: the shards are most of what a build after a
	// small edit reads (66 MB at 10,000 files, their HTML and text
	// included, which stay in the file). A file cut short by someone else
	// while it is read faults: that is a damaged shard, not a crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = binenc.ErrDamaged
		}
	}()
	d, release, err := binenc.NewMappedDecoder(f, cacheVersion)
	if err != nil {
		return zero, nil, err
	}
	defer release()
	if d.Uint() != uint64(k) {
		return zero, nil, binenc.ErrDamaged
	}
	// What is kept in memory is copied out of the file's bytes, which are
	// let go of on return.
	str := func() string { return strings.Clone(d.String()) }
	sum := func() (s [sha256.Size]byte) {
		d.Fixed(s[:])
		return s
	}
	shardSum := sum()
	n := d.Len(sha256.Size + 8)
	strs := func() []string {
		n := d.Len(1)
		if n == 0 {
			return nil
		}
		ss := make([]string, n)
		for i := range ss {
			ss[i] = str()
		}
		return ss
	}
	store := model.ReadStore(f)
	docs := make(map[string]*cachedDoc, n)
	for range n {
		rel := str()
		doc := &cachedDoc{sum: sum(), reserved: strs(), anchors: strs()}
		var headings []model.Heading
		if k := d.Len(3); k > 0 {
			headings = make([]model.Heading, k)
			for i := range headings {
				headings[i] = model.Heading{Level: int(d.Int()), ID: str(), Text: str(), At: int(d.Int())}
			}
		}
		digest := sum()
		htmlAt, htmlLen := d.Span()
		textAt, textLen := d.Span()
		doc.out = store.Kept(headings, int64(htmlAt), htmlLen, int64(textAt), textLen, digest)
		if ds := diag.Decode(d, str); len(ds) > 0 {
			doc.diags = ds
		}
		if d.Err() != nil {
			break
		}
		if shardOf(rel) != k {
			d.Fail()
			break
		}
		docs[rel] = doc
	}
	if err := d.Done(); err != nil {
		return zero, nil, err
	}
	return shardSum, docs, nil
}
