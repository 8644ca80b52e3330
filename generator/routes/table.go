package routes

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// Source is who claims a path, in the order Plan claims them: a clash is
// reported at the later claim.
type Source int

const (
	// Kept paths are the generator's own folders (Assets, SearchChunks,
	// Dev, DirectoryPages); nothing else may claim a path under them.
	Kept Source = iota
	// Generated pages and files are made by the generator.
	Generated
	// Content pages are made from a content file.
	Content
	// Alias pages redirect an old path to a page.
	Alias
	// Copied files are content files published as they are.
	Copied
)

// Route is one path of the site and what is there.
type Route struct {
	// Path is the URL path ("/objectives/pv-1/", "/feed.xml").
	Path string
	// Kind says what is at the path: a page kind, which is also the name
	// of the theme's template for it (KindObjective, ...), or KindFile.
	Kind   string
	Source Source
	// Noun and Name name the claimant in messages (see What); About
	// names it whole when it has no name.
	Noun, Name, About string
	// Pos is where the claim is written: the content file, the key of an
	// alias, the category in site.toml; zero for generated paths.
	Pos diag.Pos
	// Hidden pages stay out of the sitemap: 404, redirects, pages of
	// lists that other pages hold.
	Hidden bool
	// Updated is when the page's content last changed, for the sitemap.
	Updated model.Date

	// What the page is of, for the renderer; each kind sets its own.
	Entity   model.Entity    // an entity's page, a page's, or an alias's target
	Category *model.Category // a category page, a coverage cell, a long list's
	Sector   *model.Sector   // a sector page, a coverage cell, a long list's
	// Hub is the page a long list belongs to ("/categories/prevention/"),
	// List which one ("organizations" or "partnerships").
	Hub, List string
	// Form is the kind of file a form page writes ("organization").
	Form string
	// Facet and Value narrow a page of the directory of help to one
	// value of one facet (analysis.Help); both "" for the whole of it.
	Facet, Value string
	// Page is which page of a paginated list (from 1), Pages how many.
	Page, Pages int
	// Source file of a copied file, slash path under the content folder.
	From string
}

// What names the claimant in messages: `objective "PV-1"`, `a
// generated page`. It is made only for a message: a route table of ten
// thousand pages names none of them unless something clashes.
func (r *Route) What() string {
	if r.Noun == "" {
		return r.About
	}
	return r.Noun + " " + strconv.Quote(r.Name)
}

// File is the route's output file.
func (r *Route) File() string { return File(r.Path) }

// Table is every path of one build, made by Plan. It is read-only once
// made and safe for concurrent use.
type Table struct {
	routes []*Route // in claim order
	byPath map[string]*Route
	// files and dirs are the output files and the folders they need,
	// each with the first route that needed it.
	files, dirs map[string]*Route
	kept        []*Route // folders, by Path prefix
	// keptAt is each kept folder's place in kept, by its Path: a path is
	// in a kept folder when one of its prefixes up to a "/" is there.
	// Every kept Path ends with "/" (keep).
	keptAt map[string]int
	// folded are the output files by their names in lower case: on the
	// file systems of macOS and Windows, two names that differ only in
	// case are one file.
	folded map[string]*Route
	diags  *diag.List
}

// newTable returns a table sized for about n routes.
func newTable(n int) *Table {
	return &Table{byPath: make(map[string]*Route, n), files: make(map[string]*Route, n),
		dirs: make(map[string]*Route, n), folded: make(map[string]*Route, n), diags: &diag.List{}}
}

// Lookup returns the route at a URL path, or nil.
func (t *Table) Lookup(urlPath string) *Route { return t.byPath[urlPath] }

// LookupFile returns the route whose output file is file, or nil.
func (t *Table) LookupFile(file string) *Route { return t.byPath[PathOf(file)] }

// Kept reports whether a path falls in one of the generator's own
// folders, whose files (assets, search index chunks) are not routes.
func (t *Table) Kept(urlPath string) bool {
	return t.keptFolder(urlPath, nil) != nil
}

// keptFolder is the first kept folder (in the order kept) that holds
// urlPath and that skip, when set, does not rule out; nil when none.
func (t *Table) keptFolder(urlPath string, skip func(k *Route) bool) *Route {
	first := -1
	for i := 0; i < len(urlPath); i++ {
		if urlPath[i] != '/' {
			continue
		}
		if at, ok := t.keptAt[urlPath[:i+1]]; ok && (first < 0 || at < first) && (skip == nil || !skip(t.kept[at])) {
			first = at
		}
	}
	if first < 0 {
		return nil
	}
	return t.kept[first]
}

// Routes returns every route, in claim order.
func (t *Table) Routes() []*Route { return t.routes }

// Pages returns the pages (routes with a page kind), in claim order.
func (t *Table) Pages() []*Route {
	var out []*Route
	for _, r := range t.routes {
		if r.Kind != KindFile {
			out = append(out, r)
		}
	}
	return out
}

