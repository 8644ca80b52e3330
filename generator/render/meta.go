package render

import (
	"cmp"
	"html/template"
	"path"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// nav is the main navigation, in order. Coverage, funding and search join
// it when their pages exist.
var nav = []Link{
	{Title: "Objectives", URL: "/objectives/"},
	{Title: "Organizations", URL: "/organizations/"},
	{Title: "Partnerships", URL: "/partnerships/"},
	{Title: "Categories", URL: "/categories/"},
	{Title: "Sectors", URL: "/sectors/"},
	{Title: "Search", URL: "/search/"},
}

// meta describes a page: its title, description (falling back to the
// site's), canonical URL, navigation and breadcrumbs. ancestors are the
// crumbs between the home page and this one. doc, when not nil, is the
// page's source file, for the "Suggest an edit" link.
func (r *renderer) meta(urlPath, title, description string, doc *model.Doc, ancestors ...Crumb) Meta {
	site := r.s.Site
	lang := cmp.Or(site.Language, model.DefaultLanguage)
	m := Meta{
		Site: SiteInfo{
			Title: site.Title, Description: site.Description,
			Lang: lang, Locale: ogLocale(lang), BaseURL: r.base,
			Nav: navFor(urlPath),
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

// navFor marks the navigation entry of the page at urlPath.
func navFor(urlPath string) []NavItem {
	out := make([]NavItem, len(nav))
	for i, l := range nav {
		out[i] = NavItem{Title: l.Title, URL: l.URL}
		switch {
		case urlPath == l.URL:
			out[i].Current = "page"
		case strings.HasPrefix(urlPath, l.URL):
			out[i].Current = "true"
		}
	}
	return out
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
func bodyOf(p *model.Page) template.HTML {
	if p == nil {
		return ""
	}
	return body(p.Doc)
}
