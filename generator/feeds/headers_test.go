package feeds

import (
	"strings"
	"testing"
)

// Every page but the embeds is covered by exactly one rule that forbids
// framing; no rule covers an embed.
func TestFrameRules(t *testing.T) {
	paths := []string{"/", "/objectives/", "/objectives/pv-1/", "/embed/objectives/pv-1/", "/about/", "/404.html", "/help/faq/", "/feed.xml"}
	out := string(FrameRules(paths, "/embed/"))
	var rules []string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "/") {
			rules = append(rules, line)
		}
	}
	matches := func(rule, p string) bool {
		if prefix, ok := strings.CutSuffix(rule, "*"); ok {
			return strings.HasPrefix(p, prefix)
		}
		return rule == p
	}
	for _, p := range paths {
		n := 0
		for _, r := range rules {
			if matches(r, p) {
				n++
			}
		}
		want := 1
		if strings.HasPrefix(p, "/embed/") {
			want = 0
		}
		if n != want {
			t.Errorf("%s matches %d rules, want %d:\n%s", p, n, want, out)
		}
	}
	if strings.Count(out, "frame-ancestors 'none'") != len(rules) || strings.Count(out, "X-Frame-Options: DENY") != len(rules) {
		t.Errorf("a rule without both headers:\n%s", out)
	}
}
