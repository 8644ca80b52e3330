package markdown

import (
	"path"
	"slices"
	"strings"
	"testing"
)

func testResolver() *Resolver {
	return NewResolver(map[string]Target{
		"objectives/pv-1.md":   {URL: "/objectives/pv-1/", Anchors: []string{"background", "indicators", "funding"}},
		"organizations/doj.md": {URL: "/organizations/doj/", Anchors: []string{"objectives"}},
		"about.md":             {URL: "/about/"},
		"_index.md":            {URL: "/"},
	}, []string{"objectives/images/x.png", "report.pdf", "odd;name.pdf"})
}

func TestResolve(t *testing.T) {
	cases := []struct {
		from, dest string
		want       string // the URL, or "text" when shown as text
	}{
		{"objectives/pv-1.md", "../organizations/doj.md", "/organizations/doj/"},
		{"objectives/pv-1.md", "../organizations/doj.md#objectives", "/organizations/doj/#objectives"},
		{"objectives/pv-1.md", "pv-1.md#indicators", "/objectives/pv-1/#indicators"},
		{"objectives/pv-1.md", "#background", "#background"},
		{"objectives/pv-1.md", "#", "#"},
		{"about.md", "objectives/pv-1.md", "/objectives/pv-1/"},
		{"about.md", "./_index.md", "/"},
		{"objectives/pv-1.md", "/about.md", "/about/"},
		{"objectives/pv-1.md", "/../about.md", "text"},
		{"objectives/pv-1.md", "../../about.md", "text"},
		{"objectives/pv-1.md", "images/x.png", "/objectives/images/x.png"},
		{"objectives/pv-1.md", "images/%78.png", "/objectives/images/x.png"},
		{"objectives/pv-1.md", "../report.pdf?a=1&b=2", "/report.pdf?a=1&b=2"},
		{"about.md", "odd;name.pdf", "/odd%3Bname.pdf"},
		{"about.md", "https://example.org/x", "https://example.org/x"},
		{"about.md", "HTTPS://example.org/x", "HTTPS://example.org/x"},
		{"about.md", "javascript:alert(1)", "text"},
		{"about.md", " javascript:alert(1)", "text"},
		{"about.md", "java\\script:alert(1)", "text"},
		{"about.md", "&#106;avascript:alert(1)", "text"},
		{"about.md", "javascript&colon;alert(1)", "text"},
		{"about.md", "java\nscript:alert(1)", "text"},
		{"about.md", "data:text/html;base64,PHNjcmlwdD4=", "text"},
		{"about.md", "ftp://example.org", "text"},
		{"about.md", "missing.md", "text"},
		{"about.md", "/contribute/organization/", "/contribute/organization/"},
		{"objectives/pv-1.md", "/coverage/", "/coverage/"},
		{"about.md", "/contribute/nothing/", "text"},
		{"about.md", "contribute/organization/", "text"},
		{"about.md", "about.md#nowhere", "text"},
	}
	r := testResolver()
	for _, tc := range cases {
		res := r.Resolve(tc.from, tc.dest)
		got := res.URL
		if !res.Link {
			got = "text"
		}
		if got != tc.want {
			t.Errorf("Resolve(%q, %q) = %q, want %q (problem %v)", tc.from, tc.dest, got, tc.want, res.Problem)
		}
		if !res.Link && res.Problem == nil {
			t.Errorf("Resolve(%q, %q): shown as text without a diagnostic", tc.from, tc.dest)
		}
	}
}

// A link to a page's address, as copied from the browser, says which file
// to link to instead (with its fragment); a missing file is still one.
func TestLinkToAPageNamesItsFile(t *testing.T) {
	r := testResolver()
	cases := []struct{ from, dest, want string }{
		{"objectives/pv-1.md", "/organizations/doj/", `link "/organizations/doj/" names a page of the site, not a file (link to the file it is made from, "../organizations/doj.md": the link then works on GitHub too)`},
		{"about.md", "objectives/pv-1/#funding", `link "objectives/pv-1/" names a page of the site, not a file (link to the file it is made from, "objectives/pv-1.md#funding": the link then works on GitHub too)`},
		{"objectives/pv-1.md", "/about/index.html", `link "/about/index.html" names a page of the site, not a file (link to the file it is made from, "../about.md": the link then works on GitHub too)`},
		{"about.md", "/organizations/nobody/", `link to missing file "/organizations/nobody/"`},
	}
	for _, c := range cases {
		res := r.Resolve(c.from, c.dest)
		if res.Link || res.Problem == nil {
			t.Errorf("Resolve(%q, %q) made a link", c.from, c.dest)
			continue
		}
		got := res.Problem.Message
		if res.Problem.Hint != "" && strings.Contains(c.want, "(") {
			got += " (" + res.Problem.Hint + ")"
		}
		if got != c.want {
			t.Errorf("Resolve(%q, %q):\n got %s\nwant %s", c.from, c.dest, got, c.want)
		}
	}
}

