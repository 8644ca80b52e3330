package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/commonagenda/agenda/generator/index"
	"github.com/commonagenda/agenda/generator/site"
)

// netlifyConfig is the part of netlify.toml the site depends on.
type netlifyConfig struct {
	Build struct {
		Command     string
		Publish     string
		Environment map[string]string
	}
	Context map[string]struct{ Command string }
	Headers []struct {
		For    string
		Values map[string]string
	}
}

func TestNetlifyConfig(t *testing.T) {
	var c netlifyConfig
	if _, err := toml.DecodeFile("../../netlify.toml", &c); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	if !strings.HasPrefix(c.Build.Command, "go run ./cmd/agenda build ") || c.Build.Publish != "public" {
		t.Errorf("build: %q into %q", c.Build.Command, c.Build.Publish)
	}
	goMod, _ := os.ReadFile("../../go.mod")
	goLine := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(goMod)
	if v := c.Build.Environment["GO_VERSION"]; goLine == nil || !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(v) || !strings.HasPrefix(v, string(goLine[1])+".") {
		t.Errorf("GO_VERSION %q is not a pinned release of go.mod's Go", v)
	}
	if cmd := c.Context["deploy-preview"].Command; !strings.Contains(cmd, `--base-url "$DEPLOY_PRIME_URL"`) {
		t.Errorf("deploy previews are not built for their own address: %q", cmd)
	}

	all := map[string]string{}
	var longCached []string
	for _, h := range c.Headers {
		if h.For == "/*" {
			all = h.Values
		}
		if cc, ok := h.Values["Cache-Control"]; ok {
			if !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
				t.Errorf("Cache-Control %q for %s: only content-hashed files get a rule, cached for good", cc, h.For)
			}
			longCached = append(longCached, h.For)
		}
	}
	checkLongCache(t, longCached)
	// Two policies, both enforced: only the site itself, and scripts only
	// from the theme's folder (generator/site's TestScriptOutsideAssetsBlocked
	// shows Chromium enforcing both).
	policies := strings.Split(all["Content-Security-Policy"], ",")
	if len(policies) != 2 {
		t.Fatalf("Content-Security-Policy has %d policies, want 2: %q", len(policies), all["Content-Security-Policy"])
	}
	site, scripts := strings.TrimSpace(policies[0]), strings.TrimSpace(policies[1])
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'"} {
		if !strings.Contains(site, want) {
			t.Errorf("Content-Security-Policy lacks %s", want)
		}
	}
	// Framing is forbidden by the site's own _headers, path by path, so
	// that the embeddable cards can be framed (generator/site's
	// TestEmbedInFrame): a rule for every path here would forbid them too.
	if strings.Contains(all["Content-Security-Policy"], "frame-ancestors") || all["X-Frame-Options"] != "" {
		t.Errorf("netlify.toml's rule for every path forbids framing: the cards under /embed/ could not be framed")
	}
	if strings.Contains(site, "unsafe-") || strings.Contains(site, "*") || strings.Contains(site, "http:") {
		t.Errorf("Content-Security-Policy is not strict: %s", site)
	}
	for _, source := range strings.Fields(strings.TrimPrefix(scripts, "script-src ")) {
		if !strings.HasPrefix(scripts, "script-src ") || !strings.HasSuffix(source, "/assets/js/") {
			t.Errorf("second policy %q allows scripts beyond /assets/js/", scripts)
		}
	}
	want := map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}
	for k, v := range want {
		if all[k] != v {
			t.Errorf("%s = %q, want %q", k, all[k], v)
		}
	}
	if pp := all["Permissions-Policy"]; !strings.Contains(pp, "camera=()") || !strings.Contains(pp, "geolocation=()") {
		t.Errorf("Permissions-Policy %q", pp)
	}
}

// hashedName matches file names that carry their content's hash: the
// theme's assets (site.1a2b3c4d.css) and the search index's chunks
// (terms-1a2b3c4d.json, docs-3-ab12.json).
var hashedName = regexp.MustCompile(`[.-][0-9a-zA-Z_-]{4,}\.[a-z]+$`)

// checkLongCache builds the bundled strategy and checks the long-lived
// cache rules against its files: fingerprinted assets and search chunks
// are covered, and nothing whose content can change under the same name
// (pages, feeds, the search manifest) is.
func checkLongCache(t *testing.T, patterns []string) {
	t.Helper()
	built, diags := site.Build(site.Options{Source: "../../content"})
	if built == nil {
		t.Fatalf("bundled content does not build: %v", diags.Items())
	}
	matches := func(file string) bool {
		for _, p := range patterns {
			if prefix, ok := strings.CutSuffix(p, "*"); ok && strings.HasPrefix("/"+file, prefix) {
				return true
			}
		}
		return false
	}
	covered := map[string]bool{}
	for file := range built.Files {
		long := matches(file)
		mustBeLong := strings.HasPrefix(file, "assets/") || strings.HasPrefix(file, index.ChunkDir)
		switch {
		case mustBeLong && !long:
			t.Errorf("%s is content-hashed but not cached long", file)
		case long && !mustBeLong, long && !hashedName.MatchString(file):
			t.Errorf("%s is cached for a year although its content can change under that name", file)
		}
		if long {
			covered[strings.SplitN(file, "/", 2)[0]] = true
		}
	}
	if !covered["assets"] || !covered["search"] {
		t.Errorf("long cache rules cover %v, want assets and search chunks", covered)
	}
	if matches(index.ManifestPath) {
		t.Error("the search manifest is cached long; it must be revalidated on every visit")
	}
}
