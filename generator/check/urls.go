package check

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// generatedPages are the URLs the site makes on its own, besides one page
// per category and sector.
var generatedPages = []string{
	"/", "/objectives/", "/organizations/", "/partnerships/", "/categories/",
	"/sectors/", "/coverage/", "/funding/", "/search/", "/data/",
}

// reservedPrefixes hold URLs the generator may use for pages of long
// lists and for the cells of the coverage matrix (/coverage/<p>/<sector>/).
var reservedPrefixes = []string{"/organizations/page/", "/coverage/"}

// urlSource is something that produces a URL: a page or an alias.
type urlSource struct {
	what  func() string // `objective "PV-1"`, `an alias of page "about.md"`; made only for a message
	pos   diag.Pos      // where it is written, if anywhere
	owner any           // the entity whose page or alias it is; nil for generated pages
	alias bool
}

// urls checks every alias, then that no two sources claim one URL: the
// generated pages first, then entity pages, then aliases, so a clash is
// reported at the later, movable source.
func (c *checker) urls() {
	seen := map[string]urlSource{}
	for _, u := range generatedPages {
		seen[u] = urlSource{what: func() string { return "a generated page" }}
	}
	for i, cat := range c.s.Site.Categories {
		c.claimKey(seen, cat.URL(), "category", cat.Key, fmt.Sprintf("categories.%d.key", i))
	}
	for i, sec := range c.s.Site.Sectors {
		c.claimKey(seen, sec.URL(), "sector", sec.Key, fmt.Sprintf("sectors.%d.key", i))
	}
	ids := map[string]bool{}
	for _, o := range c.s.Objectives {
		if k := strings.ToLower(o.ID); model.IDPattern.MatchString(o.ID) && !ids[k] {
			ids[k] = true // a repeated id is reported as a duplicate, not a clash
			c.claim(seen, o.URL(), urlSource{what: func() string { return fmt.Sprintf("objective %q", o.ID) }, pos: o.Doc.Pos("id"), owner: o})
		}
	}
	for _, o := range c.s.Organizations {
		if model.SlugPattern.MatchString(o.Slug) {
			c.claim(seen, o.URL(), urlSource{what: func() string { return fmt.Sprintf("organization %q", o.Slug) }, pos: o.Doc.Pos(""), owner: o})
		}
	}
	for _, p := range c.s.Partnerships {
		if model.SlugPattern.MatchString(p.Slug) {
			c.claim(seen, p.URL(), urlSource{what: func() string { return fmt.Sprintf("partnership %q", p.Slug) }, pos: p.Doc.Pos(""), owner: p})
		}
	}
	for _, p := range c.s.Pages {
		c.claim(seen, p.Path, urlSource{what: func() string { return pageName(p) }, pos: p.Doc.Pos(""), owner: p})
	}
	for _, e := range c.s.AliasOwners() {
		c.claimAliases(seen, e)
	}
}

// claimKey claims the page of a category or sector. Bad and repeated keys
// were reported with the site's vocabularies, so they claim nothing.
func (c *checker) claimKey(seen map[string]urlSource, u, kind, key, at string) {
	if _, dup := seen[u]; dup || !model.KeyPattern.MatchString(key) {
		return
	}
	c.claim(seen, u, urlSource{what: func() string { return fmt.Sprintf("the page of %s %q", kind, key) }, pos: c.s.Site.Doc.Pos(at)})
}

// claimAliases checks an entity's aliases and claims the URL of each good one.
func (c *checker) claimAliases(seen map[string]urlSource, e model.Entity) {
	var aliases []string
	var what string
	switch e := e.(type) {
	case *model.Objective:
		aliases, what = e.Aliases, fmt.Sprintf("objective %q", e.ID)
	case *model.Organization:
		aliases, what = e.Aliases, fmt.Sprintf("organization %q", e.Slug)
	case *model.Partnership:
		aliases, what = e.Aliases, fmt.Sprintf("partnership %q", e.Slug)
	case *model.Page:
		aliases, what = e.Aliases, pageName(e)
	}
	d := e.Document()
	for _, i := range c.unique(d, "aliases", aliases, false) {
		key := fmt.Sprintf("aliases.%d", i)
		if msg := aliasProblem(aliases[i]); msg != "" {
			c.diags.ErrorHint(d.Pos(key), `a path on this site, like "/old-page/"`, "alias %q %s", aliases[i], msg)
			continue
		}
		c.claim(seen, model.AliasPath(aliases[i]), urlSource{what: func() string { return "an alias of " + what }, pos: d.Pos(key), owner: e, alias: true})
	}
}

// claim records that src produces URL u, or reports the clash with the
// source that produced it first.
func (c *checker) claim(seen map[string]urlSource, u string, src urlSource) {
	subject := func() string {
		if src.alias {
			return fmt.Sprintf("alias %q", u)
		}
		return fmt.Sprintf("URL %q of %s", u, src.what())
	}
	for _, prefix := range reservedPrefixes {
		// A prefix that is itself a generated page ("/coverage/") clashes
		// with it, reported below.
		if strings.HasPrefix(u, prefix) && (u != prefix || !slices.Contains(generatedPages, u)) {
			c.diags.Errorf(src.pos, "%s is reserved for generated pages", subject())
			return
		}
	}
	first, clash := seen[u]
	switch {
	case !clash:
		seen[u] = src
	case src.alias && first.owner == src.owner && first.alias:
		c.diags.ErrorHint(src.pos, firstIn(first.pos), "alias %q repeats an earlier alias", u)
	case src.alias && first.owner == src.owner:
		c.diags.Errorf(src.pos, "alias %q is the page's own URL", u)
	default:
		c.diags.ErrorHint(src.pos, firstIn(first.pos), "%s is already used by %s", subject(), first.what())
	}
}

func pageName(p *model.Page) string {
	if p.Doc != nil && p.Doc.Rel != "" {
		return fmt.Sprintf("page %q", p.Doc.Rel)
	}
	return fmt.Sprintf("page %q", p.Path)
}

// aliasProblem says what keeps a an alias from being a path on this site,
// or returns "".
func aliasProblem(a string) string {
	if u, err := url.Parse(a); err == nil && u.Scheme != "" || strings.HasPrefix(a, "//") {
		return "must be a path on this site, not a full address"
	}
	switch {
	case !strings.HasPrefix(a, "/"):
		return `must start with "/"`
	case strings.Contains(a, ".."):
		return `must not contain ".."`
	case strings.ContainsFunc(a, isSpace):
		return "must not contain spaces"
	case strings.ContainsAny(a, "?#"):
		return `must not contain "?" or "#"`
	case strings.Contains(a, `\`):
		return `must not contain "\"`
	}
	return ""
}
