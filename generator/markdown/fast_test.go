package markdown

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// sameFast renders body through the fast path and through goldmark, as
// objectives/pv-1.md, and fails when the fast path accepts it and differs
// in anything: HTML, text, headings, anchors, assumed anchors or problems.
// It reports whether the fast path accepted the body.
func sameFast(t *testing.T, name string, d *model.Doc, reserved []string, r *Resolver) bool {
	t.Helper()
	c := testConverter
	slow := &diag.List{}
	p := c.Parse(d, reserved)
	want, wantAssumed := c.render(p, r, slow)
	// Each heading's text is in the text where the heading says, after
	// the previous heading's (the search index cuts sections there).
	at := 0
	for _, h := range want.Headings {
		if h.Text == "" {
			continue
		}
		if h.At < at || h.At > len(want.Text) || !strings.HasPrefix(want.Text[h.At:], h.Text) {
			t.Errorf("%s: heading %q is not at %d of the text (after %d):\n%q", name, h.Text, h.At, at, want.Text)
		}
		at = h.At + len(h.Text)
	}
	fast := &diag.List{}
	got, anchors, assumed, ok := fastRender(d, reserved, r, fast)
	if !ok {
		if len(fast.Items()) > 0 {
			t.Errorf("%s: the fast path declined the body but reported %v", name, fast.Items())
		}
		return false
	}
	show := func(l *diag.List) string {
		var b strings.Builder
		for _, d := range l.Items() {
			fmt.Fprintln(&b, d.String())
		}
		return b.String()
	}
	switch {
	case got.HTML != want.HTML:
		t.Errorf("%s: the fast path's HTML differs:\n%s\n--- goldmark\n%s\n--- fast\n%s", name, d.Body, want.HTML, got.HTML)
	case got.Text != want.Text:
		t.Errorf("%s: the fast path's text differs:\n%s\n--- goldmark\n%q\n--- fast\n%q", name, d.Body, want.Text, got.Text)
	case !reflect.DeepEqual(got.Headings, want.Headings):
		t.Errorf("%s: the fast path's headings differ:\n%s\n--- goldmark\n%v\n--- fast\n%v", name, d.Body, want.Headings, got.Headings)
	case !reflect.DeepEqual(anchors, p.Anchors):
		t.Errorf("%s: the fast path's anchors differ:\n%s\n--- goldmark\n%v\n--- fast\n%v", name, d.Body, p.Anchors, anchors)
	case !reflect.DeepEqual(assumed, wantAssumed):
		t.Errorf("%s: the fast path's assumed anchors differ:\n%s\n--- goldmark\n%v\n--- fast\n%v", name, d.Body, wantAssumed, assumed)
	case show(fast) != show(slow):
		t.Errorf("%s: the fast path's problems differ:\n%s\n--- goldmark\n%s--- fast\n%s", name, d.Body, show(slow), show(fast))
	case got.Digest() != want.Digest():
		t.Errorf("%s: the fast path's digest differs", name)
	}
	return true
}

// testConverter serves the fast path's tests: a converter is safe for
// concurrent use.
var testConverter = NewConverter()

// fastResolvers are a whole and a partial resolver for a small site with
// headings, for the fast path's tests.
func fastResolvers() []*Resolver {
	docs := map[string]Target{
		"objectives/pv-1.md":      {URL: "/objectives/pv-1/", Anchors: ObjectiveSections},
		"objectives/pv-2.md":      {URL: "/objectives/pv-2/", Anchors: append([]string{"why-it-matters"}, ObjectiveSections...)},
		"organizations/doj.md":    {URL: "/organizations/doj/", Anchors: append([]string{"history"}, OrganizationSections...)},
		"partnerships/a-b.md":     {URL: "/partnerships/a-b/", Anchors: PartnershipSections},
		"about.md":                {URL: "/about/", Anchors: []string{"contact-us"}},
		"objectives/_index.md":    {URL: "/objectives/"},
		"organizations/d é f.md":  {URL: "/organizations/d-e-f/"},
		"organizations/q?uery.md": {URL: "/organizations/query/"},
	}
	files := []string{"objectives/images/x.png", "report.pdf", "files/a b.pdf"}
	whole := NewResolver(docs, files)
	partial := NewResolver(docs, files)
	partial.partial = true
	return []*Resolver{whole, partial}
}

// fastBody is body as the document objectives/pv-1.md, after a
// three-line front matter.
func fastBody(body string) *model.Doc {
	return doc("objectives/pv-1.md", body)
}

