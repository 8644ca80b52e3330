package markdown

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/routes"
	"github.com/yuin/goldmark/util"
)

// AllowedSchemes are the only URL schemes a body link may use. Anything
// else (javascript:, data:, vbscript:, file:, ...) is shown as text.
var AllowedSchemes = []string{"http", "https", "mailto", "tel"}

// Target is a document a body may link to: its page URL and the anchors a
// fragment may name (its heading ids and the page's section anchors).
type Target struct {
	URL     string
	Anchors []string
}

// Resolver turns link destinations found in bodies into site URLs. It is
// built once per build from every document's URL and anchors and every
// copied file, and is safe for concurrent use.
type Resolver struct {
	// partial resolvers know every document's URL and section anchors
	// but not its headings yet: a link to another document's fragment
	// they do not know is assumed to name a heading, rendered as a link,
	// and the assumption returned (Resolved.Assumes) to be checked once
	// every heading is known.
	partial bool

	docs   map[string]Target // by Doc.Rel
	files  map[string]bool   // by File.Rel
	drafts map[string]bool   // the drafts left out, by Claim.Rel
	// known lists every Rel, sorted, for hints: made only for a message.
	known func() []string
}

// NewResolver returns a resolver for links to these documents (keyed by
// their content-relative path, "objectives/pv-1.md") and files
// ("images/map.png"). A document has a handful of anchors: they are
// searched in place, not gathered into sets, as a resolver is made on
// every edit in the dev server.
func NewResolver(docs map[string]Target, files []string) *Resolver {
	r := &Resolver{docs: docs, files: make(map[string]bool, len(files))}
	for _, f := range files {
		if rel, ok := strings.CutPrefix(f, draftMark); ok {
			if r.drafts == nil {
				r.drafts = map[string]bool{}
			}
			r.drafts[rel] = true
			continue
		}
		r.files[f] = true
	}
	if r.drafts != nil { // no hint names a draft
		files = slices.DeleteFunc(slices.Clone(files), func(f string) bool { return strings.HasPrefix(f, draftMark) })
	}
	r.known = sync.OnceValue(func() []string {
		known := make([]string, 0, len(docs)+len(files))
		for rel := range docs {
			known = append(known, rel)
		}
		known = append(known, files...)
		slices.Sort(known)
		return slices.Compact(known)
	})
	return r
}

// Anchor is an id in the document at Rel.
type Anchor struct{ Rel, ID string }

// Resolved is what a link destination becomes.
type Resolved struct {
	// Assumes, when set by a partial Resolver, is the anchor the link
	// was assumed to name (see Resolver.partial): the rendering stands
	// only if the document Assumes.Rel has that anchor.
	Assumes *Anchor

	// Link is false when the link must be shown as plain text: an unsafe
	// scheme or a broken target.
	Link bool
	// URL is the destination to emit when Link is true.
	URL string
	// Problem, when not nil, is a diagnostic without its position.
	Problem *diag.Diagnostic
}

// Resolve resolves a link destination as written in the body of the
// document at content-relative path from (goldmark's raw destination:
// backslash escapes and entity references not yet decoded).
//
// External links with an allowed scheme, and protocol-relative ones, are
// kept as written. Relative paths are resolved against from's folder ("/"
// starts at the content root): a document becomes its page URL plus the
// checked #fragment; another content file becomes "/" + its path. A
// path of a page every site has (routes.Fixed: the lists, the field
// reference, the forms) is kept as written.
func (r *Resolver) Resolve(from, dest string) Resolved {
	return r.resolveIn(from, r.docs[from].Anchors, dest)
}

