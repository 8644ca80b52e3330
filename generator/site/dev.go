package site

import (
	"io/fs"
	"path/filepath"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/render"
)

// The steps of Build after Load, exported for the dev server (package
// serve), which renders in steps of its own so that an edit re-renders
// only the pages it touches. Build is these steps in order.

// Theme opens the theme a build of s renders with (see Build) and returns
// its folder on disk, "" for the theme embedded in the program, so the
// dev server can watch it.
func Theme(opts Options, s *model.Strategy) (fs.FS, string, error) {
	theme, err := openTheme(opts, s)
	if err != nil {
		return nil, "", err
	}
	dir := opts.Theme
	if dir == "" && s.Site.Theme != "" && s.Site.Theme != model.DefaultTheme {
		dir = filepath.Join(filepath.Dir(filepath.Clean(opts.Source)), "themes", s.Site.Theme)
	}
	return theme, dir, nil
}

// BaseURL is the base URL a build publishes under: override when given,
// else site.toml's, absolute http(s) and ending in "/".
func BaseURL(override, configured string) (string, error) {
	return baseURL(override, configured)
}

// RenderOptions are the render settings of a build under base.
func RenderOptions(opts Options, base string) render.Options {
	return render.Options{BaseURL: base, ContentDir: contentDir(opts.Source), Dev: opts.Dev}
}

// StartExtras starts making, in the background, what a site holds besides
// its pages (the search index, the feeds and data files); start it before
// rendering, as Build does, and hand the result to Complete.
func StartExtras(s *model.Strategy, base string) Extras {
	return Extras(startExtras(s, base))
}

// Extras waits for the files StartExtras makes.
type Extras func() (map[string][]byte, *diag.List)

// Complete adds to rendered pages what Build adds to them: the sitemap,
// the extras and the content folder's other files. pages are every page
// for the sitemap.
func Complete(files map[string][]byte, s *model.Strategy, opts Options, base string, pages []render.PageInfo, extras Extras) *diag.List {
	return assemble(files, s, opts.Source, base, pages, extras)
}

// CompletePages adds to rendered pages all that Complete adds but the
// extras: the sitemap and the content folder's other files. The dev
// server publishes that at once and adds the extras with AddExtras when
// they are ready.
func CompletePages(files map[string][]byte, s *model.Strategy, opts Options, base string, pages []render.PageInfo) *diag.List {
	diags := &diag.List{}
	addGenerated(files, map[string][]byte{"sitemap.xml": sitemap(base, pages)}, diags)
	copyContentFiles(files, s, opts.Source, diags)
	return diags
}

// AddExtras adds finished extras to a site's files, reporting any path
// that something else already claimed.
func AddExtras(files, extras map[string][]byte) *diag.List {
	diags := &diag.List{}
	addGenerated(files, extras, diags)
	return diags
}
