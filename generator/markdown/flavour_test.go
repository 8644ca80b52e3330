package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// renderWith parses and renders body with one flavour, as Parse and
// render do, returning the HTML and the text.
func renderWith(c *Converter, md goldmark.Markdown, body []byte) (string, string) {
	root := md.Parser().Parse(text.NewReader(body))
	dropRawHTML(root, body)
	assignHeadings(root, body, nil)
	var buf bytes.Buffer
	c.md.Renderer().Render(&buf, body, root)
	text, _ := documentText(root, body)
	return buf.String(), text
}

// SamePlain is samePlain, for the tests of package markdown_test.
func SamePlain(t *testing.T, c *Converter, name string, body []byte) {
	t.Helper()
	samePlain(t, c, name, body)
}

// StripLinks is stripLinks, for the tests of package markdown_test.
var StripLinks = stripLinks

// trailing is whitespace at the end of a line of HTML, before a line
// break or not.
var trailing = regexp.MustCompile(`[ \t\r]+(<br>\n|\n)`)

// samePlain fails when a body without a possible bare link renders
// differently without linkify, or when mayLinkify misses one.
func samePlain(t *testing.T, c *Converter, name string, body []byte) {
	t.Helper()
	h1, t1 := renderWith(c, c.md, body)
	if mayLinkify(body) {
		return
	}
	if strings.Contains(h1, "<a href=\"http") || strings.Contains(h1, "mailto:") {
		t.Errorf("%s: linkify found a link mayLinkify ruled out:\n%s", name, body)
	}
	h2, t2 := renderWith(c, c.plain, body)
	// Linkify, tried at a space or tab that ends a line, can leave that
	// whitespace (spaces, tabs, a carriage return) in the text where
	// CommonMark removes it, before a soft or a hard line break; the
	// flavour without it removes it. A browser shows both the same, and
	// nothing else may differ.
	if trailing.ReplaceAllString(h1, "$1") != trailing.ReplaceAllString(h2, "$1") || t1 != t2 {
		t.Errorf("%s: the flavour without linkify differs:\n%s\n--- with\n%s\n%q\n--- without\n%s\n%q", name, body, h1, t1, h2, t2)
	}
}

// stripLinks takes out of body what could make a bare link, so that
// every body of a corpus is also compared without linkify.
func stripLinks(body []byte) []byte {
	body = bytes.ReplaceAll(body, []byte("http"), []byte("htp"))
	body = bytes.ReplaceAll(body, []byte("www."), []byte("ww."))
	return bytes.ReplaceAll(body, []byte("@"), []byte(" at "))
}

// FuzzPlainFlavour: any body without "http", "www." or "@" renders the
// same with and without linkify.
func FuzzPlainFlavour(f *testing.F) {
	for _, s := range []string{"a (b) *c* _d_ ~e~", "x\n\n- (y)\n", "**(z)**", "www", "ww.w.", "h t t p"} {
		f.Add(s)
	}
	c := NewConverter()
	f.Fuzz(func(t *testing.T, s string) {
		samePlain(t, c, "fuzz", []byte(s))
	})
}

// Bodies made to trip the flavour without linkify: the characters that
// trigger it, near-links, and every block it might meet.
func TestPlainFlavourOnHardCases(t *testing.T) {
	c := NewConverter()
	for _, body := range []string{
		"Visit example.org or (see www example) *emphasis* _under_ ~strike~ (paren).",
		"ftp://example.org is not allowed, nor is mailto without an at sign.",
		"A line\n\n* list *item* with `code` and [a link](x.md) and ![img](y.png)\n",
		"| a | b |\n|---|---|\n| (c) | ~d~ |\n\nFootnote[^1].\n\n[^1]: Note (here).\n",
		"> quote (with *marks*)\n>\n> - [ ] task ~~done~~\n",
	} {
		samePlain(t, c, body, []byte(body))
	}
}
