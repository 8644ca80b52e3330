package load

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/schema"
)

// parseMarkdown reads a Markdown file's front matter into target (a
// pointer to a model struct) and fills doc's Open, Keys and Body. It
// reports false, after reporting why, when the front matter is missing
// or is not valid TOML; the file then yields no entity. Problems with
// single keys are reported but still yield one, so references to it
// resolve and only the real mistakes are listed.
func parseMarkdown(src []byte, doc *model.Doc, target any, noun string, tables *Tables, diags *diag.List) bool {
	return parseFile(src, doc, target, noun, tables, diags, true)
}

// parseFile is parseMarkdown, which finds where the keys are (doc.Keys)
// only when placed: an earlier version, whose problems are not
// reported, needs no places.
func parseFile(src []byte, doc *model.Doc, target any, noun string, tables *Tables, diags *diag.List, placed bool) bool {
	if pos, msg, hint := encodingProblem(src); msg != "" {
		pos.Path = doc.Path
		diags.ErrorHint(pos, hint, "%s", msg)
		return false
	}
	fm, err := SplitFrontMatter(src)
	if err != nil {
		diags.ErrorHint(diag.Pos{Path: doc.Path, Line: err.Line, Col: 1}, err.Hint, "%s", err.Message)
		return false
	}
	doc.Open = diag.Pos{Path: doc.Path, Line: fm.Open, Col: 1}
	setFront(doc, fm.Open, fm.TOML)
	doc.Body = fm.Body
	if line, problem := bodyProblem(fm.Body); problem != "" {
		diags.ErrorHint(diag.Pos{Path: doc.Path, Line: line, Col: 1}, "split or simplify it", "%s", problem)
		doc.Body = nil // never handed to the Markdown parser
	}
	_, ok := decodeTOML(fm.TOML, doc, target, noun, tables, diags, placed)
	return ok
}

// textKey returns whether a key of the front matter of a file of kind
// noun ("objective") takes text or a list of texts; nil for a kind the
// schema does not know.
func textKey(noun string) func(key string) bool {
	k, ok := schema.Lookup(noun)
	if !ok {
		return nil
	}
	return func(key string) bool {
		for _, f := range k.Fields {
			if f.Key == key {
				return f.Type == schema.Text || f.Type == schema.TextList
			}
		}
		return false
	}
}

// setFront names doc's front matter by its text and the line it opens
// on (model.Doc.Front and FrontSum): a SHA-256, the same in every
// process, whose first eight bytes are Front.
func setFront(doc *model.Doc, open int, text []byte) {
	h := sha256.New()
	h.Write([]byte(strconv.Itoa(open)))
	h.Write([]byte{0})
	h.Write(text)
	h.Sum(doc.FrontSum[:0])
	doc.Front = binary.LittleEndian.Uint64(doc.FrontSum[:8])
}

// decodeKept decodes into target the front matter whose FrontSum is sum
// that tables kept, setting doc's Front, FrontSum and Keys, and returns
// its table; false, having changed nothing, when tables does not have it.
func decodeKept(doc *model.Doc, target any, noun string, sum [32]byte, tables *Tables, diags *diag.List) (map[string]any, bool) {
	p := tables.find(sum)
	if p == nil {
		return nil, false
	}
	// The fields themselves, when decoding said nothing last time: the
	// table is not read (the map returned is nil; no caller of a kept
	// front matter reads it).
	if df := p.direct.Load(); df != nil && df.noun == noun {
		if places, ok := p.keyPlaces(); ok {
			if decodeDirect(df.data, target) {
				tables.use(sum, p)
				doc.FrontSum, doc.Front = sum, binary.LittleEndian.Uint64(sum[:8])
				doc.Keys = keysOf(doc.Path, places)
				return nil, true
			}
			zeroFields(target) // damaged: decoded from the table below
		}
	}
	table, kept, known := tables.get(sum, doc.Path)
	if !known {
		return nil, false
	}
	doc.FrontSum, doc.Front = sum, binary.LittleEndian.Uint64(sum[:8])
	doc.Keys = kept
	decodeInto(doc, table, target, noun, tables, p, diags)
	return table, true
}

