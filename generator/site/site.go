// Package site is the conductor: it runs the generator's phases in order
// over a content folder and hands each file to the writer as it is made.
//
// Load makes a build's snapshot, read-only once made:
//
//	load      read site.toml and every content file (parsed files are
//	          never written again, so caches may share them between builds)
//	markdown  render bodies, rewriting and checking relative links
//	check     validate values and references across files (beside the rest)
//	link      a linked copy of the parsed files: the snapshot
//	analysis  the figures: coverage, shortfalls, funding
//	routes    the route table: every path of the site, and who claims it
//
// then a build (BuildTo, Publish) writes it:
//
//	render    the route table's pages, each as soon as it is made
//	index     the static search index under search/
//	data      strategy.json, CSV files, each objective's index.json
//	feeds     sitemap, robots.txt, Atom feed, _redirects
//	write     a staging folder beside the output, swapped in atomically
//
// Render, index, data and feeds only read the snapshot; each uses every
// processor, one after the other, so a build holds one's working memory at
// a time. The dev server (package serve) renders the pages of a snapshot
// one by one, when they are asked for.
//
// Every phase collects diagnostics instead of stopping, so one run reports
// every problem. Load stops early only when a later phase could not make
// sense of the input; a build renders only when there are no errors, and
// the output folder is replaced only after a build without errors, so a
// failed build never touches the previous output.
package site

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/buildcache"
	"github.com/commonagenda/agenda/generator/check"
	"github.com/commonagenda/agenda/generator/data"
	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/feeds"
	"github.com/commonagenda/agenda/generator/history"
	"github.com/commonagenda/agenda/generator/index"
	"github.com/commonagenda/agenda/generator/internal/keyhash"
	"github.com/commonagenda/agenda/generator/link"
	"github.com/commonagenda/agenda/generator/load"
	"github.com/commonagenda/agenda/generator/markdown"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/render"
	"github.com/commonagenda/agenda/generator/routes"
	"github.com/commonagenda/agenda/generator/timeline"
	"github.com/commonagenda/agenda/generator/write"
	"github.com/commonagenda/agenda/themes"
)

// Options say what to build and how.
type Options struct {
	// Source is the content folder as the user gave it ("content"); paths
	// in diagnostics start with it.
	Source string
	// Display, when set, starts diagnostics' paths instead of Source: the
	// folder's path in a Git revision when Source is a copy of it.
	Display string
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
	// Interpret makes every page by executing the theme's templates, not
	// by the default theme's compiled code (see render.Options).
	Interpret bool
	// Cache, when set, keeps work between builds of the same folder so
	// that a rebuild redoes only what changed (the dev server keeps one).
	Cache *Cache
	// Changed, with a Cache, names the only paths under Source (slash
	// paths) that changed since the last build that used the Cache, as a
	// file watcher saw them; nil means anything may have (see
	// load.Options.Changed).
	Changed []string
	// NoHistory leaves out the history from Git (see package history):
	// pages show no changes, and dates come from front matter alone.
	NoHistory bool
	// CacheDir, when set, is a build cache folder (package buildcache)
	// that Publish reads and keeps up to date, so that a build after a
	// small edit redoes only what the edit changed.
	CacheDir string
	// Remaking, when set, is called once, from any goroutine, when a
	// build with a build cache finds that it makes most of its pages
	// anew (the first pages it decided were not nearly all reused): it
	// will hold as much as a build without a cache (agenda build then
	// collects garbage as such a build does).
	Remaking func()
	// store, when set, keeps the bodies' HTML and text in a file rather
	// than in memory (Publish sets it; see model.Store).
	store *model.Store
}

// Cache keeps the parse of every content file, each entity's own
// problems and the rendering of every Markdown body between builds; each
// is used again only when it cannot have changed (see load.Cache,
// check.Cache and markdown.Cache).
type Cache struct {
	load     *load.Cache
	markdown *markdown.Cache
	// savedMarkdown, when set, waits for the Markdown a build cache kept
	// (see openBuildCache), in place of markdown; tables keeps the parsed
	// front matter for a build cache.
	savedMarkdown func() *markdown.Cache
	tables        *load.Tables
	stamps        *load.Stamps
	// savedCheck, when set, waits for the problems a build cache kept,
	// in place of check.
	savedCheck func() *check.Cache
	// graph is the last build's link graph, figures and route table,
	// used again when no front matter changed (see sameGraph).
	graphMu sync.Mutex
	graph   *graphMemo
	graphs  bool // whether to keep graph at all
	orders  *link.Orders
	check   *check.Cache
	// lastLog is the last build's history, read from lastLogDir; it
	// serves again while the repository stays at its commit.
	historyMu  sync.Mutex
	lastLog    *history.Log
	lastLogDir string
	// savedLog, when set, reads the history a build cache kept, in place
	// of lastLog; the history's goroutine calls it.
	savedLog func() *history.Log
	// keepLog, when set, saves the history read to the build cache, as
	// soon as it is read (buildcache.Cache.SaveHistory).
	keepLog func(*history.Log)
	// indexState, when set, reads the state a build cache kept beside
	// the search index (see searchIndex).
	indexState *prefetch[*index.State]
	// parsed, when set, is told that the files are parsed and checked
	// without an error: a build cache saves what it keeps of them then,
	// beside the rest of the build, rather than at its end.
	parsed func()
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{load: load.NewCache(), markdown: markdown.NewCache(), check: check.NewCache(), graphs: true, orders: &link.Orders{}}
}

func (c *Cache) loadCache() *load.Cache {
	if c == nil {
		return nil
	}
	return c.load
}

func (c *Cache) linkOrders() *link.Orders {
	if c == nil {
		return nil
	}
	return c.orders
}

func (c *Cache) checkCache() *check.Cache {
	if c == nil {
		return nil
	}
	if c.savedCheck != nil {
		return c.savedCheck()
	}
	return c.check
}

func (c *Cache) frontTables() *load.Tables {
	if c == nil {
		return nil
	}
	return c.tables
}

func (c *Cache) fileStamps() *load.Stamps {
	if c == nil {
		return nil
	}
	return c.stamps
}

func (c *Cache) markdownCache() *markdown.Cache {
	if c == nil {
		return nil
	}
	if c.savedMarkdown != nil {
		return c.savedMarkdown()
	}
	return c.markdown
}

