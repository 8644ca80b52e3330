package site

import (
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/commonagenda/agenda/generator/buildcache"
	"github.com/commonagenda/agenda/generator/check"
	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/history"
	"github.com/commonagenda/agenda/generator/index"
	"github.com/commonagenda/agenda/generator/internal/keyhash"
	"github.com/commonagenda/agenda/generator/load"
	"github.com/commonagenda/agenda/generator/markdown"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/render"
	"github.com/commonagenda/agenda/generator/routes"
	"github.com/commonagenda/agenda/generator/timeline"
	"github.com/commonagenda/agenda/generator/write"
)

// openBuildCache opens the build cache of opts.CacheDir, if any, and
// gives opts the rendered bodies it kept. A cache that cannot be opened
// is a warning: the build goes on without it.
func openBuildCache(opts *Options) (*buildcache.Cache, *diag.Diagnostic) {
	if opts.CacheDir == "" {
		return nil, nil
	}
	bc, err := buildcache.Open(opts.CacheDir)
	if err != nil {
		return nil, &diag.Diagnostic{Pos: diag.Pos{Path: opts.CacheDir}, Severity: diag.Warning,
			Message: "cannot use the build cache: " + err.Error(), Hint: "the build goes on without it"}
	}
	// The rendered Markdown, the parsed front matter and the files'
	// stamps are read while the files are listed: a file is read only
	// when it may have changed, its front matter parsed only when its
	// text is new.
	display := displayPath(opts.Source)
	bc.ReadMemos(display)
	opts.Cache = &Cache{
		savedMarkdown: inBackground(func() *markdown.Cache {
			defer timeline.Begin("cache: rendered Markdown")()
			return bc.Markdown(display)
		}),
		tables: load.TablesFrom(inBackground(func() *load.Tables {
			defer timeline.Begin("cache: front matter")()
			return bc.Tables(display)
		})),
		// Each entity's own problems, found again only for those that
		// changed (check.Cache).
		savedCheck: inBackground(func() *check.Cache {
			defer timeline.Begin("cache: problems")()
			return bc.Checks(display)
		}),
		// The files unchanged since are not read (load.Stamps).
		stamps: load.StampsFrom(inBackground(func() *load.Stamps {
			defer timeline.Begin("cache: file stamps")()
			return bc.Stamps(display)
		})),
	}
	// The search index's state is read early, while the pages are
	// planned, when an edit changed bodies (see Cache.bodiesRendered):
	// the index is patched from it, the last thing a build waits for.
	opts.Cache.indexState = newPrefetch(func() *index.State {
		endRead := timeline.Begin("index: read state")
		earlier, ok := bc.Earlier(buildcache.IndexSet)
		if !ok {
			endRead()
			return nil
		}
		state, ok := earlier.BesideMapped(indexState)
		earlier.Close()
		endRead()
		if !ok {
			return nil
		}
		return index.ReadState(state)
	})
	c := opts.Cache
	c.parsed = func() {
		bc.SaveParsed(c.markdownCache(), c.frontTables(), c.fileStamps(), c.checkCache(), display)
	}
	if !opts.NoHistory {
		// The history read last time, read by the history's goroutine:
		// only the commits since are read from Git.
		opts.Cache.savedLog, opts.Cache.lastLogDir = func() *history.Log { return bc.History(display) }, opts.Source
		opts.Cache.keepLog = func(log *history.Log) { bc.SaveHistory(log, display) }
	}
	return bc, nil
}

// pageReuse offers a rendering the pages of the build cache, linked into
// the stage, and counts what it decided (see tally).
type pageReuse struct {
	bc    *buildcache.Cache
	st    *write.Stage
	tally *tally
}

func (p pageReuse) Reuse(file string, key render.Key) bool {
	src, info, ok := p.bc.PageInfo(key)
	if ok && p.st.LinkFile(file, src, info) == nil {
		p.tally.decided(true)
		return true
	}
	return false
}

func (p pageReuse) Made(file string, key render.Key, data []byte) {
	p.bc.KeepPage(key, p.st.Path(file), data)
	p.tally.decided(false)
}

// tally counts the pages a rendering reused from a build cache and those
// it made, and calls beside once the first pages decided (sample of
// them) were nearly all reused: a build after a small edit, whose pages
// cost links and file system calls, not memory, so that the files that
// are not pages (the search index above all) may be made meanwhile.
// When a build makes its views anew (a cold build filling a build cache,
// a new day, an edit to site.toml or the theme), beside is not called:
// the pages and the search index are made one after the other, and the
// build holds the working memory of only one of them at a time.
type tally struct {
	reused, decidedN atomic.Int64
	sample           int64 // see sampleOf
	beside           func()
	besideCalled     atomic.Bool
	// remaking, when set, is called instead when the pages are not
	// nearly all reused (Options.Remaking).
	remaking func()
}

// besideSample is how many pages decide at most, and besideShare how
// many of them in 64 must have been reused. The pages that show no
// history come first (render.execute): the lists and hubs, which an edit
// to front matter makes again (some 20 of the first few hundred) and a
// new day or theme makes all.
const (
	besideSample = 256
	besideShare  = 58
)