// decodeInto decodes table into target, and keeps the fields as p's
// direct form when that said nothing (tables, p may be nil).
func decodeInto(doc *model.Doc, table map[string]any, target any, noun string, tables *Tables, p *parsedFront, diags *diag.List) {
	own := &diag.List{}
	d := &decoder{doc: doc, diags: own}
	rv := reflect.ValueOf(target).Elem()
	d.table(table, rv, "", noun)
	if own.HasErrors() {
		if other, ok := misplaced(table, rv.Type()); ok {
			// One mistake, said once: not every key the file lacks and
			// every key it has that its folder's kind has not.
			own = &diag.List{}
			own.ErrorHint(doc.Open, "move it to "+other.folder+"/",
				"this file has the keys of %s %s, not of %s %s", article(other.noun), other.noun, article(noun), noun)
			doc.Unread = append(doc.Unread, fieldsOf(rv.Type()).known...)
		}
	}
	if own.Len() == 0 && len(doc.Unread) == 0 && p != nil && p.direct.Load() == nil {
		if data, ok := encodeDirect(target); ok {
			tables.setDirect(p, noun, data)
		}
	}
	diags.Merge(own)
}

// zeroFields sets the front-matter fields of the struct target points
// to back to zero.
func zeroFields(target any) {
	v := reflect.ValueOf(target).Elem()
	for _, f := range fieldsOf(v.Type()).fields {
		v.Field(f.index).SetZero()
	}
}

// decodeTOML parses text (whose lines are the file's lines) and decodes it
// into target, recording key positions in doc.Keys; tables, when set,
// gives or keeps the parse by doc.FrontSum. It returns the parsed
// table, and false when the text is not valid TOML.
func decodeTOML(text []byte, doc *model.Doc, target any, noun string, tables *Tables, diags *diag.List, placed bool) (map[string]any, bool) {
	if table, ok := decodeKept(doc, target, noun, doc.FrontSum, tables, diags); ok {
		return table, true
	}
	// The usual front matter is read by fastTOML, which finds where its
	// keys are as it goes; the rest of TOML, and every mistake, by the
	// general parser, after scanKeys has found the keys.
	var table map[string]any
	var places []keyPlace
	ok := false
	if placed {
		table, places, ok = fastTOMLPlaces(text)
	} else {
		table, ok = fastTOML(text)
	}
	if !ok {
		keys, tooDeep := scanKeys(text, doc.Path)
		if tooDeep != nil {
			diags.Errorf(*tooDeep, "keys or values nested too deeply (more than %d levels)", min(maxDepth, maxKeyParts))
			return nil, false
		}
		table = nil
		if _, err := toml.Decode(string(text), &table); err != nil {
			reportTOMLError(err, text, doc, noun, diags)
			return nil, false
		}
		// The keys are put in order once, for the document and the cache.
		places = placesOf(keys)
	}
	p := tables.put(doc.FrontSum, table, places)
	doc.Keys = keysOf(doc.Path, places)
	decodeInto(doc, table, target, noun, tables, p, diags)
	return table, true
}

// reportTOMLError reports a TOML syntax error at its place in the file.
func reportTOMLError(err error, text []byte, doc *model.Doc, noun string, diags *diag.List) {
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
	// The usual mistakes, said plainly, at the character that is wrong.
	if pos.Line >= 1 {
		lines := bytes.Split(text, []byte("\n"))
		if pos.Line <= len(lines) {
			if col, msg, hint := plainTOMLProblem(string(bytes.TrimRight(lines[pos.Line-1], "\r")), textKey(noun)); msg != "" {
				pos.Col = col
				diags.ErrorHint(pos, hint, "%s", msg)
				return
			}
		}
	}
	diags.Errorf(pos, "invalid TOML: %s", cleanTOMLMessage(pe.Message))
}

