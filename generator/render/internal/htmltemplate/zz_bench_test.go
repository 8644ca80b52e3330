package template

import (
	"io"
	"testing"
)

type zzItem struct {
	Title, URL, Summary string
	N                   float64
	Tags                []zzTag
}
type zzTag struct{ Label, Class, URL string }

func (z zzItem) Upper() string { return z.Title }

func BenchmarkZZActions(b *testing.B) {
	t := Must(New("t").Funcs(FuncMap{"plural": func(n int, a, b string) string { return a }}).Parse(`<li><a href="{{.URL}}">{{.Title}}</a> <span class="x">{{.Summary}}</span><text x="{{.N}}" y="{{.N}}">{{.N}}</text>{{range .Tags}}<a class="tag {{.Class}}" href="{{.URL}}">{{.Label}}</a>{{end}}{{with .Summary}}<p>{{.}}</p>{{end}}{{.Upper}}{{plural 1 "a" "b"}}</li>`))
	d := &zzItem{Title: "Organization 1234 Title", URL: "/organizations/org-1234/", Summary: "A summary of things", N: 12.5, Tags: []zzTag{{"Prevention", "tag--p0", "/categories/prevention/"}, {"Business", "tag--s1", "/sectors/business/"}}}
	b.ReportAllocs()
	for b.Loop() {
		t.Execute(io.Discard, d)
	}
}
