// Package markdown is the markdown phase: it turns the Markdown body of
// every document into safe HTML, with heading ids and links rewritten for
// the site.
//
// # Markdown
//
// Bodies are CommonMark with GitHub's tables, strikethrough, autolinks and
// task lists, and footnotes, parsed by goldmark. A Doc's Body is the whole
// file with its front matter blanked, so every position goldmark reports is
// a position in the file and diagnostics point at the real line.
//
// Most bodies hold only paragraphs, headings, flat lists, tables,
// emphasis, code and links. A fast path (fast.go) reads those in one pass
// without goldmark, and renders them to the very bytes goldmark's path
// would; any body holding anything else goes through goldmark.
//
// # Safety
//
// Content is untrusted. Raw HTML, inline or block, is dropped. Only http,
// https, mailto and tel links become links; any other scheme (javascript:,
// data:, ...) is shown as its text with a warning. Images from other sites
// are shown as links, since the site loads nothing from third parties.
// Nothing emitted needs inline style or script.
//
// # Headings
//
// The page template owns the only h1, so body headings move down until
// the top level used is h2. Each heading gets an id made from its text
// (Slug), unique within the document and never one of the page's section
// anchors (SectionAnchors).
//
// # Links
//
// A relative link is resolved against the linking file's folder ("/"
// starts at the content root), as on GitHub. A link to another document
// becomes that page's URL, and its #fragment must be a heading id or a
// section anchor of the target; a link to another content file becomes
// its path in the output. Broken links are errors at the link's position.
//
// # Use
//
// Render does a whole strategy in two parallel passes: parse every
// document and collect its anchors, then resolve links and render. A
// caller with one document (tests, a preview) uses a Converter and a
// Resolver directly.
package markdown

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/internal/parallel"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Converter parses and renders bodies. Build it once: it is safe for
// concurrent use, because goldmark keeps all parse state in a per-call
// context and initialises its parser and renderer under a sync.Once.
type Converter struct {
	md goldmark.Markdown
	// plain is md without bare links (goldmark's linkify), for bodies
	// that cannot hold one (see mayLinkify): linkify is tried at every
	// space and costs about a third of parsing.
	plain goldmark.Markdown
}

