// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"strings"

	template "github.com/commonagenda/agenda/generator/render/internal/texttemplate"
)

// The escapers most actions end in, given one argument of type string,
// take the plain-text branch of their code: these are those branches, so
// that text/template can escape a string field without boxing it (see
// RegisterPlain). FuzzAgendaEscapers compares the results with the
// standard library's in every context.
func init() {
	html := func(s string) string { return htmlReplacer(s, htmlReplacementTable, true) }
	template.RegisterPlain(htmlEscaper, html)
	template.RegisterPlain(attrEscaper, html)
	template.RegisterPlain(rcdataEscaper, html)
	template.RegisterPlain(htmlNospaceEscaper, func(s string) string {
		if s == "" {
			return filterFailsafe
		}
		return htmlReplacer(s, htmlNospaceReplacementTable, false)
	})
	template.RegisterPlain(urlFilter, func(s string) string {
		// A path from the root is safe: the protocol isSafeURL would
		// find before a colon holds its slash. Most URLs are the site's.
		if len(s) > 0 && s[0] == '/' {
			return s
		}
		if !isSafeURL(s) {
			return "#" + filterFailsafe
		}
		return s
	})
	template.RegisterPlain(urlNormalizer, func(s string) string { return urlPlain(s, true) })
	template.RegisterPlain(urlEscaper, func(s string) string { return urlPlain(s, false) })
}

// urlPlain is urlProcessor for a plain string. A URL that needs no
// escaping (most of a site's: its own paths) is returned as it is
// without the builder processURLOnto grows before it knows.
func urlPlain(s string, norm bool) string {
	if urlClean(s, norm) {
		return s
	}
	var b strings.Builder
	if processURLOnto(s, norm, &b) {
		return b.String()
	}
	return s
}

// urlClean reports whether processURLOnto would write nothing of s: its
// bytes that it leaves as they are, as its switch says
// (FuzzAgendaURLPlain compares them).
func urlClean(s string, norm bool) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-', c == '.', c == '_', c == '~':
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
		case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
		default:
			return false
		}
	}
	return true
}
