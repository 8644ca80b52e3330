package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// The fast path renders the Markdown most bodies are written in without
// goldmark: paragraphs, ATX headings, flat lists, GitHub tables,
// *emphasis* and _emphasis_, **strong**, `code`, [links](dest) and the
// bare links goldmark's linkify finds (https://…, www.…, addresses).
// Parsing and rendering a realistic body through goldmark's syntax tree
// took about 120 µs, most of a cold build's Markdown time; the fast path
// takes a third of that, its checksum included.
//
// The fast path never guesses. It reads a body only when every construct
// in it is one whose meaning it knows exactly, and declines the whole body
// at the first byte that could mean anything else (a backslash, an
// ampersand that may start a character reference, raw HTML, a tilde, a
// block quote, an indented line it does not expect, a bare link that
// runs into emphasis or a character reference, or one in a link's text, a
// delimiter that could both open and close emphasis, a table
// row goldmark would pad or cut...). A declined body goes through
// goldmark as before. Whatever it accepts renders to the bytes goldmark's
// path renders, with the same headings, text, problems and assumed
// anchors: TestFastPathRandomBodies, FuzzFastPath and
// TestFastPathOnCorpora compare the two on every body they accept.

// fastBlock is one block of a body the fast path accepted.
type fastBlock struct {
	kind byte // 'p' paragraph, 'h' heading, 'i' list item, 'c' table cell
	// level is a heading's level as written (1–6).
	level int
	// For a list item: first and last say it opens or closes its list,
	// ordered and start what the list is, loose that its items are
	// paragraphs.
	first, last, ordered, loose bool
	start                       int
	// For a table cell: first and last say it opens or closes its
	// table; head that it is in the header, rowFirst and rowLast that
	// it opens or closes its row, and align is its alignment ("left",
	// "right", "center" or none).
	head, rowFirst, rowLast bool
	align                   string
	// toks are the block's inline tokens: fastDoc.toks[from:to].
	from, to int
}

// Inline token kinds.
const (
	tokText    = iota // body[a:b], escaped
	tokBreak          // a soft line break
	tokOpen           // <em> (a=1) or <strong> (a=2)
	tokClose          // </em> or </strong>
	tokCode           // `body[a:b]`
	tokLink           // a link to body[a:b], written at pos
	tokLinkEnd        // the end of the last link opened
	tokBare           // a bare link, body[a:b], of kind pos (see bareLink)
)

type emphRun struct {
	c byte
	n int
}

type fastTok struct {
	kind      uint8
	a, b, pos int
}

// fastDoc is a body read by the fast path.
type fastDoc struct {
	body   []byte
	blocks []fastBlock
	toks   []fastTok
	// emph is the stack of open emphasis while a block is read: each
	// run's character and length.
	emph []emphRun
	// htmlMem and textMem are what render writes, kept for the next body: a
	// rendering handed to a store is written there from them (see
	// fastRender), never copied into strings of its own.
	htmlMem, textMem []byte
}

// builder is strings.Builder over memory of the caller's.
type builder struct{ buf []byte }

func (b *builder) WriteString(s string) (int, error) {
	b.buf = append(b.buf, s...)
	return len(s), nil
}

func (b *builder) WriteByte(c byte) error {
	b.buf = append(b.buf, c)
	return nil
}

func (b *builder) Write(p []byte) (int, error) {
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *builder) Len() int { return len(b.buf) }

func (b *builder) Grow(n int) { b.buf = slices.Grow(b.buf, n) }

// String is the bytes written, as a string that shares them: valid
// until the builder's memory is written again.
func (b *builder) String() string { return unsafe.String(unsafe.SliceData(b.buf), len(b.buf)) }

var fastDocs = sync.Pool{New: func() any { return new(fastDoc) }}

// fastRender renders d through the fast path, as Parse and render would:
// the rendering, the anchors links may name in d, and the anchors of other
// documents a partial r assumed. It returns ok false, having reported
// nothing, when the body holds anything the fast path does not read.
func fastRender(d *model.Doc, reserved []string, r *Resolver, diags *diag.List) (out model.Rendered, anchors []string, assumed []Anchor, ok bool) {
	return fastRenderStoring(d, reserved, r, diags, nil)
}

