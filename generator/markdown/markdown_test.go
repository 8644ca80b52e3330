package markdown

import (
	"bytes"
	"fmt"
	"github.com/yuin/goldmark/util"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// Each case renders a body of objectives/pv-1.md and expects the HTML to
// contain every want fragment and none of the never fragments.
var htmlCases = []struct {
	name  string
	md    string
	want  []string
	never []string
}{
	{
		name:  "table with alignment as attribute, not style",
		md:    "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
		want:  []string{"<table>", `<th align="left">a</th>`, `<td align="right">2</td>`},
		never: []string{"style="},
	},
	{
		name: "strikethrough",
		md:   "~~old~~ new\n",
		want: []string{"<p><del>old</del> new</p>"},
	},
	{
		name: "linkify autolinks",
		md:   "See https://example.org/x and www.example.com.\n",
		want: []string{`<a href="https://example.org/x">https://example.org/x</a>`, `<a href="http://www.example.com">www.example.com</a>`},
	},
	{
		name: "task list",
		md:   "- [x] done\n- [ ] todo\n",
		want: []string{`<li><input checked="" disabled="" type="checkbox"> done</li>`, `<li><input disabled="" type="checkbox"> todo</li>`},
	},
	{
		name: "footnotes",
		md:   "Claim.[^1]\n\n[^1]: Source.\n",
		want: []string{`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`, `<li id="fn:1">`, "Source."},
	},
	{
		name:  "headings shifted so the top level is h2",
		md:    "# A\n\n## B\n\n###### F\n",
		want:  []string{`<h2 id="a">A</h2>`, `<h3 id="b">B</h3>`, `<h6 id="f">F</h6>`},
		never: []string{"<h1", "<h7"},
	},
	{
		name: "deeper headings move up",
		md:   "### C\n\n#### D\n",
		want: []string{`<h2 id="c">C</h2>`, `<h3 id="d">D</h3>`},
	},
	{
		name: "heading ids: punctuation, duplicates, section anchors, non-Latin, empty",
		md:   "## Hello, World!\n\n## Hello World\n\n## Indicators\n\n## Funding\n\n## Ça va\n\n## 人身贩运\n\n## ???\n\n## !!!\n",
		want: []string{
			`<h2 id="hello-world">`, `<h2 id="hello-world-1">`,
			`<h2 id="indicators-1">`, `<h2 id="funding-1">`,
			`<h2 id="ça-va">`, `<h2 id="人身贩运">`,
			`<h2 id="section">`, `<h2 id="section-1">`,
		},
	},
	{
		name:  "raw HTML dropped, block and inline",
		md:    "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> more <b>bold</b>.\n\n<iframe src=\"https://evil\"></iframe>\n\n<div>\n*x*\n</div>\n",
		want:  []string{"<p>Text  more bold.</p>"},
		never: []string{"<script", "alert", "<img", "onerror", "<iframe", "<b>", "<div", "raw HTML"},
	},
	{
		name:  "javascript and data links and images shown as text",
		md:    "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java&#x73;cript:x) [d](<  javascript:x>) [e](data:text/html,x) ![f](data:image/png;base64,AA) [g](vbscript:x) [h](file:///etc/passwd) <javascript:alert(1)> [i](java\tscript:x)\n",
		want:  []string{"<p>a b c d e f g h javascript:alert(1)"},
		never: []string{"<a", "<img", "href"},
	},
	{
		name: "allowed schemes kept",
		md:   "[w](https://example.org/a?b=1&c=2) [m](mailto:a@example.org) [t](tel:+15551234) [p](//example.org/x)\n",
		want: []string{`href="https://example.org/a?b=1&amp;c=2"`, `href="mailto:a@example.org"`, `href="tel:+15551234"`, `href="//example.org/x"`},
	},
	{
		name:  "external image becomes a link",
		md:    "![Map](https://example.org/map.png)\n",
		want:  []string{`<a href="https://example.org/map.png">Map</a>`},
		never: []string{"<img"},
	},
	{
		name: "relative links rewritten",
		md: "[doj](../organizations/doj.md) [ind](../objectives/pv-1.md#indicators) [self](./pv-1.md) " +
			"[about](/about.md) [home](../_index.md) [intro](_index.md) [tf](../partnerships/task-force.md#members) " +
			"![x](images/x.png) [r](../report.pdf?v=2#page=3) [sp](../files/a%20b.pdf) [own](#funding)\n",
		want: []string{
			`href="/organizations/doj/"`, `href="/objectives/pv-1/#indicators"`, `href="/objectives/pv-1/"`,
			`href="/about/"`, `href="/"`, `href="/objectives/"`, `href="/partnerships/task-force/#members"`,
			`<img src="/objectives/images/x.png" alt="x">`, `href="/report.pdf?v=2#page=3"`,
			`href="/files/a%20b.pdf"`, `href="#funding"`,
		},
	},
	{
		name: "query dropped on documents",
		md:   "[doj](../organizations/doj.md?x=1)\n",
		want: []string{`href="/organizations/doj/"`},
	},
	{
		name: "reference links rewritten too",
		md:   "[DOJ][d]\n\n[d]: ../organizations/doj.md\n",
		want: []string{`<a href="/organizations/doj/">DOJ</a>`},
	},
}

func TestHTML(t *testing.T) {
	for _, tc := range htmlCases {
		t.Run(tc.name, func(t *testing.T) {
			html, _ := renderObjective(t, tc.md)
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("missing %s\nin:\n%s", w, html)
				}
			}
			for _, n := range tc.never {
				if strings.Contains(html, n) {
					t.Errorf("must not contain %s\nin:\n%s", n, html)
				}
			}
		})
	}
}

