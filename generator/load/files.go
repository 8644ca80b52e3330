package load

import (
	"path"
	"slices"
	"strings"
)

// Files under content/ other than Markdown are published as they are, on
// the site's own origin. Content comes from many hands, so only types
// that a browser never runs as code are published: a script, an HTML page
// or an SVG image (which may carry script) would run with the site's
// authority, and a host's configuration file (Netlify's _headers and
// _redirects, netlify.toml) would change how the site is served.

// SafeTypes are the extensions of the files published from content/, as
// they are, by kind.
var SafeTypes = []struct {
	Kind       string
	Extensions []string
}{
	{"images", []string{".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}},
	{"documents", []string{".pdf", ".txt", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"}},
	{"data", []string{".csv", ".json", ".geojson"}},
	{"audio and video", []string{".mp3", ".ogg", ".m4a", ".mp4", ".webm"}},
}

// unsafeFile says why the content file at rel (not Markdown) may not be
// published, with a hint, or returns "" when it may be.
func unsafeFile(rel string) (problem, hint string) {
	top, _, nested := strings.Cut(rel, "/")
	if nested && (top == "objectives" || top == "organizations" || top == "partnerships") {
		if name, ok := misnamedMarkdown(rel); ok {
			return "this file is not read: files in " + top + "/ must end in .md, in lower case", "rename it to " + name + ".md"
		}
		return "only Markdown files (.md) belong in " + top + "/", "move it to a folder of its own, such as images/ or documents/"
	}
	name := path.Base(rel)
	switch strings.ToLower(name) {
	case "_headers", "_redirects", "netlify.toml", "vercel.json", "_routes.json", ".htaccess":
		return "a host configuration file is not published from content/: it would change how the whole site is served",
			"the site's headers and redirects are set in netlify.toml at the repository's root and by aliases"
	}
	ext := strings.ToLower(path.Ext(name))
	for _, t := range SafeTypes {
		if slices.Contains(t.Extensions, ext) {
			return "", ""
		}
	}
	switch ext {
	case ".svg", ".svgz":
		return "SVG images are not published: they can carry script", "convert it to PNG or WebP"
	case ".html", ".htm", ".xhtml", ".js", ".mjs", ".cjs", ".wasm", ".css", ".xml", ".xsl", ".swf":
		return "files of type " + ext + " are not published: they could run script or restyle the site with its authority",
			"write the page in Markdown (.md) instead"
	}
	what := "files without an extension"
	if ext != "" {
		what = "files of type " + ext
	}
	return what + " are not published from content/", "known types: " + knownTypes()
}

func knownTypes() string {
	var all []string
	for _, t := range SafeTypes {
		all = append(all, t.Kind+" ("+strings.Join(t.Extensions, " ")+")")
	}
	return strings.Join(all, "; ")
}

// misnamedMarkdown reports whether the file at rel is Markdown under
// another extension (".markdown", ".MD", ".mdown", ".txt"), with its name
// without the extension.
func misnamedMarkdown(rel string) (name string, ok bool) {
	base := path.Base(rel)
	ext := path.Ext(base)
	switch strings.ToLower(ext) {
	case ".md", ".markdown", ".mdown", ".mkd", ".txt":
		return strings.TrimSuffix(base, ext), ext != ".md"
	}
	return "", false
}
