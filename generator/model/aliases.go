package model

import (
	"path"
	"strings"
)

// AliasesOf returns an entity's aliases: the old site paths that must keep
// leading to it.
func AliasesOf(e Entity) []string {
	switch e := e.(type) {
	case *Objective:
		return e.Aliases
	case *Organization:
		return e.Aliases
	case *Partnership:
		return e.Aliases
	case *Page:
		return e.Aliases
	}
	return nil
}

// AliasPath is the site path an alias stands for, the one place that
// decides it, so that the checker compares, the renderer writes redirect
// pages at, and _redirects names the same paths: rooted and cleaned (never
// above the root), with a trailing slash unless it names an .html or .htm
// file. "old//pv1" is "/old/pv1/"; an empty alias is "".
func AliasPath(alias string) string {
	a := strings.TrimSpace(alias)
	if a == "" {
		return ""
	}
	p := path.Clean("/" + a)
	if p == "/" || strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".htm") {
		return p
	}
	return p + "/"
}