// NewConverter returns a converter for the site's Markdown flavour.
func NewConverter() *Converter {
	flavour := func(linkify bool) goldmark.Markdown {
		exts := []goldmark.Extender{
			// The default alignment is a style attribute, which a strict
			// Content-Security-Policy blocks.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.TaskList,
			extension.Footnote,
		}
		if linkify {
			exts = append([]goldmark.Extender{extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:", "mailto:"}))}, exts...)
		}
		return goldmark.New(goldmark.WithExtensions(exts...))
	}
	return &Converter{md: flavour(true), plain: flavour(false)}
}

// mayLinkify reports whether linkify could find a bare link in body:
// every one it finds starts with "http" (the protocols allowed), "www."
// or is an email address, which holds an @. Without any of them, both
// flavours make the same document, but for whitespace at the end of a
// line, which linkify can leave where CommonMark removes it and which a
// browser does not show (TestPlainFlavourIsTheSame, FuzzPlainFlavour).
func mayLinkify(body []byte) bool {
	return bytes.Contains(body, []byte("http")) || bytes.Contains(body, []byte("www.")) || bytes.IndexByte(body, '@') >= 0
}

// parser is the flavour that parses body.
func (c *Converter) parser(body []byte) goldmark.Markdown {
	if mayLinkify(body) {
		return c.md
	}
	return c.plain
}

// Parsed is a document after the first pass: parsed, raw HTML dropped,
// headings numbered. Its anchors are known; its links are not yet resolved.
type Parsed struct {
	Doc      *model.Doc
	Headings []model.Heading
	// Anchors are the ids a #fragment may name: heading ids, then the
	// reserved section anchors.
	Anchors []string
	root    ast.Node
	// dropped is the raw HTML left out, which Render reports.
	dropped []droppedHTML
}

// Parse parses a document's body. Reserved are its page's section anchors,
// which headings must not take.
func (c *Converter) Parse(d *model.Doc, reserved []string) *Parsed {
	root := c.parser(d.Body).Parser().Parse(text.NewReader(d.Body))
	p := &Parsed{Doc: d, root: root, dropped: dropRawHTML(root, d.Body)}
	p.Headings = assignHeadings(root, d.Body, reserved)
	for _, h := range p.Headings {
		p.Anchors = append(p.Anchors, h.ID)
	}
	p.Anchors = append(p.Anchors, reserved...)
	return p
}

// Render resolves the document's links with r, reports broken and unsafe
// ones to diags, and returns the rendering. It never writes the document.
func (c *Converter) Render(p *Parsed, r *Resolver, diags *diag.List) model.Rendered {
	out, _ := c.render(p, r, diags)
	return out
}

// render is Render, also returning the anchors of other documents that a
// partial r assumed links name (see Resolver.partial).
func (c *Converter) render(p *Parsed, r *Resolver, diags *diag.List) (model.Rendered, []Anchor) {
	d := p.Doc
	reportDropped(p, diags)
	assumed := rewriteLinks(p, r, diags)
	var buf bytes.Buffer
	if err := c.md.Renderer().Render(&buf, d.Body, p.root); err != nil {
		diags.Errorf(diag.Pos{Path: docPath(d)}, "rendering Markdown: %v", err)
	}
	text, at := documentText(p.root, d.Body)
	headings := slices.Clone(p.Headings)
	for i := range headings {
		if i < len(at) {
			headings[i].At = at[i]
		}
	}
	return model.Rendered{HTML: buf.String(), Headings: headings, Text: text}.Sealed(), assumed
}

// RenderDoc renders one document on its own: reserved are its section
// anchors, r resolves links to other documents (it may be an empty
// Resolver, when every relative link is then an error).
func (c *Converter) RenderDoc(d *model.Doc, reserved []string, r *Resolver, diags *diag.List) model.Rendered {
	out, _, _ := c.convert(d, reserved, r, diags)
	return out
}

// convert renders d, through the fast path when it reads the body (see
// fastRender) and through goldmark when it does not, and returns the
// rendering, the anchors links may name in d and those a partial r
// assumed.
func (c *Converter) convert(d *model.Doc, reserved []string, r *Resolver, diags *diag.List) (model.Rendered, []string, []Anchor) {
	return c.convertStoring(d, reserved, r, diags, nil)
}

// convertStoring is convert keeping the rendering in store (nil: in
// memory).
func (c *Converter) convertStoring(d *model.Doc, reserved []string, r *Resolver, diags *diag.List, store *model.Store) (model.Rendered, []string, []Anchor) {
	if out, anchors, assumed, ok := fastRenderStoring(d, reserved, r, diags, store); ok {
		return out, anchors, assumed
	}
	p := c.Parse(d, reserved)
	out, assumed := c.render(p, r, diags)
	return store.Stored(out), p.Anchors, assumed
}

// source is one document to render with what the rest of the site needs
// to know about it.
type source struct {
	doc      *model.Doc
	url      string
	reserved []string
}

// Render renders every document of the strategy (entities and intros),
// in parallel, and returns the renderings and the problems found in the
// bodies. It only reads the strategy.
func Render(s *model.Strategy) (model.Bodies, *diag.List) {
	return RenderCached(s, nil)
}

// RenderCached is Render reusing, from cache, the rendering of every
// document that cannot have changed since (see Cache); cache may be nil.
func RenderCached(s *model.Strategy, cache *Cache) (model.Bodies, *diag.List) {
	return Start(s, cache).Wait()
}

// Job is a rendering started by Start.
type Job struct {
	done   chan struct{}
	bodies model.Bodies
	diags  *diag.List
}

// Start begins RenderCached in the background and returns at once. It
// only reads the strategy, so phases that check it may run meanwhile.
func Start(s *model.Strategy, cache *Cache) *Job { return StartStoring(s, cache, nil) }

// StartStoring is Start, keeping each new rendering in store (see
// model.Store) instead of in memory; a nil store keeps them in memory.
func StartStoring(s *model.Strategy, cache *Cache, store *model.Store) *Job {
	j := &Job{done: make(chan struct{})}
	go func() {
		defer close(j.done)
		j.bodies, j.diags = renderSources(sources(s), linkable(s), cache, store)
		store.Seal() // every body is stored: they are read from here on
	}()
	return j
}

// linkable are the files other than Markdown that bodies may link to.
func linkable(s *model.Strategy) []string {
	files := make([]string, len(s.Files), len(s.Files)+len(s.Unreadable))
	for i, f := range s.Files {
		files[i] = f.Rel
	}
	// A link to a file that could not be read is not broken too: its own
	// error says what is wrong.
	for _, c := range s.Unreadable {
		files = append(files, c.Rel)
		if ext := path.Ext(c.Rel); ext != ".md" { // "x.markdown": links name x.md
			files = append(files, strings.TrimSuffix(c.Rel, ext)+".md")
		}
	}
	// A link to a draft left out of the site says so (see draftMark).
	for _, c := range s.Drafts {
		files = append(files, draftMark+c.Rel)
	}
	return files
}

// draftMark marks, among the files a resolver is given, a draft left out
// of the site (model.Strategy.Drafts): no path holds a NUL byte. Kept in
// the one list, drafts count in the cache's fingerprint of the link
// targets as the files do.
const draftMark = "\x00draft\x00"

// Wait waits for the rendering and returns the renderings and the
// problems found in the documents' bodies.
func (j *Job) Wait() (model.Bodies, *diag.List) {
	<-j.done
	return j.bodies, j.diags
}

func renderSources(srcs []source, files []string, cache *Cache, store *model.Store) (model.Bodies, *diag.List) {
	diags := &diag.List{}
	out := make([]model.Rendered, len(srcs))
	found := make([][]diag.Diagnostic, len(srcs)) // each document's problems
	done := make([]bool, len(srcs))
	c := NewConverter()
	anchors := make([][]string, len(srcs))
	cached := make([]*cachedDoc, len(srcs))
	if cache != nil {
		// One build at a time uses the cache; it is held until the
		// renderings are in.
		cache.mu.Lock()
		defer cache.mu.Unlock()
		cache.renderedNew = false
		// On every processor: a cache read from disk knows a body by its
		// checksum, 40 MB of Markdown to hash at 10,000 files.
		parallel.Pool(len(srcs), func(i int) {
			src := srcs[i]
			if e, ok := cache.docs[src.doc.Rel]; ok && e.reuse(src.doc, src.reserved) {
				cached[i], anchors[i] = e, e.anchors
			}
		})
	}
	// resolver knows every document by its URL and the anchors anchorsOf
	// gives it (the first of two documents at one path wins).
	resolver := func(anchorsOf func(i int) []string) *Resolver {
		targets := make(map[string]Target, len(srcs))
		for i, src := range srcs {
			if _, dup := targets[src.doc.Rel]; !dup {
				targets[src.doc.Rel] = Target{URL: src.url, Anchors: anchorsOf(i)}
			}
		}
		return NewResolver(targets, files)
	}
	// Every document is parsed and rendered in one pass. Its anchors are
	// known only once it is parsed, so the pass's resolver knows every
	// document's URL and section anchors but no headings: a link to
	// another document's heading is rendered as a link and the anchor
	// noted. Once every document is parsed, the few documents whose
	// links named an anchor that does not exist are parsed and rendered
	// again. No syntax tree is kept between the passes: holding them all
	// would take more memory than the rest of the build.
	partial := sync.OnceValue(func() *Resolver {
		r := resolver(func(i int) []string {
			if cached[i] != nil {
				return anchors[i]
			}
			return srcs[i].reserved
		})
		r.partial = true
		return r
	})
	assumed := make([][]Anchor, len(srcs))
	// A body the load phase left unread (model.Doc.BodySum) is read when
	// it is to be rendered; one that cannot be is a problem of its file.
	// The document read is a copy with its body (withBody): srcs, which
	// the resolvers read meanwhile, are not written.
	unreadable := make([]bool, len(srcs))
	withBody := make([]*model.Doc, len(srcs))
	read := func(i int) (*model.Doc, bool) {
		d := srcs[i].doc
		if withBody[i] != nil || !d.BodyUnread() {
			return cmp.Or(withBody[i], d), true
		}
		body, err := d.Markdown()
		if err != nil {
			found[i] = []diag.Diagnostic{{Pos: diag.Pos{Path: d.Path}, Severity: diag.Error, Message: fmt.Sprintf("cannot read the text: %v", err)}}
			unreadable[i], done[i] = true, true
			return nil, false
		}
		c := *d
		c.Body = body
		withBody[i] = &c
		return &c, true
	}
	parallel.Pool(len(srcs), func(i int) {
		if cached[i] != nil {
			return
		}
		doc, ok := read(i)
		if !ok {
			return
		}
		src := srcs[i]
		problems := &diag.List{}
		out[i], anchors[i], assumed[i] = c.convertStoring(doc, src.reserved, partial(), problems, store)
		found[i], done[i] = problems.Items(), true
	})
	r := sync.OnceValue(func() *Resolver { return resolver(func(i int) []string { return anchors[i] }) })
	for i := range srcs {
		for _, a := range assumed[i] {
			if t := r().docs[a.Rel]; !slices.Contains(t.Anchors, a.ID) {
				done[i] = false // rendered again below, with its error
				break
			}
		}
	}
	// A cached rendering stands when no link target changed; the others
	// are rendered, on every processor.
	sameTargets := cache != nil && cache.sameTargets(srcs, anchors, files)
	var todo []int
	for i := range srcs {
		if e := cached[i]; e != nil && sameTargets {
			out[i] = e.out
			found[i] = e.diags
			continue
		}
		if !done[i] {
			todo = append(todo, i)
		}
	}
	parallel.Pool(len(todo), func(k int) {
		i := todo[k]
		doc, ok := read(i)
		if !ok {
			return
		}
		problems := &diag.List{}
		out[i], _, _ = c.convertStoring(doc, srcs[i].reserved, r(), problems, store)
		found[i] = problems.Items()
	})
	// A lean cache keeps the checksums of the bodies rendered anew (one
	// found in it has its own), made on every processor.
	var sums [][sha256.Size]byte
	if cache != nil && cache.lean {
		sums = make([][sha256.Size]byte, len(srcs))
		parallel.Pool(len(srcs), func(i int) {
			switch d := srcs[i].doc; {
			case cached[i] != nil:
				sums[i] = cached[i].sum
			case d.BodySum != [sha256.Size]byte{}:
				sums[i] = d.BodySum
			default:
				sums[i] = sha256.Sum256(d.Body)
			}
		})
	}
	for i, src := range srcs {
		for _, d := range found[i] {
			diags.Add(d)
		}
		if cache != nil && (cached[i] == nil || !sameTargets) && !unreadable[i] {
			cache.markChanged(src.doc.Rel)
			e := &cachedDoc{
				doc: src.doc, body: src.doc.Body, reserved: src.reserved, anchors: anchors[i],
				out: out[i], diags: found[i],
			}
			if cache.lean {
				e.doc, e.body, e.sum = nil, nil, sums[i]
			}
			if old := cache.docs[src.doc.Rel]; old == nil || old.out.Digest() != e.out.Digest() {
				cache.renderedNew = true
			}
			cache.docs[src.doc.Rel] = e
		}
	}
	if cache != nil && len(cache.docs) != len(srcs) {
		cache.keep(srcs)
	}
	bodies := make(model.Bodies, len(srcs))
	for i, src := range srcs {
		bodies[src.doc.Rel] = out[i]
	}
	return bodies, diags
}

// sources are the documents of every entity and intro.
func sources(s *model.Strategy) []source {
	var out []source
	for _, e := range s.Entities() {
		if d := e.Document(); d != nil {
			out = append(out, source{d, e.URL(), SectionAnchors(e)})
		}
	}
	for _, key := range slices.Sorted(maps.Keys(s.Intros)) {
		if p := s.Intros[key]; p != nil && p.Doc != nil {
			out = append(out, source{p.Doc, cmp.Or(p.Path, key), nil})
		}
	}
	return out
}

// docPath is the path diagnostics name for a document.
func docPath(d *model.Doc) string { return cmp.Or(d.Path, d.Rel) }
