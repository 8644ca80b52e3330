package markdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/commonagenda/agenda/generator/diag"
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
	mu      sync.Mutex
	docs    map[string]cachedDoc // by Doc.Rel
	targets [sha256.Size]byte    // of the targets the renderings used
}

type cachedDoc struct {
	// body is the Markdown rendered, kept in memory (the dev server);
	// a cache read from disk has only its checksum, sum.
	body     []byte
	sum      [sha256.Size]byte
	reserved string // the document's section anchors, joined
	anchors  []string
	headings []model.Heading
	html     string
	text     string
	diags    []diag.Diagnostic
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{docs: map[string]cachedDoc{}} }

func (c *Cache) get(rel string) (cachedDoc, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.docs[rel]
	return e, ok
}

func (c *Cache) put(rel string, e cachedDoc) {
	c.mu.Lock()
	c.docs[rel] = e
	c.mu.Unlock()
}

// keep forgets the documents not in rels.
func (c *Cache) keep(rels map[string]bool) {
	for rel := range c.docs {
		if !rels[rel] {
			delete(c.docs, rel)
		}
	}
}

// fingerprint identifies the link targets of docs (in the order given,
// which is the same for the same content) and the copied files.
func fingerprint(srcs []source, anchors [][]string, files []string) [sha256.Size]byte {
	h := sha256.New()
	buf := make([]byte, 0, 64<<10)
	for i, src := range srcs {
		if len(buf) > 60<<10 {
			h.Write(buf)
			buf = buf[:0]
		}
		buf = append(buf, src.doc.Rel...)
		buf = append(buf, 0)
		buf = append(buf, src.url...)
		buf = append(buf, 0)
		for _, a := range anchors[i] {
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
func (e cachedDoc) reuse(doc *model.Doc, reserved []string) bool {
	if e.reserved != strings.Join(reserved, "\x00") {
		return false
	}
	if e.body != nil {
		return bytes.Equal(e.body, doc.Body)
	}
	return e.sum == sha256.Sum256(doc.Body)
}

// A Cache is kept between runs of agenda build (package buildcache) as
// gob: the version first, so a cache of another layout is not decoded.
const cacheVersion = "agenda markdown cache 1"

type savedCache struct {
	Version string
	Targets [sha256.Size]byte
	Docs    []savedDoc
}

type savedDoc struct {
	Rel      string
	Body     [sha256.Size]byte
	Reserved string
	Anchors  []string
	Headings []model.Heading
	HTML     string
	Text     string
	Diags    []diag.Diagnostic
}

// Save writes the cache for ReadCache.
func (c *Cache) Save(w io.Writer) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := savedCache{Version: cacheVersion, Targets: c.targets}
	for _, rel := range slices.Sorted(maps.Keys(c.docs)) {
		e := c.docs[rel]
		sum := e.sum
		if e.body != nil {
			sum = sha256.Sum256(e.body)
		}
		out.Docs = append(out.Docs, savedDoc{rel, sum, e.reserved, e.anchors, e.headings, e.html, e.text, e.diags})
	}
	return gob.NewEncoder(w).Encode(out)
}

// ReadCache reads a cache Save wrote. A cache of another version, or
// one that cannot be decoded, is an error: the caller starts afresh.
func ReadCache(r io.Reader) (*Cache, error) {
	var in savedCache
	if err := gob.NewDecoder(r).Decode(&in); err != nil {
		return nil, err
	}
	if in.Version != cacheVersion {
		return nil, fmt.Errorf("markdown cache of version %q", in.Version)
	}
	c := NewCache()
	c.targets = in.Targets
	for _, d := range in.Docs {
		c.docs[d.Rel] = cachedDoc{sum: d.Body, reserved: d.Reserved, anchors: d.Anchors, headings: d.Headings, html: d.HTML, text: d.Text, diags: d.Diags}
	}
	return c, nil
}
