package model

import (
	"fmt"
	"net/url"
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

// maxAliasPart is the longest a part of an alias may be: each names a
// folder, and file systems take names of at most 255 bytes.
const maxAliasPart = 200

// AliasProblem says what keeps an alias from being a path on this site,
// or returns "". The check phase reports it; the route table claims only
// aliases without one.
func AliasProblem(a string) string {
	if u, err := url.Parse(a); err == nil && u.Scheme != "" || strings.HasPrefix(a, "//") {
		return "must be a path on this site, not a full address"
	}
	switch {
	case !strings.HasPrefix(a, "/"):
		return `must start with "/"`
	case strings.Contains(a, ".."):
		return `must not contain ".."`
	case strings.ContainsFunc(a, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' }):
		return "must not contain spaces"
	case strings.ContainsAny(a, "?#"):
		return `must not contain "?" or "#"`
	case strings.Contains(a, `\`):
		return `must not contain "\"`
	case strings.Contains(a, "*") || strings.Contains(a, "/:"):
		// Netlify's _redirects reads them as a splat and a placeholder.
		return `must not contain "*" or a part starting with ":"`
	}
	for part := range strings.SplitSeq(a, "/") {
		if len(part) > maxAliasPart {
			// Each part names a folder of the output.
			return fmt.Sprintf("has a part of %d characters, more than the %d a folder's name may have", len(part), maxAliasPart)
		}
	}
	return ""
}