// Bodies the fast path must read, each the same as goldmark's.
func TestFastPathReads(t *testing.T) {
	for _, body := range []string{
		"",
		"One line.",
		"Two\nlines.\n",
		"## Why it matters\n\nBecause.\n\n### Detail\n\nMore *words* and **strong words** here.\n",
		"# Top\n\n## Second\n\n###### Deep\n",
		"## Same\n\n## Same\n\n## Funding\n\n## Indicators\n",
		"- one\n- two\n- three\n\nAfter.\n",
		"* one\n* two\n\n+ three\n",
		"1. one\n2. two\n\n3) three\n4) four\n",
		"7. seven\n8. eight\n",
		"- loose\n\n- list\n- still loose\n",
		"- wrapped item\n  continues here\n- next\n",
		"10. ten\n    wraps\n",
		"Text\n- interrupts\n",
		"Text\n1. interrupts\n",
		"See [the objective](pv-2.md), [its reason](pv-2.md#why-it-matters) and [DOJ](../organizations/doj.md#history).",
		"[Broken](nowhere.md) and [bad anchor](pv-2.md#nope) and [own](#funding) and [own missing](#missing).",
		"[External](https://example.org/a?b=c) and [mail](mailto:x@example.org) and [unsafe](javascript:alert).",
		"**[Strong link](pv-2.md)** and *[em link](pv-2.md)* and [*inside*](pv-2.md).",
		"Code `a < b && c` and `*not emphasis*` and `[not](link)`.",
		"Quotes \"double\" and 'single', a > b, A & B, 100% sure (really).",
		"Ünïcödé — text, “quotes” and emoji 🎉 in *plain* words.",
		"## Heading with `code` and [a link](pv-2.md)\n\ntext\n",
		"*multi\nline emphasis*\n",
		"[link text\nacross lines](pv-2.md)\n",
		"A [file](../report.pdf) and [an image file](images/x.png).",
		"-5 degrees, +3 more, 2026 was a year, 1.5 million.\n",
		"| Member | Sector | Role |\n|---|---|---|\n| [DOJ](../organizations/doj.md) | Government | *Lead* |\n| Other |  | `x` |\n",
		"Before.\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nAfter.\n",
		"| head | only |\n| :-: | --- |\n",
		"## T\n| a |\n| - |\n| b |\n",
		"| a\n|---\n| b\n",
		"- list\n\n| a |\n|---|\n",
		"_em_ and __strong__, snake_case_name, _under_score_, *a _b_ c*, AT&T, A & B, R&D.\n",
		"Ends with a period. **Bold.** *Em,* (*paren*) [*x*](pv-2.md)\n",
		// Bare links, as goldmark's linkify finds them.
		"see http://example.org", "www.example.org", "a@b.org",
		"Contact: office@x.example.org, or https://x.example.org/help.\nhttps://example.org/a?b=c#d\n",
		"(https://example.org/a) and (www.example.org). Also (a@b.org)\n",
		"http://example.org:8080/path#frag and https://example.org/?q=a;b and http://example.org/(x)\n",
		"Text\n- www.example.org\n- a@b.org.\n- mailto:a@b.org\n",
		"| link | mail |\n|---|---|\n| https://x.example.org | x@y.org |\n",
		"## See https://example.org and www.example.org\n\n## a@b.org\n",
		"x@y foo@bar.c a.b-c@d.e.org. me@x.org- http://example https://example.org). www.x.org:8080 https://x.org:8080!\n",
		"*www.example.org* and **https://example.org** and *a@b.org*, ftp://example.org, HTTP://EXAMPLE.ORG, wwwx.org\n",
		"(www.a.org)(www.b.org) a@b.org@c.org https://a.org,https://b.org https://a.org/x... ok\n",
		"e-mail: ann@example.org; web: www.example.org/path/to?q=1\n",
		"[www.example.org](x.md) [x](pv-2.md)www.example.org `c`https://e.org x_www.e.org **www.e.org** !www.e.org &www.e.org\n",
		"https://example.org/*x* and https://example.org/**y**\n",
	} {
		for _, r := range fastResolvers() {
			if !sameFast(t, body, fastBody(body), ObjectiveSections, r) {
				t.Errorf("the fast path declined %q", body)
			}
		}
	}
}