// Sitemap returns the pages that belong in the sitemap, sorted by path.
func (t *Table) Sitemap() []*Route {
	var out []*Route
	for _, r := range t.routes {
		if r.Kind != KindFile && !r.Hidden {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *Route) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// Aliases returns the alias routes, in claim order.
func (t *Table) Aliases() []*Route {
	var out []*Route
	for _, r := range t.routes {
		if r.Kind == KindAlias {
			out = append(out, r)
		}
	}
	return out
}

// Diagnostics are the clashes found while claiming.
func (t *Table) Diagnostics() *diag.List { return t.diags }

// keep claims a folder for the generator.
func (t *Table) keep(prefix, what string) {
	if !strings.HasSuffix(prefix, "/") {
		panic("routes: a kept folder's path must end with /: " + prefix)
	}
	if t.keptAt == nil {
		t.keptAt = map[string]int{}
	}
	if _, dup := t.keptAt[prefix]; !dup {
		t.keptAt[prefix] = len(t.kept)
	}
	t.kept = append(t.kept, &Route{Path: prefix, Source: Kept, About: what})
}

// claim adds r, or reports why it cannot have its path and returns false.
func (t *Table) claim(r *Route) bool {
	f := r.File()
	if msg := t.clash(r, f); msg != "" {
		return false
	}
	lower := strings.ToLower(f)
	if other := t.folded[lower]; other != nil {
		t.caseClash(r, other)
		return false
	}
	t.folded[lower] = r
	t.byPath[r.Path] = r
	t.files[f] = r
	// A folder's parents were noted with it.
	for d := parent(f); d != "." && t.dirs[d] == nil; d = parent(d) {
		t.dirs[d] = r
	}
	t.routes = append(t.routes, r)
	return true
}

// parent is path.Dir of a route's file, which is always a valid fs path
// (fs.ValidPath: no empty, "." or ".." parts), without its cleaning.
func parent(f string) string {
	if i := strings.LastIndexByte(f, '/'); i >= 0 {
		return f[:i]
	}
	return "."
}

// folderClash reports a route whose file would need a folder where
// another route has a file, or the other way round ("/feed.xml/" beside
// "/feed.xml").
func (t *Table) folderClash(r *Route, f string) string {
	var first *Route
	if other := t.dirs[f]; other != nil {
		first = other
	}
	for d := parent(f); d != "." && first == nil; d = parent(d) {
		first = t.files[d]
	}
	if first == nil {
		return ""
	}
	if r.Pos.Path == "" && first.Pos.Path != "" {
		// A page the generator makes, claimed after a content file
		// took its place: the content file is the one to change.
		msg := fmt.Sprintf("%s cannot sit beside %s (%s): one path would be both a file and a folder", subject(first), r.What(), r.Path)
		t.diags.ErrorHint(first.Pos, moveHint(first), "%s", msg)
		return msg
	}
	msg := fmt.Sprintf("%s cannot sit beside %s (%s): one path would be both a file and a folder", subject(r), first.What(), first.Path)
	t.diags.ErrorHint(r.Pos, cmp.Or(firstIn(first.Pos), moveHint(r)), "%s", msg)
	return msg
}

// clash reports the clash of r with an earlier claim, if any, and returns
// its message.
func (t *Table) clash(r *Route, f string) string {
	if r.Source > Generated {
		// A folder that is itself a generated page ("/coverage/")
		// clashes with that page, reported below.
		if k := t.keptFolder(r.Path, func(k *Route) bool { return r.Path == k.Path && t.byPath[k.Path] != nil }); k != nil {
			msg := fmt.Sprintf("%s is reserved for %s", subject(r), k.What())
			hint := moveHint(r)
			if r.Source == Copied {
				hint = "move it to a folder of its own, such as images/ or documents/"
			}
			t.diags.ErrorHint(r.Pos, hint, "%s", msg)
			return msg
		}
	}
	first := t.byPath[r.Path]
	if first == nil {
		// Two paths, one file: "/objectives/" and "/objectives/index.html".
		first = t.files[f]
	}
	if first == nil {
		return t.folderClash(r, f)
	}
	var msg string
	switch {
	case r.Source == Alias && first.Source == Alias && first.Entity == r.Entity:
		msg = fmt.Sprintf("alias %q repeats an earlier alias", r.Path)
	case r.Source == Alias && first.Entity == r.Entity && r.Entity != nil:
		msg = fmt.Sprintf("alias %q is the page's own URL", r.Path)
		t.diags.Errorf(r.Pos, "%s", msg)
		return msg
	case r.Pos.Path == "" && first.Pos.Path != "":
		msg = fmt.Sprintf("%s is the URL of %s, which the generator makes", subject(first), r.What())
		t.diags.ErrorHint(first.Pos, moveHint(first), "%s", msg)
		return msg
	default:
		msg = fmt.Sprintf("%s is already used by %s", subject(r), first.What())
	}
	hint := firstIn(first.Pos)
	if hint == "" {
		hint = moveHint(r)
	}
	t.diags.ErrorHint(r.Pos, hint, "%s", msg)
	return msg
}

// caseClash reports r, whose file's name differs from other's only in
// case, at whichever of the two a person wrote (the later when both).
func (t *Table) caseClash(r, other *Route) {
	at, with := r, other
	if r.Pos.Path == "" && other.Pos.Path != "" {
		at, with = other, r
	}
	t.diags.ErrorHint(at.Pos, moveHint(at),
		"%s differs from %s (%s) only in the case of its letters: macOS and Windows would make them one file", subject(at), with.What(), with.Path)
}

// subject names a route that cannot have its path, for a message.
func subject(r *Route) string {
	switch r.Source {
	case Alias:
		return fmt.Sprintf("alias %q", r.Path)
	case Copied:
		return fmt.Sprintf("file %q", strings.TrimPrefix(r.Path, "/"))
	}
	return fmt.Sprintf("URL %q of %s", r.Path, r.What())
}

// moveHint says how to free a path a content file or alias cannot have.
func moveHint(r *Route) string {
	if _, ok := r.Entity.(*model.Objective); ok && r.Source != Alias {
		return "choose another id"
	}
	switch r.Source {
	case Alias:
		return "choose another alias"
	case Copied:
		return "rename or move the file"
	}
	return "rename or move this file"
}

// firstIn is the hint naming where the first claim was written.
func firstIn(p diag.Pos) string {
	if p.Path == "" {
		return ""
	}
	return "first in " + p.String()
}
