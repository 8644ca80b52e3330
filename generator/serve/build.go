package serve

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/render"
	"github.com/commonagenda/agenda/generator/routes"
	"github.com/commonagenda/agenda/generator/site"
)

// builder makes a new snapshot after changes. It keeps the renderer (the
// parsed templates and fingerprinted assets) until the theme or site.toml
// changes. Only the goroutine that builds touches it.
type builder struct {
	opts     site.Options
	renderer *render.Renderer
	themeDir string
	config   []byte // site.toml as the renderer was made for it
	// missed is set when the watcher reported an error: it may have lost
	// changes, so the next build looks at every file.
	missed bool
}

// live is a published snapshot: what the server answers from until the
// next good build. Its pages are rendered when first asked for and kept;
// the search index and the data files are made when first asked for.
type live struct {
	number int
	snap   *site.Snapshot
	plan   *render.Plan
	assets map[string][]byte
	source string // the content folder, for copied files

	pages sync.Map // URL path -> rendered

	extrasOnce sync.Once
	extras     map[string][]byte
	extraDiags *diag.List
}

// rendered is a page as served: its bytes, or the problems that kept it
// from rendering.
type rendered struct {
	data  []byte
	diags []diag.Diagnostic
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

// rebuild makes a snapshot after changes to the files at paths (as the
// watcher reports them); kind says what changed.
func (b *builder) rebuild(paths []string) (*live, Build) {
	kind := "static"
	for _, p := range paths {
		switch k := b.classify(p); k {
		case "config", "theme":
			kind = k
		case "content":
			if kind == "static" {
				kind = k
			}
		}
	}
	if kind == "theme" {
		b.renderer = nil
	}
	// The content files the watcher names are the only ones that changed:
	// the others are not looked at again (load.Options.Changed).
	changed := []string{}
	for _, p := range paths {
		if r, err := filepath.Rel(b.opts.Source, p); err == nil && within(b.opts.Source, p) {
			changed = append(changed, filepath.ToSlash(r))
		}
	}
	if b.missed {
		changed, b.missed = nil, false
	}
	// The builder's own settings are never written after the server
	// starts: this build's copy names what changed.
	opts := b.opts
	opts.Changed = changed
	return b.build(kind, opts)
}

// classify sorts a changed path into a kind of change.
func (b *builder) classify(p string) string {
	if b.themeDir != "" && within(b.themeDir, p) {
		return "theme"
	}
	r, err := filepath.Rel(b.opts.Source, p)
	if err != nil || !within(b.opts.Source, p) {
		return "ignored"
	}
	switch rel := filepath.ToSlash(r); {
	case rel == "site.toml":
		return "config"
	case strings.HasSuffix(rel, ".md"):
		return "content"
	}
	return "static"
}

// within reports whether p is dir or inside it.
func within(dir, p string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// build loads a new snapshot and plans its pages. Nothing is rendered:
// pages are rendered when asked for. A snapshot with errors is not
// published.
func (b *builder) build(kind string, opts site.Options) (*live, Build) {
	start := time.Now()
	snap, diags := site.Load(opts)
	if snap == nil || diags.HasErrors() {
		return nil, failed(kind, diags, start)
	}
	b.themeDir = snap.ThemeDir
	config, _ := os.ReadFile(filepath.Join(b.opts.Source, "site.toml"))
	full := b.renderer == nil || !bytes.Equal(config, b.config)
	if full {
		// Templates are parsed and assets fingerprinted once per theme
		// and configuration (base URL, currency and page size are read
		// from site.toml when the renderer is made).
		b.renderer = render.NewRenderer(snap.Strategy, snap.Theme, site.RenderOptions(b.opts, snap))
		b.config = config
	}
	// Problems loading the theme would come with every page.
	for _, d := range b.renderer.Setup() {
		diags.Add(d)
	}
	if diags.HasErrors() {
		b.renderer = nil
		return nil, failed(kind, diags, start)
	}
	l := &live{snap: snap, assets: b.renderer.Assets(), source: b.opts.Source}
	// The /data/ page gives the sizes of the data files, made when that
	// page or one of them is first asked for.
	l.plan = b.renderer.Plan(snap.Strategy, snap.Report, snap.Routes, render.Later{History: snap.History, Sizes: l.sizes})
	return l, Build{OK: true, Kind: kind, Full: full, Pages: len(snap.Routes.Pages()),
		Diagnostics: diags.Items(), Duration: time.Since(start)}
}

func failed(kind string, diags *diag.List, start time.Time) Build {
	return Build{Kind: kind, Diagnostics: diags.Items(), Duration: time.Since(start)}
}

// page returns the page at a URL path, rendering it the first time.
func (l *live) page(urlPath string) (rendered, bool) {
	if v, ok := l.pages.Load(urlPath); ok {
		return v.(rendered), true
	}
	data, ok, diags := l.plan.Page(urlPath)
	if !ok {
		return rendered{}, false
	}
	r := rendered{data: data}
	if diags.HasErrors() {
		r = rendered{diags: diags.Items()}
	}
	// Two requests may render the same page at once: the results are the
	// same, and the first stored wins.
	v, _ := l.pages.LoadOrStore(urlPath, r)
	return v.(rendered), true
}

// file returns the file at an output path that is not a page: an asset,
// a generated file (made with the others on first use) or a copied
// content file, read when asked for.
func (l *live) file(name string) ([]byte, []diag.Diagnostic, bool) {
	if data, ok := l.assets[name]; ok {
		return data, nil, true
	}
	urlPath := "/" + name
	rt := l.snap.Routes.Lookup(urlPath)
	switch {
	case rt != nil && rt.Source == routes.Copied:
		data, err := os.ReadFile(filepath.Join(l.source, filepath.FromSlash(rt.From)))
		return data, nil, err == nil
	case rt != nil && rt.Kind == routes.KindFile, rt == nil && (strings.HasPrefix(urlPath, routes.SearchChunks) || strings.HasPrefix(urlPath, routes.SearchDocs)):
		// The search index's chunks and documents are the only generated
		// files not named in the table; other paths in kept folders are
		// not files.
		extras, diags := l.made()
		if diags.HasErrors() {
			return nil, diags.Items(), true
		}
		data, ok := extras[name]
		return data, nil, ok
	}
	return nil, nil, false
}

// sizes are the sizes of the snapshot's files that are not pages, for
// the /data/ page: made once, with the files, when first asked for.
func (l *live) sizes() map[string]int {
	extras, _ := l.made()
	out := make(map[string]int, len(extras))
	for name, data := range extras {
		out[name] = len(data)
	}
	return out
}

// made are the snapshot's files that are not pages, made the first time
// one of them, or the page giving their sizes, is asked for.
func (l *live) made() (map[string][]byte, *diag.List) {
	l.extrasOnce.Do(func() { l.extras, l.extraDiags = l.snap.Extras() })
	return l.extras, l.extraDiags
}
