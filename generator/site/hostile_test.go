package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// executableMarkup lists what in an HTML page could run script or pull
// in other documents: script elements other than the theme's own files and
// JSON-LD data blocks, event-handler attributes, style elements and
// attributes, embedding elements, and javascript:, vbscript: or data: URLs.
// It tokenizes the page, so escaped text such as "&lt;img onerror=" (which
// is harmless) is not mistaken for markup.
func executableMarkup(page string) []string {
	var found []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return found
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "iframe", "object", "embed", "style", "frame", "applet", "base":
			found = append(found, "<"+tok.Data+">")
		case "script":
			typ, src := attr(tok, "type"), attr(tok, "src")
			if typ != "application/ld+json" && !strings.HasPrefix(src, "/assets/") {
				found = append(found, "<script>")
			}
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			val := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			switch {
			case strings.HasPrefix(key, "on"), key == "style", key == "srcdoc":
				found = append(found, key+"=")
			case key == "href" || key == "src" || key == "action" || key == "formaction" || key == "content" && strings.Contains(val, "url="):
				for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
					if strings.HasPrefix(val, scheme) || strings.Contains(val, "url="+scheme) {
						found = append(found, key+"="+a.Val)
					}
				}
			}
		}
	}
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestExecutableMarkupDetector(t *testing.T) {
	for page, want := range map[string]int{
		`<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img onerror=x&gt;</p>`:     0,
		`<script type="application/ld+json">{"a":"\u003cscript\u003e"}</script>`: 0,
		`<script src="/assets/js/search.1234.js" defer></script>`:                0,
		`<script>alert(1)</script>`:                                              1,
		`<img src=x onerror=alert(1)>`:                                           1,
		`<a href=" JavaScript:alert(1)">x</a>`:                                   1,
		`<iframe src="https://evil.example/"></iframe>`:                          1,
		`<p style="display:none">x</p>`:                                          1,
		`<meta http-equiv="refresh" content="0; url=javascript:alert(1)">`:       1,
	} {
		if got := len(executableMarkup(page)); got != want {
			t.Errorf("executableMarkup(%q) found %d, want %d", page, got, want)
		}
	}
}

func TestHostileContentProducesNoExecutableMarkup(t *testing.T) {
	hostile := readArchive(t, "hostile.txtar")
	built, items := buildArchive(t, hostile, Options{})
	// The javascript: website and the malformed email must be reported.
	var msgs []string
	for _, d := range items {
		msgs = append(msgs, d.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"content/organizations/evil.md:6:1: website", "content/organizations/evil.md:7:1: email"} {
		if !strings.Contains(all, want) {
			t.Errorf("no diagnostic at %s; got:\n%s", want, all)
		}
	}
	if built != nil {
		t.Fatal("a javascript: website built without error")
	}

	// Without the bad contact fields the site builds; nothing in it runs.
	archive := strings.NewReplacer(
		`website = "javascript:alert('website')"`, `website = "https://example.org/"`,
		`email = "x@example.org\"><script>alert('mail')</script>"`, `email = "x@example.org"`,
	).Replace(string(hostile))
	st := mustBuild(t, []byte(archive), Options{})
	for path, data := range st.Files {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		for _, m := range executableMarkup(string(data)) {
			t.Errorf("%s contains executable markup %s", path, m)
		}
	}
	// JSON-LD must not let content close the data block.
	for path, data := range st.Files {
		if strings.HasSuffix(path, ".html") && strings.Count(string(data), "</script>") != strings.Count(string(data), "<script") {
			t.Errorf("%s: unbalanced script tags", path)
		}
	}
}

func TestEveryProblemReportedInOneRun(t *testing.T) {
	archive := `
-- content/site.toml --
title = "T"
base_url = "https://example.org/"
[[categories]]
key = "prevention"
title = "Prevention"
[[sectors]]
key = "government"
title = "Government"
-- content/objectives/a.md --
+++
id = "PV-1"
title = "A"
category = "prevension"
summary = "s"
lead = ["ministri"]
+++
See [missing](../organizations/nobody.md) and [anchor](b.md#nowhere).
-- content/objectives/b.md --
+++
id = "pv-1"
title = "B"
category = "prevention"
summary = "s"
titel = "typo"
+++
-- content/organizations/ministry.md --
---
title: "YAML"
---
-- content/organizations/ok.md --
+++
title = "OK"
sector = "government"
objectives = ["PV-2"]
+++
-- content/partnerships/p.md --
+++
title = "P"
members = ["ok"]
objectives = ["PV-1"]
lead = ["ministry"]
+++
`
	built, items := buildArchive(t, []byte(archive), Options{})
	if built != nil {
		t.Fatal("broken content built")
	}
	var got []string
	for _, d := range items {
		got = append(got, d.String())
	}
	text := strings.Join(got, "\n")
	for _, want := range []string{
		`content/objectives/a.md:4:1: unknown category "prevension" (did you mean "prevention"?)`,
		`content/objectives/a.md:6:`, // unknown lead
		`content/objectives/a.md:8:`, // missing file
		`content/objectives/b.md:2:`, // duplicate id
		`content/objectives/b.md:6:1: unknown key "titel"`,
		`content/organizations/ministry.md:1:1: YAML front matter is not supported`,
		`content/organizations/ok.md:4:`, // unknown objective
		`content/partnerships/p.md:3:`,   // too few members
		`content/partnerships/p.md:5:`,   // lead not a member / unknown
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing diagnostic %q", want)
		}
	}
	// Sorted by path, line, column.
	for i := 1; i < len(items); i++ {
		a, b := items[i-1], items[i]
		if a.Path > b.Path || (a.Path == b.Path && a.Line > b.Line) {
			t.Errorf("diagnostics not sorted: %s before %s", a, b)
		}
	}
	if t.Failed() {
		t.Logf("all diagnostics:\n%s", text)
	}
}

// Whatever a Markdown body holds, the page made from it has no markup that
// could run script (see executableMarkup).
func FuzzMarkdownHasNoScript(f *testing.F) {
	for _, seed := range []string{
		"<script>alert(1)</script>",
		"[x](javascript:alert(1))",
		"![x](data:text/html,<script>alert(1)</script>)",
		"<img src=x onerror=alert(1)>",
		"[x](  JaVaScRiPt:alert(1) )",
		"<a href=\"javascript:alert(1)\">x</a>",
		"```html\n<script>x</script>\n```",
		"[x]: javascript:alert(1)\n\n[x]",
		"<style>body{}</style><iframe src=//evil>",
		"&lt;script&gt; <svg onload=alert(1)>",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "site.toml"), "title = \"T\"\nbase_url = \"https://example.org/\"\n[[categories]]\nkey = \"prevention\"\ntitle = \"Prevention\"\n[[sectors]]\nkey = \"government\"\ntitle = \"Government\"\n")
		writeFile(t, filepath.Join(dir, "about.md"), "+++\ntitle = \"About\"\n+++\n"+body)
		built, _ := Build(Options{Source: dir, Today: today})
		if built == nil {
			return // a body with errors publishes nothing
		}
		if found := executableMarkup(string(built.Files["about/index.html"])); len(found) > 0 {
			t.Fatalf("body %q made executable markup: %v", body, found)
		}
	})
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
