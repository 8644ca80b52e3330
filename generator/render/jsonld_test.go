package render

import (
	stdtemplate "html/template"
	"strings"
	"testing"

	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
)

// TestJSONLDIsWhatTheEscaperWrites holds the JSON-LD the renderer
// marshals itself to what html/template writes when it is given the
// value to marshal: byte for byte, hostile text included, so that
// passing it as JS trusts nothing html/template would have escaped.
func TestJSONLDIsWhatTheEscaperWrites(t *testing.T) {
	r := newRenderer(hostileFixture(), Options{BaseURL: "https://example.org/"})
	hostile := []string{
		`</script><script>alert(1)</script>`, "<!-- -->", "]]>", `"quoted" \ back`, "\u2028\u2029", "\xff\xfe",
		"tab\tline\n", "ok", "",
	}
	tmpl := stdtemplate.Must(stdtemplate.New("").Parse(`<script type="application/ld+json">{{.}}</script>`))
	for _, s := range hostile {
		m := Meta{Title: s, Description: s, Canonical: "https://example.org/" + s,
			Breadcrumbs: []Crumb{{Title: s, URL: "/" + s}, {Title: s}}}
		node := ldNode{Type: "NGO", Name: s, URL: s, Description: s, Address: s,
			Member: []ldNode{{Type: "Organization", Name: s}}, IsPartOf: &ldNode{Type: "WebSite", Name: s}}
		got, ok := r.jsonLD(m, node).(template.JS)
		if !ok {
			t.Fatalf("%q: jsonLD gave %T, not JS", s, r.jsonLD(m, node))
		}
		var want strings.Builder
		if err := tmpl.Execute(&want, r.ldGraph(m, node)); err != nil {
			t.Fatal(err)
		}
		if g := `<script type="application/ld+json">` + string(got) + `</script>`; g != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, g, want.String())
		}
		if strings.Contains(strings.ToLower(string(got)), "</script") || strings.Contains(string(got), "<!--") {
			t.Errorf("%q: the JSON-LD can close its element: %s", s, got)
		}
	}
}