// fastRenderStoring is fastRender keeping the rendering in store (a nil
// store keeps it in memory, as Store.Stored does): it is written there
// from the memory it was made in.
func fastRenderStoring(d *model.Doc, reserved []string, r *Resolver, diags *diag.List, store *model.Store) (out model.Rendered, anchors []string, assumed []Anchor, ok bool) {
	f := fastDocs.Get().(*fastDoc)
	defer func() {
		f.body, f.blocks, f.toks, f.emph = nil, f.blocks[:0], f.toks[:0], f.emph[:0]
		// A body of some megabytes does not hold its memory in the pool.
		if cap(f.htmlMem) > 1<<20 || cap(f.textMem) > 1<<20 {
			f.htmlMem, f.textMem = nil, nil
		}
		fastDocs.Put(f)
	}()
	f.body = d.Body
	if !f.read() {
		return model.Rendered{}, nil, nil, false
	}
	headings := f.headings(reserved)
	for _, h := range headings {
		anchors = append(anchors, h.ID)
	}
	anchors = append(anchors, reserved...)
	html, text, assumed := f.render(d, headings, anchors, r, diags)
	// html and text share f's memory, which goes back to the pool: what
	// is kept is the store's, or copies.
	out = store.Stored(model.Rendered{HTML: html, Headings: headings, Text: text}.Sealed())
	out.HTML, out.Text = strings.Clone(out.HTML), strings.Clone(out.Text)
	return out, anchors, assumed, true
}

// line kinds, as the first bytes of a line make it.
const (
	lineText = iota
	lineBlank
	lineIndent
	lineHeading
	lineBullet
	lineOrdered
	lineTable
	lineOther // anything the fast path does not read
)

// classify says what a line (without its newline) starts. For a heading,
// n is its level; for a list item, n is its number (ordered) and marker
// the bullet or the delimiter; content is where its text starts.
func classify(line []byte) (kind, n int, marker byte, content int) {
	kind, n, marker, content = classifyStart(line)
	if kind == lineText && delimiterLike(line) {
		// "-:" or "--|--" under a line of text makes it a table's
		// header, pipes or not.
		return lineOther, 0, 0, 0
	}
	return kind, n, marker, content
}

// delimiterLike reports a line goldmark may read as a table's delimiter
// row: nothing but dashes, colons, pipes and spaces.
func delimiterLike(line []byte) bool {
	for _, c := range line {
		if c != '-' && c != ':' && c != '|' && c != ' ' {
			return false
		}
	}
	return true
}

func classifyStart(line []byte) (kind, n int, marker byte, content int) {
	if len(line) == 0 {
		return lineBlank, 0, 0, 0
	}
	switch c := line[0]; {
	case c == ' ':
		return lineIndent, 0, 0, 0
	case c == '#':
		n := 1
		for n < len(line) && line[n] == '#' {
			n++
		}
		if n > 6 || n+1 >= len(line) || line[n] != ' ' || line[n+1] == ' ' || line[len(line)-1] == '#' {
			return lineOther, 0, 0, 0
		}
		return lineHeading, n, 0, n + 1
	case c == '-' || c == '+' || c == '*':
		if len(line) == 1 || line[1] == ' ' {
			if len(line) > 2 && line[2] != ' ' {
				return lineBullet, 0, c, 2
			}
			return lineOther, 0, 0, 0
		}
		// A rule, a setext underline or an empty item; or text.
		for _, b := range line {
			if b != c && b != ' ' {
				return lineText, 0, 0, 0
			}
		}
		return lineOther, 0, 0, 0
	case '0' <= c && c <= '9':
		i := 0
		for i < len(line) && i < 10 && '0' <= line[i] && line[i] <= '9' {
			i++
		}
		if i == len(line) || line[i] != '.' && line[i] != ')' || i+1 < len(line) && line[i+1] != ' ' {
			return lineText, 0, 0, 0 // "2026 was", "1.5 million"
		}
		if i > 9 || i+2 >= len(line) || line[i+2] == ' ' || c == '0' && i > 1 {
			return lineOther, 0, 0, 0
		}
		n, _ := strconv.Atoi(string(line[:i]))
		return lineOrdered, n, line[i], i + 2
	case c == '|':
		return lineTable, 0, 0, 0
	case c == '_':
		// A rule ("___"), or text that starts with emphasis.
		for _, b := range line {
			if b != '_' && b != ' ' {
				return lineText, 0, 0, 0
			}
		}
		return lineOther, 0, 0, 0
	case c == '=' || c == '>' || c == '<' || c == '~':
		return lineOther, 0, 0, 0
	case c == '`' && len(line) > 1 && line[1] == '`':
		return lineOther, 0, 0, 0
	}
	return lineText, 0, 0, 0
}