// Site is a strategy built in memory: the snapshot and the files.
type Site struct {
	Strategy *model.Strategy
	// Files maps output paths ("objectives/pv-1/index.html") to contents.
	Files map[string][]byte
	// Pages counts the HTML pages.
	Pages int
}

// Snapshot is one build: everything read and derived from the content
// folder, read-only once Load returns, so pages can be rendered from it
// at any time and from many goroutines (the dev server renders each page
// when it is asked for).
type Snapshot struct {
	// Strategy is the linked strategy (see package link).
	Strategy *model.Strategy
	// Report is its figures: coverage, shortfalls, funding.
	Report *analysis.Report
	// Routes is every path of the site and what is there.
	Routes *routes.Table
	// Base is the site's absolute address, ending in "/".
	Base string
	// Theme is the theme's files; ThemeDir its folder on disk, "" for
	// the theme embedded in the program.
	Theme    fs.FS
	ThemeDir string
	// History waits for the content folder's history from Git (nil
	// when there is none; see package history).
	History render.History
	// Subject is what pages and feeds show of a commit's subject
	// (render.ShownSubjects: withheld when it names a confidential
	// address).
	Subject func(c *history.Commit) string
}

// Load runs the phases that read and derive: load, check, markdown and
// link, then the figures and the route table. The snapshot is nil when
// site.toml, the theme or the base URL could not be read; it is returned
// with errors otherwise, so a caller can report every problem at once,
// but must not be published then.
func Load(opts Options) (*Snapshot, *diag.List) {
	// The history is read from Git beside the rest, from the start: Git
	// lists the commits while the files are read, and the history waits
	// for the parsed files only to compare them with their last commit's.
	// Pages wait for it.
	parsed := make(chan *model.Strategy, 1)
	hist := opts.Cache.history(opts, sync.OnceValue(func() *model.Strategy { return <-parsed }))
	endRead := timeline.Begin("read: load, markdown, link")
	s, report, diags, checked := read(opts)
	endRead()
	parsed <- s
	// The check phase's diagnostics join the rest when Load returns: the
	// route table is planned while check still runs.
	defer func() {
		defer timeline.Begin("wait for check")()
		checked()
		if s != nil && opts.Cache != nil && opts.Cache.parsed != nil && !diags.HasErrors() {
			opts.Cache.parsed()
		}
	}()
	if s == nil {
		return nil, diags
	}
	theme, themeDir, err := openTheme(opts, s)
	if err != nil {
		diags.ErrorHint(s.Site.Doc.Pos("theme"), "theme is \"default\" or a folder under themes/", "%v", err)
		return nil, diags
	}
	base, err := baseURL(opts.BaseURL, s.Site.BaseURL)
	if err != nil {
		// No base URL at all is site.toml's mistake, reported as such
		// (missing, empty or unreadable), not again as --base-url's.
		if opts.BaseURL != "" || s.Site.BaseURL != "" || !diags.HasErrors() {
			diags.Errorf(diag.Pos{Path: "--base-url"}, "%v", err)
		}
		return nil, diags
	}
	endTable := timeline.Begin("route table")
	table := opts.Cache.plannedRoutes(s, report, routes.Options{PageSize: s.Site.PageSize, Source: opts.display()})
	endTable()
	rep := report()
	diags.Merge(table.Diagnostics())
	return &Snapshot{Strategy: s, Report: rep, Routes: table, Base: base, Theme: theme, ThemeDir: themeDir, History: hist,
		Subject: render.ShownSubjects(check.ConfidentialText(s))}, diags
}

// Read runs the phases that need only the content folder: load, check,
// markdown and link, then the figures. It needs no theme and no base URL,
// so it serves whoever compares or inspects a strategy without building
// it (agenda diff). The strategy is nil only when the folder could not
// be read at all; otherwise it holds everything that could be read, with
// the errors beside it.
func Read(opts Options) (*model.Strategy, *analysis.Report, *diag.List) {
	s, report, diags, checked := read(opts)
	checked()
	if s == nil {
		return nil, nil, diags
	}
	return s, report(), diags
}

// read is Read, returning before the check phase and the figures are
// done: report waits for the figures (it is nil when the strategy is),
// checked for the check phase, whose diagnostics it adds.
func read(opts Options) (*model.Strategy, func() *analysis.Report, *diag.List, func()) {
	diags := &diag.List{}
	display := opts.display()
	endLoad := timeline.Begin("load")
	parsed, loadDiags := load.Load(load.DirFS(opts.Source), display, load.Options{Drafts: opts.Drafts, Cache: opts.Cache.loadCache(), Changed: opts.Changed, Tables: opts.Cache.frontTables(), Stamps: opts.Cache.fileStamps(), Blobs: !opts.NoHistory && history.MayBeInRepository(opts.Source)})
	endLoad()
	opts.Cache.frontTables().Settle()
	diags.Merge(loadDiags)
	if parsed == nil {
		return nil, nil, diags, func() {}
	}
	// Load made parsed for this build alone (its items may be shared,
	// not the strategy): check compares progress dates with today.
	parsed.Today = opts.Today
	// Check only reads the parsed files, and so does markdown: they run
	// beside the phases that make the snapshot (link makes it from the
	// parsed files, and puts in the rendered bodies last; then come the
	// figures), which never wait for check.
	md := markdown.StartStoring(parsed, opts.Cache.markdownCache(), opts.store)
	checked := inBackground(func() *diag.List {
		defer timeline.Begin("check")()
		return check.CheckCached(parsed, opts.Cache.checkCache())
	})
	waitBodies := func() model.Bodies {
		endWait := timeline.Begin("link waits for markdown")
		bodies, mdDiags := md.Wait()
		endWait()
		diags.Merge(mdDiags)
		opts.Cache.bodiesRendered()
		return bodies
	}
	// The entities, their links and the figures depend on the front
	// matter alone: when an edit changed only bodies, the last build's
	// are this build's, with the new bodies.
	if last := opts.Cache.lastGraph(); last != nil && last.parsed.Today == parsed.Today && sameGraph(last.parsed, parsed) {
		s := last.linked.WithBodies(waitBodies())
		next := *last
		next.parsed, next.linked = parsed, s
		opts.Cache.keepGraph(&next)
		return s, func() *analysis.Report { return last.rep }, diags, func() { diags.Merge(checked()) }
	}
	endLink := timeline.Begin("link")
	// The directory of help is made while the rest is linked: it reads
	// only the organizations' front matter.
	var helped func() analysis.Help
	sorted := func(s *model.Strategy) {
		helped = inBackground(func() analysis.Help {
			defer timeline.Begin("directory of help")()
			return analysis.HelpOf(s)
		})
	}
	s := link.Link(parsed, link.Options{Today: opts.Today, WaitBodies: waitBodies, Orders: opts.Cache.linkOrders(), Sorted: sorted})
	endLink()
	if helped == nil { // Link did not call sorted
		helped = func() analysis.Help { return analysis.HelpOf(s) }
	}
	// The figures are made beside the route table (see routes.PlanWaiting).
	report := inBackground(func() *analysis.Report {
		endAnalysis := timeline.Begin("analysis")
		rep := analysis.AnalyzeWith(s, helped)
		endAnalysis()
		opts.Cache.keepGraph(&graphMemo{parsed: parsed, linked: s, rep: rep})
		return rep
	})
	return s, report, diags, func() { diags.Merge(checked()) }
}

