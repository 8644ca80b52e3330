// Package render turns a linked strategy into the site's files, using a
// theme of html/template layouts and static assets.
//
// # Pages
//
// Render runs every page builder (see builders in pages.go), each of which
// returns pages: a URL path, a kind and a typed view (views.go). Each kind
// has one template in the theme, layouts/<kind>.html. Pages render in
// parallel; the output is the same for the same input.
//
// # Theme
//
//	layouts/base.html         defines "base", the page skeleton, with a
//	                          {{block "main" .}} the kinds fill in
//	layouts/partials/*.html   shared blocks: tags, cards, trees, pagination
//	layouts/<kind>.html       home, objectives, objective, organizations,
//	                          organization, partnerships, partnership,
//	                          categories, category, sectors, sector, page,
//	                          404, alias (a redirect page), fields (the field
//	                          reference) and form (a form for a new file,
//	                          forms.go)
//	static/**                 published under assets/ with fingerprinted
//	                          names; templates use {{asset "css/site.css"}}
//
// Template functions are listed on funcs in funcs.go. Template problems,
// when parsing or executing, are diagnostics at the template's file and
// line. Templates are parsed, escaped and executed by a copy of the
// standard library's html/template and text/template that does the same
// faster (internal/htmltemplate, internal/texttemplate; see
// internal/README.md).
//
// # Safety
//
// Everything is escaped by html/template. Only the bodies the markdown
// phase rendered (Strategy.Body), which are already safe, become
// template.HTML; only http(s) addresses from front matter become links, and mailto: and tel: links are
// built from validated values. Pages need no inline script: the only
// script element holds JSON-LD data.
//
// # Before rendering
//
// The strategy must have been linked (package link) and its Markdown
// rendered (package markdown): render reads the reverse links and the
// rendered bodies but never computes them.
package render

