package site

import (
	"io/fs"
	"path/filepath"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/render"
)

// Theme opens the theme a build of s renders with: --theme, else
// site.toml's theme, "default" being the one embedded in the program and
// any other name a folder under themes/ beside the content folder. It
// returns the theme's folder on disk, "" for the embedded theme, so the
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

// RenderOptions are the render settings of a build under base.
func RenderOptions(opts Options, base string) render.Options {
	return render.Options{BaseURL: base, ContentDir: contentDir(opts.Source), Dev: opts.Dev}
}