// display is how diagnostics name the content folder.
func (opts Options) display() string {
	if opts.Display != "" {
		return opts.Display
	}
	return displayPath(opts.Source)
}

// Build loads, checks and renders the site in memory. It returns nil
// when there were errors. Tests use it; a real build streams its files to
// the output folder with Publish instead.
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
	// Pages counts the HTML pages (redirects and 404 too); Files, set by
	// Publish, every file.
	Pages, Files int
	// Reused counts the pages a build cache gave, and Built of those the
	// ones whose view was built to know they had not changed (the rest
	// were known unchanged by their front matter and bodies alone).
	Reused, Built int
	// Beside is set when the files that are not pages were made beside
	// the pages, not after them: when the first pages were nearly all
	// reused (see tally).
	Beside bool
	// IndexState says when the state a build cache kept beside the
	// search index was read: "early", while the pages were planned,
	// because bodies changed (see Cache.bodiesRendered); "late", when
	// the index found it needed it; "" when it was not read.
	IndexState string
	// Notes are what a person should know of a build that worked: why
	// its pages show no history, or only part of it.
	Notes []string
}

// Publish builds the site into the output folder out: each file goes to
// a staging folder beside out as soon as it is made, so the build never
// holds the site in memory, and the staging folder replaces out only when
// the build had no errors. A failed build leaves out as it was. Call
// CheckOutput first.
func Publish(opts Options, out string) (*Result, *diag.List) {
	// With a build cache, most files are the cache's pages, linked: the
	// output before last, kept, is reused, and only what changed since
	// is linked or written again.
	newStage := write.NewStage
	if opts.CacheDir != "" {
		newStage = write.NewStageReusing
	}
	st, err := newStage(out)
	if err != nil {
		diags := &diag.List{}
		diags.Errorf(diag.Pos{Path: out}, "cannot write the site: %v", err)
		return nil, diags
	}
	endOpen := timeline.Begin("open build cache")
	bc, warning := openBuildCache(&opts)
	endOpen()
	if bc != nil {
		// What it still saves is saved before the build ends, whether
		// or not it succeeds (Commit waits for it too).
		defer bc.Wait()
	}
	// The bodies' HTML and text wait for their pages and the search index
	// in a file beside the output folder, not in memory. Without one,
	// they stay in memory.
	opts.store, _ = model.NewStore(filepath.Dir(st.Dir()))
	// Once every body is stored, they are read from a mapping of the
	// store's file (model.Store.Seal): what was read is let go of every
	// 5 ms, and read again from the file if need be, so that the bodies
	// count against a build's memory only while they are read (the
	// search index reads every text in a few tens of milliseconds; each
	// release costs microseconds).
	stopReleasing := every(5*time.Millisecond, opts.store.Release)
	defer stopReleasing()
	var reuse render.Reuse
	if bc != nil {
		reuse = pageReuse{bc, st, &tally{}}
	}
	res, diags := buildTo(opts, st.Add, st.Create, reuse, bc)
	if warning != nil {
		diags.Add(*warning)
	}
	if res == nil {
		st.Abort()
		return nil, diags
	}
	res.Files = st.Files()
	res.IndexState = opts.Cache.indexStateRead()
	endCommit := timeline.Begin("swap output")
	removePrevious, err := st.CommitKeeping()
	endCommit()
	if err != nil {
		diags.Errorf(diag.Pos{Path: out}, "cannot write the site: %v", err)
		return nil, diags
	}
	// The previous output is removed while the build cache is written.
	var wg sync.WaitGroup
	wg.Go(func() {
		defer timeline.Begin("remove previous output")()
		removePrevious()
	})
	if bc != nil {
		endSave := timeline.Begin("save build cache")
		if err := bc.Commit(opts.Cache.markdownCache(), opts.Cache.frontTables(), opts.Cache.fileStamps(), opts.Cache.checkCache(), displayPath(opts.Source), opts.Cache.keptHistory()); err != nil {
			diags.Warnf(diag.Pos{Path: opts.CacheDir}, "cannot update the build cache: %v", err)
		}
		endSave()
	}
	wg.Wait()
	return res, diags
}

// every calls f every d until stop is called.
func every(d time.Duration, f func()) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(d)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				f()
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}

// BuildTo loads, checks and renders the site, handing each file to add
// as soon as it is made (add may be called from several goroutines at
// once, and must copy data to keep it). The result is nil when there were
// errors; add may have received files by then, which the caller throws
// away.
func BuildTo(opts Options, add func(rel string, data []byte) error) (*Result, *diag.List) {
	return buildTo(opts, add, nil, nil, nil)
}

