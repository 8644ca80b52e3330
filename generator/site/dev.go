package site

import (
	"path/filepath"

	"github.com/commonagenda/agenda/generator/render"
)

// RenderOptions are the render settings of a build of the snapshot sn:
// under its base URL, its theme's problems named by the theme's folder
// (none for the theme built into the program).
func RenderOptions(opts Options, sn *Snapshot) render.Options {
	return render.Options{BaseURL: sn.Base, ContentDir: contentDir(opts.Source), Dev: opts.Dev, Interpret: opts.Interpret,
		ThemeDir: filepath.ToSlash(sn.ThemeDir), Subject: sn.Subject}
}
