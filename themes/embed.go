// Package themes holds the themes built into the agenda program.
//
// A theme is a folder with two parts:
//
//	layouts/base.html        the page skeleton, with a {{block "main" .}}
//	layouts/partials/*.html  shared {{define}} blocks (cards, tags, tables)
//	layouts/<kind>.html      one template per page kind (home, objective, ...)
//	static/**                CSS, icons and scripts, published with
//	                         fingerprinted names (see package render)
//
// The default theme is embedded, so the program works from any folder. A
// site may choose another theme folder with the same layout.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var embedded embed.FS

// Default returns the default theme, rooted at its folder (so "layouts/base.html"
// and "static/css/site.css" are paths in it).
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		// fs.Sub only fails on an invalid path; "default" is valid.
		panic(err)
	}
	return sub
}
