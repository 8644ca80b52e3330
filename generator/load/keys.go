package load

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/commonagenda/agenda/generator/diag"
)

// KeyPositions returns the position in file of every key path in the TOML
// document src, for diagnostics: "title", "lead.1" (the second element of
// lead), "indicators.0" (the first [[indicators]] table or inline table),
// "indicators.0.baseline.value". Implicit tables ("a" in a.b = 1 or
// [a.b]) sit at their first mention. Lines and columns count from 1;
// columns count characters.
//
// BurntSushi/toml does not expose key positions, so this is a small scanner
// of its own. It expects a document the TOML decoder has accepted; on
// anything else it stops quietly and returns what it found so far.
func KeyPositions(src []byte, file string) map[string]diag.Pos {
	keys, _ := scanKeys(src, file)
	return keys
}

// scanKeys is KeyPositions that also returns where the input went past
// the scanner's limits, if it did. Such input is rejected before the TOML
// decoder sees it, as the decoder is very slow on it.
func scanKeys(src []byte, file string) (keys map[string]diag.Pos, tooDeep *diag.Pos) {
	s := &keyScanner{src: src, file: file, keys: make(map[string]diag.Pos, 32), tables: map[string]int{}, limit: -1}
	s.lines = append(s.lines, 0)
	for i, c := range src {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	s.document()
	if s.limit >= 0 {
		p := s.pos(s.limit)
		tooDeep = &p
	}
	return s.keys, tooDeep
}

// Limits that keep the scanner's time and memory small on hostile input:
// the nesting of arrays and inline tables, and the parts of a dotted key.
const (
	maxDepth    = 100
	maxKeyParts = 100
)

type keyScanner struct {
	src    []byte
	off    int
	lines  []int // offsets where lines start
	file   string
	keys   map[string]diag.Pos
	tables map[string]int // [[array]] table path -> entries so far
	depth  int
	failed bool
	limit  int // offset where a limit was passed, or -1
	last   lastPos
}

// document scans top-level key/value pairs and table headers.
func (s *keyScanner) document() {
	table := ""
	for !s.failed {
		s.skipBlank()
		if s.off >= len(s.src) {
			return
		}
		if s.src[s.off] == '[' {
			table = s.header()
		} else {
			s.keyValue(table)
		}
		s.skipSpace()
		if s.at(s.off) == '#' {
			s.skipComment()
		}
		if c := s.at(s.off); s.off < len(s.src) && c != '\n' && c != '\r' {
			s.failed = true
		}
	}
}

// header scans [table] or [[array.table]] and returns the resolved path
// of the table, with array indexes: "indicators.1".
func (s *keyScanner) header() string {
	start := s.off
	s.off++
	double := s.at(s.off) == '['
	if double {
		s.off++
	}
	parts, _ := s.key()
	if s.failed || !s.consume(']') || (double && !s.consume(']')) {
		s.failed = true
		return ""
	}
	path := ""
	for i, p := range parts {
		path = join(path, p)
		s.record(path, start)
		n := s.tables[path]
		switch {
		case double && i == len(parts)-1:
			s.tables[path] = n + 1
			path = join(path, strconv.Itoa(n))
			s.record(path, start)
		case n > 0:
			path = join(path, strconv.Itoa(n-1))
		}
	}
	return path
}

// keyValue scans key = value inside the table or inline table at base.
func (s *keyScanner) keyValue(base string) {
	parts, starts := s.key()
	if s.failed {
		return
	}
	path := base
	for i, p := range parts {
		path = join(path, p)
		s.record(path, starts[i])
	}
	if !s.consume('=') {
		s.failed = true
		return
	}
	s.skipSpace()
	s.value(path)
}

// key scans a possibly dotted key of bare and quoted parts, returning the
// parts and where each starts.
func (s *keyScanner) key() (parts []string, starts []int) {
	for !s.failed {
		s.skipSpace()
		start := s.off
		var part string
		switch s.at(s.off) {
		case '"':
			part = unescape(s.basicString())
		case '\'':
			part = s.literalString()
		default:
			for s.off < len(s.src) && !strings.ContainsRune(" \t\r\n=.[]#\"',{}", rune(s.src[s.off])) {
				s.off++
			}
			part = string(s.src[start:s.off])
			if part == "" {
				s.failed = true
			}
		}
		parts, starts = append(parts, part), append(starts, start)
		if len(parts) > maxKeyParts {
			s.failed, s.limit = true, start
		}
		s.skipSpace()
		if !s.consume('.') {
			break
		}
	}
	return parts, starts
}

// value scans any value, recording the positions of array elements and
// inline-table keys under path.
func (s *keyScanner) value(path string) {
	switch {
	case s.failed:
	case s.depth >= maxDepth:
		s.failed, s.limit = true, s.off
	case s.hasPrefix(`"""`):
		s.multiline(`"""`)
	case s.hasPrefix(`'''`):
		s.multiline(`'''`)
	case s.at(s.off) == '"':
		s.basicString()
	case s.at(s.off) == '\'':
		s.literalString()
	case s.at(s.off) == '[':
		s.array(path)
	case s.at(s.off) == '{':
		s.inlineTable(path)
	default:
		s.scalar()
	}
}

func (s *keyScanner) array(path string) {
	s.depth++
	defer func() { s.depth-- }()
	s.off++
	for i := 0; !s.failed; i++ {
		s.skipBlank()
		if s.consume(']') {
			return
		}
		elem := join(path, strconv.Itoa(i))
		s.record(elem, s.off)
		s.value(elem)
		s.skipBlank()
		if s.consume(']') {
			return
		}
		if !s.consume(',') {
			s.failed = true
		}
	}
}

// inlineTable scans { k = v, ... }; TOML 1.1 allows newlines and comments
// inside, and BurntSushi accepts them.
func (s *keyScanner) inlineTable(path string) {
	s.depth++
	defer func() { s.depth-- }()
	s.off++
	for !s.failed {
		s.skipBlank()
		if s.consume('}') {
			return
		}
		s.keyValue(path)
		s.skipBlank()
		if s.consume('}') {
			return
		}
		if !s.consume(',') {
			s.failed = true
		}
	}
}

// scalar skips a number, boolean or date. A date and a time may be
// separated by a space ("1979-05-27 07:32:00").
func (s *keyScanner) scalar() {
	start := s.off
	for {
		for s.off < len(s.src) && !strings.ContainsRune(" \t\r\n,]}#", rune(s.src[s.off])) {
			s.off++
		}
		if s.off-start == 10 && s.src[start+4] == '-' && s.at(s.off) == ' ' && isDigit(s.at(s.off+1)) {
			s.off++
			continue
		}
		break
	}
	if s.off == start {
		s.failed = true
	}
}

// basicString skips a one-line "..." string and returns its raw content.
func (s *keyScanner) basicString() string {
	s.off++
	start := s.off
	for s.off < len(s.src) {
		switch s.src[s.off] {
		case '\\':
			s.off += 2
		case '"':
			s.off++
			return string(s.src[start : s.off-1])
		case '\n':
			s.failed = true
			return ""
		default:
			s.off++
		}
	}
	s.off = len(s.src)
	s.failed = true
	return ""
}

// literalString skips a one-line '...' string and returns its content.
func (s *keyScanner) literalString() string {
	s.off++
	i := bytes.IndexAny(s.src[s.off:], "'\n")
	if i < 0 || s.src[s.off+i] != '\'' {
		s.failed = true
		return ""
	}
	text := string(s.src[s.off : s.off+i])
	s.off += i + 1
	return text
}

// multiline skips a multi-line string, basic or literal: delim is three
// double or three single quotes. Up to two quotes may directly follow the
// closing delimiter as part of the content.
func (s *keyScanner) multiline(delim string) {
	s.off += 3
	for s.off < len(s.src) {
		switch {
		case delim[0] == '"' && s.src[s.off] == '\\':
			s.off += 2
		case s.hasPrefix(delim):
			s.off += 3
			for k := 0; k < 2 && s.at(s.off) == delim[0]; k++ {
				s.off++
			}
			return
		default:
			s.off++
		}
	}
	s.off = len(s.src)
	s.failed = true
}

// skipSpace skips spaces and tabs.
func (s *keyScanner) skipSpace() {
	for c := s.at(s.off); s.off < len(s.src) && (c == ' ' || c == '\t'); c = s.at(s.off) {
		s.off++
	}
}

// skipBlank skips white space, line endings and comments.
func (s *keyScanner) skipBlank() {
	for s.off < len(s.src) {
		switch s.src[s.off] {
		case ' ', '\t', '\r', '\n':
			s.off++
		case '#':
			s.skipComment()
		default:
			return
		}
	}
}

// skipComment skips to the end of the line, leaving the "\n".
func (s *keyScanner) skipComment() {
	if i := bytes.IndexByte(s.src[s.off:], '\n'); i >= 0 {
		s.off += i
	} else {
		s.off = len(s.src)
	}
}

// at returns the byte at i, or 0 past the end.
func (s *keyScanner) at(i int) byte {
	if i >= 0 && i < len(s.src) {
		return s.src[i]
	}
	return 0
}

func (s *keyScanner) hasPrefix(p string) bool {
	return s.off < len(s.src) && bytes.HasPrefix(s.src[s.off:], []byte(p))
}

// consume skips spaces, then c if it comes next.
func (s *keyScanner) consume(c byte) bool {
	s.skipSpace()
	if s.off < len(s.src) && s.src[s.off] == c {
		s.off++
		return true
	}
	return false
}

// record keeps the first position seen for a key path.
func (s *keyScanner) record(path string, off int) {
	if _, ok := s.keys[path]; ok {
		return
	}
	s.keys[path] = s.pos(off)
}

// pos converts a byte offset into a position.
func (s *keyScanner) pos(off int) diag.Pos {
	off = min(max(off, 0), len(s.src))
	line := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	// Keys come in order: counting on from the last position on the same
	// line keeps a long one-line array linear (issue 14: a million short
	// strings on one line took over a minute).
	from, col := s.lines[line], 1
	if s.last.col > 0 && s.last.line == line && s.last.off >= from && s.last.off <= off {
		from, col = s.last.off, s.last.col
	}
	col += utf8.RuneCount(s.src[from:off])
	s.last = lastPos{line, off, col}
	return diag.Pos{Path: s.file, Line: line + 1, Col: col}
}

// lastPos is the last position keyScanner.pos found.
type lastPos struct{ line, off, col int }

func join(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// unescape decodes the escapes of a TOML basic string, so a quoted key
// matches the key the TOML decoder reports. Bad escapes are kept as is.
func unescape(raw string) string {
	if !strings.Contains(raw, `\`) {
		return raw
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' || i+1 >= len(raw) {
			b.WriteByte(raw[i])
			continue
		}
		i++
		if r, ok := simpleEscapes[raw[i]]; ok {
			b.WriteByte(r)
			continue
		}
		size := map[byte]int{'x': 2, 'u': 4, 'U': 8}[raw[i]]
		if size == 0 || i+1+size > len(raw) {
			b.WriteByte('\\')
			b.WriteByte(raw[i])
			continue
		}
		n, err := strconv.ParseUint(raw[i+1:i+1+size], 16, 32)
		if err != nil {
			b.WriteByte('\\')
			b.WriteByte(raw[i])
			continue
		}
		b.WriteRune(rune(n))
		i += size
	}
	return b.String()
}

var simpleEscapes = map[byte]byte{
	'b': '\b', 't': '\t', 'n': '\n', 'f': '\f', 'r': '\r',
	'e': '\x1b', '"': '"', '\\': '\\',
}
