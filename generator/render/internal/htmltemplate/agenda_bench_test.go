// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	stdtemplate "html/template"
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

func benchPlural(n int, one, many string) string { return one }

// BenchmarkAgendaActions executes a list item shaped like the theme's
// (text, attribute and URL actions, numbers, a range, a with, a method
// and a function) with values that need no escaping ("clean") and
// values that do ("dirty"), through this copy and through the standard
// library, in turns, so that a busy machine slows both alike:
//
//	go test ./generator/render/internal/htmltemplate -run '^$' -bench AgendaActions -count 10 >bench.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /impl bench.txt
func BenchmarkAgendaActions(b *testing.B) {
	cases := []struct {
		name, src string
		data      *benchItem
	}{
		{"clean", `<li><a href="{{.URL}}">{{.Title}}</a> <span class="x">{{.Summary}}</span>` +
			`<text x="{{.N}}" y="{{.N}}">{{.N}}</text>` +
			`{{range .Tags}}<a class="tag {{.Class}}" href="{{.URL}}">{{.Label}}</a>{{end}}` +
			`{{with .Summary}}<p>{{.}}</p>{{end}}{{.Upper}}{{plural 1 "a" "b"}}</li>`,
			&benchItem{Title: "Organization 1234 Title", URL: "/organizations/org-1234/", Summary: "A summary of things", N: 12.5,
				Tags: []benchTag{{"Prevention", "tag--p0", "/categories/prevention/"}, {"Business", "tag--s1", "/sectors/business/"}}}},
		{"dirty", `<p title="{{.Title}}">{{.Summary}}</p><a href="/q?x={{.URL}}">{{.Title}}</a>`,
			&benchItem{Title: `Ünïcode & "quotes" <b>`, URL: "a b&c=d", Summary: `Tom & Jerry's <cartoon>`}},
	}
	for _, c := range cases {
		b.Run("case="+c.name+"/impl=agenda", func(b *testing.B) {
			benchExecute(b, Must(New("t").Funcs(FuncMap{"plural": benchPlural}).Parse(c.src)), c.data)
		})
		b.Run("case="+c.name+"/impl=std", func(b *testing.B) {
			benchExecute(b, stdtemplate.Must(stdtemplate.New("t").Funcs(stdtemplate.FuncMap{"plural": benchPlural}).Parse(c.src)), c.data)
		})
	}
}

func benchExecute(b *testing.B, t interface{ Execute(io.Writer, any) error }, data any) {
	b.ReportAllocs()
	for b.Loop() {
		if err := t.Execute(io.Discard, data); err != nil {
			b.Fatal(err)
		}
	}
}