var (
	curlyQuote   = regexp.MustCompile(`[“”‘’„«»]`)
	colonKey     = regexp.MustCompile(`^(\s*[A-Za-z0-9_-]+)\s*:\s*(.*)$`)
	thousands    = regexp.MustCompile(`(=\s*-?)(\d{1,3}(?:,\d{3})+)(\.\d+)?\s*(?:$|#|,|})`)
	capitalBools = regexp.MustCompile(`(=\s*)(True|False|TRUE|FALSE|Yes|No|yes|no)\b`)
)

// plainTOMLProblem recognises, on the line of a TOML syntax error, the
// mistakes people make who do not write TOML every day, and says each in
// plain words: its column (counted in characters), the message and a
// corrected line as the hint. The message is "" for any other error.
//
// textKey reports whether a key of the front matter takes text, which
// changes what an unquoted True or Yes means.
func plainTOMLProblem(line string, textKey func(key string) bool) (col int, msg, hint string) {
	at := func(i int) int { return utf8.RuneCountInString(line[:i]) + 1 }
	if loc := curlyQuote.FindStringIndex(line); loc != nil {
		fixed := strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`, "‘", "'", "’", "'").Replace(line)
		return at(loc[0]), "curly quotes: TOML needs straight quotes (\" or ')", "write " + strings.TrimSpace(fixed)
	}
	if m := thousands.FindStringSubmatchIndex(line); m != nil {
		number := line[m[4]:m[5]]
		fixed := line[:m[4]] + strings.ReplaceAll(number, ",", "") + line[m[5]:]
		return at(m[4] + strings.IndexByte(number, ',')), "numbers are written without thousands separators", "write " + strings.TrimSpace(fixed)
	}
	if m := capitalBools.FindStringSubmatchIndex(line); m != nil {
		if key := strings.TrimSpace(line[:m[2]]); textKey != nil && textKey(key) {
			fixed := line[:m[4]] + `"` + line[m[4]:m[5]] + `"` + line[m[5]:]
			return at(m[4]), key + " takes text, which is written in quotes", "write " + strings.TrimSpace(fixed)
		}
		word := strings.ToLower(line[m[4]:m[5]])
		value := map[string]string{"true": "true", "false": "false", "yes": "true", "no": "false"}[word]
		fixed := line[:m[4]] + value + line[m[5]:]
		return at(m[4]), "yes or no is written true or false, in lower case", "write " + strings.TrimSpace(fixed)
	}
	if m := colonKey.FindStringSubmatchIndex(line); m != nil && !strings.Contains(line[:m[3]], "=") {
		return at(strings.IndexByte(line[m[3]:], ':') + m[3]), `a key and its value are joined by "=", not ":"`,
			"write " + strings.TrimSpace(line[m[2]:m[3]]) + " = " + line[m[4]:m[5]]
	}
	return 0, "", ""
}

// encodingProblem reports a file that is not UTF-8: saved as UTF-16 (as
// some Windows editors do), or in an older encoding such as Windows-1252,
// at the first character that is not UTF-8.
func encodingProblem(src []byte) (pos diag.Pos, msg, hint string) {
	const hintUTF8 = "save the file as UTF-8 (in most editors: Save as, Encoding: UTF-8)"
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) ||
		len(src) >= 4 && (src[1] == 0 && src[3] == 0 || src[0] == 0 && src[2] == 0) {
		return diag.Pos{Line: 1, Col: 1}, "the file is saved as UTF-16, which is not read", hintUTF8
	}
	if utf8.Valid(src) {
		return diag.Pos{}, "", ""
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			lineStart := bytes.LastIndexByte(src[:i], '\n') + 1
			line := bytes.Count(src[:i], []byte("\n")) + 1
			return diag.Pos{Line: line, Col: utf8.RuneCount(src[lineStart:i]) + 1},
				"the file is not UTF-8: this character was saved in another encoding (such as Windows-1252)", hintUTF8
		}
		i += n
	}
	return diag.Pos{}, "", ""
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
	present, ok := decodeTOML(src, doc, &site, siteFile, nil, diags, true)
	if ok {
		setFront(doc, 1, src)
	}
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