// resolveIn is Resolve with the linking document's own anchors given, for
// a document the resolver may not know.
func (r *Resolver) resolveIn(from string, own []string, dest string) Resolved {
	if dest == "" {
		return Resolved{Link: true}
	}
	plain := decodeDestination(dest)
	if scheme, ok := urlScheme(plain); ok {
		if slices.Contains(AllowedSchemes, scheme) {
			return Resolved{Link: true, URL: dest}
		}
		return asText(diag.Warning, "link %q has the unsafe scheme %q: shown as text (only %s are linked)",
			shorten(plain), scheme+":", strings.Join(AllowedSchemes, ", "))
	}
	if strings.HasPrefix(plain, "//") {
		return Resolved{Link: true, URL: dest}
	}
	if frag, ok := strings.CutPrefix(plain, "#"); ok {
		return fragment(own, from, frag, "")
	}
	return r.relative(from, own, plain)
}

// relative resolves a path relative to the document from, whose anchors
// are own.
func (r *Resolver) relative(from string, own []string, plain string) Resolved {
	rest, frag, hasFrag := strings.Cut(plain, "#")
	rawPath, query, hasQuery := strings.Cut(rest, "?")
	p, err := url.PathUnescape(rawPath)
	if err != nil {
		return asText(diag.Error, "malformed link %q: %v", shorten(plain), err)
	}
	dir := path.Dir(from)
	if strings.HasSuffix(p, "/") && !hasQuery && !hasFrag && slices.Contains(routes.Fixed(), p) {
		// A page the generator makes on every site, such as a form.
		return Resolved{Link: true, URL: p}
	}
	if strings.HasPrefix(p, "/") {
		dir, p = ".", strings.TrimLeft(p, "/")
	}
	rel := path.Join(dir, p)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return asText(diag.Error, "link %q leads outside the content folder", shorten(rawPath))
	}
	if t, ok := r.docs[rel]; ok {
		if !hasFrag {
			return Resolved{Link: true, URL: t.URL}
		}
		anchors := t.Anchors
		if rel == from && own != nil {
			anchors = own
		}
		if id := unescapeFragment(frag); r.partial && frag != "" && !slices.Contains(anchors, id) {
			res := fragment([]string{id}, rel, frag, t.URL)
			res.Assumes = &Anchor{Rel: rel, ID: id}
			return res
		}
		return fragment(anchors, rel, frag, t.URL)
	}
	if r.files[rel] {
		u := (&url.URL{Path: "/" + rel}).EscapedPath()
		if hasQuery {
			u += "?" + query
		}
		if hasFrag {
			u += "#" + frag
		}
		return Resolved{Link: true, URL: escapeForGoldmark(u)}
	}
	if r.drafts[rel] {
		d := problem(diag.Error, "link to %q, a draft left out of the site", shorten(rawPath))
		d.Hint = "publish it by taking draft = true out of " + rel + ", or build with --drafts to see both"
		return Resolved{Problem: d}
	}
	if page := r.pageAt(rel); page != "" {
		// The address of a page of the site, as copied from a browser:
		// the file it is made from is what a link names.
		file := relativeTo(path.Dir(from), page)
		if hasFrag {
			file += "#" + frag
		}
		d := problem(diag.Error, "link %q names a page of the site, not a file", shorten(rawPath))
		d.Hint = fmt.Sprintf("link to the file it is made from, %q: the link then works on GitHub too", file)
		return Resolved{Problem: d}
	}
	d := problem(diag.Error, "link to missing file %q", shorten(rawPath))
	d.Hint = r.suggestFile(dir, rel)
	return Resolved{Problem: d}
}

// pageAt is the document whose page is at the site path "/"+p ("p/"
// or "p/index.html" too), or "" when none is: asked only for a link
// that named no file.
func (r *Resolver) pageAt(p string) string {
	p = "/" + strings.TrimSuffix(strings.TrimSuffix(p, "index.html"), "/") + "/"
	var found []string
	for rel, t := range r.docs {
		if t.URL == p {
			found = append(found, rel)
		}
	}
	if len(found) != 1 {
		return "" // none, or (never) several: no hint is sure
	}
	return found[0]
}

