package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// parseMarkdown reads a Markdown file's front matter into target (a
// pointer to a model struct) and fills doc's Open, Keys and Body. It
// reports false, after reporting why, when the front matter is missing
// or is not valid TOML; the file then yields no entity. Problems with
// single keys are reported but still yield one, so references to it
// resolve and only the real mistakes are listed.
func parseMarkdown(src []byte, doc *model.Doc, target any, noun string, diags *diag.List) bool {
	fm, err := SplitFrontMatter(src)
	if err != nil {
		diags.ErrorHint(diag.Pos{Path: doc.Path, Line: err.Line, Col: 1}, err.Hint, "%s", err.Message)
		return false
	}
	doc.Open = diag.Pos{Path: doc.Path, Line: fm.Open, Col: 1}
	doc.Body = fm.Body
	if line, problem := bodyProblem(fm.Body); problem != "" {
		diags.ErrorHint(diag.Pos{Path: doc.Path, Line: line, Col: 1}, "split or simplify it", "%s", problem)
		doc.Body = nil // never handed to the Markdown parser
	}
	_, ok := decodeTOML(fm.TOML, doc, target, noun, diags)
	return ok
}

// decodeTOML parses text (whose lines are the file's lines) and decodes it
// into target, recording key positions in doc.Keys. It returns the parsed
// table, and false when the text is not valid TOML.
func decodeTOML(text []byte, doc *model.Doc, target any, noun string, diags *diag.List) (map[string]any, bool) {
	keys, tooDeep := scanKeys(text, doc.Path)
	if tooDeep != nil {
		diags.Errorf(*tooDeep, "keys or values nested too deeply (more than %d levels)", min(maxDepth, maxKeyParts))
		return nil, false
	}
	var table map[string]any
	if _, err := toml.Decode(string(text), &table); err != nil {
		reportTOMLError(err, text, doc, diags)
		return nil, false
	}
	doc.Keys = keys
	d := &decoder{doc: doc, diags: diags}
	d.table(table, reflect.ValueOf(target).Elem(), "", noun)
	return table, true
}

// reportTOMLError reports a TOML syntax error at its place in the file.
func reportTOMLError(err error, text []byte, doc *model.Doc, diags *diag.List) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		diags.Errorf(doc.Open, "invalid TOML: %v", err)
		return
	}
	pos := diag.Pos{Path: doc.Path, Line: pe.Position.Line, Col: pe.Position.Col}
	if start := pe.Position.Start; start >= 0 && start <= len(text) {
		lineStart := bytes.LastIndexByte(text[:start], '\n') + 1
		pos.Line = bytes.Count(text[:start], []byte("\n")) + 1
		pos.Col = utf8.RuneCount(text[lineStart:start]) + 1
	}
	if pos.Line < 1 {
		pos = doc.Open
	}
	diags.Errorf(pos, "invalid TOML: %s", cleanTOMLMessage(pe.Message))
}

var singleQuoted = regexp.MustCompile(`'([^']*)'`)

// cleanTOMLMessage turns the TOML library's message into one that reads
// like the rest: lower case, no final period, double-quoted keys.
func cleanTOMLMessage(msg string) string {
	msg = strings.TrimSuffix(strings.TrimSpace(msg), ".")
	msg = strings.TrimPrefix(msg, "toml: ")
	msg = singleQuoted.ReplaceAllStringFunc(msg, func(q string) string {
		if strings.Contains(q, `"`) {
			return q
		}
		return `"` + q[1:len(q)-1] + `"`
	})
	if msg != "" {
		msg = strings.ToLower(msg[:1]) + msg[1:]
	}
	return msg
}

// loadSite reads site.toml (plain TOML, no "+++" lines) and applies the
// defaults for settings it leaves out.
func loadSite(fsys fs.FS, display string, diags *diag.List) model.Site {
	doc := &model.Doc{Path: displayPath(display, siteFile), Rel: siteFile}
	doc.Open = diag.Pos{Path: doc.Path, Line: 1, Col: 1}
	site := model.Site{Doc: doc}
	if problem := notPlain(fsys, siteFile); problem != "" {
		diags.ErrorHint(diag.Pos{Path: doc.Path}, "keep the settings in a plain file in the content folder", "site.toml %s", problem)
		return site
	}
	src, err := fs.ReadFile(fsys, siteFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.ErrorHint(diag.Pos{Path: doc.Path}, "create it with title, base_url, [[categories]] and [[sectors]]",
				"missing site.toml")
		} else {
			diags.Errorf(diag.Pos{Path: doc.Path}, "cannot read: %v", unwrapPathError(err))
		}
		return site
	}
	src = bytes.TrimPrefix(src, bom)
	present, _ := decodeTOML(src, doc, &site, siteFile, diags)
	site.Doc = doc
	applySiteDefaults(&site, present)
	return site
}

// applySiteDefaults fills settings whose keys are absent; a key given
// with an empty value is left for the check phase to report.
func applySiteDefaults(site *model.Site, present map[string]any) {
	set := func(key string, f func()) {
		if _, ok := present[key]; !ok {
			f()
		}
	}
	set("language", func() { site.Language = model.DefaultLanguage })
	set("branch", func() { site.Branch = model.DefaultBranch })
	set("currency", func() { site.Currency = model.DefaultCurrency })
	set("theme", func() { site.Theme = model.DefaultTheme })
	set("page_size", func() { site.PageSize = model.DefaultPageSize })
}

// unwrapPathError drops the path from an fs error, since the diagnostic
// already names the file.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// maxFile is the largest content file read: a strategy's files are a few
// kilobytes; anything this large is a mistake, and reading it whole would
// take the machine's memory.
const maxFile = 16 << 20

// notPlain says what keeps the file at name from being read as content:
// not a regular file (a link, which may lead outside the content folder
// or to a device; a named pipe, which would wait for ever), or too large.
// It returns "" for a plain file and for one that does not exist.
func notPlain(fsys fs.FS, name string) string {
	entries, err := fs.ReadDir(fsys, path.Dir(name))
	if err != nil {
		return ""
	}
	for _, e := range entries {
		if e.Name() != path.Base(name) {
			continue
		}
		switch t := e.Type(); {
		case t&fs.ModeSymlink != 0:
			return "is a link, not a file"
		case t&fs.ModeNamedPipe != 0:
			return "is a named pipe, not a file"
		case !t.IsRegular():
			return "is not a plain file"
		}
		if info, err := e.Info(); err == nil && info.Size() > maxFile {
			return fmt.Sprintf("is larger than %d MB", maxFile>>20)
		}
	}
	return ""
}
