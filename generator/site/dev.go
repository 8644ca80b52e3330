package site

import "github.com/commonagenda/agenda/generator/render"

// RenderOptions are the render settings of a build under base.
func RenderOptions(opts Options, base string) render.Options {
	return render.Options{BaseURL: base, ContentDir: contentDir(opts.Source), Dev: opts.Dev, Interpret: opts.Interpret}
}