func TestHeadingsAndText(t *testing.T) {
	d, msgs := renderSite(t, "objectives/pv-1.md", map[string]string{
		"objectives/pv-1.md": "# The *plan*\n\nIt   works\nwell &amp; fast.\n\n- one `code`\n- two\n\n| h |\n|---|\n| cell |\n\n```\nnot text\n```\n\n## Funding\n",
	})
	if len(msgs) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", joinLines(msgs))
	}
	want := []model.Heading{{Level: 2, ID: "the-plan", Text: "The plan"}, {Level: 3, ID: "funding-1", Text: "Funding", At: 51}}
	if !slices.Equal(d.Headings, want) {
		t.Errorf("headings = %+v, want %+v", d.Headings, want)
	}
	if wantText := "The plan It works well & fast. one code two h cell Funding"; d.Text != wantText {
		t.Errorf("text = %q, want %q", d.Text, wantText)
	}
}

// Errors name the file line of the link: Markdown line n is file line n+3.
func TestDiagnostics(t *testing.T) {
	cases := []struct {
		name, md, want string
	}{
		{"missing file", "Intro.\n\nSee [the DOJ](../organizations/dojj.md).\n",
			`content/objectives/pv-1.md:6:5: link to missing file "../organizations/dojj.md" (did you mean "../organizations/doj.md"?)`},
		{"missing anchor", "[x](../objectives/pv-1.md#indicatorz)\n",
			`content/objectives/pv-1.md:4:1: link to missing anchor "#indicatorz" in objectives/pv-1.md (did you mean "#indicators"?)`},
		{"missing own anchor", "## Background\n\n  [x](#backgrond)\n",
			`content/objectives/pv-1.md:6:3: link to missing anchor "#backgrond" in objectives/pv-1.md (did you mean "#background"?)`},
		{"anchor of another document", "[x](../organizations/doj.md#histroy)\n",
			`content/objectives/pv-1.md:4:1: link to missing anchor "#histroy" in organizations/doj.md (did you mean "#history"?)`},
		{"escapes the content folder", "text ![x](../../x.md)\n",
			`content/objectives/pv-1.md:4:6: link "../../x.md" leads outside the content folder`},
		{"malformed escape", "[x](a%zz.md)\n",
			`content/objectives/pv-1.md:4:1: malformed link "a%zz.md": invalid URL escape "%zz"`},
		{"unsafe scheme", "\n[x](javascript:alert(1))\n",
			`content/objectives/pv-1.md:5:1: warning: link "javascript:alert(1)" has the unsafe scheme "javascript:": shown as text (only http, https, mailto, tel are linked)`},
		{"unsafe autolink", "<file:///etc/passwd>\n",
			`content/objectives/pv-1.md:4:1: warning: link "file:///etc/passwd" has the unsafe scheme "file:": shown as text (only http, https, mailto, tel are linked)`},
		{"external image", "![m](https://example.org/m.png)\n",
			`content/objectives/pv-1.md:4:1: warning: image "https://example.org/m.png" is on another site, which the site's security policy does not load: shown as a link (copy it under content/)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			html, msgs := renderObjective(t, tc.md)
			if got := joinLines(msgs); got != tc.want {
				t.Errorf("diagnostics:\n got %s\nwant %s", got, tc.want)
			}
			if tc.name != "external image" && strings.Contains(html, "<a") {
				t.Errorf("broken link still rendered as a link:\n%s", html)
			}
		})
	}
}

func TestHintFromRoot(t *testing.T) {
	_, msgs := renderSite(t, "about.md", map[string]string{"about.md": "[x](objectives/pv-2.md)\n"})
	want := `content/about.md:4:1: link to missing file "objectives/pv-2.md" (did you mean "objectives/pv-1.md"?)`
	if got := joinLines(msgs); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// Rendering is parallel; the outcome must not depend on scheduling.
func TestDeterministic(t *testing.T) {
	bodies := map[string]string{
		"objectives/pv-1.md":   "## A\n\n[b](../organizations/doj.md#b-1) [bad](nope.md)\n",
		"organizations/doj.md": "## B\n\n## B\n\n[a](../objectives/pv-1.md#a) [bad](nope.md)\n",
	}
	var first []string
	for i := range 20 {
		s := site(bodies)
		bodies, diags := Render(s)
		msgs := diags.Items()
		var out []string
		for _, d := range s.Documents() {
			b := bodies[d.Rel]
			out = append(out, b.HTML, fmt.Sprint(b.Headings), b.Text)
		}
		for _, m := range msgs {
			out = append(out, m.String())
		}
		if i == 0 {
			first = out
			if len(msgs) != 2 {
				t.Fatalf("want 2 diagnostics, got %v", msgs)
			}
			continue
		}
		if !slices.Equal(out, first) {
			t.Fatalf("run %d differs:\n%q\nvs\n%q", i, out, first)
		}
	}
}

func TestRenderDocAlone(t *testing.T) {
	d := doc("notes.md", "## Hi\n\n[x](#hi) [y](other.md)\n")
	var diags diag.List
	got := NewConverter().RenderDoc(d, nil, NewResolver(nil, nil), &diags)
	if !strings.Contains(got.HTML, `<a href="#hi">x</a>`) {
		t.Errorf("own anchor not linked:\n%s", got.HTML)
	}
	if items := diags.Items(); len(items) != 1 || !strings.Contains(items[0].Message, `missing file "other.md"`) {
		t.Errorf("diagnostics = %v", items)
	}
}

func TestMissingFileHintListsFolder(t *testing.T) {
	_, msgs := renderObjective(t, "[z](nope.md) [w](../organizations/unknown-agency.md) [v](../nowhere/x.md)\n")
	want := `content/objectives/pv-1.md:4:1: link to missing file "nope.md" (known: _index.md, pv-1.md)
content/objectives/pv-1.md:4:14: link to missing file "../organizations/unknown-agency.md" (known: ../organizations/doj.md)
content/objectives/pv-1.md:4:54: link to missing file "../nowhere/x.md"`
	if got := joinLines(msgs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Repeated headings get -1, -2, ... skipping ids taken by other headings,
// and thousands of them take no longer than their number (issue 14: 20,000
// took 41 s).
func TestRepeatedHeadingIDs(t *testing.T) {
	ids := newIDSet(map[string]bool{"funding": true})
	var got []string
	for _, id := range []string{"a", "a-2", "a", "a", "a", "funding", "funding"} {
		got = append(got, ids.unique(id))
	}
	if want := []string{"a", "a-2", "a-1", "a-3", "a-4", "funding-1", "funding-2"}; !slices.Equal(got, want) {
		t.Errorf("ids %v, want %v", got, want)
	}
	// Ten times the headings must take about ten times as long, not a
	// hundred: a ratio within one run, not a time.
	took := func(n int) time.Duration {
		body := strings.Repeat("## Same\n\n", n)
		start := time.Now()
		rendered := NewConverter().RenderDoc(doc("objectives/pv-1.md", body), nil, NewResolver(nil, nil), &diag.List{})
		if len(rendered.Headings) != n || rendered.Headings[n-1].ID != "same-"+strconv.Itoa(n-1) {
			t.Fatalf("%d headings: the last is %q", n, rendered.Headings[len(rendered.Headings)-1].ID)
		}
		return time.Since(start)
	}
	small, large := took(2000), took(20000)
	if ratio := float64(large) / float64(small); ratio > 50 {
		t.Errorf("20,000 repeated headings took %.0f times as long as 2,000", ratio)
	}
}

func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", " a  b\t\nc ", "\u00a0x\u2003y\u0085", "a\xffb  ", "\u3000", "é  ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// decodeText skips text with nothing to resolve; what it returns is what
// goldmark's three steps make of any text.
func FuzzDecodeText(f *testing.F) {
	for _, s := range []string{"plain words", `a \* b`, "&amp; &#65; &#x42;", "&nope; \\", "ü &copy;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations([]byte(s))))
		if got := decodeText([]byte(s)); !bytes.Equal(got, want) {
			t.Errorf("decodeText(%q) = %q, want %q", s, got, want)
		}
	})
}

// HTML in a body is left out of the page and said so, once for each
// piece at its line: not for a closing tag, whose opening tag was
// reported, nor for a comment, a note to other contributors, nor for
// what only looks like HTML.
func TestRawHTMLIsReportedWhereItIs(t *testing.T) {
	html, msgs := renderObjective(t, "Some <b>bold</b> text, a < b, and <https://example.org/>.\n\n"+
		"<script>alert(1)</script>\n\n<!-- a note for editors -->\n\nText <!-- inline note --> on.\n\n"+
		"<div class=\"x\">\n<p>in a div</p>\n</div>\n\n<a href=\"javascript:alert(2)\">a</a> <0> <>\n")
	want := `content/objectives/pv-1.md:4:6: warning: the HTML tag <b> is left out of the page: HTML in Markdown is never published (write it in Markdown instead: **bold**, *italic*, [text](https://example.org/), a list with "- ")
content/objectives/pv-1.md:6:1: warning: the HTML tag <script> is left out of the page: HTML in Markdown is never published (write it in Markdown instead: **bold**, *italic*, [text](https://example.org/), a list with "- ")
content/objectives/pv-1.md:12:1: warning: the HTML tag <div> is left out of the page: HTML in Markdown is never published (write it in Markdown instead: **bold**, *italic*, [text](https://example.org/), a list with "- ")
content/objectives/pv-1.md:16:1: warning: the HTML tag <a> is left out of the page: HTML in Markdown is never published (write it in Markdown instead: **bold**, *italic*, [text](https://example.org/), a list with "- ")`
	if got := joinLines(msgs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, bad := range []string{"<script", "alert", "<div", "<b>", "javascript"} {
		if strings.Contains(html, bad) {
			t.Errorf("the page holds %q:\n%s", bad, html)
		}
	}
}
