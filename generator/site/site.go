// Package site is the conductor: it runs the generator's phases in order
// over a content folder and hands the result to the writer.
//
// The phases, each its own package, run in this order:
//
//	load      read site.toml and every content file into a model.Strategy
//	check     validate values and references across files
//	link      resolve references and fill the reverse links
//	markdown  render bodies, rewriting and checking relative links
//	render    execute the theme's templates into pages and assets (with
//	          analysis for the figures and charts for the pictures)
//	feeds     sitemap, robots.txt, Atom feed, _redirects
//	data      strategy.json, CSV files, each objective's index.json
//	index     the static search index under search/
//	write     swap the new site into the output folder, atomically
//
// Render, data and index only read the linked strategy, so Build runs
// them at the same time (see startExtras); the dev server (package serve)
// uses the same pieces to re-render only what an edit touches.
//
// Every phase collects diagnostics instead of stopping, so one run reports
// every problem. Load stops early only when a later phase could not make
// sense of the input; Build renders only when there are no errors, and
// Write runs only after a build without errors, so a failed build never
// touches the previous output.
package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/check"
	"github.com/commonagenda/agenda/generator/data"
	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/feeds"
	"github.com/commonagenda/agenda/generator/index"
	"github.com/commonagenda/agenda/generator/link"
	"github.com/commonagenda/agenda/generator/load"
	"github.com/commonagenda/agenda/generator/markdown"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/render"
	"github.com/commonagenda/agenda/generator/write"
	"github.com/commonagenda/agenda/themes"
)

// Options say what to build and how.
type Options struct {
	// Source is the content folder as the user gave it ("content"); paths
	// in diagnostics start with it.
	Source string
	// Theme is a theme folder that overrides site.toml's theme.
	Theme string
	// BaseURL overrides site.toml's base_url.
	BaseURL string
	// Drafts includes content marked draft.
	Drafts bool
	// Today is the date overdue checks compare against.
	Today model.Date
	// Dev marks a build for the dev server (live reload script).
	Dev bool
	// Cache, when set, keeps work between builds of the same folder so
	// that a rebuild redoes only what changed (the dev server keeps one).
	Cache *Cache
}

// Cache keeps the parse of every content file and the rendering of every
// Markdown body between builds; each is used again only when it cannot
// have changed (see load.Cache and markdown.Cache).
type Cache struct {
	load     *load.Cache
	markdown *markdown.Cache
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{load: load.NewCache(), markdown: markdown.NewCache()}
}

func (c *Cache) loadCache() *load.Cache {
	if c == nil {
		return nil
	}
	return c.load
}

func (c *Cache) markdownCache() *markdown.Cache {
	if c == nil {
		return nil
	}
	return c.markdown
}

// Site is a built strategy: the linked model and the files of the site.
type Site struct {
	Strategy *model.Strategy
	// Files maps output paths ("objectives/pv-1/index.html") to contents.
	Files map[string][]byte
	// Pages are the HTML pages' URL paths.
	Pages int
}

// Load runs the phases that read and validate content: load, check, link
// and markdown. The strategy is nil only when site.toml could not be read
// at all.
func Load(opts Options) (*model.Strategy, *diag.List) {
	diags := &diag.List{}
	display := displayPath(opts.Source)
	parsed, loadDiags := load.Load(os.DirFS(opts.Source), display, load.Options{Drafts: opts.Drafts, Cache: opts.Cache.loadCache()})
	diags.Merge(loadDiags)
	if parsed == nil {
		return nil, diags
	}
	// Markdown and check only read the parsed files, so they run at the
	// same time; link makes the build's snapshot from the parsed files
	// and the rendered bodies.
	md := markdown.Start(parsed, opts.Cache.markdownCache())
	diags.Merge(check.Check(parsed))
	bodies, mdDiags := md.Wait()
	diags.Merge(mdDiags)
	return link.Link(parsed, link.Options{Bodies: bodies, Today: opts.Today}), diags
}

// Build loads, checks and renders the site in memory. Files is nil when
// there were errors. Tests and the dev server use it; a real build
// streams its files to the output folder with Publish instead.
func Build(opts Options) (*Site, *diag.List) {
	var mu sync.Mutex
	files := map[string][]byte{}
	res, diags := BuildTo(opts, func(rel string, data []byte) error {
		data = bytes.Clone(data)
		mu.Lock()
		files[rel] = data
		mu.Unlock()
		return nil
	})
	if res == nil {
		return nil, diags
	}
	return &Site{Strategy: res.Strategy, Files: files, Pages: res.Pages}, diags
}

