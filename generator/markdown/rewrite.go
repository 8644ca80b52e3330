package markdown

import (
	"bytes"
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/yuin/goldmark/ast"
)

// dropRawHTML removes raw HTML, inline and block, from the tree, so none
// of it can reach the page whatever the renderer's settings, and returns
// where each piece a contributor would miss began (see droppedHTML).
func dropRawHTML(root ast.Node, src []byte) []droppedHTML {
	var raw []ast.Node
	var dropped []droppedHTML
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			raw = append(raw, n)
			if n.Segments.Len() > 0 {
				dropped = appendDropped(dropped, src, n.Segments.At(0).Start)
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			raw = append(raw, n)
			if n.Lines().Len() > 0 {
				dropped = appendDropped(dropped, src, n.Lines().At(0).Start)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range raw {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	return dropped
}

// droppedHTML is a piece of raw HTML left out of a page: where it began
// in the body, and its first tag, to name it.
type droppedHTML struct {
	offset int
	tag    string
}

// appendDropped notes the raw HTML at offset in src, unless a contributor
// would not miss it: a comment (a note to other contributors), or a
// closing tag, whose opening tag was noted.
func appendDropped(dropped []droppedHTML, src []byte, offset int) []droppedHTML {
	if offset < 0 || offset >= len(src) {
		return dropped
	}
	rest := src[offset:]
	rest = rest[:min(len(rest), 200)]
	if bytes.HasPrefix(rest, []byte("<!--")) || bytes.HasPrefix(rest, []byte("</")) {
		return dropped
	}
	tag := rest
	if end := bytes.IndexAny(tag, " \t\r\n>/"); end > 0 {
		tag = tag[:end]
	}
	return append(dropped, droppedHTML{offset: offset, tag: strings.TrimPrefix(string(tag), "<")})
}

// reportDropped reports the raw HTML left out of p's page.
func reportDropped(p *Parsed, diags *diag.List) {
	for _, d := range p.dropped {
		pos := position(docPath(p.Doc), p.Doc.Body, d.offset)
		name := "HTML"
		if d.tag != "" && isTagName(d.tag) {
			name = "the HTML tag <" + d.tag + ">"
		}
		diags.Add(diag.Diagnostic{Pos: pos, Severity: diag.Warning,
			Message: name + " is left out of the page: HTML in Markdown is never published",
			Hint:    "write it in Markdown instead: **bold**, *italic*, [text](https://example.org/), a list with \"- \""})
	}
}

// isTagName reports whether s can be an HTML tag's name.
func isTagName(s string) bool {
	if s == "" || len(s) > 30 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '-')) {
			return false
		}
	}
	return true
}

// rewriteLinks resolves every link, image and autolink of a document:
// rewritten to site URLs, or reduced to their text when unsafe or broken.
// It returns the anchors of other documents a partial r assumed the links
// name (see Resolver.partial).
func rewriteLinks(p *Parsed, r *Resolver, diags *diag.List) []Anchor {
	var links []ast.Node
	_ = ast.Walk(p.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.Link, *ast.Image, *ast.AutoLink:
			if entering {
				links = append(links, n)
			}
		}
		return ast.WalkContinue, nil
	})
	own := p.Anchors
	report := func(n ast.Node, d *diag.Diagnostic) {
		if d != nil {
			d.Pos = position(docPath(p.Doc), p.Doc.Body, offsetOf(n))
			diags.Add(*d)
		}
	}
	var assumed []Anchor
	resolve := func(dest []byte) Resolved {
		res := r.resolveIn(p.Doc.Rel, own, string(dest))
		if res.Assumes != nil {
			assumed = append(assumed, *res.Assumes)
		}
		return res
	}
	for _, n := range links {
		switch n := n.(type) {
		case *ast.Link:
			res := resolve(n.Destination)
			report(n, res.Problem)
			if !res.Link {
				unwrap(n)
				continue
			}
			n.Destination = []byte(res.URL)
		case *ast.Image:
			res := resolve(n.Destination)
			report(n, res.Problem)
			switch {
			case !res.Link:
				unwrap(n)
			case isExternal(res.URL):
				report(n, problem(diag.Warning, "image %q is on another site, which the site's security policy does not load: shown as a link (copy it under content/)", shorten(res.URL)))
				imageToLink(n)
			default:
				n.Destination = []byte(res.URL)
			}
		case *ast.AutoLink:
			report(n, checkAutoLink(n, p.Doc.Body))
		}
	}
	return assumed
}

// checkAutoLink reduces an autolink with an unsafe scheme ("<file:///x>")
// to its text.
func checkAutoLink(n *ast.AutoLink, src []byte) *diag.Diagnostic {
	if n.AutoLinkType == ast.AutoLinkEmail {
		return nil
	}
	u := string(n.URL(src))
	scheme, ok := urlScheme(decodeDestination(u))
	if ok && slices.Contains(AllowedSchemes, scheme) {
		return nil
	}
	n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(src)))
	return problem(diag.Warning, "link %q has the unsafe scheme %q: shown as text (only %s are linked)",
		shorten(u), scheme+":", strings.Join(AllowedSchemes, ", "))
}

// isExternal reports whether a resolved URL points to another site.
func isExternal(u string) bool {
	_, ok := urlScheme(decodeDestination(u))
	return ok || strings.HasPrefix(u, "//")
}

// unwrap replaces a node by its children: a link by its text, an image by
// its alternative text.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// imageToLink replaces an image by a link to it, labelled with its
// alternative text (or its address when it has none).
func imageToLink(img *ast.Image) {
	link := ast.NewLink()
	link.Destination = img.Destination
	link.Title = img.Title
	for c := img.FirstChild(); c != nil; {
		next := c.NextSibling()
		link.AppendChild(link, c)
		c = next
	}
	if !link.HasChildren() {
		link.AppendChild(link, ast.NewString(img.Destination))
	}
	img.Parent().ReplaceChild(img.Parent(), img, link)
}
