package feeds

import (
	"slices"
	"strings"
)

// FrameRules are the host's header rules (Netlify's and Cloudflare's
// _headers file) that forbid other sites to frame the site's pages, all
// but those under embeds ("/embed/"), which are made to be framed.
//
// A host joins the values of every rule a path matches, so a rule that
// forbids framing may not cover the embeds at all: there is one rule a
// top-level folder of paths ("/objectives/*") and one a top-level page
// ("/", "/404.html"), computed from paths, every path of the site. The
// rest of the policy (netlify.toml's rule for every path) needs no
// exception and stays there.
func FrameRules(paths []string, embeds string) []byte {
	var rules []string
	framed := "/" + strings.Trim(embeds, "/") + "/*" // embeds is a top-level folder
	seen := map[string]bool{}
	for _, p := range paths {
		rule := p
		if top, rest, nested := strings.Cut(strings.TrimPrefix(p, "/"), "/"); nested || rest != "" {
			rule = "/" + top + "/*"
		}
		if rule == framed || !strings.HasPrefix(rule, "/") || seen[rule] {
			continue
		}
		seen[rule] = true
		rules = append(rules, rule)
	}
	slices.Sort(rules)
	var b strings.Builder
	b.WriteString("# Made by agenda build: no page may be framed by another site, but the\n")
	b.WriteString("# cards under " + embeds + ", which are made for it.\n")
	for _, r := range rules {
		b.WriteString(r + "\n  Content-Security-Policy: frame-ancestors 'none'\n  X-Frame-Options: DENY\n")
	}
	return []byte(b.String())
}
