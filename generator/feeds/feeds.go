// Package feeds makes the site's outputs that are not HTML pages: the
// sitemap, robots.txt, the Atom feed of recent updates, Netlify
// redirects for aliases, and the whole strategy as JSON for funders and
// analysts.
//
// Every function is pure: it takes a linked *model.Strategy (see package
// link; reverse links and resolved references filled) or a list of pages,
// and returns the file's bytes. Nothing reads the clock or the file system,
// so the same strategy always gives byte-identical files.
//
// Functions that write absolute URLs take the site's base URL already
// normalised with a trailing slash ("https://example.org/" or
// "https://example.org/sub/"); a page path "/objectives/pv-1/" becomes
// "https://example.org/objectives/pv-1/".
package feeds

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/model"
)

// absURL is the absolute address of the site path p ("/about/") under
// base. Characters not allowed in a URL path are percent-encoded.
func absURL(base, p string) string {
	return base + strings.TrimPrefix(escapePath(p), "/")
}

// escapePath percent-encodes what may not appear raw in a URL path, such
// as spaces, '?' and '#', leaving the usual characters of ids and slugs.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// SitemapEntry is one page of the sitemap.
type SitemapEntry struct {
	// Path is the page's site path, "/objectives/pv-1/".
	Path string
	// Updated is the page's last change; the zero Date when unknown.
	Updated model.Date
}

// Sitemap returns sitemap.xml listing the pages, sorted by path, with
// their last change where known (https://www.sitemaps.org/protocol.html).
func Sitemap(base string, pages []SitemapEntry) []byte {
	sorted := slices.Clone(pages)
	slices.SortStableFunc(sorted, func(a, b SitemapEntry) int { return strings.Compare(a.Path, b.Path) })
	locs := make([]sitemapLoc, len(sorted))
	for i, p := range sorted {
		locs[i] = sitemapLoc{loc: absURL(base, p.Path), lastMod: p.Updated.String()}
	}
	return marshalSitemap(locs)
}

// Robots returns robots.txt: every crawler may read every page, and the
// sitemap is at base + "sitemap.xml".
func Robots(base string) []byte {
	return fmt.Appendf(nil, "User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n", base)
}

// Redirects returns Netlify's _redirects file: a permanent redirect from
// every alias of every entity and list introduction to its page, one rule a line,
// sorted. Both sides are under base's path, for sites published in a
// sub-folder.
//
// An alias is normalised to the "/old/path/" form and also redirected
// without its trailing slash, since either may have been linked. An alias
// ending in ".html" or ".htm" names a file and is kept as given. Aliases
// are percent-encoded, so untrusted content cannot smuggle extra fields
// (such as a status or a proxy target) into a rule. An alias that is the
// entity's own page is skipped, as it would loop.
func Redirects(s *model.Strategy, base string) []byte {
	var aliases []Alias
	for _, e := range s.AliasOwners() {
		for _, alias := range model.AliasesOf(e) {
			aliases = append(aliases, Alias{From: model.AliasPath(alias), To: e.URL()})
		}
	}
	return RedirectRules(aliases, base)
}

// Alias is an old path (model.AliasPath's form) and the page it leads to.
type Alias struct{ From, To string }

// RedirectRules is Redirects for a list of aliases, such as the route
// table's.
func RedirectRules(aliases []Alias, base string) []byte {
	prefix := "/"
	if u, err := url.Parse(base); err == nil && u.Path != "" {
		prefix = u.EscapedPath()
	}
	seen := make(map[string]bool)
	var lines []string
	add := func(from, to string) {
		if from == "" || from == "/" || from == to {
			return
		}
		from, to = prefix+from[1:], prefix+to[1:]
		line := from + " " + to + " 301"
		if from != "" && from != "/" && from != to && !seen[line] {
			seen[line] = true
			lines = append(lines, line)
		}
	}
	for _, a := range aliases {
		to, from := escapePath(a.To), escapePath(a.From)
		add(from, to)
		if !strings.HasSuffix(from, ".html") && !strings.HasSuffix(from, ".htm") {
			add(strings.TrimSuffix(from, "/"), to)
		}
	}
	slices.Sort(lines)
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