// read splits the body into blocks and their inline tokens. It reports
// false at the first thing it does not read.
func (f *fastDoc) read() bool {
	body := f.body
	if !utf8.Valid(body) || bytes.IndexByte(body, 0) >= 0 || bytes.IndexByte(body, '\r') >= 0 || bytes.IndexByte(body, '\t') >= 0 {
		return false
	}
	// The open paragraph or list item: its lines, as [start, end) pairs.
	var lines []int
	open := byte(0) // 'p', 'i' or 0
	var item fastBlock
	// The list the items belong to, while one is open.
	inList, listOrdered, blankInList := false, false, false
	var listMarker byte
	listFirst := 0 // index in f.blocks of the list's first item
	// width is the indentation a continuation line of the open item has.
	width := 0
	flush := func() bool {
		if open == 0 {
			return true
		}
		b := fastBlock{kind: open}
		if open == 'i' {
			b = item
		}
		b.from = len(f.toks)
		if !f.inline(lines) {
			return false
		}
		b.to = len(f.toks)
		f.blocks = append(f.blocks, b)
		open, lines = 0, lines[:0]
		return true
	}
	closeList := func() {
		if inList {
			f.blocks[len(f.blocks)-1].last = true
			inList = false
		}
	}
	for pos := 0; pos <= len(body); {
		end := lineEnd(body, pos)
		line := body[pos:end]
		start := pos
		pos = end + 1
		if len(line) > 0 && line[len(line)-1] == ' ' {
			return false // a hard line break, or spaces CommonMark trims
		}
		kind, n, marker, content := classify(line)
		switch kind {
		case lineBlank:
			if !flush() {
				return false
			}
			if inList {
				blankInList = true
			}
		case lineText:
			switch {
			case open == 'p':
				lines = append(lines, start, end)
			case open == 'i':
				return false // a lazy continuation line
			default:
				closeList()
				open = 'p'
				lines = append(lines, start, end)
			}
		case lineIndent:
			// Only the next line of a list item's text, indented as far
			// as its text.
			if open != 'i' || len(line) <= width || line[width] == ' ' || !allSpaces(line[:width]) {
				return false
			}
			if k, _, _, _ := classify(line[width:]); k != lineText {
				return false
			}
			lines = append(lines, start+width, end)
		case lineTable:
			// A table starts a block: a line of one in an open
			// paragraph or list item would continue it.
			if open != 0 {
				return false
			}
			closeList()
			if pos = f.table(start); pos < 0 {
				return false
			}
		case lineHeading:
			if !flush() {
				return false
			}
			closeList()
			b := fastBlock{kind: 'h', level: n, from: len(f.toks)}
			if !f.inline([]int{start + content, end}) {
				return false
			}
			b.to = len(f.toks)
			f.blocks = append(f.blocks, b)
		case lineBullet, lineOrdered:
			if k, _, _, _ := classify(line[content:]); k != lineText {
				return false // a nested block, or an empty item
			}
			ordered := kind == lineOrdered
			continues := inList && ordered == listOrdered && marker == listMarker
			// An ordered list may interrupt a paragraph only from 1.
			if !continues && ordered && n != 1 && open != 0 {
				return false
			}
			if !flush() {
				return false
			}
			if continues {
				if blankInList {
					for i := listFirst; i < len(f.blocks); i++ {
						f.blocks[i].loose = true
					}
				}
				item = fastBlock{kind: 'i', ordered: ordered, loose: f.blocks[listFirst].loose}
			} else {
				closeList()
				inList, listOrdered, listMarker = true, ordered, marker
				listFirst = len(f.blocks)
				item = fastBlock{kind: 'i', first: true, ordered: ordered, start: n}
			}
			blankInList = false
			open, width = 'i', content
			lines = append(lines, start+content, end)
		default:
			return false
		}
	}
	if !flush() {
		return false
	}
	closeList()
	return true
}

