package markdown

import (
	"bytes"
	"crypto/sha256"
	"io"
	"maps"
	"slices"
	"sync"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/internal/binenc"
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
	// changed says a rendering was made or forgotten since the cache
	// was read (see Changed).
	changed bool
}

// Changed reports whether the cache holds other renderings than when it
// was read (a new cache: whether it holds any).
func (c *Cache) Changed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.changed
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
			c.changed = true
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
	case e.body != nil:
		return bytes.Equal(e.body, doc.Body)
	}
	return e.sum == sha256.Sum256(doc.Body)
}

// A Cache is kept between runs of agenda build (package buildcache) in
// binenc's form, its header naming this layout: a cache of another
// layout is not read.
const cacheVersion = "agenda markdown cache 2"

// Save writes the cache for ReadCache.
func (c *Cache) Save(w io.Writer) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	sum := c.sum
	if c.targets != nil {
		sum = fingerprint(c.targets, c.files)
	}
	e := binenc.NewEncoder(w, cacheVersion)
	e.String(string(sum[:]))
	e.Uint(uint64(len(c.docs)))
	for _, rel := range slices.Sorted(maps.Keys(c.docs)) {
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
		}
		e.String(d.out.Markup())
		e.String(d.out.PlainText())
		e.Uint(uint64(len(d.diags)))
		for _, g := range d.diags {
			e.String(g.Path)
			e.Int(int64(g.Line))
			e.Int(int64(g.Col))
			e.Int(int64(g.Severity))
			e.String(g.Message)
			e.String(g.Hint)
		}
	}
	return e.Close()
}

// ReadCache reads a cache Save wrote. A cache of another version, or
// one damaged, is an error: the caller starts afresh.
func ReadCache(r io.Reader) (*Cache, error) {
	d, err := binenc.NewDecoder(r, cacheVersion)
	if err != nil {
		return nil, err
	}
	c := NewCache()
	sum := func() (s [sha256.Size]byte) {
		d.Fixed(s[:])
		return s
	}
	c.sum = sum()
	n := d.Len(sha256.Size + 8)
	strs := func() []string {
		n := d.Len(1)
		if n == 0 {
			return nil
		}
		ss := make([]string, n)
		for i := range ss {
			ss[i] = d.String()
		}
		return ss
	}
	for range n {
		rel := d.String()
		doc := &cachedDoc{sum: sum(), reserved: strs(), anchors: strs()}
		if k := d.Len(3); k > 0 {
			doc.out.Headings = make([]model.Heading, k)
			for i := range doc.out.Headings {
				doc.out.Headings[i] = model.Heading{Level: int(d.Int()), ID: d.String(), Text: d.String()}
			}
		}
		doc.out.HTML, doc.out.Text = d.String(), d.String()
		if k := d.Len(6); k > 0 {
			doc.diags = make([]diag.Diagnostic, k)
			for i := range doc.diags {
				g := &doc.diags[i]
				g.Path, g.Line, g.Col = d.String(), int(d.Int()), int(d.Int())
				g.Severity, g.Message, g.Hint = diag.Severity(d.Int()), d.String(), d.String()
			}
		}
		if d.Err() != nil {
			break
		}
		c.docs[rel] = doc
	}
	if err := d.Done(); err != nil {
		return nil, err
	}
	return c, nil
}
