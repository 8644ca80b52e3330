package serve

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/render"
	"github.com/commonagenda/agenda/generator/site"
)

// builder rebuilds the site after changes. It keeps the last good build
// (strategy, files, link graph) so that the next one can render only the
// pages a change touches. Only the goroutine that builds touches it.
type builder struct {
	opts site.Options
	base string

	renderer *render.Renderer
	themeDir string
	strategy *model.Strategy
	files    map[string][]byte
	// extras are the search index and data files among files.
	extras map[string][]byte
	// links maps each page's URL path to the site paths it links to.
	links map[string][]string

	// pending are content files changed since the last good build; a
	// failed build's changes are rendered by the next good one.
	pending map[string]bool
	// needFull is set when a change that needs a full build failed.
	needFull bool
}

// result is a build and, when it succeeded, the site's files.
type result struct {
	build Build
	files map[string][]byte
	// late, for an edit, makes the search index and data files, which
	// the published files hold from the build before until they are
	// ready (see Server.Run).
	late site.Extras
}

// watched are the folders to watch: the content and the theme, if the
// theme is a folder on disk.
func (b *builder) watched() []string {
	dirs := []string{b.opts.Source}
	if b.themeDir != "" {
		dirs = append(dirs, b.themeDir)
	}
	return dirs
}

// rebuild builds again after changes to the files at paths (as the
// watcher reports them), rendering all pages or only the touched ones
// depending on the kind of change.
func (b *builder) rebuild(paths []string) result {
	kind := "static"
	full := b.needFull || b.renderer == nil
	for _, p := range paths {
		switch k, rel := b.classify(p); k {
		case "config", "theme":
			kind, full = k, true
		case "content":
			kind = "content"
			b.pending[rel] = true
		case "static":
			b.pending[rel] = true
		}
	}
	if full {
		return b.full(kind)
	}
	return b.partial(kind)
}

// classify sorts a changed path into a kind of change, returning its
// slash path relative to the content folder for content and static files.
func (b *builder) classify(p string) (kind, rel string) {
	if b.themeDir != "" && within(b.themeDir, p) {
		return "theme", ""
	}
	r, err := filepath.Rel(b.opts.Source, p)
	if err != nil || !within(b.opts.Source, p) {
		return "ignored", ""
	}
	rel = filepath.ToSlash(r)
	switch {
	case rel == "site.toml":
		return "config", rel
	case strings.HasSuffix(rel, ".md"):
		return "content", rel
	}
	return "static", rel
}

