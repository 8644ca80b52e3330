package render

import (
	"errors"
	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
)

// Theme files. Every kind of page has its own template, layouts/<kind>.html,
// which usually starts with {{template "base" .}} and defines "main"; it
// is parsed into a clone of the shared set (base and partials), so kinds
// can define the same blocks without clashing.
const (
	baseLayout  = "layouts/base.html"
	partialGlob = "layouts/partials/*.html"
)

// kindFile is the template file of a kind of page.
func kindFile(kind string) string { return "layouts/" + kind + ".html" }

// loadTemplates parses the theme once: the shared set, then a clone of it
// for each kind. A kind whose templates fail to parse is missing from the
// result, and each problem is a diagnostic at its template file.
func (r *renderer) loadTemplates(theme fs.FS, kinds []string) map[string]*template.Template {
	shared := template.New("").Funcs(r.funcs())
	files := []string{baseLayout}
	partials, _ := fs.Glob(theme, partialGlob) // sorted; the pattern is valid
	files = append(files, partials...)
	hash := ""
	for _, f := range files {
		text, ok := r.parse(shared, theme, f)
		if !ok {
			return nil // every kind depends on the shared set
		}
		hash = hashLayouts(hash, f, text)
	}
	byKind := map[string]*template.Template{}
	r.compiled, r.layoutHashes = map[string]*boundKind{}, map[string]string{}
	for _, kind := range kinds {
		t, err := shared.Clone()
		if err != nil {
			r.templateError(err, baseLayout)
			return nil
		}
		if text, ok := r.parse(t, theme, kindFile(kind)); ok {
			byKind[kind] = t
			r.layoutHashes[kind] = hashLayouts(hash, kindFile(kind), text)
			if b := bindCompiled(kind, r.layoutHashes[kind], t); b != nil {
				r.compiled[kind] = b
			}
		}
	}
	// Executed only by cached, after every clone above was made.
	r.partials = shared
	return byKind
}

// parse reads a theme file and parses it into t under its path, reporting
// problems as diagnostics, and returns its text.
func (r *renderer) parse(t *template.Template, theme fs.FS, file string) ([]byte, bool) {
	text, err := fs.ReadFile(theme, file)
	if err != nil {
		pos := diag.Pos{Path: r.themePath(file)}
		if errors.Is(err, fs.ErrNotExist) {
			r.diags.Errorf(pos, "missing template: the theme must provide %s", file)
		} else {
			r.diags.Errorf(pos, "reading template: %v", err)
		}
		return nil, false
	}
	if _, err := t.New(file).Parse(string(text)); err != nil {
		r.templateErrorIn(err, file, theme)
		return nil, false
	}
	return text, true
}

// columnOf guesses where on a line a template's parse error is, for Go
// names only the line: at the word the message quotes ("function "shout"
// not defined"), else at the action it names ("missing value for if"),
// else at the line's first action. It returns 0 when the line has none.
func columnOf(line, msg string) int {
	if m := quotedWord.FindStringSubmatch(msg); m != nil {
		if i := strings.Index(line, m[1]); i >= 0 {
			return i + 1
		}
	}
	if m := namedAction.FindStringSubmatch(msg); m != nil {
		if loc := regexp.MustCompile(`\{\{-?\s*` + regexp.QuoteMeta(m[1]) + `\b`).FindStringIndex(line); loc != nil {
			return loc[0] + 1
		}
	}
	return strings.Index(line, "{{") + 1
}

var (
	quotedWord  = regexp.MustCompile(`"([^"\s]+)"`)
	namedAction = regexp.MustCompile(`\b(?:for|in) (if|range|with|define|block|template|else|end)\b`)
)

// templateErrorPattern splits Go's template errors, such as
// `template: layouts/objective.html:12:5: executing "main" at <.X>: ...`
// or `html/template:layouts/base.html:3:18: ...`, into file, line, column
// and message.
var templateErrorPattern = regexp.MustCompile(`(?s)^(?:html/)?template: ?([^:]+):(\d+)(?::(\d+))?: ?(.*)$`)

// templateError reports a template error at the file and line Go names,
// or at fallback when it names none.
func (r *renderer) templateError(err error, fallback string) {
	r.templateErrorIn(err, fallback, nil)
}

// templateErrorIn is templateError that, given the theme, finds the
// column of an error Go gives only a line for (a syntax error).
func (r *renderer) templateErrorIn(err error, fallback string, theme fs.FS) {
	m := templateErrorPattern.FindStringSubmatch(err.Error())
	if m == nil {
		r.diags.Errorf(diag.Pos{Path: r.themePath(fallback)}, "%v", err)
		return
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3]) // 0 when absent
	if col == 0 && theme != nil && line > 0 {
		if text, err := fs.ReadFile(theme, m[1]); err == nil {
			if lines := strings.Split(string(text), "\n"); line <= len(lines) {
				col = columnOf(lines[line-1], m[4])
			}
		}
	}
	r.diags.Errorf(diag.Pos{Path: r.themePath(m[1]), Line: line, Col: col}, "%s", m[4])
}

// themePath is how diagnostics name a file of the theme.
func (r *renderer) themePath(file string) string {
	if r.opts.ThemeDir == "" {
		return file
	}
	return path.Join(r.opts.ThemeDir, file)
}
