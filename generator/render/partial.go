package render

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// Renderer renders versions of a strategy with one theme, parsing the
// templates and fingerprinting the assets once. A build makes one and
// renders the whole site with RenderTo; the dev server keeps one per theme
// and configuration, makes a Plan of each new snapshot and renders a page
// when a browser asks for it.
//
// The site settings a Renderer depends on (base URL, currency, page size)
// are read when it is made: when site.toml changes, make a new one.
type Renderer struct {
	r         *renderer
	assets    map[string][]byte
	setup     []diag.Diagnostic // problems loading the theme, reported on every render
	templates map[string]*template.Template
	executed  atomic.Int64
	built     atomic.Int64 // views built with a build cache (see Memo)
}

// Partial is the result of Renderer.Render.
type Partial struct {
	// Output holds the assets and the pages; Pages lists the pages for
	// the sitemap.
	Output
	// Rendered are the files of the pages rendered, sorted.
	Rendered []string
}

// NewRenderer prepares to render versions of s with theme.
func NewRenderer(s *model.Strategy, theme fs.FS, opts Options) *Renderer {
	r := newRenderer(s, opts)
	x := &Renderer{r: r, assets: map[string][]byte{}}
	r.assets = r.loadAssets(theme, x.assets)
	x.templates = r.loadTemplates(theme, kinds)
	x.setup = r.diags.Items()
	r.fingerprint = themeFingerprint(theme, r)
	return x
}

// Setup returns the problems found loading the theme: every rendering
// reports them too.
func (x *Renderer) Setup() []diag.Diagnostic { return x.setup }

// Assets are the theme's files, by output path ("assets/css/site.1a2b3c4d.css").
func (x *Renderer) Assets() map[string][]byte { return x.assets }

// Plan is one snapshot's pages, ready to render: the views are made only
// when a page is rendered. Any number of pages of a Plan may be rendered
// at once.
type Plan struct {
	x *Renderer
	r *renderer // the Renderer's settings with this snapshot's data
	// pages are every page, made when the whole plan is rendered: the
	// dev server asks for pages one at a time (Page), each made alone.
	pages     []page
	pagesOnce sync.Once
}

// Later is what some pages show that is made after the pages: the
// history from Git (see History), and the sizes of the files that are
// not pages (Sizes, by output file name, "data/objectives.csv"), which
// the /data/ page gives. With Sizes set, Render and RenderReusing leave
// out the pages that show them, for RenderDeferred once they are known.
type Later struct {
	History History
	Sizes   func() map[string]int
	// Graph names everything the views are made from but the bodies and
	// the history: the front matter of every file, the route table, the
	// day and the base URL (package site makes it). With a build cache,
	// a page whose Graph, bodies and history are those of an earlier
	// build is that build's page (see Memo); zero turns this off.
	Graph [32]byte
	// Global names what every page may read but the entities: site.toml,
	// the pages that are not objectives, organizations or partnerships,
	// the route table, the day and the base URL. With it, a page that
	// reads a few entities depends on them alone (see Memo); zero keeps
	// every page on the whole Graph.
	Global [32]byte
}

// Plan prepares to render the pages of t, the route table of s, whose
// figures are rep. s must be linked, as for Render.
func (x *Renderer) Plan(s *model.Strategy, rep *analysis.Report, t *routes.Table, later Later) *Plan {
	r := *x.r
	r.s, r.bodies = s.WithBodies(nil), s.Bodies
	r.report, r.routes, r.diags = rep, t, &diag.List{}
	r.sorted, r.contacts, r.helpEntries = &sync.Map{}, &sync.Map{}, &sync.Map{}
	r.orgRank = sync.OnceValue(func() map[*model.Organization]int { return orgRanks(s.Organizations) })
	r.footerOnce = sync.OnceValue(r.footerLinks)
	r.history, r.sizes, r.graph, r.global = later.History, later.Sizes, later.Graph, later.Global
	r.digests = sync.OnceValue(func() digestTable { return entityDigests(s) })
	r.groupSums, r.tables, r.interned = &sync.Map{}, &sync.Map{}, &sync.Map{}
	r.built = &x.built
	return &Plan{x: x, r: &r}
}

// allPages returns every page of the plan.
func (p *Plan) allPages() []page {
	p.pagesOnce.Do(func() { p.pages = p.r.buildPages() })
	return p.pages
}

// Page renders the page at a URL path ("/objectives/pv-1/"). ok is false
// when the plan has no page there; the diagnostics say why a page that
// exists could not be rendered.
func (p *Plan) Page(urlPath string) (data []byte, ok bool, diags *diag.List) {
	rt := p.r.routes.Lookup(urlPath)
	if rt == nil || rt.Kind == routes.KindFile {
		return nil, false, nil
	}
	pg, ok := p.r.pageOf(rt)
	if !ok {
		return nil, false, nil
	}
	r := *p.r // a diagnostics list of this call's own
	r.diags = &diag.List{}
	for _, d := range p.x.setup {
		r.diags.Add(d)
	}
	r.execute([]page{pg}, p.x.templates, func(_ string, b []byte) error {
		data = bytes.Clone(b)
		return nil
	})
	p.x.executed.Add(1)
	return data, true, r.diags
}