// within reports whether p is dir or inside it.
func within(dir, p string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// full loads and renders everything, with a new renderer (templates
// parsed again, site settings read again).
func (b *builder) full(kind string) result {
	start := time.Now()
	b.needFull = true
	s, diags := site.Load(b.opts)
	if s == nil || diags.HasErrors() {
		return failed(kind, diags, start)
	}
	theme, dir, err := site.Theme(b.opts, s)
	if err != nil {
		diags.ErrorHint(s.Site.Doc.Pos("theme"), `theme is "default" or a folder under themes/`, "%v", err)
		return failed(kind, diags, start)
	}
	b.themeDir = dir
	extras := site.StartExtras(s, b.base)
	x := render.NewRenderer(s, theme, site.RenderOptions(b.opts, b.base))
	part, rdiags := x.Render(s, nil)
	diags.Merge(rdiags)
	res := b.finish(kind, s, part, nil, extras, diags, start)
	if res.build.OK {
		res.build.Full = true
		b.renderer = x
		b.needFull = false
	}
	return res
}

// partial loads everything and renders the pages the pending changes
// touch, in two passes: the pages known from the previous build's link
// graph, then the pages the changed items link to now.
func (b *builder) partial(kind string) result {
	start := time.Now()
	s, diags := site.Load(b.opts)
	if s == nil || diags.HasErrors() {
		return failed(kind, diags, start)
	}
	touched, changed := b.touched(s)
	only := func(p string) bool {
		_, existed := b.files[render.FileOf(p)]
		return touched(p) || !existed
	}
	part, rdiags := b.renderer.Render(s, only)
	diags.Merge(rdiags)

	// Pages the changed items link to now but did not before, such as
	// an objective newly named in an organization's list.
	extra := map[string]bool{}
	for _, u := range changed {
		for _, v := range siteLinks(part.Files[render.FileOf(u)]) {
			if !only(v) {
				extra[v] = true
			}
		}
	}
	if len(extra) > 0 {
		more, mdiags := b.renderer.Render(s, func(p string) bool { return extra[p] })
		diags.Merge(mdiags)
		for _, f := range more.Rendered {
			part.Files[f] = more.Files[f]
		}
		part.Rendered = append(part.Rendered, more.Rendered...)
		part.Kept = slices.DeleteFunc(part.Kept, func(f string) bool { return extra[render.PathOf(f)] })
		slices.Sort(part.Rendered)
	}
	return b.finish(kind, s, part, b.files, nil, diags, start)
}

// finish completes a rendering into a site: pages kept from the previous
// build, the sitemap and content files, and the extras (search index,
// feeds, data files). A full build started its extras before rendering
// and waits for them. An edit (extras nil) does not wait, as the extras
// take longer than rendering the pages it touched: it serves the last
// extras, starts new ones only now, so they do not slow its pages down,
// and hands them back as result.late. On success it becomes the last good
// build.
func (b *builder) finish(kind string, s *model.Strategy, part render.Partial, previous map[string][]byte, extras site.Extras, diags *diag.List, start time.Time) result {
	files := part.Files
	for _, f := range part.Kept {
		files[f] = previous[f]
	}
	diags.Merge(site.CompletePages(files, s, b.opts, b.base, part.Pages))
	var late site.Extras
	if extras != nil {
		more, xdiags := extras()
		diags.Merge(xdiags)
		diags.Merge(site.AddExtras(files, more))
		b.extras = more
	} else {
		maps.Copy(files, b.extras)
	}
	if diags.HasErrors() {
		return failed(kind, diags, start)
	}
	if extras == nil {
		late = site.StartExtras(s, b.base)
	}
	links := map[string][]string{}
	for _, f := range part.Kept {
		if l, ok := b.links[render.PathOf(f)]; ok {
			links[render.PathOf(f)] = l
		}
	}
	for _, f := range part.Rendered {
		links[render.PathOf(f)] = siteLinks(files[f])
	}
	b.strategy, b.files, b.links = s, files, links
	b.pending = map[string]bool{}
	return result{files: files, late: late, build: Build{
		OK: true, Kind: kind, Rendered: part.Rendered, Pages: len(part.Rendered) + len(part.Kept),
		Diagnostics: diags.Items(), Duration: time.Since(start),
	}}
}

// withExtras returns the last build's files with its stand-in extras
// replaced by the finished ones, and makes those the builder's.
func (b *builder) withExtras(extras map[string][]byte) map[string][]byte {
	files := make(map[string][]byte, len(b.files))
	for name, data := range b.files {
		if _, old := b.extras[name]; !old {
			files[name] = data
		}
	}
	maps.Copy(files, extras)
	b.files, b.extras = files, extras
	return files
}

func failed(kind string, diags *diag.List, start time.Time) result {
	return result{build: Build{Kind: kind, Diagnostics: diags.Items(), Duration: time.Since(start)}}
}

// touched returns which pages the pending changes touch, given the new
// strategy, and the URL paths the changed items have now.
func (b *builder) touched(s *model.Strategy) (func(string) bool, []string) {
	before, after := pagesByFile(b.strategy), pagesByFile(s)
	changed := maps.Clone(b.pending)
	// Files that appeared or disappeared without an event for them, as
	// when a folder is renamed.
	for rel := range before {
		if _, ok := after[rel]; !ok {
			changed[rel] = true
		}
	}
	for rel := range after {
		if _, ok := before[rel]; !ok {
			changed[rel] = true
		}
	}

	// Lists and the pages of figures (coverage, funding) sum up
	// everything, so any edit touches them.
	set := map[string]bool{"/": true, "/objectives/": true, "/partnerships/": true, "/categories/": true, "/sectors/": true, "/organizations/": true,
		"/coverage/": true, "/funding/": true, "/data/": true}
	var lists listings
	var now []string
	items := map[string]bool{} // the changed items' pages, before and after
	for rel := range changed {
		lists.add(listingsTouched(b.strategy, s, rel))
		for _, u := range []string{before[rel], after[rel]} {
			if u == "" {
				continue
			}
			items[u] = true
			set[u] = true
			for _, v := range b.links[u] {
				set[v] = true
			}
		}
		if u := after[rel]; u != "" {
			now = append(now, u)
		}
	}
	// The pages that link to them: one pass over the link graph, rather
	// than inverting all of it for the few pages an edit changes.
	for from, tos := range b.links {
		for _, to := range tos {
			if items[to] {
				set[from] = true
				break
			}
		}
	}
	slices.Sort(now)
	return func(p string) bool {
		return set[p] || lists.touch(p)
	}, slices.Compact(now)
}

// listingsTouched says which list pages a change to the content file rel
// may change beyond the pages that link to the item, which the link graph
// finds: lists the item joins or leaves, lists it moves within, and counts
// shown on every page of a list.
//
// An organization sits in the directory (sorted by title, with counts per
// sector and P on every page), in its sector's lists, in the lists of its
// Ps and in their coverage cells. If its title, sector and Ps are what
// they were, it stays where it was in all of them and its pages link to
// it; otherwise every list it was or is in is touched. An objective or a
// partnership can move many organizations between Ps and sectors, so it
// touches every list.
func listingsTouched(old, now *model.Strategy, rel string) listings {
	switch {
	case strings.HasPrefix(rel, "objectives/"), strings.HasPrefix(rel, "partnerships/"):
		return listings{all: true}
	case !strings.HasPrefix(rel, "organizations/") || strings.HasSuffix(rel, "/_index.md"):
		return listings{}
	}
	slug := strings.TrimSuffix(strings.TrimPrefix(rel, "organizations/"), ".md")
	var was, is *model.Organization
	if old != nil {
		was = old.Organization(slug)
	}
	is = now.Organization(slug)
	if was != nil && is != nil && was.Title == is.Title && sameShape(was, is) {
		return listings{}
	}
	l := listings{prefixes: []string{"/organizations/page/"}}
	for _, o := range []*model.Organization{was, is} {
		if o == nil {
			continue
		}
		for _, c := range o.Categories {
			l.prefixes = append(l.prefixes, c.URL())
		}
		if sec := o.SectorRef; sec != nil {
			l.prefixes = append(l.prefixes, sec.URL())
			for _, p := range []*model.Organization{was, is} {
				if p == nil {
					continue
				}
				for _, c := range p.Categories {
					l.prefixes = append(l.prefixes, render.CellURL(c, sec))
				}
			}
		}
	}
	return l
}

// sameShape reports whether an organization is in the same sector and
// works on the same Ps as before.
func sameShape(was, is *model.Organization) bool {
	if was.Sector != is.Sector || len(was.Categories) != len(is.Categories) {
		return false
	}
	for i, c := range was.Categories {
		if c.Key != is.Categories[i].Key {
			return false
		}
	}
	return true
}

// listings are the list pages an edit touches: every page under one of
// prefixes, or every list page when all is set.
type listings struct {
	all      bool
	prefixes []string
}

// listRoots are where list pages live; all touches every page under them.
var listRoots = []string{"/organizations/page/", "/categories/", "/sectors/", "/coverage/"}

func (l *listings) add(o listings) {
	l.all = l.all || o.all
	l.prefixes = append(l.prefixes, o.prefixes...)
}

func (l listings) touch(urlPath string) bool {
	roots := l.prefixes
	if l.all {
		roots = listRoots
	}
	for _, p := range roots {
		if strings.HasPrefix(urlPath, p) {
			return true
		}
	}
	return false
}

// pagesByFile maps each content file (slash path under the content
// folder) to the URL path of the page it makes or introduces.
func pagesByFile(s *model.Strategy) map[string]string {
	out := map[string]string{}
	if s == nil {
		return out
	}
	for _, e := range s.Entities() {
		if d := e.Document(); d != nil {
			out[d.Rel] = e.URL()
		}
	}
	for u, p := range s.Intros {
		if p.Doc != nil {
			out[p.Doc.Rel] = u
		}
	}
	return out
}

// siteLinks lists the pages a page links to: the site paths in its href
// attributes, without fragments or queries, each once. Assets and the
// dev server's own paths are left out.
func siteLinks(page []byte) []string {
	const attr = ` href="/`
	var out []string
	rest := string(page)
	for {
		i := strings.Index(rest, attr)
		if i < 0 {
			break
		}
		rest = rest[i+len(attr)-1:]
		end := strings.IndexByte(rest, '"')
		if end < 0 {
			break
		}
		u := rest[:end]
		rest = rest[end:]
		if j := strings.IndexAny(u, "#?"); j >= 0 {
			u = u[:j]
		}
		if strings.HasPrefix(u, "//") || strings.HasPrefix(u, "/assets/") || strings.HasPrefix(u, "/_agenda/") {
			continue
		}
		out = append(out, u)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
