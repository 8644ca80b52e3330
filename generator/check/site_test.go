package check

import "testing"

func TestSite(t *testing.T) {
	tests := []struct {
		name, site string
		want       []string
	}{
		{"valid", "", nil},
		{"bad addresses and currency", `
title = "S"
base_url = "example.org"
repository = "git@github.com:o/r"
currency = "usd"
page_size = 0
[[categories]]
key = "p"
title = "P"
[[sectors]]
key = "g"
title = "G"
`, []string{
			`content/site.toml:2:1: base_url "example.org" must start with http:// or https:// (like "https://example.org/")`,
			`content/site.toml:3:1: repository "git@github.com:o/r" is not a valid address (like "https://github.com/OWNER/REPO")`,
			`content/site.toml:4:1: currency "usd" must be three upper-case letters (did you mean "USD"?)`,
			`content/site.toml:5:1: page_size must be 1 or more, got 0`,
		}},
		{"a currency no one uses", `
title = "S"
base_url = "https://example.org/"
currency = "USS"
categories = [{key = "p", title = "P"}]
sectors = [{key = "g", title = "G"}]
`, []string{
			`content/site.toml:3:1: warning: currency "USS" is not an ISO 4217 code this version knows (the open data files name it as it is) (did you mean "USD"?)`,
		}},
		{"a currency of few", `
title = "S"
base_url = "https://example.org/"
currency = "XCG"
categories = [{key = "p", title = "P"}]
sectors = [{key = "g", title = "G"}]
`, nil},
		{"giving prefix", `
title = "S"
base_url = "https://example.org/"
giving_prefix = "GB-COH-123"
categories = [{key = "p", title = "P"}]
sectors = [{key = "g", title = "G"}]
`, []string{
			`content/site.toml:3:1: giving_prefix "GB-COH-123" is not a 360Giving prefix: it starts with 360G- and holds only letters, digits and hyphens (the prefix 360Giving gave you, like "360G-example")`,
		}},
		{"base_url with a query", `
title = "S"
base_url = "https://example.org/?x=1"
categories = [{key = "p", title = "P"}]
sectors = [{key = "g", title = "G"}]
`, []string{
			`content/site.toml:2:1: base_url "https://example.org/?x=1" must not have a query or fragment`,
		}},
		{"bad and repeated keys", `
title = "S"
base_url = "https://example.org/"
sectors = []
[[categories]]
key = "Prevention"
title = "P"
[[categories]]
key = "Prevention"
title = "P"
`, []string{
			`content/site.toml:3:1: no sectors defined (add [[sectors]] tables with key and title)`,
			`content/site.toml:5:1: category key "Prevention" must be lower-case letters, digits and hyphens (did you mean "prevention"?)`,
			`content/site.toml:8:1: category key "Prevention" must be lower-case letters, digits and hyphens (did you mean "prevention"?)`,
			`content/site.toml:8:1: duplicate category key "Prevention" (first in content/site.toml:5:1)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive := ""
			if tt.site != "" {
				archive = "-- content/site.toml --" + tt.site
			}
			assertLines(t, diagnostics(build(t, archive)), tt.want)
		})
	}
}
