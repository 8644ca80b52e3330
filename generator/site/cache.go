package site

import (
	"github.com/commonagenda/agenda/generator/buildcache"
	"github.com/commonagenda/agenda/generator/diag"
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
	// Only the Markdown is kept between builds: parsing a file costs
	// less than keeping its source to compare.
	opts.Cache = &Cache{markdown: bc.Markdown(displayPath(opts.Source))}
	if !opts.NoHistory {
		// The history read last time: only the commits since are read.
		opts.Cache.lastLog, opts.Cache.lastLogDir = bc.History(displayPath(opts.Source)), opts.Source
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
