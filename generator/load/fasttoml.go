package load

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// fastTOML parses front matter written the way nearly every content file
// writes it, and gives exactly what toml.Decode gives into a
// map[string]any; for anything else it reports false, and the caller
// hands the text to toml.Decode, which parses the rest of TOML and words
// every error. It takes a tenth of the time: a cold build parses every
// file's front matter, and the general parser was the largest single
// cost of reading a strategy.
//
// What it reads: comments and blank lines; bare keys (letters, digits,
// "-" and "_"), each once per table; [table] and [[array of tables]]
// headers of a bare key at the top level; basic strings with the common
// escapes and literal strings, on one line; decimal integers, decimals
// without an exponent, true and false; local dates (2026-01-02); arrays
// of these, over several lines if need be; inline tables on one line.
// FuzzFastTOML holds it to toml.Decode's answer on any input.
func fastTOML(text []byte) (map[string]any, bool) {
	table, _, ok := fastParse(text, false)
	return table, ok
}

// fastTOMLPlaces is fastTOML, with the places of the keys as scanKeys
// finds them (placesOf's list): a file read here is not scanned again
// (FuzzFastTOML compares the two).
func fastTOMLPlaces(text []byte) (map[string]any, []keyPlace, bool) {
	table, p, ok := fastParse(text, true)
	if !ok {
		return nil, nil, false
	}
	// In the order of their names, each at its first place (they were
	// met in the order of the text).
	slices.SortStableFunc(p.places, func(a, b keyPlace) int { return strings.Compare(a.name, b.name) })
	p.places = slices.CompactFunc(p.places, func(a, b keyPlace) bool { return a.name == b.name })
	return table, p.places, true
}

// fastParse is fastTOML, noting the places of the keys when placed.
func fastParse(text []byte, placed bool) (map[string]any, *fastParser, bool) {
	if !utf8.Valid(text) {
		return nil, nil, false
	}
	p := &fastParser{src: text, placed: placed}
	root := map[string]any{}
	cur := root
	arrays := map[string]bool{} // the top-level keys made by [[headers]]
	base := ""                  // the path of cur's keys, as scanKeys names them
	for {
		if !p.skipBlankLines() {
			return nil, nil, false
		}
		if p.pos >= len(p.src) {
			return root, p, true
		}
		if p.src[p.pos] == '[' {
			start := p.pos
			array := p.pos+1 < len(p.src) && p.src[p.pos+1] == '['
			if array {
				p.pos += 2
			} else {
				p.pos++
			}
			p.skipSpace()
			name, ok := p.bareKey()
			if !ok {
				return nil, nil, false
			}
			p.skipSpace()
			closing := "]"
			if array {
				closing = "]]"
			}
			if !p.consume(closing) {
				return nil, nil, false
			}
			p.place(name, start)
			base = name
			t := map[string]any{}
			existing, has := root[name]
			switch {
			case array && !has:
				root[name] = []map[string]any{t}
				arrays[name] = true
				base = name + ".0"
			case array && arrays[name]:
				list := append(existing.([]map[string]any), t)
				root[name] = list
				base = name + "." + strconv.Itoa(len(list)-1)
			case !array && !has:
				root[name] = t
			default:
				return nil, nil, false // defined twice, or two ways
			}
			if array {
				p.place(base, start)
			}
			if !p.endOfLine() {
				return nil, nil, false
			}
			cur = t
			continue
		}
		if !p.keyValue(cur, 0, base) || !p.endOfLine() {
			return nil, nil, false
		}
	}
}

// keyValue reads key = value into table, a key at most once; base is
// the table's path.
func (p *fastParser) keyValue(table map[string]any, depth int, base string) bool {
	start := p.pos
	key, ok := p.bareKey()
	if !ok {
		return false
	}
	var path string // the key's path, when places are noted
	if p.placed {
		path = join(base, key)
		p.place(path, start)
	}
	p.skipSpace()
	if !p.consume("=") {
		return false
	}
	p.skipSpace()
	v, ok := p.value(depth, path)
	if _, dup := table[key]; !ok || dup {
		return false
	}
	table[key] = v
	return true
}

type fastParser struct {
	src []byte
	pos int
	// line and lineStart are the line pos is on (from 0) and where it
	// starts: the places of keys are counted from them.
	line, lineStart int
	places          []keyPlace
	placed          bool // whether to note places at all
}