// Render renders every page of s, the pages of t, keeping them in memory
// (see RenderTo).
func (x *Renderer) Render(s *model.Strategy, rep *analysis.Report, t *routes.Table) (Partial, *diag.List) {
	var mu sync.Mutex
	files := map[string][]byte{}
	out, diags := x.Plan(s, rep, t, Later{}).render(func(file string, data []byte) error {
		data = bytes.Clone(data)
		mu.Lock()
		files[file] = data
		mu.Unlock()
		return nil
	})
	out.Files = maps.Clone(x.assets)
	maps.Copy(out.Files, files)
	return out, diags
}

// RenderTo renders every page of the plan and hands each to emit as soon
// as it is made, instead of keeping it: a whole build holds no more than
// a page per processor. The assets are emitted too. The returned Output
// lists the pages for the sitemap; its Files are nil.
func (p *Plan) RenderTo(emit Emit) (Output, *diag.List) {
	return p.RenderReusing(emit, nil)
}

// RenderReusing is RenderTo with a build cache: a page whose Key reuse
// has seen is put in place by reuse, not rendered; every page rendered is
// told to reuse. A nil reuse renders every page.
func (p *Plan) RenderReusing(emit Emit, reuse Reuse) (Output, *diag.List) {
	p.r.reuse = reuse
	defer func() { p.r.reuse = nil }()
	out, diags := p.render(emit)
	for _, name := range slices.Sorted(maps.Keys(p.x.assets)) {
		if err := emit(name, p.x.assets[name]); err != nil {
			diags.Errorf(diag.Pos{Path: name}, "cannot write the asset: %v", err)
		}
	}
	return out.Output, diags
}

func (p *Plan) render(emit Emit) (Partial, *diag.List) {
	r := p.r
	for _, d := range p.x.setup {
		r.diags.Add(d)
	}
	var out Partial
	todo := p.allPages()
	if r.sizes != nil {
		todo = slices.DeleteFunc(slices.Clone(todo), deferred)
	}
	for _, pg := range todo {
		if !pg.hidden {
			out.Pages = append(out.Pages, PageInfo{Path: pg.path, Updated: pg.updated})
		}
	}
	// One cache of shared blocks for this pass over the snapshot.
	p.x.r.fragments = newFragmentCache(p.x.r.partials)
	defer func() { p.x.r.fragments = nil }()
	done := r.execute(todo, p.x.templates, emit)
	p.x.executed.Add(int64(len(todo)))
	for i, pg := range todo {
		if done[i] {
			out.Rendered = append(out.Rendered, pg.file())
		}
	}
	slices.SortFunc(out.Pages, func(a, b PageInfo) int { return strings.Compare(a.Path, b.Path) })
	slices.Sort(out.Rendered)
	return out, r.diags
}

// Executed counts the pages this Renderer has executed templates for, so
// tests can check that the dev server renders only what is asked for.
func (x *Renderer) Executed() int64 { return x.executed.Load() }

// Built counts the views this Renderer built while rendering with a
// build cache, so tests can check that a page made from the same front
// matter and bodies as before is reused without building its view.
func (x *Renderer) Built() int64 { return x.built.Load() }

// deferred reports whether a page shows what is made after the pages
// (Later.Sizes): the /data/ page.
func deferred(pg page) bool { return pg.kind == routes.KindData }

// Deferred returns the plan of the pages RenderDeferred renders alone,
// on s: the same strategy, whose bodies may have let go of their HTML
// but for the introductions of lists (which the deferred pages show).
// The plan of every page, and what only its pages needed, can then be
// let go while the files that are not pages are made.
func (p *Plan) Deferred(s *model.Strategy) *Plan {
	r := *p.r
	r.s, r.bodies = s.WithBodies(nil), s.Bodies
	r.sorted, r.contacts, r.helpEntries = &sync.Map{}, &sync.Map{}, &sync.Map{}
	r.orgRank = sync.OnceValue(func() map[*model.Organization]int { return orgRanks(s.Organizations) })
	r.footerOnce = sync.OnceValue(r.footerLinks)
	q := &Plan{x: p.x, r: &r}
	q.pagesOnce.Do(func() {
		for _, rt := range r.routes.Pages() {
			if pg, ok := r.pageOf(rt); ok && deferred(pg) {
				q.pages = append(q.pages, pg)
			}
		}
	})
	return q
}

// RenderDeferred renders the pages Render and RenderReusing left out,
// once Later.Sizes can say the sizes they show.
func (p *Plan) RenderDeferred(emit Emit) (Output, *diag.List) {
	r := *p.r
	r.diags = &diag.List{}
	var out Output
	var todo []page
	for _, pg := range p.allPages() {
		if deferred(pg) {
			todo = append(todo, pg)
			if !pg.hidden {
				out.Pages = append(out.Pages, PageInfo{Path: pg.path, Updated: pg.updated})
			}
		}
	}
	r.execute(todo, p.x.templates, emit)
	return out, r.diags
}