// fragment checks #frag against the anchors of the document rel and
// returns base + "#" + frag.
func fragment(anchors []string, rel, frag, base string) Resolved {
	id := unescapeFragment(frag)
	if frag == "" || slices.Contains(anchors, id) {
		u := base + "#" + (&url.URL{Fragment: id}).EscapedFragment()
		return Resolved{Link: true, URL: escapeForGoldmark(u)}
	}
	d := problem(diag.Error, "link to missing anchor %q in %s", shorten("#"+frag), rel)
	known := make([]string, 0, len(anchors))
	for _, a := range anchors {
		known = append(known, "#"+a)
	}
	slices.Sort(known)
	d.Hint = diag.Suggest("#"+id, known)
	return Resolved{Problem: d}
}

// unescapeFragment is the anchor a #fragment names.
func unescapeFragment(frag string) string {
	if id, err := url.PathUnescape(frag); err == nil {
		return id
	}
	return frag
}

// suggestFile hints at the known path nearest to rel, written relative to
// the linking document's folder as the author would write it; failing
// that, it lists the files of the folder rel names (not the whole site,
// which may hold thousands).
func (r *Resolver) suggestFile(dir, rel string) string {
	// A page is suggested for a page, a file (an image, a PDF) for a
	// file: the pages beside a missing image are no help.
	page := path.Ext(rel) == ".md" || path.Ext(rel) == ""
	var known []string
	for _, k := range r.known() {
		if (path.Ext(k) == ".md") == page {
			known = append(known, k)
		}
	}
	if m := diag.Closest(rel, known); m != "" {
		return fmt.Sprintf("did you mean %q?", relativeTo(dir, m))
	}
	var siblings []string
	for _, k := range known {
		if path.Dir(k) == path.Dir(rel) {
			siblings = append(siblings, relativeTo(dir, k))
		}
	}
	if len(siblings) == 0 {
		if !page {
			return "put the file in the content folder, in a folder of its own such as images/ or documents/, and link to it by its path from here"
		}
		return ""
	}
	return diag.Known(siblings)
}

// relativeTo writes the content path target relative to the folder dir.
func relativeTo(dir, target string) string {
	if dir == "." {
		return target
	}
	from := strings.Split(dir, "/")
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

// decodeDestination decodes a raw destination the way goldmark does before
// writing it (backslash escapes, then numeric and named character
// references), so the scheme checked is the scheme the browser sees.
func decodeDestination(dest string) string {
	b := util.UnescapePunctuations([]byte(dest))
	b = util.ResolveNumericReferences(b)
	b = util.ResolveEntityNames(b)
	return string(b)
}

// urlScheme returns the lower-cased scheme of a URL as a browser would
// read it: ASCII whitespace and control characters are ignored, as the
// URL parser strips or skips them.
func urlScheme(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	i := strings.IndexAny(s, ":/?#")
	if i <= 0 || s[i] != ':' {
		return "", false
	}
	scheme := s[:i]
	for j, c := range scheme {
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (j == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return "", false
		}
	}
	return strings.ToLower(scheme), true
}

// escapeForGoldmark percent-encodes the characters goldmark would decode
// again when it writes a destination (backslash escapes and "&name;"
// references, which need the ";"), so a rewritten URL is emitted as built.
func escapeForGoldmark(u string) string {
	if !strings.ContainsAny(u, `\;`) {
		return u
	}
	return goldmarkEscaper.Replace(u)
}

var goldmarkEscaper = strings.NewReplacer(`\`, "%5C", ";", "%3B")

func problem(sev diag.Severity, format string, args ...any) *diag.Diagnostic {
	return &diag.Diagnostic{Severity: sev, Message: fmt.Sprintf(format, args...)}
}

// asText is a link shown as plain text because of a problem.
func asText(sev diag.Severity, format string, args ...any) Resolved {
	return Resolved{Problem: problem(sev, format, args...)}
}

// shorten keeps messages readable when a destination is long.
func shorten(s string) string {
	const max = 80
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}

func setOf(items []string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, s := range items {
		m[s] = true
	}
	return m
}