// place notes that the key path is at off, on the line being read.
func (p *fastParser) place(path string, off int) {
	if !p.placed {
		return
	}
	col := off - p.lineStart + 1
	if line := p.src[p.lineStart:off]; !isASCII(line) {
		col = utf8.RuneCount(line) + 1
	}
	p.places = append(p.places, keyPlace{path, p.line + 1, col})
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// maxFastDepth bounds nested arrays and inline tables; deeper ones go to
// the general parser.
const maxFastDepth = 8

func (p *fastParser) skipSpace() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
}

// comment skips a comment, if one starts here, to the end of its line;
// false for a character a comment may not hold.
func (p *fastParser) comment() bool {
	if p.pos >= len(p.src) || p.src[p.pos] != '#' {
		return true
	}
	for p.pos < len(p.src) && p.src[p.pos] != '\n' {
		c := p.src[p.pos]
		if c < 0x20 && c != '\t' && c != '\r' || c == 0x7f {
			return false
		}
		if c == '\r' && (p.pos+1 >= len(p.src) || p.src[p.pos+1] != '\n') {
			return false
		}
		p.pos++
	}
	return true
}

// newline skips a line ending; false when there is none here.
func (p *fastParser) newline() bool {
	switch {
	case p.pos < len(p.src) && p.src[p.pos] == '\n':
		p.pos++
	case p.pos+1 < len(p.src) && p.src[p.pos] == '\r' && p.src[p.pos+1] == '\n':
		p.pos += 2
	default:
		return false
	}
	p.line, p.lineStart = p.line+1, p.pos
	return true
}

// endOfLine skips space and a comment to the end of the line or text.
func (p *fastParser) endOfLine() bool {
	p.skipSpace()
	if !p.comment() {
		return false
	}
	return p.pos >= len(p.src) || p.newline()
}

// skipBlankLines skips lines holding only space and comments.
func (p *fastParser) skipBlankLines() bool {
	for {
		p.skipSpace()
		if !p.comment() {
			return false
		}
		if p.pos >= len(p.src) {
			return true
		}
		if !p.newline() {
			return true // something else starts here
		}
	}
}

// skipBetweenItems skips space, line endings and comments, as an array
// allows between its items.
func (p *fastParser) skipBetweenItems() bool {
	for {
		p.skipSpace()
		if !p.comment() {
			return false
		}
		if !p.newline() {
			return true
		}
	}
}

func (p *fastParser) consume(s string) bool {
	if len(p.src)-p.pos < len(s) || string(p.src[p.pos:p.pos+len(s)]) != s {
		return false
	}
	p.pos += len(s)
	return true
}

// bareKey reads a bare key; a dotted or quoted one is not read.
func (p *fastParser) bareKey() (string, bool) {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' {
			p.pos++
			continue
		}
		break
	}
	if p.pos == start || p.pos < len(p.src) && p.src[p.pos] == '.' {
		return "", false
	}
	return string(p.src[start:p.pos]), true
}

func (p *fastParser) value(depth int, path string) (any, bool) {
	if p.pos >= len(p.src) || depth > maxFastDepth {
		return nil, false
	}
	switch c := p.src[p.pos]; {
	case c == '"':
		return p.basicString()
	case c == '\'':
		return p.literalString()
	case c == '[':
		return p.array(depth, path)
	case c == '{':
		return p.inlineTable(depth, path)
	case c == 't':
		return true, p.word("true")
	case c == 'f':
		return false, p.word("false")
	case c == '-' || '0' <= c && c <= '9':
		return p.numberOrDate()
	}
	return nil, false
}

// word reads w, which must end where a value may.
func (p *fastParser) word(w string) bool {
	return p.consume(w) && p.delimited()
}

// delimited reports whether a value may end here.
func (p *fastParser) delimited() bool {
	if p.pos >= len(p.src) {
		return true
	}
	switch p.src[p.pos] {
	case ' ', '\t', '\n', '\r', ',', ']', '}', '#':
		return true
	}
	return false
}

func (p *fastParser) basicString() (any, bool) {
	if p.consume(`"""`) {
		return nil, false
	}
	p.pos++ // the opening quote
	start := p.pos
	var out []byte // made only when there is an escape
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '"':
			s := p.src[start:p.pos]
			p.pos++
			if out != nil {
				s = append(out, s...)
			}
			if !utf8.Valid(s) {
				return nil, false
			}
			return string(s), true
		case c == '\\':
			out = append(out, p.src[start:p.pos]...)
			r, n := escape(p.src[p.pos:])
			if n == 0 {
				return nil, false
			}
			out = utf8.AppendRune(out, r)
			p.pos += n
			start = p.pos
		case c < 0x20 && c != '\t' || c == 0x7f:
			return nil, false
		default:
			p.pos++
		}
	}
	return nil, false
}

