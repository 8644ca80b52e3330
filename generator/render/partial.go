package render

import (
	"bytes"
	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// Renderer renders successive versions of a strategy with one theme,
// parsing the templates and fingerprinting the assets once, and can render
// only some of the pages. The dev server (package serve) keeps one per
// theme and configuration and, after each edit, re-renders only the pages
// the edit touches. Render is the one-shot equivalent for whole builds.
//
// A Renderer is not safe for concurrent use. The site settings it depends
// on (base URL, currency, page size) are read when it is made: when
// site.toml changes, make a new one.
type Renderer struct {
	r         *renderer
	theme     fs.FS
	assets    map[string][]byte
	setup     []diag.Diagnostic // problems loading the theme, reported on every render
	templates map[string]*template.Template
	tried     map[string]bool // kinds whose templates were parsed, or failed to
	executed  atomic.Int64
}

// Partial is the result of Renderer.Render.
type Partial struct {
	// Output holds the assets and the pages rendered this time; Pages
	// lists every page for the sitemap, rendered or not.
	Output
	// Rendered are the files of the pages rendered, sorted.
	Rendered []string
	// Kept are the files of the pages the filter left out, sorted: the
	// caller keeps its copies from an earlier rendering.
	Kept []string
}

// NewRenderer prepares to render versions of s with theme.
func NewRenderer(s *model.Strategy, theme fs.FS, opts Options) *Renderer {
	r := newRenderer(s, opts)
	x := &Renderer{r: r, theme: theme, assets: map[string][]byte{}}
	r.assets = r.loadAssets(theme, x.assets)
	x.templates = r.loadTemplates(theme, kinds)
	x.setup = r.diags.Items()
	x.tried = map[string]bool{}
	for _, k := range kinds {
		x.tried[k] = true
	}
	return x
}

// Render renders the pages of s whose URL path ("/objectives/pv-1/",
// "/404.html") only accepts; a nil only renders every page. s must be
// linked and its Markdown rendered, as for Render.
func (x *Renderer) Render(s *model.Strategy, only func(urlPath string) bool) (Partial, *diag.List) {
	var mu sync.Mutex
	files := map[string][]byte{}
	out, diags := x.render(s, only, func(file string, data []byte) error {
		data = bytes.Clone(data)
		mu.Lock()
		files[file] = data
		mu.Unlock()
		return nil
	})
	maps.Copy(out.Files, files)
	return out, diags
}

// RenderTo renders every page of s and hands each to emit as soon as it
// is made, instead of keeping it: a whole build holds no more than a page
// per processor. The returned Output holds the assets (emitted too) and
// the pages for the sitemap.
func (x *Renderer) RenderTo(s *model.Strategy, emit Emit) (Output, *diag.List) {
	out, diags := x.render(s, nil, emit)
	for _, name := range slices.Sorted(maps.Keys(out.Files)) {
		if err := emit(name, out.Files[name]); err != nil {
			diags.Errorf(diag.Pos{Path: name}, "cannot write the asset: %v", err)
		}
	}
	return out.Output, diags
}

func (x *Renderer) render(s *model.Strategy, only func(urlPath string) bool, emit Emit) (Partial, *diag.List) {
	r := x.r
	r.s = s
	r.diags = &diag.List{}
	for _, d := range x.setup {
		r.diags.Add(d)
	}
	out := Partial{Output: Output{Files: maps.Clone(x.assets)}}

	pages := r.buildPages()
	var todo []page
	x.loadKinds(pages)
	seen := map[string]bool{}
	for _, p := range pages {
		f := p.file()
		if _, asset := out.Files[f]; asset || seen[f] {
			r.diags.Errorf(p.pos, "page %s would overwrite another page or asset", p.path)
			continue
		}
		seen[f] = true
		if !p.hidden {
			out.Pages = append(out.Pages, PageInfo{Path: p.path, Updated: p.updated})
		}
		if only == nil || only(p.path) {
			todo = append(todo, p)
		} else {
			out.Kept = append(out.Kept, f)
		}
	}
	done := r.execute(todo, x.templates, emit)
	x.executed.Add(int64(len(todo)))
	for i, p := range todo {
		if done[i] {
			out.Rendered = append(out.Rendered, p.file())
		}
	}
	slices.SortFunc(out.Pages, func(a, b PageInfo) int { return strings.Compare(a.Path, b.Path) })
	slices.Sort(out.Rendered)
	slices.Sort(out.Kept)
	return out, r.diags
}

// Executed counts the pages this Renderer has executed templates for, so
// tests can check that an edit re-rendered only what it touched.
func (x *Renderer) Executed() int64 { return x.executed.Load() }

// loadKinds parses, once, the templates of page kinds beyond the
// required ones (a theme may add kinds), keeping their problems with the
// theme's.
func (x *Renderer) loadKinds(pages []page) {
	var missing []string
	for _, p := range pages {
		if !x.tried[p.kind] {
			x.tried[p.kind] = true
			missing = append(missing, p.kind)
		}
	}
	if len(missing) == 0 || x.templates == nil {
		return
	}
	slices.Sort(missing)
	current := x.r.diags
	x.r.diags = &diag.List{}
	maps.Copy(x.templates, x.r.loadTemplates(x.theme, missing))
	found := x.r.diags.Items()
	x.setup = append(x.setup, found...)
	x.r.diags = current
	for _, d := range found {
		current.Add(d)
	}
}

// FileOf is the output file of the page at a URL path:
// "/objectives/pv-1/" is "objectives/pv-1/index.html".
func FileOf(urlPath string) string { return page{path: urlPath}.file() }

// PathOf is the URL path of the page in an output file, the inverse of
// FileOf.
func PathOf(file string) string {
	if dir, ok := strings.CutSuffix(file, "index.html"); ok && (dir == "" || strings.HasSuffix(dir, "/")) {
		return "/" + dir
	}
	return "/" + file
}
