package site_test

import (
	"bytes"
	"fmt"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/internal/browsertest"

	"golang.org/x/net/html"
)

// siteLinks are the links and resources of one HTML page: every href,
// src and form action. Absolute links on <a> are left out: they come from
// front matter (websites) and may share the placeholder base URL's host
// without being part of the site; <link> elements (canonical, feed) with
// absolute URLs stay in.
func siteLinks(data []byte) ([]string, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var out []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			external := n.Data == "a" && (strings.HasPrefix(a.Val, "https:") || strings.HasPrefix(a.Val, "http:"))
			if (a.Key == "href" || a.Key == "src" || a.Key == "action") && !external {
				out = append(out, a.Val)
			}
		}
	}
	return out, nil
}

// pageIDs are the ids a fragment can point at in a page.
func pageIDs(data []byte) map[string]bool {
	ids := map[string]bool{}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return ids
	}
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if a.Key == "id" {
				ids[a.Val] = true
			}
		}
	}
	return ids
}

// checkLinks returns a problem for every link in files to a path of the
// site (relative, root-relative or under base) that names no file, and
// every #fragment that names no id in its target page.
func checkLinks(files map[string][]byte, base string) []string {
	var problems []string
	ids := map[string]map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if path.Ext(name) != ".html" {
			continue
		}
		links, err := siteLinks(files[name])
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		self, _ := url.Parse(strings.TrimSuffix("/"+name, "index.html"))
		for _, link := range links {
			if strings.HasPrefix(link, base) {
				link = "/" + strings.TrimPrefix(link, base)
			}
			u, err := url.Parse(link)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: bad link %q: %v", name, link, err))
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue // another site, mailto:, tel:
			}
			target := self.ResolveReference(u)
			file := browsertest.File(target.Path)
			data, ok := files[file]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: link %q: no %s in the output", name, link, file))
				continue
			}
			if u.Fragment == "" || path.Ext(file) != ".html" {
				continue
			}
			if ids[file] == nil {
				ids[file] = pageIDs(data)
			}
			if !ids[file][u.Fragment] {
				problems = append(problems, fmt.Sprintf("%s: link %q: no id %q in %s", name, link, u.Fragment, file))
			}
		}
	}
	return problems
}

func TestLinkCheckerFindsBrokenLinks(t *testing.T) {
	files := map[string][]byte{
		"index.html":       []byte(`<a href="/a/">a</a><a href="a/#top">top</a><a href="/a/#nowhere">x</a><a href="/gone/">y</a><link rel="canonical" href="https://example.org/a/"><link rel="alternate" href="https://example.org/b/"><a href="https://example.org/c/">website</a><a href="https://other.org/b/">other</a><a href="mailto:x@example.org">m</a>`),
		"a/index.html":     []byte(`<h2 id="top">Top</h2><img src="../img.png" alt=""><a href="../">up</a>`),
		"img.png":          []byte("png"),
		"data/x.json":      []byte("{}"),
		"b/c/index.html":   []byte(`<a href="../../data/x.json">data</a><form action="/search/"></form>`),
		"search/item.html": []byte(``),
	}
	got := checkLinks(files, "https://example.org/")
	want := []string{
		`b/c/index.html: link "/search/": no search/index.html in the output`,
		`index.html: link "/a/#nowhere": no id "nowhere" in a/index.html`,
		`index.html: link "/gone/": no gone/index.html in the output`,
		`index.html: link "/b/": no b/index.html in the output`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("checkLinks =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBundledSiteLinksResolve builds the example strategy and follows
// every internal link, resource and anchor of every page, and every page
// the sitemap lists.
func TestBundledSiteLinksResolve(t *testing.T) {
	s, built := bundled(t)
	base := s.Site.BaseURL
	for _, p := range checkLinks(built.Files, base) {
		t.Error(p)
	}
	locs := regexp.MustCompile(`<loc>([^<]+)</loc>`).FindAllSubmatch(built.Files["sitemap.xml"], -1)
	if len(locs) < 100 {
		t.Errorf("sitemap lists %d pages, want the whole example", len(locs))
	}
	for _, m := range locs {
		loc := html.UnescapeString(string(m[1]))
		if _, ok := built.Files[browsertest.File(strings.TrimPrefix(loc, strings.TrimSuffix(base, "/")))]; !ok {
			t.Errorf("sitemap.xml lists %s, which is not in the output", loc)
		}
	}
}

// TestAssetBudget keeps the CSS and JavaScript each page loads, the
// theme's fingerprinted files its <link> and <script> elements name,
// under 40 KB together: a script only some pages need (search, the forms)
// is loaded by those pages alone.
func TestAssetBudget(t *testing.T) {
	_, built := bundled(t)
	const budget = 40 << 10
	fingerprinted := regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js)$`)
	n := 0
	for name := range built.Files {
		if fingerprinted.MatchString(name) {
			n++
		}
	}
	if n < 2 {
		t.Fatalf("found %d fingerprinted CSS and JS files, want the stylesheet and the search script at least", n)
	}
	loads := regexp.MustCompile(`(?:href|src)="/(assets/[^"]+\.(?:css|js))"`)
	most, heaviest := 0, ""
	for name, data := range built.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		total := 0
		for _, m := range loads.FindAllSubmatch(data, -1) {
			total += len(built.Files[string(m[1])])
		}
		if total > budget {
			t.Errorf("%s loads %d bytes of CSS and JS, over the budget of %d", name, total, budget)
		}
		if total > most || total == most && name < heaviest {
			most, heaviest = total, name
		}
	}
	t.Logf("CSS and JS: at most %d of %d bytes a page (%s)", most, budget, heaviest)
}