// escape reads the escape sequence b starts with: the character, and
// its length (0: not one this parser reads).
func escape(b []byte) (rune, int) {
	if len(b) < 2 {
		return 0, 0
	}
	switch b[1] {
	case 'b':
		return '\b', 2
	case 't':
		return '\t', 2
	case 'n':
		return '\n', 2
	case 'f':
		return '\f', 2
	case 'r':
		return '\r', 2
	case '"':
		return '"', 2
	case '\\':
		return '\\', 2
	case 'u', 'U':
		n := 4
		if b[1] == 'U' {
			n = 8
		}
		if len(b) < 2+n {
			return 0, 0
		}
		for _, c := range b[2 : 2+n] {
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return 0, 0
			}
		}
		v, err := strconv.ParseUint(string(b[2:2+n]), 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) {
			return 0, 0
		}
		return rune(v), 2 + n
	}
	return 0, 0
}

func (p *fastParser) literalString() (any, bool) {
	if p.consume("'''") {
		return nil, false
	}
	p.pos++
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\'':
			s := p.src[start:p.pos]
			p.pos++
			if !utf8.Valid(s) {
				return nil, false
			}
			return string(s), true
		case c < 0x20 && c != '\t' || c == 0x7f:
			return nil, false
		}
		p.pos++
	}
	return nil, false
}

func (p *fastParser) array(depth int, path string) (any, bool) {
	p.pos++ // [
	out := []any{}
	for {
		if !p.skipBetweenItems() {
			return nil, false
		}
		if p.consume("]") {
			return out, true
		}
		var elem string
		if p.placed {
			elem = join(path, strconv.Itoa(len(out)))
			p.place(elem, p.pos)
		}
		v, ok := p.value(depth+1, elem)
		if !ok {
			return nil, false
		}
		out = append(out, v)
		if !p.skipBetweenItems() {
			return nil, false
		}
		if p.consume("]") {
			return out, true
		}
		if !p.consume(",") {
			return nil, false
		}
	}
}

func (p *fastParser) inlineTable(depth int, path string) (any, bool) {
	p.pos++ // {
	out := map[string]any{}
	p.skipSpace()
	if p.consume("}") {
		return out, true
	}
	for {
		p.skipSpace()
		if !p.keyValue(out, depth+1, path) {
			return nil, false
		}
		p.skipSpace()
		if p.consume("}") {
			return out, true
		}
		if !p.consume(",") {
			return nil, false
		}
	}
}

// numberOrDate reads a decimal integer, a decimal without an exponent,
// or a local date.
func (p *fastParser) numberOrDate() (any, bool) {
	start := p.pos
	for p.pos < len(p.src) && !p.delimited() {
		p.pos++
	}
	tok := p.src[start:p.pos]
	if len(tok) == 10 && tok[4] == '-' && tok[7] == '-' {
		// A date followed by a time (2026-01-02 10:00) is a date-time.
		if p.pos+1 < len(p.src) && p.src[p.pos] == ' ' && '0' <= p.src[p.pos+1] && p.src[p.pos+1] <= '9' {
			return nil, false
		}
		return localDate(tok)
	}
	digits := tok
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	whole, frac := digits, []byte(nil)
	for i, c := range digits {
		if c == '.' {
			whole, frac = digits[:i], digits[i+1:]
			if len(frac) == 0 {
				return nil, false
			}
			break
		}
	}
	// No sign on zero (-0), no leading zeros, digits only.
	if len(whole) == 0 || whole[0] == '0' && (len(whole) > 1 || len(tok) > len(digits)) || !allDigits(whole) {
		return nil, false
	}
	if frac == nil {
		v, err := strconv.ParseInt(string(tok), 10, 64)
		return v, err == nil
	}
	if !allDigits(frac) {
		return nil, false
	}
	v, err := strconv.ParseFloat(string(tok), 64)
	return v, err == nil
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// localDate reads YYYY-MM-DD as toml.Decode gives a local date.
func localDate(tok []byte) (any, bool) {
	if !allDigits(tok[0:4]) || !allDigits(tok[5:7]) || !allDigits(tok[8:10]) {
		return nil, false
	}
	loc := localPlaces()[1]
	if loc == nil {
		return nil, false
	}
	y, _ := strconv.Atoi(string(tok[0:4]))
	m, _ := strconv.Atoi(string(tok[5:7]))
	d, _ := strconv.Atoi(string(tok[8:10]))
	if m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return nil, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc), true
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