// buildTo is BuildTo; create, when not nil, adds a file that is written as
// it is made (write.Stage.Create), for the largest data files.
func buildTo(opts Options, add func(rel string, data []byte) error, create func(rel string) (io.WriteCloser, error), reuse render.Reuse, kept *buildcache.Cache) (*Result, *diag.List) {
	sn, diags := Load(opts)
	if sn == nil || diags.HasErrors() {
		return nil, diags
	}
	// The pages first, on every processor, then the search index and the
	// data files, also on every processor: one after the other, a build
	// holds the working memory of only one of them at a time (but see
	// tally: beside pages nearly all reused, they are made at once). The
	// page that gives the data files' sizes (/data/) is made after them.
	var sizesMu sync.Mutex
	sizes := map[string]int{}
	// Only the data files' sizes: the page shows no others, and the
	// search index's files may be linked from a build cache, unread.
	noteSize := func(name string, n int) {
		if strings.HasPrefix(name, "data/") {
			sizesMu.Lock()
			sizes[name] = n
			sizesMu.Unlock()
		}
	}
	sized := func(name string, data []byte) error {
		noteSize(name, len(data))
		return add(name, data)
	}
	var created func(rel string) (io.WriteCloser, error)
	if create != nil {
		created = func(name string) (io.WriteCloser, error) {
			w, err := create(name)
			if err != nil {
				return nil, err
			}
			return &sizedFile{w: w, done: func(n int) { noteSize(name, n) }}, nil
		}
	}
	later := render.Later{History: sn.History, Sizes: func() map[string]int { return sizes }}
	if reuse != nil {
		endKey := timeline.Begin("graph key")
		later.Graph, later.Global = graphKey(sn), globalKey(sn)
		endKey()
	}
	endRenderer := timeline.Begin("renderer, plan")
	x := render.NewRenderer(sn.Strategy, sn.Theme, RenderOptions(opts, sn))
	plan := x.Plan(sn.Strategy, sn.Report, sn.Routes, later)
	endRenderer()
	// The files that are not pages are made after the pages, or beside
	// them once the first pages say they are nearly all reused from the
	// build cache (tally). They read the bodies' text, not their HTML.
	var lk *linker
	var startExtras sync.Once
	var extras func() *diag.List
	var endExtras func()
	var lite *Snapshot
	start := func(beside bool) {
		startExtras.Do(func() {
			endExtras = timeline.Begin("files that are not pages")
			lite = sn.withoutHTML()
			extras = lite.extras(sized, created, kept, lk, beside, later.Graph)
		})
	}
	if pr, ok := reuse.(pageReuse); ok && kept != nil {
		lk = &linker{kept, pr.st, opts.Cache.savedIndexState, noteSize}
		pr.tally.beside, pr.tally.sample = func() { start(true) }, sampleOf(len(sn.Routes.Pages()))
		pr.tally.remaking = opts.Remaking
	}
	endPages := timeline.Begin("pages")
	_, renderDiags := plan.RenderReusing(add, reuse)
	endPages()
	diags.Merge(renderDiags)
	// The pages are made: what comes after reads the bodies' text, not
	// their HTML, which a large strategy need not hold any longer (but
	// for the lists' introductions, which the pages made last show); nor
	// the plan of every page.
	start(false)
	sn = lite
	deferred := plan.Deferred(sn.Strategy)
	plan = nil
	diags.Merge(extras())
	endExtras()
	endDeferred := timeline.Begin("pages made last")
	_, lastDiags := deferred.RenderDeferred(add)
	endDeferred()
	diags.Merge(lastDiags)
	files := len(sn.Routes.Pages()) // every HTML page: redirects and 404 too
	display := displayPath(opts.Source)
	for _, rt := range sn.Routes.Routes() {
		if rt.Source != routes.Copied {
			continue
		}
		data, err := os.ReadFile(filepath.Join(opts.Source, filepath.FromSlash(rt.From)))
		if err == nil {
			err = add(rt.File(), data)
		}
		if err != nil {
			diags.Errorf(diag.Pos{Path: path.Join(display, rt.File())}, "cannot copy: %v", err)
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	res := &Result{Strategy: sn.Strategy, Pages: files, Built: int(x.Built())}
	if pr, ok := reuse.(pageReuse); ok {
		res.Reused, res.Beside = int(pr.tally.reused.Load()), pr.tally.besideCalled.Load()
	}
	if sn.History != nil {
		if log := sn.History(); log != nil && log.Note != "" {
			res.Notes = append(res.Notes, log.Note)
		}
	}
	return res, diags
}

// withoutHTML is the snapshot with its bodies' HTML left out, but for
// the lists' introductions (the pages made last show them).
func (sn *Snapshot) withoutHTML() *Snapshot {
	bodies := make(model.Bodies, len(sn.Strategy.Bodies))
	for rel, b := range sn.Strategy.Bodies {
		if path.Base(rel) != "_index.md" { // a list's introduction is kept
			b = b.WithoutHTML()
		}
		bodies[rel] = b
	}
	c := *sn
	c.Strategy = sn.Strategy.WithBodies(bodies)
	return &c
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

// extras makes, in the background, the files that are not pages: the
// search index, the feeds (sitemap, Atom, robots.txt, Netlify's
// _redirects) and the strategy as data (package data). Each file goes to
// add as soon as its part is done. The function returned waits for them.
// Every file must be a route of the snapshot (or fall in a folder the
// route table keeps for it, like the search index's chunks): a file
// nothing declared is an error, not a silent overwrite.
//
// graph is the snapshot's graphKey, which the build computed already for
// its pages' memos: it must be given with a build cache (kept).
func (sn *Snapshot) extras(add func(rel string, data []byte) error, create func(rel string) (io.WriteCloser, error), kept *buildcache.Cache, lk *linker, beside bool, graph [32]byte) func() *diag.List {
	diags := &diag.List{}
	s, base := sn.Strategy, sn.Base
	declared := func(name string) bool {
		rt := sn.Routes.LookupFile(name)
		if (rt == nil || rt.Kind != routes.KindFile || rt.Source != routes.Generated) && !sn.Routes.Kept("/"+name) {
			diags.Errorf(diag.Pos{Path: name}, "internal error: /%s is not a generated file in the route table", name)
			return false
		}
		return true
	}
	put := func(name string, data []byte) error {
		if !declared(name) {
			return nil
		}
		if err := add(name, data); err != nil {
			diags.Errorf(diag.Pos{Path: name}, "cannot write: %v", err)
			return err
		}
		return nil
	}
	// stream puts a file written as it is made, where create allows it.
	var stream data.Stream
	if create != nil {
		stream = func(name string, write func(io.Writer) error) error {
			if !declared(name) {
				return nil
			}
			f, err := create(name)
			if err != nil {
				diags.Errorf(diag.Pos{Path: name}, "cannot write: %v", err)
				return err
			}
			w := &failedWriter{w: f}
			err = write(w)
			if cerr := f.Close(); w.err == nil && cerr != nil {
				w.err = cerr
			}
			if w.err != nil {
				// The file's own error (making it) is its maker's to say.
				diags.Errorf(diag.Pos{Path: name}, "cannot write: %v", w.err)
				return w.err
			}
			return err
		}
	}
	// link puts a file a build cache kept (see linker).
	link := func(name, src string, info fs.FileInfo) error {
		if !declared(name) {
			return nil
		}
		if err := lk.st.LinkFile(name, src, info); err != nil {
			diags.Errorf(diag.Pos{Path: name}, "cannot write: %v", err)
			return err
		}
		if lk.size != nil {
			lk.size(name, int(info.Size()))
		}
		return nil
	}
	var wg sync.WaitGroup
	// The search index is made on every processor, then the data files:
	// one after the other, the build holds the working memory of only
	// one of them (the index's is the largest of a build). Each hands
	// its files over one at a time (12,000 of them for the index of
	// 10,000 files), which writers put on other goroutines. When the
	// index a build cache kept is linked as it is, which takes little
	// memory, the data files are made meanwhile (after an edit to front
	// matter that no search reads, a status or an amount); and so they
	// are when both are made beside pages nearly all reused (beside).
	dataReady := make(chan struct{})
	startData := sync.OnceFunc(func() { close(dataReady) })
	if beside {
		// Beside pages nearly all reused, the build holds little: the
		// data files need not wait for the index's working memory to go.
		startData()
	}
	wg.Go(func() {
		defer startData()
		endIndex := timeline.Begin("search index")
		endC := timeline.Begin("index: collect")
		src := index.Collect(s)
		endC()
		// The index's state is saved for the next build on a goroutine
		// of the build cache's (see searchIndex).
		if err := searchIndex(src, kept, lk, put, link, startData); err != nil && !diags.HasErrors() {
			diags.Errorf(diag.Pos{Path: index.ManifestPath}, "cannot write the search index: %v", err)
		}
		endIndex()
	})
	wg.Go(func() {
		<-dataReady
		defer timeline.Begin("data files")()
		sn.dataFiles(put, stream, link, kept, lk, diags)
	})
	wg.Go(func() {
		defer timeline.Begin("feeds, sitemap")()
		key := func() [32]byte { return feedsKey(graph, sn) }
		keptFiles(kept, lk, buildcache.FeedsSet, key, put, nil, link, func(put func(string, []byte) error, _ data.Stream) error {
			put(file(routes.Robots), feeds.Robots(base))
			put(file(routes.Feed), feeds.Atom(s, base, 50, sn.updated))
			put(file(routes.Redirects), redirects(base, sn.Routes))
			put(file(routes.Headers), frameRules(sn.Routes))
			put(file(routes.Sitemap), sn.sitemap())
			return nil
		})
	})
	wg.Go(func() {
		defer timeline.Begin("feeds of changes")()
		key := func() [32]byte { return changesKey(graph, s, sn.History, sn.Subject) }
		keptFiles(kept, lk, buildcache.ChangesSet, key, put, nil, link, func(put func(string, []byte) error, _ data.Stream) error {
			sn.changeFeeds(put)
			return nil
		})
	})
	return func() *diag.List {
		wg.Wait()
		return diags
	}
}

// indexState is the name the search index's state is kept under beside
// its files (see index.Update).
const indexState = "state"

// linker puts files a build cache keeps as pages into the staged output
// (Publish's): the search index's files are kept as pages are, by the
// hash of their bytes, and linked, not copied, into the next output.
type linker struct {
	bc *buildcache.Cache
	st *write.Stage
	// state is the state the build cache kept beside the search index
	// (Cache.savedIndexState): read early, when bodies changed.
	state func() *index.State
	// size notes the size of a file linked, as a file put has its
	// noted (the data files' sizes are shown on /data/).
	size func(name string, n int)
}

// kept finds the file kept with key, checked (buildcache.Page).
func (l *linker) kept(key [32]byte) (string, fs.FileInfo, bool) { return l.bc.PageInfo(key) }

// keep keeps the file just staged at name, whose bytes are data.
func (l *linker) keep(name string, key [32]byte, data []byte) {
	l.bc.KeepPage(key, l.st.Path(name), data)
}

// streamKept is stream, keeping each file, once it is staged, as a page
// of the build cache, by the hash of its bytes, in the set set (as
// putKept does); nil when stream is.
func (l *linker) streamKept(stream data.Stream, set *buildcache.FileWriter) data.Stream {
	if stream == nil {
		return nil
	}
	return func(name string, write func(io.Writer) error) error {
		sum := buildcache.NewPageSum()
		err := stream(name, func(w io.Writer) error { return write(io.MultiWriter(w, sum)) })
		if err != nil {
			return err
		}
		key := sum.Key()
		l.bc.KeepSummed(key, l.st.Path(name), sum)
		set.AddPage(name, key)
		return nil
	}
}

// putKept puts each file of a set on w and, once it is staged, keeps it
// as a page of the build cache, by the hash of its bytes, in the set set.
func (l *linker) putKept(w *writers, set *buildcache.FileWriter) func(name string, data []byte) error {
	return func(name string, data []byte) error {
		key := sha256.Sum256(data)
		return w.send(writeJob{name: name, data: data, after: func() {
			l.keep(name, key, data)
			set.AddPage(name, key)
		}})
	}
}

// searchIndex puts the search index's files. With a build cache, the
// index the last build kept is linked as it is when nothing it is made
// from changed (index.Key): an edit to what no search reads, a status or
// an amount, leaves it as it was; after an edit to a few documents' text
// it is patched (index.Update), and the files the patch keeps are
// linked. put checks a file's name and puts it; link checks a name and
// links the kept file at src there.
//
// The state a later build patches is saved on a goroutine of the build
// cache's once the files are put (buildcache.Later): the output may be
// swapped in meanwhile, and the cache's Commit waits for it.
// linking is called when the kept index was made from what this one
// would be, and is about to be linked as it is.
func searchIndex(src *index.Source, kept *buildcache.Cache, lk *linker, put func(string, []byte) error, link func(name, src string, info fs.FileInfo) error, linking func()) error {
	if kept == nil || lk == nil {
		w := newWriters(put)
		err := src.BuildTo(w.put)
		return cmp.Or(w.wait(), err)
	}
	endK := timeline.Begin("index: key")
	key := src.Key()
	endK()
	endE := timeline.Begin("index: earlier")
	earlier, ok := kept.Earlier(buildcache.IndexSet)
	endE()
	pages := map[string][32]byte{}
	if ok {
		defer earlier.Close()
		earlier.Pages(func(name string, key [32]byte) { pages[name] = key })
		if earlier.Key(key) {
			// Most likely linked as it is (unless a file of it was
			// damaged): what waits for the index may start.
			linking()
			if done, err := linkSet(earlier, lk, link); done {
				earlier.Use()
				return err
			}
		}
	}
	w := newWriters(put)
	keep := kept.Keep(buildcache.IndexSet, key)
	var from *index.Earlier
	if ok {
		endB := timeline.Begin("index: wait for its state")
		state := lk.state()
		endB()
		from = &index.Earlier{State: state, Reuse: func(name string) bool {
			key, ok := pages[name]
			if !ok {
				return false
			}
			path, info, ok := lk.kept(key)
			if !ok {
				return false
			}
			keep.AddPage(name, key)
			return w.send(writeJob{name: name, do: func() error { return link(name, path, info) }}) == nil
		}}
	}
	// The state is saved beside the files, its long lists while they are
	// written, the rest once they are (index.Saver); the cache keeps it
	// only if they were.
	written := make(chan error, 1)
	saving := false
	err := src.UpdateSaving(from, lk.putKept(w, keep), func(save index.Saver) {
		saving = true
		kept.Later(func() {
			defer timeline.Begin("index: save state")()
			var filesErr error
			// The state checks itself (index.ReadState).
			keep.KeepBesideChecked(indexState, func(w io.Writer) error {
				return save(w, func() error {
					filesErr = <-written
					return filesErr
				})
			})
			keep.Done(filesErr == nil)
		})
	})
	endW := timeline.Begin("index: wait writers")
	err = cmp.Or(w.wait(), err)
	endW()
	written <- err
	if !saving {
		kept.Later(func() { keep.Done(false) })
	}
	return err
}

// linkSet links every file of a kept set (the search index's, the data
// files'), or reports false, having linked nothing, when one of them is
// not kept intact: the whole set is checked before it is used.
func linkSet(earlier *buildcache.Earlier, lk *linker, link func(name, src string, info fs.FileInfo) error) (bool, error) {
	type file struct {
		name, path string
		info       fs.FileInfo
	}
	var files []file
	intact := true
	earlier.Pages(func(name string, key [32]byte) {
		if !intact {
			return
		}
		path, info, ok := lk.kept(key)
		intact = ok
		files = append(files, file{name, path, info})
	})
	if !intact || len(files) == 0 {
		return false, nil
	}
	w := newWriters(nil)
	for _, f := range files {
		w.send(writeJob{name: f.name, do: func() error { return link(f.name, f.path, f.info) }})
	}
	return true, w.wait()
}

// writers puts files on a few goroutines, for a producer that hands
// them over one after the other, so that it does not wait on each file
// system call in turn. A put that fails is reported by put itself; the
// producer's next put returns its error.
type writers struct {
	files chan writeJob
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
}

// writeJob is a file to put, then after to call; or, when do is set, do
// to call instead.
type writeJob struct {
	name  string
	data  []byte
	after func()
	do    func() error
}

func newWriters(put func(name string, data []byte) error) *writers {
	w := &writers{files: make(chan writeJob, 64)}
	for range 2 {
		w.wg.Go(func() {
			for f := range w.files {
				var err error
				if f.do != nil {
					err = f.do()
				} else if err = put(f.name, f.data); err == nil && f.after != nil {
					f.after()
				}
				if err != nil {
					w.mu.Lock()
					w.err = cmp.Or(w.err, err)
					w.mu.Unlock()
				}
			}
		})
	}
	return w
}

// put hands one file over; data must not change afterwards.
func (w *writers) put(name string, data []byte) error {
	return w.send(writeJob{name: name, data: data})
}

// send hands one job over.
func (w *writers) send(j writeJob) error {
	w.mu.Lock()
	err := w.err
	w.mu.Unlock()
	if err != nil {
		return err
	}
	w.files <- j
	return nil
}

// wait waits until every file handed over is put, and returns the first
// error.
func (w *writers) wait() error {
	close(w.files)
	w.wg.Wait()
	return w.err
}

// dataFiles writes the data files (package data). They are made from
// the front matter alone (TestDataFilesIgnoreBodies): a build cache keeps
// them by the front matter of every file, the base URL and the day, and
// a build after edits to text alone links the kept ones (link, lk). put
// and link are called from several goroutines at once.
func (sn *Snapshot) dataFiles(put func(name string, data []byte) error, stream data.Stream, link func(name, src string, info fs.FileInfo) error, kept *buildcache.Cache, lk *linker, diags *diag.List) {
	// The organizations in HSDS are made from the organizations alone:
	// an edit to an objective or a partnership keeps them. They are made
	// beside the other data files (WriteOthers makes strategy.json beside
	// the rest): after them, at the end of a cold build, they kept one
	// processor of two busy for a tenth of a second.
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Go(func() {
		hsds := func() [32]byte { return hsdsKey(sn.Strategy, sn.Base) }
		keptFiles(kept, lk, buildcache.HSDSSet, hsds, put, stream, link, func(put func(string, []byte) error, stream data.Stream) error {
			err := data.WriteHSDS(sn.Strategy, sn.Base, put, stream)
			if err != nil && !diags.HasErrors() {
				diags.Errorf(diag.Pos{Path: data.HSDSFile}, "cannot write the organizations as HSDS: %v", err)
			}
			return err
		})
	})
	key := func() [32]byte { return dataKey(sn.Strategy, sn.Base) }
	keptFiles(kept, lk, buildcache.DataSet, key, put, stream, link, func(put func(string, []byte) error, stream data.Stream) error {
		err := data.WriteOthers(sn.Strategy, sn.Report, sn.Base, put, stream)
		if err != nil && !diags.HasErrors() {
			diags.Errorf(diag.Pos{Path: data.StrategyFile}, "cannot write the strategy as data: %v", err)
		}
		return err
	})
}

// hsdsKey names what the organizations in HSDS are made from: every
// organization's front matter (by its path and FrontSum, which also
// give their order and parents) and the base URL.
func hsdsKey(s *model.Strategy, base string) [32]byte {
	k := keyhash.New("agenda hsds 1")
	k.String(base)
	k.Int(len(s.Organizations))
	for _, o := range s.Organizations {
		k.Bool(o.Doc != nil)
		if o.Doc != nil {
			k.String(o.Doc.Rel)
			k.Bytes(o.Doc.FrontSum[:])
		}
	}
	return k.Sum()
}

// keptFiles puts the set of files make writes, on writers of its own.
// With a build cache (kept, lk), the files are kept as pages are, by the
// hash of their bytes; when the cache kept the set with the same key, the
// kept files are linked (link) without making them, as the search index's
// are. A put that fails stops both (put says why); make reports its own
// errors.
func keptFiles(kept *buildcache.Cache, lk *linker, set string, key func() [32]byte, put func(string, []byte) error, stream data.Stream, link func(name, src string, info fs.FileInfo) error, make func(put func(string, []byte) error, stream data.Stream) error) {
	if kept == nil || lk == nil {
		w := newWriters(put)
		make(w.put, stream)
		w.wait()
		return
	}
	k := key()
	if earlier, ok := kept.Earlier(set); ok {
		done := false
		if earlier.Key(k) {
			if done, _ = linkSet(earlier, lk, link); done { // a failing link said why
				earlier.Use()
			}
		}
		earlier.Close()
		if done {
			return
		}
	}
	keep := kept.Keep(set, k)
	w := newWriters(put)
	err := make(lk.putKept(w, keep), lk.streamKept(stream, keep))
	if werr := w.wait(); err == nil {
		err = werr
	}
	keep.Done(err == nil)
}

// dataKey names what the data files are made from: every file's front
// matter (by its path and FrontSum), the base URL and the day.
func dataKey(s *model.Strategy, base string) [32]byte {
	k := keyhash.New("agenda data 2")
	k.String(base)
	k.String(s.Today.String())
	doc := func(d *model.Doc) { docKey(k, d) }
	doc(s.Site.Doc)
	group := func(n int, each func(i int) *model.Doc) {
		k.Int(n)
		for i := range n {
			doc(each(i))
		}
	}
	group(len(s.Objectives), func(i int) *model.Doc { return s.Objectives[i].Doc })
	group(len(s.Organizations), func(i int) *model.Doc { return s.Organizations[i].Doc })
	group(len(s.Partnerships), func(i int) *model.Doc { return s.Partnerships[i].Doc })
	group(len(s.Pages), func(i int) *model.Doc { return s.Pages[i].Doc })
	return k.Sum()
}

// feedsKey names what the feeds, the sitemap, robots.txt and the host's
// rules (_redirects, _headers) are made from: the front matter and the
// route table (graph, graphKey), and of the history, the dates it gives
// the pages and entities they list (Snapshot.updated): a new commit that
// changed no such date (a file whose front matter says when it was
// updated, or none they list) leaves them as they were. None reads a
// body or the theme (TestFeedsIgnoreBodies).
func feedsKey(graph [32]byte, sn *Snapshot) [32]byte {
	k := keyhash.New("agenda feeds 2")
	k.Bytes(graph[:])
	k.Bool(sn.History != nil)
	if sn.History == nil {
		return k.Sum()
	}
	date := func(doc *model.Doc, d model.Date) { k.String(sn.updated(doc, d).String()) }
	// As feeds.Atom asks (feedItems), then the sitemap (Snapshot.sitemap).
	s := sn.Strategy
	for _, o := range s.Objectives {
		date(o.Doc, o.Updated)
	}
	for _, o := range s.Organizations {
		date(o.Doc, o.Updated)
	}
	for _, p := range s.Partnerships {
		date(p.Doc, p.Updated)
	}
	if s.Home != nil {
		date(s.Home.Doc, s.Home.Updated)
	}
	for _, p := range s.Pages {
		date(p.Doc, p.Updated)
	}
	// Every route of an entity, the sitemap's among them, in the table's
	// order (the sitemap's, sorted, is made only when the key changed).
	for _, p := range sn.Routes.Routes() {
		if p.Entity != nil {
			date(p.Entity.Document(), p.Updated)
		}
	}
	return k.Sum()
}

// changesKey names what the feeds of changes (Snapshot.changeFeeds) are
// made from: the front matter and the route table (graph), and of the
// history, what each feed shows of it: each objective's newest changes.
// A commit that changed no objective's story (most change a text or an
// organization's own page) leaves every feed as it was.
func changesKey(graph [32]byte, s *model.Strategy, h render.History, subject func(*history.Commit) string) [32]byte {
	k := keyhash.New("agenda changes 1")
	k.Bytes(graph[:])
	var log *history.Log
	if h != nil {
		log = h()
	}
	k.Bool(log.Known())
	if !log.Known() {
		return k.Sum()
	}
	for _, o := range s.Objectives {
		story, _ := log.Newest(o.Doc.Rel, o.ID, render.FeedLimit)
		k.Int(len(story))
		for _, e := range story {
			k.String(e.Commit.Hash)
			k.Int(int(e.Commit.Date.Unix()))
			k.String(subject(e.Commit))
			k.Int(len(e.Events))
			for _, ev := range e.Events {
				ev.WriteKey(k)
			}
		}
	}
	return k.Sum()
}

// sizedFile is a file being written whose size is noted when it is
// closed.
type sizedFile struct {
	w    io.WriteCloser
	n    int
	done func(n int)
}

func (f *sizedFile) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	f.n += n
	return n, err
}

func (f *sizedFile) Close() error {
	err := f.w.Close()
	if err == nil {
		f.done(f.n)
	}
	return err
}

// failedWriter records the first error of writing to w: a file's
// writing failed, not its making.
type failedWriter struct {
	w   io.Writer
	err error
}

func (f *failedWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}

// Extras makes the snapshot's files that are not pages (see extras).
func (sn *Snapshot) Extras() (map[string][]byte, *diag.List) {
	var mu sync.Mutex
	files := map[string][]byte{}
	diags := sn.extras(func(name string, data []byte) error {
		mu.Lock()
		files[name] = bytes.Clone(data)
		mu.Unlock()
		return nil
	}, nil, nil, nil, false, [32]byte{})()
	return files, diags
}

func file(urlPath string) string { return routes.File(urlPath) }

// redirects are Netlify's rules for every alias of the route table.
func redirects(base string, t *routes.Table) []byte {
	var aliases []feeds.Alias
	for _, r := range t.Aliases() {
		aliases = append(aliases, feeds.Alias{From: r.Path, To: r.Entity.URL()})
	}
	return feeds.RedirectRules(aliases, base)
}

// frameRules are the host's rules that let other sites frame the
// embeddable cards and nothing else (see feeds.FrameRules).
func frameRules(t *routes.Table) []byte {
	var paths []string
	for _, r := range t.Routes() {
		paths = append(paths, r.Path)
	}
	return feeds.FrameRules(paths, routes.Embeds)
}

// sitemap lists the pages for search engines, each with its last change.
func (sn *Snapshot) sitemap() []byte {
	pages := sn.Routes.Sitemap()
	entries := make([]feeds.SitemapEntry, 0, len(pages))
	for _, p := range pages {
		updated := p.Updated
		if p.Entity != nil {
			updated = sn.updated(p.Entity.Document(), updated)
		}
		entries = append(entries, feeds.SitemapEntry{Path: p.Path, Updated: updated})
	}
	return feeds.Sitemap(sn.Base, entries)
}

// openTheme returns the theme to render with: --theme, else site.toml's
// theme, "default" being the one embedded in the program and any other
// name a folder under themes/ beside the content folder. It returns the
// theme's folder on disk too, "" for the embedded theme.
func openTheme(opts Options, s *model.Strategy) (fs.FS, string, error) {
	dir := opts.Theme
	if dir == "" {
		name := s.Site.Theme
		if name == "" || name == model.DefaultTheme {
			return themes.Default(), "", nil
		}
		if strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
			return nil, "", fmt.Errorf("theme %q must be a folder name under themes/", name)
		}
		dir = filepath.Join(filepath.Dir(filepath.Clean(opts.Source)), "themes", name)
	}
	info, err := os.Stat(filepath.Join(dir, "layouts"))
	if err != nil || !info.IsDir() {
		return nil, "", fmt.Errorf("theme folder %q has no layouts folder", dir)
	}
	return os.DirFS(dir), dir, nil
}

// displayPath is the source folder as it should start diagnostics' paths.
func displayPath(source string) string {
	return filepath.ToSlash(filepath.Clean(source))
}

// contentDir is the content folder's path inside the repository, for
// "Suggest an edit" links and the forms' paths: found from the nearest
// folder above it that holds .git, whatever way --source is written
// ("." for a content folder at the repository's top). Outside a
// repository (an export without .git), the folder is taken to be where
// it is from the current folder, as a build is run from a repository's
// top: its path from there when it is inside, else "content". Either
// way, how --source is written changes nothing ("content",
// "./content/" or the full path): the pages, and the build cache's
// memos of them, are the same.
func contentDir(source string) string {
	abs, err := filepath.Abs(source)
	if err != nil {
		return "content"
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			if rel, err := filepath.Rel(dir, abs); err == nil {
				return filepath.ToSlash(rel)
			}
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil {
			rel = filepath.ToSlash(rel)
			if rel != "." && rel != ".." && !strings.HasPrefix(rel, "../") {
				return rel
			}
		}
	}
	return "content"
}

// graphMemo is what a build made of the front matter of its files.
type graphMemo struct {
	parsed *model.Strategy // as load returned it, with the build's Today
	linked *model.Strategy
	rep    *analysis.Report
	// routes is the route table planned from linked and rep, with
	// routesFor the options it was planned with; nil until Load plans it.
	routes    *routes.Table
	routesFor routes.Options
}

func (c *Cache) lastGraph() *graphMemo {
	if c == nil {
		return nil
	}
	c.graphMu.Lock()
	defer c.graphMu.Unlock()
	return c.graph
}

func (c *Cache) keepGraph(g *graphMemo) {
	if c == nil || !c.graphs {
		return
	}
	c.graphMu.Lock()
	c.graph = g
	c.graphMu.Unlock()
}

// plannedRoutes returns the route table of linked planned with opts: the
// last build's when it was planned from the same graph, else a new one.
func (c *Cache) plannedRoutes(linked *model.Strategy, report func() *analysis.Report, opts routes.Options) *routes.Table {
	if g := c.lastGraph(); g != nil && g.linked == linked && g.routes != nil && g.routesFor == opts {
		return g.routes
	}
	t := routes.PlanWaiting(linked, report, opts)
	rep := report()
	if g := c.lastGraph(); g != nil && g.rep == rep {
		c.graphMu.Lock()
		if c.graph == g {
			g2 := *g
			g2.routes, g2.routesFor = t, opts
			c.graph = &g2
		}
		c.graphMu.Unlock()
	}
	return t
}

// sameGraph reports whether two parsed strategies have the same site
// settings and the same files, each with the same front matter: then
// they parse to equal entities, and link to equal graphs, whatever their
// bodies say. A file added, removed or renamed, or any front matter
// changed, gives false.
func sameGraph(a, b *model.Strategy) bool {
	if a == nil || b == nil || !sameFront(a.Site.Doc, b.Site.Doc) || (a.Home == nil) != (b.Home == nil) ||
		len(a.Objectives) != len(b.Objectives) || len(a.Organizations) != len(b.Organizations) ||
		len(a.Partnerships) != len(b.Partnerships) || len(a.Pages) != len(b.Pages) ||
		len(a.Intros) != len(b.Intros) || !slices.Equal(a.Files, b.Files) ||
		!reflect.DeepEqual(a.Unreadable, b.Unreadable) {
		return false
	}
	if a.Home != nil && !sameFront(a.Home.Doc, b.Home.Doc) {
		return false
	}
	for i, o := range a.Objectives {
		if o != b.Objectives[i] && !sameFront(o.Doc, b.Objectives[i].Doc) {
			return false
		}
	}
	for i, o := range a.Organizations {
		if o != b.Organizations[i] && !sameFront(o.Doc, b.Organizations[i].Doc) {
			return false
		}
	}
	for i, p := range a.Partnerships {
		if p != b.Partnerships[i] && !sameFront(p.Doc, b.Partnerships[i].Doc) {
			return false
		}
	}
	for i, p := range a.Pages {
		if p != b.Pages[i] && !sameFront(p.Doc, b.Pages[i].Doc) {
			return false
		}
	}
	for k, p := range a.Intros {
		q := b.Intros[k]
		if q == nil || p != q && !sameFront(p.Doc, q.Doc) {
			return false
		}
	}
	return true
}

// sameFront reports whether two documents are the same file with the
// same front matter.
func sameFront(a, b *model.Doc) bool {
	return a != nil && b != nil && a.Rel == b.Rel && a.Path == b.Path && a.Front != 0 && a.Front == b.Front
}
