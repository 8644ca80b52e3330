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
		if !isSafeURL(s) {
			return "#" + filterFailsafe
		}
		return s
	})
	template.RegisterPlain(urlNormalizer, func(s string) string { return urlPlain(s, true) })
	template.RegisterPlain(urlEscaper, func(s string) string { return urlPlain(s, false) })
}

// urlPlain is urlProcessor for a plain string.
func urlPlain(s string, norm bool) string {
	var b strings.Builder
	if processURLOnto(s, norm, &b) {
		return b.String()
	}
	return s
}
