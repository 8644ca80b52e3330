package render

import "testing"

// TestDataPageStandards: /data/ links each file in an open standard's
// format and its standard, and says the 360Giving prefix is a
// placeholder.
func TestDataPageStandards(t *testing.T) {
	got := file(t, build(t, fixture()), "data/index.html")
	assertContains(t, "data/index.html", got,
		`<a href="/data/360giving.json">360giving.json</a>`,
		`<a href="/data/360giving.csv">360giving.csv</a>`,
		`<a href="/data/hsds/organizations.json">hsds/organizations.json</a>`,
		`<a href="/data/datapackage.json">datapackage.json</a>`,
		`href="https://standard.threesixtygiving.org/"`,
		`href="https://docs.openreferral.org/"`,
		`href="https://datapackage.org/"`,
		`<strong>The prefix <code>360G-agenda</code> is a placeholder, not registered with 360Giving.</strong>`,
		`<code>d74b4585-0308-5683-9c93-3ef110a68a25</code>`,
		`<th scope="row"><code>Recipient Org:Identifier</code></th>`,
		`version 1.4`, `version 3.0`,
	)
}