// Bodies the fast path must leave to goldmark.
func TestFastPathDeclines(t *testing.T) {
	for _, body := range []string{
		"a\\*b", "a &amp; b", "&#38;", "&copy; 2026", "x <b>y</b>", "a_ b", "_a*", "*a_", "__a_", "é_x_", "~~gone~~", "| a | b |\n|---|\n", "| a |\n|---|\nlazy row", "| a |\n|---|\n| b | c |",
		"| a |\n|---|\n|---|", "text\n| a |\n|---|", "x\n-:", "x\n:-", "a | b\n--|--", "- a\n  -:", "| a |\n---", "| a \\| b |\n|---|",
		"> quote", "```\ncode\n```", "    indented code", "Title\n=====", "Title\n---", "***",
		"a  \nhard break", "trailing ", "tab\there", "cr\r\n", "![image](x.png)", "[ref]\n\n[ref]: x.md",
		"- [ ] task", "- a\nlazy",
		"[see https://example.org](x.md)", "https://example.org/a_b", "https://example.org/a&amp;b",
		"www.example.org/~x", "a@b.org_", "e-mail: ann@example.org; web: www.example.org/path/to?q=1&",
		"a\n2. not a list", "- - nested", "- \n", "1.", "#hashtag", "## closed ##", "***strong em***",
		"in*word*emphasis", "*a **b* c**", "[a *b](x.md)*", "[]( x.md)", "[a](<x.md>)", "[a](x.md \"title\")",
		"[^1]", "``double``", "` spaced `", "*unclosed", "closed*", "é*x*", "\x00",
	} {
		for _, r := range fastResolvers() {
			if sameFast(t, body, fastBody(body), ObjectiveSections, r) {
				t.Errorf("the fast path read %q, which it should leave to goldmark", body)
			}
		}
	}
}

// FuzzFastPath: whatever the fast path reads, it renders as goldmark does.
func FuzzFastPath(f *testing.F) {
	for _, s := range []string{
		"## A\n\ntext *em* **strong** `code` [l](pv-2.md#why-it-matters)\n",
		"- a\n- b\n\n- c\n", "1. a\n   b\n2) c\n", "x\n- y\n", "*a\nb*", "[a\nb](x.md)",
		"**[a](https://e.org)**", "A & B > C \"q\"", "# x\n## y\n# z\n", "",
	} {
		f.Add(s)
	}
	rs := fastResolvers()
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range rs {
			sameFast(t, "fuzz", fastBody(s), ObjectiveSections, r)
		}
	})
}

// fastPieces are what random bodies are made of: the constructs the fast
// path reads, so that bodies made of them are mostly read; fastNearMisses
// are near misses of each, so that the others are declined at every kind
// of byte.
var fastPieces = []string{
	"word", "words", "Word", "42", " ", " ", "\n", "\n\n", "*", "**", "`", "[", "](pv-2.md)", "(", ")",
	"- ", "* ", "+ ", "1. ", "2) ", "10. ", "## ", "# ", "  ", "   ", ".", ",", "!", "?", ":",
	"&", ">", "\"", "'", "é", "—", "“", "-", "0",
	"*em*", "**strong words**", "_em_", "__strong__", "snake_case", "AT&T", "[a link](pv-2.md)", "[to DOJ](../organizations/doj.md#history)", "`code`",
	"*[em link](pv-2.md)*", "**[strong](#funding)**", "*a **b** c*", "\n- item\n- item", "\n\n1. one\n2. two\n\n",
	"\n\n| a | *b* |\n|---|:-:|\n| [l](pv-2.md) | `c` |\n\n", "\n\n| a |\n| --: |\n|", " | ",
	"https://example.org/path", "www.example.org", "office@example.org", "(www.example.org)", "http://x.org.", "https://x.org/a?b=1;c", "a.b@c.d.org", "www.x.org/(y)",
}

var fastNearMisses = []string{
	"](pv-2.md#why-it-matters)", "](#funding)", "](nowhere.md)", "](https://example.org/a)", "***", "_", "``", "]", "](x y)", "####### ", "- [ ] ", "&amp;", "<", "\\", "~", "|", "#", "=", "---", "===",
	"    ", "\t", "![", "[^",
	"http:", "https://", "www.", "@", "a@b", "x.org", "https://x.org/a_b", "@x.org", "www.x", "mailto:",
}

var trailingSpaces = regexp.MustCompile(`(?m) +$`)

// Random bodies of the pieces above: every one the fast path reads, it
// renders as goldmark does, and it reads a fair share of them.
func TestFastPathRandomBodies(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	rs := fastResolvers()
	n := 30000
	if testing.Short() {
		n = 5000
	}
	all := slices.Concat(fastPieces, fastNearMisses)
	read := 0
	for i := 0; i < n; i++ {
		pieces := fastPieces
		if i%4 == 0 {
			pieces = all
		}
		var b strings.Builder
		for k := rng.IntN(40); k >= 0; k-- {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(2) == 0 {
				p = fastPieces[rng.IntN(3)] // words, so that constructs meet text
			}
			b.WriteString(p)
			if rng.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		body := b.String()
		if i%8 != 0 {
			// No spaces at the end of a line, most of the time.
			body = trailingSpaces.ReplaceAllString(body, "")
		}
		if sameFast(t, "random", fastBody(body), ObjectiveSections, rs[i%2]) {
			read++
		}
		if t.Failed() {
			return
		}
	}
	if read < n/10 {
		t.Errorf("the fast path read %d of %d random bodies: it should read at least a tenth", read, n)
	}
	t.Logf("the fast path read %d of %d random bodies", read, n)
}