// A missing image is offered the files near its name, not the pages
// beside it; with none near, where to put it.
func TestMissingFileHints(t *testing.T) {
	r := testResolver()
	cases := []struct{ from, dest, hint string }{
		{"objectives/pv-1.md", "images/y.png", `did you mean "images/x.png"?`},
		{"objectives/pv-1.md", "chart.png", "put the file in the content folder, in a folder of its own such as images/ or documents/, and link to it by its path from here"},
		{"about.md", "chart.png", "known: odd;name.pdf, report.pdf"},
		{"objectives/pv-1.md", "pv-2.md", `did you mean "pv-1.md"?`},
		{"objectives/pv-1.md", "pv-2", "known: pv-1.md"},
	}
	for _, c := range cases {
		res := r.Resolve(c.from, c.dest)
		if res.Problem == nil || res.Problem.Hint != c.hint {
			t.Errorf("Resolve(%q, %q): problem %+v, want the hint %q", c.from, c.dest, res.Problem, c.hint)
		}
	}
}

func TestRelativeTo(t *testing.T) {
	cases := []struct{ dir, target, want string }{
		{".", "objectives/pv-1.md", "objectives/pv-1.md"},
		{"objectives", "objectives/pv-1.md", "pv-1.md"},
		{"objectives", "organizations/doj.md", "../organizations/doj.md"},
		{"help/deep", "about.md", "../../about.md"},
	}
	for _, tc := range cases {
		if got := relativeTo(tc.dir, tc.target); got != tc.want {
			t.Errorf("relativeTo(%q, %q) = %q, want %q", tc.dir, tc.target, got, tc.want)
		}
	}
}

// FuzzResolveLink checks the resolver never panics, never lets through a
// URL whose scheme is not allowed, and never emits a site path that climbs
// with "..".
func FuzzResolveLink(f *testing.F) {
	for _, s := range []string{
		"../organizations/doj.md#objectives", "/about.md", "images/x.png?v=1#a", "#background",
		"javascript:alert(1)", "jav&#x61;script:x", "java\\script:x", " \tJAVASCRIPT:x", "data:,x",
		"//example.org", "https://example.org/../x", "%2e%2e/%2e%2e/x.md", "../../../etc/passwd",
		"a/../../b.md", "\x00javascript:x", "&#0;", "..%2F..%2Fx.md", "#..", "report.pdf#..",
	} {
		f.Add("objectives/pv-1.md", s)
	}
	r := testResolver()
	f.Fuzz(func(t *testing.T, from, dest string) {
		res := r.Resolve(from, dest)
		if !res.Link {
			if res.Problem == nil {
				t.Fatalf("Resolve(%q, %q): text without a diagnostic", from, dest)
			}
			return
		}
		plain := decodeDestination(res.URL)
		if scheme, ok := urlScheme(plain); ok && !slices.Contains(AllowedSchemes, scheme) {
			t.Fatalf("Resolve(%q, %q) = %q: scheme %q", from, dest, res.URL, scheme)
		}
		if res.URL == dest {
			return // kept as written: external or empty
		}
		// A rewritten URL is a site path or a fragment.
		if !strings.HasPrefix(res.URL, "/") && !strings.HasPrefix(res.URL, "#") || strings.HasPrefix(res.URL, "//") {
			t.Fatalf("Resolve(%q, %q) = %q: not a site path", from, dest, res.URL)
		}
		p, _, _ := strings.Cut(plain, "#")
		p, _, _ = strings.Cut(p, "?")
		if slices.Contains(strings.Split(p, "/"), "..") || strings.Contains(strings.ToLower(p), "%2e%2e") || path.Clean(p) != p && p != "" && !strings.HasSuffix(p, "/") {
			t.Fatalf("Resolve(%q, %q) = %q: path climbs", from, dest, res.URL)
		}
	})
}