// table reads the table whose header row starts at start, a block of
// its own (GitHub's tables, as goldmark's table extension reads them):
// rows that start with "|", the second a delimiter row, up to a blank
// line or the end. It returns where the line after the table starts, or
// -1 when it does not read the table.
func (f *fastDoc) table(start int) int {
	body := f.body
	var aligns []string
	var cells []int // a row's cells, as [start, end) pairs
	first := len(f.blocks)
	pos := start
	for row := 0; pos <= len(body); row++ {
		end := lineEnd(body, pos)
		line := body[pos:end]
		if len(line) == 0 {
			break // the blank line after the table
		}
		if line[len(line)-1] == ' ' {
			return -1
		}
		if row == 1 {
			if aligns = delimiterRow(line); aligns == nil {
				return -1
			}
			if len(aligns) != len(cells)/2 {
				return -1 // not a table: a paragraph
			}
			for i := first; i < len(f.blocks); i++ {
				f.blocks[i].align = aligns[i-first]
			}
			pos = end + 1
			continue
		}
		// Every row is a line of cells; one that could be read as a
		// delimiter row is left to goldmark.
		if line[0] != '|' || row > 1 && delimiterRow(line) != nil {
			return -1
		}
		cells = splitRow(cells[:0], line, pos)
		if row > 1 && len(cells)/2 != len(aligns) {
			return -1 // padded or cut short by goldmark
		}
		for k := 0; k < len(cells); k += 2 {
			b := fastBlock{kind: 'c', head: row == 0, rowFirst: k == 0, rowLast: k == len(cells)-2, from: len(f.toks)}
			if row > 1 {
				b.align = aligns[k/2]
			}
			if !f.inline(cells[k : k+2]) {
				return -1
			}
			b.to = len(f.toks)
			f.blocks = append(f.blocks, b)
		}
		pos = end + 1
	}
	if aligns == nil {
		return -1
	}
	f.blocks[first].first = true
	f.blocks[len(f.blocks)-1].last = true
	return pos
}

// splitRow appends to cells the [start, end) of each cell of a table row
// (line, which starts at offset off in the body), spaces trimmed, as
// goldmark splits it: on every "|", the first and last dropped.
func splitRow(cells []int, line []byte, off int) []int {
	a, limit := 0, len(line)
	if line[0] == '|' {
		a = 1
	}
	if limit > a && line[limit-1] == '|' {
		limit--
	}
	for a < limit {
		b := a + bytes.IndexByte(line[a:limit], '|')
		if b < a {
			b = limit
		}
		s, e := a, b
		for s < e && line[s] == ' ' {
			s++
		}
		for e > s && line[e-1] == ' ' {
			e--
		}
		cells = append(cells, off+s, off+e)
		a = b + 1
	}
	return cells
}

// delimiterRow returns the alignments of a table's delimiter row, or nil
// when line is not one.
func delimiterRow(line []byte) []string {
	if bytes.IndexByte(line, '|') < 0 {
		return nil // a setext underline, not a delimiter row
	}
	for _, c := range line {
		if c != ' ' && c != '-' && c != '|' && c != ':' {
			return nil
		}
	}
	cols := bytes.Split(line, []byte{'|'})
	if len(bytes.TrimSpace(cols[0])) == 0 {
		cols = cols[1:]
	}
	if len(cols) > 0 && len(bytes.TrimSpace(cols[len(cols)-1])) == 0 {
		cols = cols[:len(cols)-1]
	}
	if len(cols) == 0 {
		return nil
	}
	aligns := make([]string, len(cols))
	for i, col := range cols {
		col = bytes.TrimSpace(col)
		left, right := bytes.HasPrefix(col, []byte(":")), bytes.HasSuffix(col, []byte(":"))
		dashes := bytes.Trim(col, ":")
		if len(dashes) == 0 || len(bytes.Trim(dashes, "-")) > 0 || len(col)-len(dashes) > 2 || len(col)-len(dashes) == 2 && !(left && right) {
			return nil
		}
		switch {
		case left && right:
			aligns[i] = "center"
		case left:
			aligns[i] = "left"
		case right:
			aligns[i] = "right"
		}
	}
	return aligns
}

// lineEnd is where the line that starts at pos ends: its newline, or the
// end of the body.
func lineEnd(body []byte, pos int) int {
	if end := bytes.IndexByte(body[pos:], '\n'); end >= 0 {
		return pos + end
	}
	return len(body)
}

