package site

import (
	"sync"

	"github.com/commonagenda/agenda/generator/buildcache"
	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/history"
	"github.com/commonagenda/agenda/generator/load"
	"github.com/commonagenda/agenda/generator/markdown"
	"github.com/commonagenda/agenda/generator/render"
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
	// The rendered Markdown and the parsed front matter are read while
	// the files are: a file's front matter is parsed only when its text
	// is new.
	display := displayPath(opts.Source)
	opts.Cache = &Cache{
		savedMarkdown: inBackground(func() *markdown.Cache { return bc.Markdown(display) }),
		tables:        load.TablesFrom(inBackground(func() *load.Tables { return bc.Tables(display) })),
	}
	if !opts.NoHistory {
		// The history read last time, read by the history's goroutine:
		// only the commits since are read from Git.
		opts.Cache.savedLog, opts.Cache.lastLogDir = func() *history.Log { return bc.History(display) }, opts.Source
	}
	return bc, nil
}

// pageReuse offers a rendering the pages of the build cache, linked into
// the staging folder, and keeps the pages it renders.
type pageReuse struct {
	bc *buildcache.Cache
	st *write.Stage
}

func (p pageReuse) Reuse(file string, key render.Key) bool {
	src, ok := p.bc.Page(key)
	return ok && p.st.Link(file, src) == nil
}

func (p pageReuse) Made(file string, key render.Key, data []byte) {
	p.bc.KeepPage(key, p.st.Path(file), data)
}

// inBackground starts f and returns what waits for its result.
func inBackground[T any](f func() T) func() T {
	done := make(chan T, 1)
	go func() { done <- f() }()
	return sync.OnceValue(func() T { return <-done })
}
