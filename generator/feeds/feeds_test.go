package feeds

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
)

func TestSitemap(t *testing.T) {
	got := Sitemap(base, []SitemapEntry{
		{Path: "/organizations/doj/", Updated: date(2025, 3, 1)},
		{Path: "/"},
		{Path: "/a&b/"},
		{Path: "/objectives/pv-1/", Updated: date(2025, 4, 1)},
	})
	var set struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(got, &set); err != nil {
		t.Fatalf("sitemap does not parse: %v\n%s", err, got)
	}
	if set.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || set.XMLName.Local != "urlset" {
		t.Errorf("root = %v, want sitemap urlset", set.XMLName)
	}
	want := [][2]string{
		{base, ""},
		{base + "a&b/", ""},
		{base + "objectives/pv-1/", "2025-04-01"},
		{base + "organizations/doj/", "2025-03-01"},
	}
	var have [][2]string
	for _, u := range set.URLs {
		have = append(have, [2]string{u.Loc, u.LastMod})
	}
	if !slices.Equal(have, want) {
		t.Errorf("sitemap urls =\n%q\nwant\n%q", have, want)
	}
	if !bytes.HasPrefix(got, []byte(xml.Header)) || !bytes.HasSuffix(got, []byte("</urlset>\n")) {
		t.Errorf("sitemap lacks the XML declaration or final newline:\n%s", got)
	}
	if bytes.Contains(got, []byte("<lastmod></lastmod>")) {
		t.Errorf("empty lastmod written for an unknown date:\n%s", got)
	}
}

func TestRobots(t *testing.T) {
	want := "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sub/sitemap.xml\n"
	if got := string(Robots(base)); got != want {
		t.Errorf("Robots =\n%s\nwant\n%s", got, want)
	}
}

func TestRedirects(t *testing.T) {
	want := strings.Join([]string{
		"/about-us.html /about/ 301",
		"/objectives/pv-1.2 /objectives/pv-1.2/ 301", // "/objectives/pv-1.2/" itself would loop
		"/old/pv12 /objectives/pv-1.2/ 301",
		"/old/pv12/ /objectives/pv-1.2/ 301",
		"/orgs/doj /organizations/doj/ 301",
		"/orgs/doj/ /organizations/doj/ 301",
	}, "\n") + "\n"
	if got := string(Redirects(fixture(), "https://example.org/")); got != want {
		t.Errorf("Redirects =\n%s\nwant\n%s", got, want)
	}
}

func TestRedirectsCannotInjectRules(t *testing.T) {
	s := fixture()
	s.Organizations[1].Aliases = []string{"/x https://evil.example 200!", "  ", "/", "/a\nb", "/q?x=1#f"}
	got := string(Redirects(s, "https://example.org/"))
	for line := range strings.Lines(got) {
		if f := strings.Fields(line); len(f) != 3 || f[2] != "301" || !strings.HasPrefix(f[0], "/") {
			t.Errorf("rule %q is not \"/alias /target 301\"", line)
		}
	}
	for _, want := range []string{
		"/x%20https:/evil.example%20200%21/ /organizations/sl/ 301\n",
		"/a%0Ab/ /organizations/sl/ 301\n",
		"/q%3Fx=1%23f/ /organizations/sl/ 301\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Redirects lacks %q:\n%s", want, got)
		}
	}
}

func TestRedirectsUnderSubPath(t *testing.T) {
	got := string(Redirects(fixture(), "https://example.org/strategy/"))
	for _, want := range []string{
		"/strategy/old/pv12/ /strategy/objectives/pv-1.2/ 301\n",
		"/strategy/about-us.html /strategy/about/ 301\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Redirects lacks %q:\n%s", want, got)
		}
	}
}