func allSpaces(b []byte) bool {
	for _, c := range b {
		if c != ' ' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// inline reads the text of one block, its lines given as [start, end)
// pairs, into tokens.
func (f *fastDoc) inline(lines []int) bool {
	body := f.body
	f.emph = f.emph[:0]
	link := -1 // the open link's token, while its text is read
	linkDepth := 0
	for l := 0; l < len(lines); l += 2 {
		if l > 0 {
			f.toks = append(f.toks, fastTok{kind: tokBreak})
		}
		s, e := lines[l], lines[l+1]
		// An address may start before the run that holds its "@": the
		// runs before the line's last "@" are read for bare links.
		lastAt := bytes.LastIndexByte(body[s:e], '@') + s
		for i := s; i < e; {
			c := body[i]
			switch c {
			case '*', '_':
				j := i + 1
				for j < e && body[j] == c {
					j++
				}
				if j-i > 2 {
					return false
				}
				prev, next := byte('\n'), byte('\n')
				if i > s {
					prev = body[i-1]
				}
				if j < e {
					next = body[j]
				}
				// A run that can only open, or only close, emphasis by
				// CommonMark's flanking rules, with ASCII on both sides.
				// An underscore between letters or digits is text
				// (snake_case), never emphasis.
				prevSpace, nextSpace := prev == ' ' || prev == '\n', next == ' ' || next == '\n'
				switch {
				case c == '_' && isAlnum(prev) && isAlnum(next):
					if linkifies(body[i:j]) {
						return false
					}
					f.text(i, j)
				case isAlnum(next) && (prevSpace || util.IsPunct(prev)) || util.IsPunct(next) && prevSpace:
					f.emph = append(f.emph, emphRun{c, j - i})
					f.toks = append(f.toks, fastTok{kind: tokOpen, a: j - i})
				case isAlnum(prev) && (nextSpace || util.IsPunct(next)) || util.IsPunct(prev) && nextSpace:
					k := len(f.emph) - 1
					if k < 0 || f.emph[k] != (emphRun{c, j - i}) || link >= 0 && k < linkDepth {
						return false
					}
					f.emph = f.emph[:k]
					f.toks = append(f.toks, fastTok{kind: tokClose, a: j - i})
				default:
					return false
				}
				i = j
			case '[':
				if link >= 0 || i+1 < e && body[i+1] == '^' {
					return false
				}
				link, linkDepth = len(f.toks), len(f.emph)
				f.toks = append(f.toks, fastTok{kind: tokLink, pos: i})
				i++
			case ']':
				if link < 0 || len(f.emph) != linkDepth || link == len(f.toks)-1 || i+1 >= e || body[i+1] != '(' {
					return false
				}
				a := i + 2
				j := a
				for j < e && body[j] != ')' {
					if c := body[j]; c <= ' ' || c == '<' || c == '>' || c == '(' || c == '\\' || c == '&' || c == '`' || c == '"' || c == '\'' {
						return false
					}
					j++
				}
				if j == e || j == a {
					return false
				}
				f.toks[link].a, f.toks[link].b = a, j
				f.toks = append(f.toks, fastTok{kind: tokLinkEnd})
				link = -1
				i = j + 1
			case '`':
				if i+1 < e && body[i+1] == '`' {
					return false
				}
				j := bytes.IndexByte(body[i+1:e], '`')
				if j <= 0 {
					return false
				}
				j += i + 1
				if body[i+1] == ' ' || body[j-1] == ' ' || j+1 < e && body[j+1] == '`' || linkifies(body[i+1:j]) {
					return false
				}
				f.toks = append(f.toks, fastTok{kind: tokCode, a: i + 1, b: j})
				i = j + 1
			case '!':
				if i+1 < e && body[i+1] == '[' {
					return false // an image
				}
				i = f.text(i, i+1)
			case '&':
				// "&amp;", "&#38;": perhaps a character reference; "AT&T"
				// and "A & B" are text.
				j := i + 1
				for j < e && isAlnum(body[j]) {
					j++
				}
				if j < e && (body[j] == ';' || j == i+1 && body[j] == '#') {
					return false
				}
				i = f.text(i, i+1)
			case '\\', '<', '~', '|':
				return false
			default:
				j := i + 1
				for j < e && !special[body[j]] {
					j++
				}
				if linkifies(body[i:j]) || lastAt >= j {
					if !f.bareLinks(i, j, s, e, link >= 0) {
						return false
					}
					i = j
					continue
				}
				i = f.text(i, j)
			}
		}
	}
	return link < 0 && len(f.emph) == 0
}

// text adds body[a:b] as text, joined to the text before it, and returns b.
func (f *fastDoc) text(a, b int) int {
	if n := len(f.toks); n > 0 && f.toks[n-1].kind == tokText && f.toks[n-1].b == a {
		f.toks[n-1].b = b
	} else {
		f.toks = append(f.toks, fastTok{kind: tokText, a: a, b: b})
	}
	return b
}

// bareLinks reads body[i:j], a run of plain text on the line body[s:e],
// finding the bare links goldmark's linkify finds, where its parser is
// tried and as it reads them (bareLink). body[i-1], when i > s, ended an
// inline node or is a character the fast path reads as text ("!", "&").
// It reports false when goldmark might read the run otherwise: a link
// that goes on past the run (into emphasis, a character reference...),
// or one in a link's text (inLink), which goldmark leaves as text.
func (f *fastDoc) bareLinks(i, j, s, e int, inLink bool) bool {
	body := f.body
	from := i // the text not yet added
	for p := i; p < j; p++ {
		// Where goldmark tries linkify (parser.parseBlock): after a space
		// or "(", its triggers; and where it reads the rest of a line as
		// a line of its own, at the line's start and after every inline
		// node (a run of "*" or "_", a code span, a link), unless the
		// character there is punctuation.
		switch {
		case p > s && (body[p-1] == ' ' || body[p-1] == '('):
		case p == s || p == i && strings.IndexByte("*_`)", body[p-1]) >= 0:
			if util.IsPunct(body[p]) {
				continue
			}
		default:
			continue
		}
		n, end, kind := bareLink(body[p:e])
		if n == 0 {
			continue
		}
		if inLink || p+end > j {
			return false
		}
		f.text(from, p)
		f.toks = append(f.toks, fastTok{kind: tokBare, a: p, b: p + n, pos: int(kind)})
		from = p + n
		p = from - 1
	}
	if from < j {
		f.text(from, j)
	}
	return true
}

// Kinds of bare links.
const (
	bareURL   = iota // http:// or https://
	bareWWW          // www., linked with http://
	bareEmail        // an email address, linked with mailto:
)

// linkifyURL and linkifyWWW are the patterns of goldmark's linkify
// (extension/linkify.go, urlRegexp and wwwURLRegxp), copied: goldmark
// does not export them.
var (
	linkifyURL = regexp.MustCompile(`^(?:http|https|ftp)://[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?::\d+)?(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=\(\);,'">\^{}\[\]` + "`" + `]*)?`)
	linkifyWWW = regexp.MustCompile(`^www\.[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_\+.~#!?&/=\(\);,'">\^{}\[\]` + "`" + `]*)?`)
)

// bareLink is what goldmark's linkify (linkifyParser.Parse, with the
// protocols the converter allows: http: and https:) finds at the start of
// line, the rest of a line after the character that had it tried: the
// link's length, 0 when there is none; the end of what its pattern
// matched, before the punctuation that cannot end a link was taken off;
// and its kind.
func bareLink(line []byte) (n, end int, kind uint8) {
	var m []int
	kind = bareURL
	if bytes.HasPrefix(line, []byte("http:")) || bytes.HasPrefix(line, []byte("https:")) {
		m = linkifyURL.FindSubmatchIndex(line)
	}
	if m == nil && bytes.HasPrefix(line, []byte("www.")) {
		m = linkifyWWW.FindSubmatchIndex(line)
		kind = bareWWW
	}
	if m != nil && m[0] != 0 {
		m = nil
	}
	if m == nil {
		if len(line) > 0 && util.IsPunct(line[0]) {
			return 0, 0, 0
		}
		kind = bareEmail
		stop := util.FindEmailIndex(line)
		if stop < 0 {
			return 0, 0, 0
		}
		at := bytes.IndexByte(line, '@')
		m = []int{0, stop, at, stop - 1}
		if bytes.IndexByte(line[m[2]:m[3]], '.') < 0 {
			return 0, 0, 0
		}
		if line[m[1]-1] == '.' {
			m[1]--
		}
		if m[1] < len(line) {
			if c := line[m[1]]; c == '-' || c == '_' {
				return 0, 0, 0
			}
		}
	}
	end = m[1]
	opening := bytes.Count(line[:m[1]], []byte{'('})
	closing := bytes.Count(line[:m[1]], []byte{')'})
	i := m[1]
trim:
	for i > 1 {
		switch line[i-1] {
		case '?', '!', '.', ',', ':', '*', '_', '~':
			i--
		case ')':
			if closing <= opening {
				break trim
			}
			closing--
			i--
		case ';':
			j := i - 2
			for ; j > 0; j-- {
				if util.IsAlphaNumeric(line[j]) {
					continue
				}
				break
			}
			if j == i-2 || line[j] != '&' {
				break trim
			}
			i = j
		default:
			break trim
		}
	}
	return i, end, kind
}

// special marks the bytes that end a run of plain text.
var special = [256]bool{'*': true, '[': true, ']': true, '`': true, '!': true, '&': true, '\\': true, '<': true, '_': true, '~': true, '|': true}

// linkifies reports text where goldmark's linkify might find a bare link
// (see mayLinkify).
func linkifies(text []byte) bool {
	return bytes.IndexByte(text, '@') >= 0 || bytes.Contains(text, []byte("http")) || bytes.Contains(text, []byte("www."))
}

// headings numbers the body's headings as assignHeadings does.
func (f *fastDoc) headings(reserved []string) []model.Heading {
	top, n := 7, 0
	for _, b := range f.blocks {
		if b.kind == 'h' {
			top, n = min(top, b.level), n+1
		}
	}
	out := make([]model.Heading, 0, n)
	if n == 0 {
		return out
	}
	ids := newIDSet(setOf(reserved))
	var buf []byte
	for _, b := range f.blocks {
		if b.kind != 'h' {
			continue
		}
		buf = f.plain(buf[:0], b)
		text := collapseSpace(string(buf))
		id := ids.unique(Slug(text))
		out = append(out, model.Heading{Level: min(6, b.level-top+2), ID: id, Text: text})
	}
	return out
}

// plain appends a block's text as writeInline writes it.
func (f *fastDoc) plain(buf []byte, b fastBlock) []byte {
	for _, t := range f.toks[b.from:b.to] {
		switch t.kind {
		case tokText, tokCode, tokBare:
			buf = append(buf, f.body[t.a:t.b]...)
		case tokBreak:
			buf = append(buf, ' ')
		}
	}
	return buf
}

// render writes the blocks as goldmark's renderer would write the tree
// Parse and rewriteLinks make of the body.
func (f *fastDoc) render(d *model.Doc, headings []model.Heading, anchors []string, r *Resolver, diags *diag.List) (string, string, []Anchor) {
	body := f.body
	h := builder{f.htmlMem[:0]}
	h.Grow(len(body) + len(body)/4)
	text := collapser{b: builder{f.textMem[:0]}}
	text.b.Grow(len(body))
	defer func() { f.htmlMem, f.textMem = h.buf, text.b.buf }()
	var assumed []Anchor
	var linked []bool // per open link: is it written as a link
	heading := 0
	for _, b := range f.blocks {
		switch b.kind {
		case 'p':
			h.WriteString("<p>")
		case 'h':
			level := headings[heading].Level
			// The heading's text starts after the space between blocks.
			headings[heading].At = text.b.Len()
			if text.space && text.b.Len() > 0 {
				headings[heading].At++
			}
			h.WriteString("<h")
			h.WriteByte("0123456"[level])
			h.WriteString(` id="`)
			h.Write(util.EscapeHTML([]byte(headings[heading].ID)))
			h.WriteString(`">`)
		case 'i':
			if b.first {
				switch {
				case !b.ordered:
					h.WriteString("<ul>\n")
				case b.start != 1:
					h.WriteString(`<ol start="`)
					h.WriteString(strconv.Itoa(b.start))
					h.WriteString("\">\n")
				default:
					h.WriteString("<ol>\n")
				}
			}
			h.WriteString("<li>")
			if b.loose {
				h.WriteString("\n<p>")
			}
		case 'c':
			switch {
			case b.first:
				h.WriteString("<table>\n<thead>\n<tr>\n")
			case b.rowFirst:
				h.WriteString("<tr>\n")
			}
			if b.head {
				h.WriteString("<th")
			} else {
				h.WriteString("<td")
			}
			if b.align != "" {
				h.WriteString(` align="`)
				h.WriteString(b.align)
				h.WriteByte('"')
			}
			h.WriteByte('>')
		}
		for _, t := range f.toks[b.from:b.to] {
			switch t.kind {
			case tokText:
				writeEscaped(&h, body[t.a:t.b])
				text.write(body[t.a:t.b])
			case tokBreak:
				h.WriteByte('\n')
				text.space = true
			case tokOpen:
				h.WriteString([...]string{1: "<em>", 2: "<strong>"}[t.a])
			case tokClose:
				h.WriteString([...]string{1: "</em>", 2: "</strong>"}[t.a])
			case tokCode:
				h.WriteString("<code>")
				writeEscaped(&h, body[t.a:t.b])
				h.WriteString("</code>")
				text.write(body[t.a:t.b])
			case tokLink:
				res := r.resolveIn(d.Rel, anchors, string(body[t.a:t.b]))
				if res.Assumes != nil {
					assumed = append(assumed, *res.Assumes)
				}
				if p := res.Problem; p != nil {
					p.Pos = position(docPath(d), body, t.pos)
					diags.Add(*p)
				}
				linked = append(linked, res.Link)
				if res.Link {
					h.WriteString(`<a href="`)
					if dest := util.URLEscape([]byte(res.URL), true); !html.IsDangerousURL(dest) {
						h.Write(util.EscapeHTML(dest))
					}
					h.WriteString(`">`)
				}
			case tokLinkEnd:
				if linked[len(linked)-1] {
					h.WriteString("</a>")
				}
				linked = linked[:len(linked)-1]
			case tokBare:
				// As goldmark's renderAutoLink writes it.
				label := body[t.a:t.b]
				url := label
				switch t.pos {
				case bareWWW:
					url = append([]byte("http://"), label...)
				case bareEmail:
					url = append([]byte("mailto:"), label...)
				}
				h.WriteString(`<a href="`)
				h.Write(util.EscapeHTML(util.URLEscape(url, false)))
				h.WriteString(`">`)
				h.Write(util.EscapeHTML(label))
				h.WriteString("</a>")
				text.write(label)
			}
		}
		switch b.kind {
		case 'p':
			h.WriteString("</p>\n")
		case 'h':
			h.WriteString("</h")
			h.WriteByte("0123456"[headings[heading].Level])
			h.WriteString(">\n")
			heading++
		case 'i':
			if b.loose {
				h.WriteString("</p>\n")
			}
			h.WriteString("</li>\n")
			if b.last {
				if b.ordered {
					h.WriteString("</ol>\n")
				} else {
					h.WriteString("</ul>\n")
				}
			}
		case 'c':
			if b.head {
				h.WriteString("</th>\n")
			} else {
				h.WriteString("</td>\n")
			}
			switch {
			case b.rowLast && b.head:
				h.WriteString("</tr>\n</thead>\n")
				if !b.last {
					h.WriteString("<tbody>\n")
				}
			case b.rowLast:
				h.WriteString("</tr>\n")
				if b.last {
					h.WriteString("</tbody>\n")
				}
			}
			if b.last {
				h.WriteString("</table>\n")
			}
		}
		text.space = true
	}
	return h.String(), text.b.String(), assumed
}

// collapser writes text as collapseSpace would leave it: runs of white
// space made one space, none at either end.
type collapser struct {
	b builder
	// space is white space seen since the last character written.
	space bool
}

func (c *collapser) write(s []byte) {
	for i := 0; i < len(s); {
		ch := s[i]
		if ch < utf8.RuneSelf && !asciiSpace[ch] {
			// The run written whole: ASCII words with one space between
			// each and the next, as most text already is (one write a
			// run, not one a word).
			j := i + 1
			for j < len(s) {
				ch := s[j]
				if ch < utf8.RuneSelf && !asciiSpace[ch] {
					j++
					continue
				}
				if ch == ' ' && j+1 < len(s) && s[j+1] < utf8.RuneSelf && !asciiSpace[s[j+1]] {
					j += 2
					continue
				}
				break
			}
			if c.space && c.b.Len() > 0 {
				c.b.WriteByte(' ')
			}
			c.space = false
			c.b.Write(s[i:j])
			i = j
			continue
		}
		if ch < utf8.RuneSelf {
			c.space = true
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if unicode.IsSpace(r) {
			c.space = true
			i += n
			continue
		}
		if c.space && c.b.Len() > 0 {
			c.b.WriteByte(' ')
		}
		c.space = false
		c.b.Write(s[i : i+n])
		i += n
	}
}

// writeEscaped writes s with the characters HTML gives a meaning escaped,
// as goldmark's writer does.
func writeEscaped(w *builder, s []byte) {
	n := 0
	for i, c := range s {
		if v := util.EscapeHTMLByte(c); v != nil {
			w.Write(s[n:i])
			w.Write(v)
			n = i + 1
		}
	}
	w.Write(s[n:])
}
