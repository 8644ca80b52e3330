package markdown

import (
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/yuin/goldmark/ast"
)

// dropRawHTML removes raw HTML, inline and block, from the tree, so none
// of it can reach the page whatever the renderer's settings.
func dropRawHTML(root ast.Node) {
	var raw []ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindRawHTML, ast.KindHTMLBlock:
			raw = append(raw, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range raw {
		n.Parent().RemoveChild(n.Parent(), n)
	}
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
