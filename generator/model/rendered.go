package model

import (
	"crypto/sha256"
	"encoding/binary"
	"unsafe"
)

// Rendered is what the markdown phase makes of a document's body: safe
// HTML (raw HTML dropped, links rewritten and checked), the headings with
// their ids, and the body as plain text for summaries and search.
//
// A rendering is kept in memory (HTML and Text), or in a Store (see
// Store.Stored), when HTML and Text are empty: read it through Markup and
// PlainText, which give either.
type Rendered struct {
	HTML     string
	Headings []Heading
	Text     string
	stored   *storedBody
	// digest is Digest's answer, once Sealed computed it or a build
	// cache gave it.
	digest [sha256.Size]byte
}

// Digest names the rendering's HTML and text, without reading them when
// it was sealed (see Sealed): two renderings with the same digest are
// the same. Build caches compare it instead of the bodies.
func (r Rendered) Digest() [sha256.Size]byte {
	if r.digest != ([sha256.Size]byte{}) {
		return r.digest
	}
	return digestOf(r.Markup(), r.PlainText())
}

// Sealed is r with its digest computed, so that Digest need not read it
// again.
func (r Rendered) Sealed() Rendered {
	r.digest = r.Digest()
	return r
}

func digestOf(html, text string) [sha256.Size]byte {
	h := sha256.New()
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(html)))
	h.Write(n[:])
	// The strings' bytes, not a copy of them: a hash only reads what
	// it is given (io.WriteString copied every body, 76 MB a build of
	// 10,000 files).
	h.Write(unsafe.Slice(unsafe.StringData(html), len(html)))
	h.Write(unsafe.Slice(unsafe.StringData(text), len(text)))
	return [sha256.Size]byte(h.Sum(nil))
}

// Markup is the rendering's HTML, wherever it is kept. A stored one that
// cannot be read back (its file damaged under the build) panics: the
// page would be silently wrong otherwise.
func (r Rendered) Markup() string {
	if r.stored != nil && r.stored.html.s != nil {
		return mustGet(r.stored.html)
	}
	return r.HTML
}

// PlainText is the rendering's text, wherever it is kept.
func (r Rendered) PlainText() string {
	if r.stored != nil && r.stored.text.s != nil {
		return mustGet(r.stored.text)
	}
	return r.Text
}

// TextSize is the length of the rendering's text in bytes, without
// reading it.
func (r Rendered) TextSize() int {
	if r.stored != nil && r.stored.text.s != nil {
		return r.stored.text.n
	}
	return len(r.Text)
}

// WithoutHTML is r without its HTML, for a build that has no more use for
// it; the text stays.
func (r Rendered) WithoutHTML() Rendered {
	r.HTML = ""
	if r.stored != nil {
		s := *r.stored
		s.html = stored{}
		r.stored = &s
	}
	return r
}

func mustGet(x stored) string {
	s, err := x.get()
	if err != nil {
		panic(err)
	}
	return s
}

// Bodies are the renderings of a strategy's documents, keyed by the
// document's path under the content folder (Doc.Rel). A linked strategy
// holds them beside its entities rather than in them: the entities and
// their links depend only on the front matter, so an edit to a body alone
// gives a new strategy that shares every entity of the last one (see
// package site) and differs only in its Bodies.
type Bodies map[string]Rendered

// Body is the rendering of d's body in this strategy, empty when there is
// none (a parsed strategy, or a document without a body).
func (s *Strategy) Body(d *Doc) Rendered {
	if s == nil || d == nil {
		return Rendered{}
	}
	return s.Bodies[d.Rel]
}

// WithBodies returns a strategy that shares every entity, list and lookup
// of s and holds bodies instead of s's. Neither is written.
func (s *Strategy) WithBodies(bodies Bodies) *Strategy {
	c := *s
	c.Bodies = bodies
	return &c
}
