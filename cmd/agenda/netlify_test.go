package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
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
	cacheRules := 0
	for _, h := range c.Headers {
		if h.For == "/*" {
			all = h.Values
		}
		if cc, ok := h.Values["Cache-Control"]; ok {
			cacheRules++
			if h.For != "/assets/*" || !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
				t.Errorf("Cache-Control %q for %s: only fingerprinted assets are cached long, and no rule may overlap another", cc, h.For)
			}
		}
	}
	if cacheRules == 0 {
		t.Error("fingerprinted assets are not cached")
	}
	csp := all["Content-Security-Policy"]
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy lacks %s", want)
		}
	}
	if strings.Contains(csp, "unsafe-") || strings.Contains(csp, "*") || strings.Contains(csp, "http:") {
		t.Errorf("Content-Security-Policy is not strict: %s", csp)
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
