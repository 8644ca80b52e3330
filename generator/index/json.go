package index

import (
	"strconv"
	"unicode/utf8"
)

// The index files are written by hand, not with encoding/json: they are
// many and large, and reflection over maps of strings was a good part of
// the build. The bytes are those encoding/json writes with HTML escaping
// off (see TestAppendStringMatchesEncodingJSON).

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it when HTML escaping is off: ", \ and control characters,
// U+2028 and U+2029, and each invalid UTF-8 byte as \ufffd.
func appendString[T string | []byte](b []byte, s T) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendStrings appends a JSON array of strings.
func appendStrings(b []byte, list ...string) []byte {
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendList appends a list of pairs of strings as encoding/json writes
// it.
func appendList(b []byte, list [][2]string) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, e := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendStrings(b, e[0], e[1])
	}
	return append(b, ']')
}

// appendJSON appends the manifest as encoding/json writes it.
func (m *manifest) appendJSON(b []byte) []byte {
	b = append(b, `{"version":`...)
	b = strconv.AppendInt(b, int64(m.Version), 10)
	b = append(b, `,"docs":`...)
	b = strconv.AppendInt(b, int64(m.Docs), 10)
	b = append(b, `,"words":`...)
	b = appendList(b, m.Words)
	b = append(b, `,"terms":`...)
	b = appendList(b, m.Terms)
	b = append(b, `,"pairs":`...)
	b = appendString(b, m.Pairs)
	b = append(b, `,"facets":`...)
	b = appendString(b, m.Facets)
	b = append(b, `,"stop":`...)
	if m.Stop == nil {
		b = append(b, "null"...)
	} else {
		b = appendStrings(b, m.Stop...)
	}
	return append(b, '}')
}