import (
	"bytes"
	"cmp"
	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/history"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// Options are the settings of one rendering that are not in the strategy.
type Options struct {
	// BaseURL is the site's absolute address with a trailing slash, e.g.
	// https://example.org/, already resolved by the caller (Site.BaseURL
	// when empty).
	BaseURL string
	// ContentDir is the content folder relative to the repository root,
	// for "Suggest an edit" links (default "content").
	ContentDir string
	// Dev adds the dev server's live-reload script to every page.
	Dev bool
	// Interpret executes the theme's templates for every page, even where
	// the default theme's compiled code could make it (see compiled.go):
	// the tests compare the two.
	Interpret bool
	// ThemeDir, when set, is how diagnostics name the theme's folder,
	// e.g. "themes/mine"; template errors are reported at files under it.
	ThemeDir string
	// Subject, when set, is what pages show of a commit's subject (see
	// ShownSubjects); the subject itself otherwise.
	Subject func(c *history.Commit) string
}

// Output is the rendered site.
type Output struct {
	// Files maps slash paths relative to the output folder
	// ("objectives/pv-1/index.html", "404.html", "assets/css/site.1a2b3c4d.css")
	// to their contents.
	Files map[string][]byte
	// Pages lists every HTML page meant for the sitemap, sorted by path:
	// not the 404 page, not alias redirects.
	Pages []PageInfo
}

// PageInfo is a published page's URL path ("/objectives/pv-1/") and the
// date its content last changed (zero when unknown).
type PageInfo struct {
	Path    string
	Updated model.Date
}

// page is one file to produce: which kind of template renders which view
// where.
type page struct {
	// path is the URL path ("/objectives/", "/404.html").
	path string
	kind string
	// build makes the view when the page is rendered, with the renderer
	// it is given: in the parallel render workers, and only for the pages
	// a partial render needs.
	build func(r *renderer) any
	// pos is where a problem with the page is reported: its source.
	pos     diag.Pos
	updated model.Date
	// hidden pages (404, redirects) stay out of the sitemap.
	hidden bool
}

// file is where a page is written: "<path>/index.html", or the path itself
// when it names a file.
func (p page) file() string { return routes.File(p.path) }

// renderer holds what every page builder needs.
type renderer struct {
	// s is the strategy without its bodies, which only body reads (from
	// bodies), so that a build cache knows which bodies a page shows.
	s        *model.Strategy
	bodies   model.Bodies
	opts     Options
	base     string // BaseURL with a trailing slash
	prefix   string // base's path, "/" at the host's root
	currency string
	// asOf is the day the figures are computed for, written for people.
	asOf     string
	pageSize int
	assets   map[string]string
	diags    *diag.List
	// fragments caches shared blocks during one execute pass (cached.go).
	fragments *fragmentCache
	// compiled are the kinds whose layouts are also compiled code (see
	// compiled.go), set by loadTemplates.
	compiled map[string]*boundKind
	// layoutHashes name each kind's layouts, for compiled code.
	layoutHashes map[string]string
	// partials is the shared template set (base and partials) the
	// cached function executes blocks from; set by loadTemplates.
	partials *template.Template
	// report holds the strategy's figures (coverage, shortfalls,
	// funding), the ones the route table was planned with.
	report *analysis.Report
	// routes is the build's route table: the pages to render.
	routes *routes.Table
	// sorted remembers lists sorted by title, for one plan (see byTitle);
	// contacts and helpEntries each organization's Contact and HelpEntry
	// (an organization is listed on many pages of Find help).
	sorted, contacts, helpEntries *sync.Map
	// orgRank is each organization's place in link.CompareOrganizations'
	// order, made once a plan: a list sorted by it needs no comparison
	// of titles.
	orgRank func() map[*model.Organization]int
	// footerOnce is footerLinks, made once a plan.
	footerOnce func() []Link
	// fingerprint names the theme and settings (see pageKey); reuse, when
	// set, offers pages of earlier builds.
	fingerprint [32]byte
	reuse       Reuse
	// history is the content folder's history, for one plan; sizes the
	// sizes of the files that are not pages (Later).
	history History
	sizes   func() map[string]int
	// graph names what every view is made from but the bodies and the
	// history (Later.Graph); reads, set while a page's view is built,
	// records which bodies it read and whether it read the history.
	graph [32]byte
	reads *reads
	// global is Later.Global; digests are the digests of the entities,
	// by URL, made once a plan (see entityDigests).
	global  [32]byte
	digests func() digestTable
	// groupSums are the digests of the groups asked for (groups.go),
	// tables those of the names of memos' NameTables (readsKey).
	// interned, the names of entities and groups (names).
	groupSums, tables, interned *sync.Map
	built                       *atomic.Int64 // counts the views built with a build cache
}

// Render renders every page of the strategy with the theme, in memory:
// tests use it. Problems are diagnostics, clashing paths included; pages
// whose template failed are left out of the output.
func Render(s *model.Strategy, theme fs.FS, opts Options) (Output, *diag.List) {
	x := NewRenderer(s, theme, opts)
	rep := analysis.Analyze(s)
	t := routes.Plan(s, rep, routes.Options{PageSize: x.r.pageSize})
	out, diags := x.Render(s, rep, t)
	diags.Merge(t.Diagnostics())
	return out.Output, diags
}

func newRenderer(s *model.Strategy, opts Options) *renderer {
	if opts.ContentDir == "" {
		opts.ContentDir = "content"
	}
	base := opts.BaseURL
	if base == "" {
		base = s.Site.BaseURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	r := &renderer{s: s, opts: opts, base: base, prefix: basePath(base), diags: &diag.List{}}
	r.currency = cmp.Or(s.Site.Currency, model.DefaultCurrency)
	if !s.Today.IsZero() {
		r.asOf = formatDate(s.Today)
	}
	r.pageSize = s.Site.PageSize
	if r.pageSize <= 0 {
		r.pageSize = model.DefaultPageSize
	}
	return r
}

// buildPages makes a page for every page of the route table, each with
// the view its kind needs, built only when the page is rendered.
func (r *renderer) buildPages() []page {
	var out []page
	for _, rt := range r.routes.Pages() {
		if p, ok := r.pageOf(rt); ok {
			out = append(out, p)
		}
	}
	return out
}

// pageOf is the page of a route, and false for a kind render does not
// know.
func (r *renderer) pageOf(rt *routes.Route) (page, bool) {
	p := page{path: rt.Path, kind: rt.Kind, build: r.viewOf(rt), pos: r.posOf(rt), updated: rt.Updated, hidden: rt.Hidden}
	return p, p.build != nil
}

// viewOf returns what makes the view of the page at rt, or nil for a
// kind it does not know.
func (r *renderer) viewOf(rt *routes.Route) func(*renderer) any {
	switch rt.Kind {
	case routes.KindHome:
		return (*renderer).homeView
	case routes.KindObjectives:
		return (*renderer).objectivesView
	case routes.KindObjective:
		return func(r *renderer) any { return r.objectiveView(rt.Entity.(*model.Objective)) }
	case routes.KindOrganizations:
		return func(r *renderer) any { return r.directoryView(rt.Page, rt.Pages) }
	case routes.KindOrganization:
		return func(r *renderer) any { return r.organizationView(rt.Entity.(*model.Organization)) }
	case routes.KindPartnerships:
		return (*renderer).partnershipsView
	case routes.KindPartnership:
		return func(r *renderer) any { return r.partnershipView(rt.Entity.(*model.Partnership)) }
	case routes.KindCategories:
		return (*renderer).categoriesView
	case routes.KindCategory:
		return func(r *renderer) any { return r.categoryView(rt.Category) }
	case routes.KindSectors:
		return (*renderer).sectorsView
	case routes.KindSector:
		return func(r *renderer) any { return r.sectorView(rt.Sector) }
	case routes.KindListing:
		return func(r *renderer) any { return r.listingView(rt) }
	case routes.KindCoverage:
		return (*renderer).coverageView
	case routes.KindCell:
		return func(r *renderer) any { return r.cellView(r.cell(rt.Category, rt.Sector)) }
	case routes.KindFunding:
		return (*renderer).fundingView
	case routes.KindData:
		return (*renderer).dataView
	case routes.KindFields:
		return (*renderer).fieldsView
	case routes.KindForm:
		return func(r *renderer) any { return r.formView(rt.Form) }
	case routes.KindSearch:
		return (*renderer).searchView
	case routes.KindNotFound:
		return (*renderer).notFoundView
	case routes.KindEmbed:
		return func(r *renderer) any { return r.embedView(rt.Entity.(*model.Objective)) }
	case routes.KindHelp:
		return func(r *renderer) any { return r.helpView(rt) }
	case routes.KindPage:
		return func(r *renderer) any { return r.plainView(rt.Entity.(*model.Page)) }
	case routes.KindAlias:
		return func(r *renderer) any { return r.aliasView(rt.Entity) }
	}
	return nil
}

// posOf is where a problem rendering the page at rt is reported: its
// content file, or the introduction of a generated list.
func (r *renderer) posOf(rt *routes.Route) diag.Pos {
	switch {
	case rt.Kind == routes.KindAlias:
		return rt.Pos
	case rt.Entity != nil:
		return posOf(rt.Entity.Document())
	case rt.Hub != "":
		return r.listPos(rt.Hub)
	case rt.Kind == routes.KindCell:
		return r.listPos(coverageURL)
	}
	return r.listPos(rt.Path)
}

// Emit receives each rendered file as soon as it is made, from several
// goroutines at once; data is only valid during the call (it is a reused
// buffer), so an Emit that keeps it must copy it. An error stops no other
// page: it is reported once, at the page.
type Emit func(file string, data []byte) error

// execute renders the pages with a pool of workers, two more than there
// are processors, and hands each page to emit as it is done, so that no
// more than a page per worker is held in memory. It returns whether each
// page rendered. Emit writes a file, and a worker waiting for the file
// system (a folder's lock, while another worker makes a folder beside)
// would leave its processor idle: with one worker a processor, a cold
// build of 10,000 files used 1.75 of 2 processors while it made pages,
// and took 6 % longer.
func (r *renderer) execute(pages []page, templates map[string]*template.Template, emit Emit) []bool {
	ok := make([]bool, len(pages))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) + 2 {
		wg.Go(func() {
			for i := range jobs {
				ok[i] = r.executeOne(pages[i], templates, emit)
			}
		})
	}
	// The pages that show no history come first: the lists and pages of
	// figures (a few of them very long) and the directory of help, made
	// while Git is still read. The many entity pages after them fill
	// the workers' time evenly, so no worker is left alone at the end
	// with a long page. (A page that waits for the history in the first
	// group only waits sooner.)
	for i, p := range pages {
		if !showsHistory(p.kind) {
			jobs <- i
		}
	}
	for i, p := range pages {
		if showsHistory(p.kind) {
			jobs <- i
		}
	}
	close(jobs)
	wg.Wait()
	return ok
}

// showsHistory reports whether pages of kind show what the history from
// Git says (see historyView and updatedOf), and so wait for it.
func showsHistory(kind string) bool {
	switch kind {
	case routes.KindHome, routes.KindObjective, routes.KindOrganization, routes.KindPartnership, routes.KindPage:
		return true
	}
	return false
}

// executeOne renders one page with its kind's template and emits it.
func (r *renderer) executeOne(p page, templates map[string]*template.Template, emit Emit) bool {
	t := templates[p.kind]
	if t == nil {
		return false // reported when the theme was loaded
	}
	if r.reuse == nil {
		return r.executeView(t, p, p.build(r), emit, nil)
	}
	// With a build cache, a page made from the same front matter, bodies
	// and answers from the history as last time is the page of last time:
	// its view need not be built (see Memo).
	file := p.file()
	last, remembered := r.reuse.Recall(file)
	if remembered && r.unchanged(p, &last) && r.reuse.Reuse(file, last.Key) {
		r.reuse.Remember(file, last)
		return true
	}
	rd := reads{scoped: scopedKind(p.kind) && r.global != [32]byte{}}
	rr := *r
	rr.reads = &rd
	view := p.build(&rr)
	if r.built != nil {
		r.built.Add(1)
	}
	key, cacheable := r.pageKey(p, view)
	if !cacheable {
		return r.executeView(t, p, view, emit, nil)
	}
	if !r.reuse.Reuse(file, key) && !r.executeView(t, p, view, emit, func(data []byte) { r.reuse.Made(file, key, data) }) {
		return false
	}
	fast, ok := r.fastKey(p, rd.bodies, rd.history)
	if !ok {
		return true
	}
	m := Memo{Fast: fast, Key: key, Graph: r.graph, Bodies: rd.bodies, History: rd.history}
	if rd.scoped {
		m.Names = Names{List: r.names(&rd)}
		// Under the same Graph, the same names have the same digests:
		// the last memo's Reads holds, and the digests need not be made.
		if remembered && last.Scoped && last.Graph == r.graph && last.Names.Equal(m.Names) {
			m.Scoped, m.Reads, m.Names = true, last.Reads, last.Names
		} else {
			m.Reads, m.Scoped = r.readsKey(m.Names)
		}
		if !m.Scoped {
			m.Names = Names{}
		}
	}
	r.reuse.Remember(file, m)
	return true
}

// unchanged reports whether the page of m is the page p would be: its
// view read the same bodies and got the same answers from the history,
// and either nothing in the front matter changed (the same Graph) or,
// for a scoped page, nothing it read did (the same Reads). It brings
// m's Graph up to date, so that the next build takes the first way.
func (r *renderer) unchanged(p page, m *Memo) bool {
	if m.Graph != r.graph && !m.Scoped {
		return false
	}
	fast, ok := r.fastKey(p, m.Bodies, m.History)
	if !ok || fast != m.Fast {
		return false
	}
	if m.Graph == r.graph {
		return true
	}
	reads, ok := r.readsKey(m.Names)
	if !ok || reads != m.Reads {
		return false
	}
	m.Graph = r.graph
	return true
}

// executeView renders one page from its view and emits it, then hands
// its bytes to made, when set, while they are still valid.
func (r *renderer) executeView(t *template.Template, p page, view any, emit Emit, made func([]byte)) bool {
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(buf)
	buf.Reset()
	if b := r.compiled[p.kind]; b == nil || r.opts.Interpret || !b.runCompiled(buf, view) {
		buf.Reset()
		if err := t.ExecuteTemplate(buf, kindFile(p.kind), view); err != nil {
			r.templateError(err, kindFile(p.kind))
			return false
		}
	}
	data := reroot(buf.Bytes(), r.prefix)
	if err := emit(p.file(), data); err != nil {
		r.diags.Errorf(p.pos, "cannot write the page %s: %v", p.path, err)
		return false
	}
	if made != nil {
		made(data)
	}
	return true
}

// pageBuffers are reused across pages: a page grows to tens of kilobytes,
// and growing a fresh buffer to that size for each of ten thousand pages
// copies and clears far more memory than the page itself.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
