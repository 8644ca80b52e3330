// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// htmlReplacer is upstream's htmlReplacer (htmlReplacerUpstream), except
// that b is a value, not new(strings.Builder), so that nothing is
// allocated when s needs no escaping, and ASCII is not decoded. Falling
// back to upstream's for a string that needs escaping would double the
// time it takes, so this is a copy, which FuzzAgendaHTMLReplacer compares
// with upstream's and forkgen pins to upstream's text.
func htmlReplacer(s string, replacementTable []string, badRunes bool) string {
	// The usual string needs nothing escaped: it is first scanned a byte
	// at a time against the characters the table replaces.
	start := 0
	if set := asciiEscapes(replacementTable); set != nil {
		for start < len(s) {
			c := s[start]
			if c >= utf8.RuneSelf {
				// Every table is shorter than 128, so a rune beyond ASCII
				// is escaped only where badRunes is false: a noncharacter,
				// or a byte that is not UTF-8 (decoded as U+FFFD).
				if !badRunes {
					break
				}
			} else if set[c] {
				break
			}
			start++
		}
		if start == len(s) {
			return s
		}
	}
	written, b := 0, strings.Builder{}
	r, w := rune(0), 0
	for i := start; i < len(s); i += w {
		// Cannot use 'for range s' because we need to preserve the width
		// of the runes in the input. If we see a decoding error, the input
		// width will not be utf8.Runelen(r) and we will overrun the buffer.
		if c := s[i]; c < utf8.RuneSelf {
			r, w = rune(c), 1
		} else {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if int(r) < len(replacementTable) {
			if repl := replacementTable[r]; len(repl) != 0 {
				if written == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[written:i])
				b.WriteString(repl)
				written = i + w
			}
		} else if badRunes {
			// No-op.
			// IE does not allow these ranges in unquoted attrs.
		} else if 0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff {
			if written == 0 {
				b.Grow(len(s))
			}
			b.WriteString(fmt.Sprintf("%s&#x%x;", s[written:i], r))
			written = i + w
		}
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// escapeSet is which ASCII characters a replacement table replaces.
type escapeSet struct {
	table *string
	set   [utf8.RuneSelf]bool
}

var escapeSets = func() []escapeSet {
	var out []escapeSet
	for _, table := range [][]string{htmlReplacementTable, htmlNormReplacementTable, htmlNospaceReplacementTable, htmlNospaceNormReplacementTable} {
		e := escapeSet{table: unsafe.SliceData(table)}
		for c, repl := range table {
			if c >= utf8.RuneSelf {
				panic("htmlReplacer's table reaches beyond ASCII")
			}
			e.set[c] = repl != ""
		}
		out = append(out, e)
	}
	return out
}()

// asciiEscapes is the set of the characters table replaces, or nil for a
// table htmlReplacer does not know.
func asciiEscapes(table []string) *[utf8.RuneSelf]bool {
	p := unsafe.SliceData(table)
	for i := range escapeSets {
		if escapeSets[i].table == p {
			return &escapeSets[i].set
		}
	}
	return nil
}
