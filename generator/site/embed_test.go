package site_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/internal/browsertest"
)

// Each objective has a card at /embed/objectives/<id>/ that needs no
// script, and its page gives the code to show it elsewhere.
func TestEmbedCard(t *testing.T) {
	_, built := bundled(t)
	card := string(built.Files["embed/objectives/pv-1/index.html"])
	for _, want := range []string{
		`<meta name="robots" content="noindex">`,
		`<link rel="canonical" href="https://example.org/objectives/pv-1/">`,
		`target="_blank" rel="noopener"><span class="objective-id">PV-1</span>`,
		`class="key-figures"`,
		`<p class="item__title">Employers certified under the fair recruitment standard: `,
		`<div class="site-notice" role="note" aria-label="About this site"><p class="container">Example content`,
	} {
		if !strings.Contains(card, want) {
			t.Errorf("the card lacks %s", want)
		}
	}
	if strings.Contains(card, "<script") || strings.Contains(card, "site-nav") {
		t.Error("the card carries a script or the site's navigation")
	}
	for _, link := range regexp.MustCompile(`<a [^>]*>`).FindAllString(card, -1) {
		if !strings.Contains(link, `target="_blank"`) && !strings.Contains(link, `href="#`) {
			t.Errorf("a link of the card would open inside the frame, which refuses it: %s", link)
		}
	}
	page := string(built.Files["objectives/pv-1/index.html"])
	if !strings.Contains(page, `value="&lt;iframe src=&#34;https://example.org/embed/objectives/pv-1/&#34; title=&#34;PV-1 `) {
		t.Error("the objective's page does not give the embed code")
	}
	if strings.Contains(string(built.Files["sitemap.xml"]), "/embed/") {
		t.Error("cards are in the sitemap")
	}
	rules := string(built.Files["_headers"])
	if !strings.Contains(rules, "/objectives/*\n  Content-Security-Policy: frame-ancestors 'none'") || strings.Contains(rules, "\n/embed") {
		t.Errorf("_headers:\n%s", rules)
	}
}

// The card shows inside a frame of another site, served as the host
// serves the site (netlify.toml's policy and the site's _headers); the
// objective's own page, the home page and the 404 page are refused.
func TestEmbedInFrame(t *testing.T) {
	if testing.Short() {
		t.Skip("browser checks are slow; skipped in -short mode")
	}
	browsertest.Need(t, browsertest.Browser...)
	_, built := bundled(t)
	site := httptest.NewServer(browsertest.StaticHost(built.Files))
	defer site.Close()
	frames := []string{site.URL + "/embed/objectives/pv-1/", site.URL + "/objectives/pv-1/", site.URL + "/", site.URL + "/404.html"}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		var b strings.Builder
		b.WriteString(`<!DOCTYPE html><html lang="en"><head><title>Another site</title></head><body>`)
		for _, f := range frames {
			b.WriteString(`<iframe src="` + f + `" width="600" height="400"></iframe>`)
		}
		b.WriteString(`</body></html>`)
		w.Write([]byte(b.String()))
	}))
	defer other.Close()
	if strings.Split(site.URL, ":")[2] == strings.Split(other.URL, ":")[2] {
		t.Fatal("the two sites share an origin")
	}
	out := browsertest.Output(t, "frames.mjs", other.URL)
	var shown map[string]string
	if err := json.Unmarshal(out, &shown); err != nil {
		t.Fatalf("frames.mjs: %v\n%s", err, out)
	}
	if h1 := shown[frames[0]]; !strings.Contains(h1, "PV-1") {
		t.Errorf("the card does not show in a frame of another site: %q", h1)
	}
	for _, f := range frames[1:] {
		if h1 := shown[f]; h1 != "" {
			t.Errorf("%s shows in a frame of another site (%q)", f, h1)
		}
	}
}
