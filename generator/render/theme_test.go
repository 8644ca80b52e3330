package render

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/themes"
)

// themeWith is the default theme with some files replaced (or removed,
// when the content is empty).
func themeWith(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(themes.Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if text == "" {
			delete(m, name)
		} else {
			m[name] = &fstest.MapFile{Data: []byte(text)}
		}
	}
	return m
}

func TestTemplateErrorsAreDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // the diagnostic, as printed
		// still is a page that must render despite the error.
		still string
	}{
		{
			name:  "parse error",
			files: map[string]string{"layouts/sector.html": "{{template \"base\" .}}\n{{define \"main\"}}\n  <p>{{- if}}{{end}}"},
			want:  "layouts/sector.html:3:6: missing value for if",
			still: "sectors/index.html",
		},
		{
			name:  "execution error",
			files: map[string]string{"layouts/objective.html": "{{template \"base\" .}}\n{{define \"main\"}}\n<p>{{.Nope}}</p>{{end}}"},
			want:  `layouts/objective.html:3:5: executing "main" at <.Nope>: can't evaluate field Nope in type render.ObjectiveView`,
			still: "objectives/index.html",
		},
		{
			name:  "unknown function",
			files: map[string]string{"layouts/page.html": "{{template \"base\" .}}\n{{define \"main\"}}{{shout .Title}}{{end}}"},
			want:  `layouts/page.html:2:20: function "shout" not defined`,
			still: "index.html",
		},
		{
			name:  "missing template",
			files: map[string]string{"layouts/partnership.html": ""},
			want:  "layouts/partnership.html: missing template: the theme must provide layouts/partnership.html",
			still: "partnerships/index.html",
		},
		{
			name:  "unknown asset",
			files: map[string]string{"layouts/404.html": "{{template \"base\" .}}\n{{define \"main\"}}\n{{asset \"css/site.cs\"}}{{end}}"},
			want:  `layouts/404.html:3:2: executing "main" at <asset "css/site.cs">: error calling asset: unknown asset "css/site.cs" (did you mean "css/site.css"?)`,
			still: "index.html",
		},
		{
			name:  "broken base fails every page",
			files: map[string]string{"layouts/base.html": "{{define \"base\"}}{{range}}{{end}}"},
			want:  "layouts/base.html:1:18: missing value for range",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, diags := Render(fixture(), themeWith(t, tt.files), testOptions)
			var got []string
			for _, d := range diags.Items() {
				got = append(got, d.String())
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
			if tt.still != "" && out.Files[tt.still] == nil {
				t.Errorf("%s not rendered after an error in another template", tt.still)
			}
		})
	}
}

func TestThemeDirPrefixesDiagnostics(t *testing.T) {
	theme := themeWith(t, map[string]string{"layouts/home.html": ""})
	_, diags := Render(fixture(), theme, Options{BaseURL: "https://example.org/", ThemeDir: "themes/mine"})
	items := diags.Items()
	if len(items) != 1 || items[0].Pos != (diag.Pos{Path: "themes/mine/layouts/home.html"}) {
		t.Errorf("diagnostics: %v", items)
	}
}

func TestDuplicatePathIsAnError(t *testing.T) {
	s := fixture()
	s.Pages[0].Aliases = []string{"/objectives/pv-1/"} // an alias over a real page
	s.Pages[0].Doc.Keys = model.NewKeys(map[string]diag.Pos{"aliases.0": {Path: "content/about.md", Line: 3, Col: 11}})
	out, diags := Render(s, themes.Default(), testOptions)
	items := diags.Items()
	if len(items) != 1 || items[0].String() != `content/about.md:3:11: alias "/objectives/pv-1/" is already used by objective "PV-1" (choose another alias)` {
		t.Errorf("diagnostics: %v", items)
	}
	if !strings.Contains(string(out.Files["objectives/pv-1/index.html"]), "<h1>") {
		t.Errorf("the objective page was replaced by the redirect")
	}
}