// sampleOf is how many pages decide in a site of pages pages: a small
// site decides on its first quarter.
func sampleOf(pages int) int64 { return int64(max(1, min(besideSample, pages/4))) }

func (t *tally) decided(reused bool) {
	if reused {
		t.reused.Add(1)
	}
	if t.decidedN.Add(1) != t.sample {
		return
	}
	switch {
	case t.reused.Load()*64 < t.sample*besideShare:
		if t.remaking != nil {
			t.remaking()
		}
	case t.beside != nil:
		t.besideCalled.Store(true)
		t.beside()
	}
}

func (p pageReuse) Recall(file string) (render.Memo, bool) { return p.bc.Recall(file) }
func (p pageReuse) Remember(file string, m render.Memo)    { p.bc.Remember(file, m) }

// graphKey names what every page's view is made from but the bodies and
// the history (render.Later.Graph): the front matter of every file, the
// base URL and the day (dataKey), and the route table, which adds the
// files copied as they are and how long lists are cut into pages.
func graphKey(sn *Snapshot) [32]byte {
	k := keyhash.New("agenda graph 1")
	data := dataKey(sn.Strategy, sn.Base)
	k.Bytes(data[:])
	routesKey(k, sn.Routes)
	return k.Sum()
}

// globalKey names what every page may read but the objectives,
// organizations and partnerships (render.Later.Global): the base URL,
// the day, site.toml, the home page and the other Markdown pages and
// introductions, and the route table. A scoped page names the entities
// it read beside it (see render.Memo).
func globalKey(sn *Snapshot) [32]byte {
	k := keyhash.New("agenda global 1")
	s := sn.Strategy
	k.String(sn.Base)
	k.String(s.Today.String())
	doc := func(d *model.Doc) { docKey(k, d) }
	doc(s.Site.Doc)
	k.Bool(s.Home != nil)
	if s.Home != nil {
		doc(s.Home.Doc)
	}
	k.Int(len(s.Pages))
	for _, p := range s.Pages {
		doc(p.Doc)
	}
	intros := slices.Sorted(maps.Keys(s.Intros))
	k.Int(len(intros))
	for _, u := range intros {
		k.String(u)
		doc(s.Intros[u].Doc)
	}
	routesKey(k, sn.Routes)
	return k.Sum()
}

// docKey writes a document by its path and its front matter's digest.
func docKey(k *keyhash.Hash, d *model.Doc) {
	k.Bool(d != nil)
	if d != nil {
		k.String(d.Rel)
		k.Bytes(d.FrontSum[:])
	}
}

// routesKey writes every route of t.
func routesKey(k *keyhash.Hash, t *routes.Table) {
	for _, rt := range t.Routes() {
		k.String(rt.Path)
		k.String(rt.Kind)
		k.Int(int(rt.Source))
		k.String(rt.Hub)
		k.String(rt.List)
		k.String(rt.Form)
		k.String(rt.Facet)
		k.String(rt.Value)
		k.String(rt.From)
		k.String(rt.Updated.String())
		k.Int(rt.Page)
		k.Int(rt.Pages)
		k.Bool(rt.Hidden)
	}
}

// inBackground starts f and returns what waits for its result.
func inBackground[T any](f func() T) func() T {
	done := make(chan T, 1)
	go func() { done <- f() }()
	return sync.OnceValue(func() T { return <-done })
}

// bodiesRendered is told when the bodies are rendered. When a body
// rendered to something new (an edit to its text, a file added or
// removed), the search index will be patched from the state the build
// cache kept, which is then read at once, beside the phases that come
// before the index.
func (c *Cache) bodiesRendered() {
	if c == nil || c.indexState == nil {
		return
	}
	if mc := c.markdownCache(); mc == nil || mc.RenderedNew() {
		c.indexState.start()
	}
}

// savedIndexState is the state a build cache kept beside the search
// index, read, or nil.
func (c *Cache) savedIndexState() *index.State {
	if c == nil || c.indexState == nil {
		return nil
	}
	return c.indexState.get()
}

// indexStateRead says when the search index's state was read (see
// Result.IndexState).
func (c *Cache) indexStateRead() string {
	switch {
	case c == nil || c.indexState == nil || !c.indexState.started.Load():
		return ""
	case c.indexState.early.Load():
		return "early"
	}
	return "late"
}

// prefetch is a value read once: on a goroutine of its own from when
// start is called, or by get. get hands the value over, to one caller:
// the prefetch keeps no reference to it (the search index's state is 50
// MB, which the rest of the build need not hold).
type prefetch[T any] struct {
	once    sync.Once
	read    func() T
	value   T
	done    chan struct{}
	started atomic.Bool
	// early is whether start was called before the first get.
	early atomic.Bool
}

func newPrefetch[T any](read func() T) *prefetch[T] {
	return &prefetch[T]{read: read, done: make(chan struct{})}
}

func (p *prefetch[T]) start() {
	p.once.Do(func() {
		p.started.Store(true)
		p.early.Store(true)
		go func() {
			defer close(p.done)
			p.value = p.read()
		}()
	})
}

func (p *prefetch[T]) get() T {
	p.once.Do(func() {
		p.started.Store(true)
		p.value = p.read()
		close(p.done)
	})
	<-p.done
	v := p.value
	var zero T
	p.value = zero
	return v
}