// Result is what a streamed build made.
type Result struct {
	Strategy *model.Strategy
	// Pages counts the HTML pages, Files every file.
	Pages, Files int
}

// Publish builds the site into the output folder out: each file goes to
// a staging folder beside out as soon as it is made, so the build never
// holds the site in memory, and the staging folder replaces out only when
// the build had no errors. A failed build leaves out as it was. Call
// CheckOutput first.
func Publish(opts Options, out string) (*Result, *diag.List) {
	st, err := write.NewStage(out)
	if err != nil {
		diags := &diag.List{}
		diags.Errorf(diag.Pos{Path: out}, "cannot write the site: %v", err)
		return nil, diags
	}
	res, diags := BuildTo(opts, st.Add)
	if res == nil {
		st.Abort()
		return nil, diags
	}
	if err := st.Commit(); err != nil {
		diags.Errorf(diag.Pos{Path: out}, "cannot write the site: %v", err)
		return nil, diags
	}
	return res, diags
}

// BuildTo loads, checks and renders the site, handing each file to add
// as soon as it is made (add may be called from several goroutines at
// once, and must copy data to keep it). The result is nil when there were
// errors; add may have received files by then, which the caller throws
// away.
func BuildTo(opts Options, add func(rel string, data []byte) error) (*Result, *diag.List) {
	s, diags := Load(opts)
	if s == nil || diags.HasErrors() {
		return nil, diags
	}
	theme, err := openTheme(opts, s)
	if err != nil {
		diags.ErrorHint(s.Site.Doc.Pos("theme"), "theme is \"default\" or a folder under themes/", "%v", err)
		return nil, diags
	}
	base, err := baseURL(opts.BaseURL, s.Site.BaseURL)
	if err != nil {
		diags.Errorf(diag.Pos{Path: "--base-url"}, "%v", err)
		return nil, diags
	}
	out := &sink{add: add, claimed: map[string]bool{}}
	// Render, the search index and the data files only read the linked
	// strategy, so they are made at the same time.
	extras := startExtras(s, base)
	rendered, renderDiags := render.NewRenderer(s, theme, render.Options{
		BaseURL:    base,
		ContentDir: contentDir(opts.Source),
		Dev:        opts.Dev,
	}).RenderTo(s, out.emit)
	diags.Merge(renderDiags)
	more, xdiags := extras()
	diags.Merge(xdiags)
	more["sitemap.xml"] = sitemap(base, rendered.Pages)
	for _, name := range slices.Sorted(maps.Keys(more)) {
		out.file(diag.Pos{Path: name}, name, more[name], diags)
	}
	display := displayPath(opts.Source)
	for _, f := range s.Files {
		pos := diag.Pos{Path: path.Join(display, f.Rel)}
		data, err := os.ReadFile(filepath.Join(opts.Source, filepath.FromSlash(f.Path)))
		if err != nil {
			diags.Errorf(pos, "cannot read: %v", err)
			continue
		}
		out.file(pos, f.Rel, data, diags)
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return &Result{Strategy: s, Pages: len(rendered.Pages), Files: out.count()}, diags
}

// sink passes files on to a build's destination, refusing a second file
// at a path already written, so nothing silently replaces a page.
type sink struct {
	add     func(rel string, data []byte) error
	mu      sync.Mutex
	claimed map[string]bool
}

// emit is a render.Emit.
func (k *sink) emit(rel string, data []byte) error {
	if !k.claim(rel) {
		return fmt.Errorf("/%s was already written", rel)
	}
	return k.add(rel, data)
}

// file adds a file that is not a page, reporting problems at pos.
func (k *sink) file(pos diag.Pos, rel string, data []byte, diags *diag.List) {
	if !k.claim(rel) {
		diags.Errorf(pos, "file would replace the generated /%s", rel)
		return
	}
	if err := k.add(rel, data); err != nil {
		diags.Errorf(pos, "cannot write: %v", err)
	}
}

func (k *sink) claim(rel string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.claimed[rel] {
		return false
	}
	k.claimed[rel] = true
	return true
}

func (k *sink) count() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.claimed)
}

// WriteTo replaces the output folder with the built site.
func (st *Site) WriteTo(out string) error {
	return write.Write(out, st.Files)
}

// CheckOutput refuses output folders that would destroy the source or
// anything outside the site.
func CheckOutput(out, source string) error {
	return write.CheckOutput(out, source)
}

