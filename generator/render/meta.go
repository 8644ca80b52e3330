package render

import (
	"cmp"
	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
	"path"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// nav is the main navigation, in order; categories and sectors are in
// the footer.
var nav = []Link{
	{Title: "Objectives", URL: "/objectives/"},
	{Title: "Organizations", URL: "/organizations/"},
	{Title: "Partnerships", URL: "/partnerships/"},
	{Title: "Coverage", URL: "/coverage/"},
	{Title: "Funding", URL: "/funding/"},
	{Title: "Find help", URL: "/find-help/"},
	{Title: "Search", URL: "/search/"},
}

// footer links every page to the sections the main navigation leaves
// out, the strategy as data and the contributors' reference.
var footer = []Link{
	{Title: "Categories: the four Ps", URL: "/categories/"},
	{Title: "Sectors", URL: "/sectors/"},
	{Title: "Data downloads", URL: "/data/"},
	{Title: "The strategy as data (JSON)", URL: "/data/strategy.json"},
	{Title: "Feed of updates (Atom)", URL: "/feed.xml"},
	{Title: "Field reference for contributors", URL: "/contribute/fields/"},
}

// aboutPages are the plain pages that say what the strategy is, how its
// partners work and how to change it: when the strategy has them, every
// page's footer leads to them, first (issue 13).
var aboutPages = []string{"/about/", "/principles/", "/contribute/"}

// footer is footerLinks, made once a plan (Plan) where it can be: every
// page's footer is the same list, which no view writes to.
func (r *renderer) footer() []Link {
	if r.footerOnce != nil {
		return r.footerOnce()
	}
	return r.footerLinks()
}

// footerLinks are the footer's links: the about pages the strategy has,
// under their own titles, then footer.
func (r *renderer) footerLinks() []Link {
	var out []Link
	for _, p := range aboutPages {
		if r.routes == nil {
			break
		}
		if rt := r.routes.Lookup(p); rt != nil && rt.Kind == routes.KindPage && rt.Entity != nil {
			out = append(out, Link{Title: rt.Entity.Name(), URL: p})
		}
	}
	return append(out, footer...)
}

// meta describes a page: its title, description (falling back to the
// site's), canonical URL, navigation and breadcrumbs. ancestors are the
// crumbs between the home page and this one. doc, when not nil, is the
// page's source file, for the "Suggest an edit" link; a page made from no
// one file (a list, a figure, a form) gets a link to propose a change
// instead (proposeLink).
func (r *renderer) meta(urlPath, title, description string, doc *model.Doc, ancestors ...Crumb) Meta {
	site := r.s.Site
	lang := cmp.Or(site.Language, model.DefaultLanguage)
	m := Meta{
		Site: SiteInfo{
			Title: site.Title, Description: site.Description,
			Lang: lang, Locale: ogLocale(lang), BaseURL: r.base,
			Nav: navFor(urlPath), Footer: r.footer(), Notice: strings.TrimSpace(site.Notice),
			AsOf: r.asOf,
		},
		Title:       title,
		HeadTitle:   title + " — " + site.Title,
		Description: cmp.Or(strings.TrimSpace(description), site.Description),
		Path:        urlPath,
		Canonical:   r.absURL(urlPath),
		OGType:      "website",
		EditURL:     r.editURL(doc),
		Dev:         r.opts.Dev,
	}
	m.Site.NavKey = navKey(m.Site.Nav)
	if doc == nil {
		m.Propose = r.proposeLink(urlPath)
	}
	if urlPath == "/" {
		m.HeadTitle = site.Title
	} else {
		m.Breadcrumbs = append([]Crumb{{Title: "Home", URL: "/"}}, ancestors...)
		m.Breadcrumbs = append(m.Breadcrumbs, Crumb{Title: title})
	}
	return m
}

// navKey identifies a navigation state: the current entry and its
// aria-current value, "" when no entry is current.
func navKey(nav []NavItem) string {
	for _, n := range nav {
		if n.Current != "" {
			return n.URL + " " + n.Current
		}
	}
	return ""
}

// navFor marks the navigation entry of the page at urlPath: one of the
// few lists made once (navs), which no view writes to.
func navFor(urlPath string) []NavItem {
	marked, current := -1, ""
	for i, l := range nav {
		if c := navCurrent(urlPath, l.URL); c != "" {
			if marked >= 0 {
				return makeNav(urlPath) // two entries current: made as ever
			}
			marked, current = i, c
		}
	}
	switch current {
	case "":
		return navs.none
	case "page":
		return navs.page[marked]
	}
	return navs.within[marked]
}

// navs are navFor's lists: none current, and each entry current as the
// page itself or as a page within it.
var navs = makeNavs()

type navLists struct {
	none         []NavItem
	page, within [][]NavItem
}

func makeNavs() navLists {
	v := navLists{none: makeNav("")}
	for _, l := range nav {
		v.page = append(v.page, makeNav(l.URL))
		v.within = append(v.within, makeNav(l.URL+"~"))
	}
	return v
}

// makeNav makes the list navFor gives for urlPath.
func makeNav(urlPath string) []NavItem {
	out := make([]NavItem, len(nav))
	for i, l := range nav {
		out[i] = NavItem{Title: l.Title, URL: l.URL, Current: navCurrent(urlPath, l.URL)}
	}
	return out
}

// navCurrent is the aria-current of the entry at url on the page at
// urlPath: "page" on the entry's own page, "true" within it, else "".
func navCurrent(urlPath, url string) string {
	switch {
	case urlPath == url:
		return "page"
	case strings.HasPrefix(urlPath, url):
		return "true"
	}
	return ""
}

// editURL links to the source file on the repository's web editor, or ""
// when the site names no (http or https) repository or the page has no
// source.
func (r *renderer) editURL(doc *model.Doc) string {
	repo := webURL(r.s.Site.Repository)
	if repo == "" || doc == nil || doc.Rel == "" {
		return ""
	}
	branch := cmp.Or(r.s.Site.Branch, model.DefaultBranch)
	return strings.TrimSuffix(repo, "/") + "/edit/" + path.Join(branch, r.opts.ContentDir, doc.Rel)
}

// proposeLink is where a generated page, made from no one file, leads a
// reader who wants to change what it shows: the form for a new file of
// what the page lists (organizations, partnerships, objectives), else the
// page on how to contribute. Never a file: site.toml and a list's
// introduction hold little of what such a page shows.
func (r *renderer) proposeLink(urlPath string) *Link {
	section, rest, _ := strings.Cut(strings.Trim(urlPath, "/"), "/")
	kind := ""
	switch {
	case strings.HasSuffix(urlPath, "/"+routes.ListOrganizations+"/") || strings.Contains(urlPath, "/"+routes.ListOrganizations+"/page/"):
		kind = "organization"
	case strings.HasSuffix(urlPath, "/"+routes.ListPartnerships+"/") || strings.Contains(urlPath, "/"+routes.ListPartnerships+"/page/"):
		kind = "partnership"
	case section == "organizations" || section == "sectors" && rest != "":
		kind = "organization"
	case section == "partnerships":
		kind = "partnership"
	case section == "objectives" || section == "categories" && rest != "":
		kind = "objective"
	}
	if kind != "" {
		l := formLink(kind)
		return &l
	}
	return &Link{Title: "How to contribute", URL: r.contributeURL()}
}

// contributeURL is the page on how to contribute: content/contribute.md's
// when the strategy has one, else the field reference.
func (r *renderer) contributeURL() string {
	if rt := r.routes.Lookup(routes.Contribute); rt != nil && rt.Kind == routes.KindPage {
		return routes.Contribute
	}
	return fieldsURL
}

// intro returns the introduction of a generated list page, if any.
func (r *renderer) intro(urlPath string) *model.Page {
	return r.s.Intros[urlPath]
}

// introTitle returns the intro's title and description when it gives
// them, else the defaults.
func introTitle(in *model.Page, title, description string) (string, string) {
	if in == nil {
		return title, description
	}
	return cmp.Or(in.Title, title), cmp.Or(in.Description, description)
}

// introDoc is the intro's source, or nil.
func introDoc(in *model.Page) *model.Doc {
	if in == nil {
		return nil
	}
	return in.Doc
}

// listPos is where problems with a generated list page are reported: its
// intro's file, if any.
func (r *renderer) listPos(urlPath string) diag.Pos {
	return posOf(introDoc(r.intro(urlPath)))
}

// bodyOf is a page's rendered body, or "" when there is no page.
func (r *renderer) bodyOf(p *model.Page) template.HTML {
	if p == nil {
		return ""
	}
	return r.body(p.Doc)
}
