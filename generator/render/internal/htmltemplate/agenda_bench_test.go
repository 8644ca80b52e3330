// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"io"
	"testing"
)

type benchItem struct {
	Title, URL, Summary string
	N                   float64
	Tags                []benchTag
}

type benchTag struct{ Label, Class, URL string }

func (b benchItem) Upper() string { return b.Title }

// BenchmarkAgendaActions executes a list item shaped like the theme's:
// text, attribute and URL actions, numbers, a range, a with, a method and
// a function. Compare with the standard library by running it on a
// checkout without this copy's changes:
//
//	go test ./generator/render/internal/htmltemplate -run '^$' -bench AgendaActions -benchmem
func BenchmarkAgendaActions(b *testing.B) {
	t := Must(New("t").Funcs(FuncMap{"plural": func(n int, one, many string) string { return one }}).Parse(
		`<li><a href="{{.URL}}">{{.Title}}</a> <span class="x">{{.Summary}}</span>` +
			`<text x="{{.N}}" y="{{.N}}">{{.N}}</text>` +
			`{{range .Tags}}<a class="tag {{.Class}}" href="{{.URL}}">{{.Label}}</a>{{end}}` +
			`{{with .Summary}}<p>{{.}}</p>{{end}}{{.Upper}}{{plural 1 "a" "b"}}</li>`))
	d := &benchItem{Title: "Organization 1234 Title", URL: "/organizations/org-1234/", Summary: "A summary of things", N: 12.5,
		Tags: []benchTag{{"Prevention", "tag--p0", "/categories/prevention/"}, {"Business", "tag--s1", "/sectors/business/"}}}
	b.ReportAllocs()
	for b.Loop() {
		if err := t.Execute(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