// startExtras starts making the files that are not pages: the search
// index, the files for other programs (Atom feed, robots.txt, Netlify's
// _redirects) and the strategy as data (package data: strategy.json, CSV
// files, each objective's index.json). The function it returns waits for
// them.
func startExtras(s *model.Strategy, base string) func() (map[string][]byte, *diag.List) {
	var (
		wg     sync.WaitGroup
		search map[string][]byte
		tables map[string][]byte
		err    error
	)
	wg.Go(func() { search = index.Build(s) })
	wg.Go(func() { tables, err = data.Files(s, analysis.Analyze(s), base) })
	files := map[string][]byte{
		"robots.txt": feeds.Robots(base),
		"feed.xml":   feeds.Atom(s, base, 50),
		"_redirects": feeds.Redirects(s, base),
	}
	return func() (map[string][]byte, *diag.List) {
		wg.Wait()
		diags := &diag.List{}
		if err != nil {
			diags.Errorf(diag.Pos{Path: data.StrategyFile}, "cannot write the strategy as data: %v", err)
		}
		maps.Copy(files, tables)
		maps.Copy(files, search)
		return files, diags
	}
}

// assemble adds to the rendered pages everything else a site holds: the
// sitemap of pages, the extras (see startExtras) and the content folder's
// other files. Build and the dev server both finish a site with it.
func assemble(files map[string][]byte, s *model.Strategy, source, base string, pages []render.PageInfo, extras func() (map[string][]byte, *diag.List)) *diag.List {
	more, diags := extras()
	more["sitemap.xml"] = sitemap(base, pages)
	addGenerated(files, more, diags)
	copyContentFiles(files, s, source, diags)
	return diags
}

// sitemap lists the rendered pages for search engines.
func sitemap(base string, pages []render.PageInfo) []byte {
	entries := make([]feeds.SitemapEntry, 0, len(pages))
	for _, p := range pages {
		entries = append(entries, feeds.SitemapEntry{Path: p.Path, Updated: p.Updated})
	}
	return feeds.Sitemap(base, entries)
}

// addGenerated adds generated files to the site. Two generators claiming
// one path is a bug in a theme or the generator, reported rather than
// letting one silently replace the other.
func addGenerated(files, more map[string][]byte, diags *diag.List) {
	for _, name := range slices.Sorted(maps.Keys(more)) {
		if _, taken := files[name]; taken {
			diags.Errorf(diag.Pos{Path: name}, "two generated files share the path /%s", name)
			continue
		}
		files[name] = more[name]
	}
}

// copyContentFiles adds content files other than Markdown (images, PDFs)
// to the output. A file whose path a generated page already uses is an
// error, so content can never silently replace a page.
func copyContentFiles(files map[string][]byte, s *model.Strategy, source string, diags *diag.List) {
	display := displayPath(source)
	for _, f := range s.Files {
		pos := diag.Pos{Path: path.Join(display, f.Rel)}
		if _, taken := files[f.Rel]; taken {
			diags.Errorf(pos, "file would replace the generated %s", "/"+f.Rel)
			continue
		}
		data, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(f.Path)))
		if err != nil {
			diags.Errorf(pos, "cannot read: %v", err)
			continue
		}
		files[f.Rel] = data
	}
}

// openTheme returns the theme to render with: --theme, else site.toml's
// theme, "default" being the one embedded in the program and any other
// name a folder under themes/ beside the content folder.
func openTheme(opts Options, s *model.Strategy) (fs.FS, error) {
	dir := opts.Theme
	if dir == "" {
		name := s.Site.Theme
		if name == "" || name == model.DefaultTheme {
			return themes.Default(), nil
		}
		if strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
			return nil, fmt.Errorf("theme %q must be a folder name under themes/", name)
		}
		dir = filepath.Join(filepath.Dir(filepath.Clean(opts.Source)), "themes", name)
	}
	info, err := os.Stat(filepath.Join(dir, "layouts"))
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("theme folder %q has no layouts folder", dir)
	}
	return os.DirFS(dir), nil
}

// displayPath is the source folder as it should start diagnostics' paths.
func displayPath(source string) string {
	return filepath.ToSlash(filepath.Clean(source))
}

// contentDir is the content folder's path inside the repository, for
// "Suggest an edit" links: the source folder's name when it is a plain
// relative path, else "content".
func contentDir(source string) string {
	clean := filepath.ToSlash(filepath.Clean(source))
	if clean == "." || filepath.IsAbs(source) || strings.HasPrefix(clean, "../") {
		return "content"
	}
	return clean
}
