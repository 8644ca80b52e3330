package render

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/themes"
)

// The theme's stylesheets and scripts are published minified: smaller than
// their sources, with their rules and code intact.
func TestAssetsAreMinified(t *testing.T) {
	out, diags := Render(fixture(), themes.Default(), testOptions)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	for _, src := range []string{"css/site.css", "js/search.js"} {
		source, err := fs.ReadFile(themes.Default(), "static/"+src)
		if err != nil {
			t.Fatal(err)
		}
		var published []byte
		for name, data := range out.Files {
			stem := strings.TrimSuffix(src, src[strings.LastIndexByte(src, '.'):])
			if strings.HasPrefix(name, "assets/"+stem+".") {
				published = data
			}
		}
		if published == nil {
			t.Fatalf("%s is not published", src)
		}
		if len(published) >= len(source)*9/10 {
			t.Errorf("%s: published %d bytes from %d; not minified", src, len(published), len(source))
		}
	}
	css := ""
	for name, data := range out.Files {
		if strings.HasPrefix(name, "assets/css/site.") {
			css = string(data)
		}
	}
	for _, rule := range []string{"@media print", ".skip-link", "prefers-color-scheme"} {
		if !strings.Contains(css, rule) {
			t.Errorf("minified CSS lost %q", rule)
		}
	}
}
