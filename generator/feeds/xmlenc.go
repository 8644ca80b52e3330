package feeds

import (
	"encoding/xml"
	"unicode/utf8"
)

// The feeds and the sitemap are written by hand, not by encoding/xml: a
// strategy's feeds of changes and its sitemap (13,000 addresses) took a
// tenth of a second or more to encode by reflection, every build. The
// bytes are those xml.MarshalIndent(v, "", "  ") gives (a test compares
// them), so that changing from one to the other changed no output.

// appendText appends s as XML character data or an attribute value,
// escaped as encoding/xml escapes it.
func appendText(b []byte, s string) []byte {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' {
			clean = false
			break
		}
	}
	if clean {
		return append(b, s...)
	}
	w := appender{b}
	xml.EscapeText(&w, []byte(s))
	return w.b
}

type appender struct{ b []byte }

func (a *appender) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}

// appendElement appends one line: an element holding text, at depth.
func appendElement(b []byte, depth int, name, text string) []byte {
	b = appendIndent(b, depth)
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = appendText(b, text)
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>')
}

func appendIndent(b []byte, depth int) []byte {
	b = append(b, '\n')
	for range depth {
		b = append(b, "  "...)
	}
	return b
}

// appendAttr appends name="value", with a space before it; nothing when
// value is empty and omitEmpty.
func appendAttr(b []byte, name, value string, omitEmpty bool) []byte {
	if value == "" && omitEmpty {
		return b
	}
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="`...)
	b = appendText(b, value)
	return append(b, '"')
}

func appendLinks(b []byte, depth int, links []atomLink) []byte {
	for _, l := range links {
		b = appendIndent(b, depth)
		b = append(b, "<link"...)
		b = appendAttr(b, "rel", l.Rel, true)
		b = appendAttr(b, "type", l.Type, true)
		b = appendAttr(b, "href", l.Href, false)
		b = append(b, "></link>"...)
	}
	return b
}

// marshal is xml.MarshalIndent(f, "", "  ") with the declaration before
// it and a newline after.
func (f *atomFeed) marshal() []byte {
	b := make([]byte, 0, 1024+len(f.Entries)*512)
	b = append(b, xml.Header...)
	b = append(b, `<feed xmlns="http://www.w3.org/2005/Atom"`...)
	b = appendAttr(b, "xml:lang", f.Lang, true)
	b = append(b, '>')
	b = appendElement(b, 1, "title", f.Title)
	if f.Subtitle != "" {
		b = appendElement(b, 1, "subtitle", f.Subtitle)
	}
	b = appendElement(b, 1, "id", f.ID)
	b = appendLinks(b, 1, f.Links)
	b = appendElement(b, 1, "updated", f.Updated)
	b = appendIndent(b, 1)
	b = append(b, "<author>"...)
	b = appendElement(b, 2, "name", f.Author.Name)
	b = appendIndent(b, 1)
	b = append(b, "</author>"...)
	for _, e := range f.Entries {
		b = appendIndent(b, 1)
		b = append(b, "<entry>"...)
		b = appendElement(b, 2, "title", e.Title)
		b = appendLinks(b, 2, e.Links)
		b = appendElement(b, 2, "id", e.ID)
		b = appendElement(b, 2, "updated", e.Updated)
		for _, c := range e.Category {
			b = appendIndent(b, 2)
			b = append(b, "<category"...)
			b = appendAttr(b, "term", c.Term, false)
			b = appendAttr(b, "label", c.Label, true)
			b = append(b, "></category>"...)
		}
		if e.Summary != "" {
			b = appendElement(b, 2, "summary", e.Summary)
		}
		b = appendIndent(b, 1)
		b = append(b, "</entry>"...)
	}
	b = append(b, "\n</feed>\n"...)
	return b
}

// sitemapLoc is one address of the sitemap.
type sitemapLoc struct{ loc, lastMod string }

// marshalSitemap is the sitemap of locs, as xml.MarshalIndent writes it.
func marshalSitemap(locs []sitemapLoc) []byte {
	b := make([]byte, 0, 128+len(locs)*110)
	b = append(b, xml.Header...)
	b = append(b, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`...)
	for _, l := range locs {
		b = appendIndent(b, 1)
		b = append(b, "<url>"...)
		b = appendElement(b, 2, "loc", l.loc)
		if l.lastMod != "" {
			b = appendElement(b, 2, "lastmod", l.lastMod)
		}
		b = appendIndent(b, 1)
		b = append(b, "</url>"...)
	}
	if len(locs) > 0 {
		b = append(b, '\n')
	}
	b = append(b, "</urlset>\n"...)
	return b
}
