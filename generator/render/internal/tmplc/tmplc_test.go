package tmplc

import (
	"reflect"
	"strings"
	"testing"

	texttemplate "github.com/commonagenda/agenda/generator/render/internal/texttemplate"
)

type item struct {
	Title string
	Tags  []string
	Next  *item
	Any   any
	Count int
	ByKey map[string]int
}

func (i item) Upper() string          { return strings.ToUpper(i.Title) }
func (i *item) Pointer() string       { return i.Title }
func (i item) Join(sep string) string { return strings.Join(i.Tags, sep) }

// TestCompile compiles templates of every construct the compiler knows,
// and checks it refuses, rather than guesses at, those it does not.
func TestCompile(t *testing.T) {
	funcs := texttemplate.FuncMap{"shout": func(s string) string { return s + "!" }, "esc": func(args ...any) string { return "" }}
	cases := []struct {
		text   string
		refuse string // "" when it must compile
	}{
		{`{{.Title | esc}}`, ""},
		{`{{if .Tags}}{{range $i, $t := .Tags}}{{if $i}}, {{end}}{{$t | esc}}{{end}}{{else}}none{{end}}`, ""},
		{`{{with .Next}}{{.Title | shout | esc}}{{end}}`, ""},
		{`{{range .ByKey}}{{. | esc}}{{else}}empty{{end}}`, ""},
		{`{{.Upper | esc}}{{.Join ", " | esc}}`, ""},
		{`{{if and .Title (not .Count)}}{{or .Title "x" | esc}}{{end}}`, ""},
		{`{{if eq .Count 1}}one{{end}}{{len .Tags | esc}}{{index .Tags 0 | esc}}`, ""},
		{`{{$x := .Title}}{{$x = "y"}}{{$x | esc}}`, ""},
		{`{{range .Tags}}{{if eq . "a"}}{{break}}{{end}}{{continue}}{{end}}`, ""},
		{`{{.Any.Title | esc}}{{if .Any}}yes{{end}}`, ""},
		{`{{define "t"}}{{.Title | esc}}{{with .Next}}{{template "t" .}}{{end}}{{end}}{{template "t" .}}`, ""},
		{`{{.Pointer | esc}}`, "no field Pointer"},
		{`{{.Count}}`, "printing a int"},
		{`{{call .Any}}`, "call"},
		{`{{.Missing | esc}}`, "no field Missing"},
		{`{{range .Title}}{{end}}`, "range over a string"},
	}
	for _, c := range cases {
		set, err := texttemplate.New("t0").Funcs(funcs).Parse(c.text)
		if err != nil {
			t.Fatalf("%s: %v", c.text, err)
		}
		p := NewProgram(typeOf[item]().PkgPath()) // the test's types are the package's own
		_, err = p.Compile(set, "t0", typeOf[item]())
		switch {
		case c.refuse == "" && err != nil:
			t.Errorf("%s: refused: %v", c.text, err)
		case c.refuse != "" && err == nil:
			t.Errorf("%s: compiled, want refused for %q", c.text, c.refuse)
		case c.refuse != "" && !strings.Contains(err.Error(), c.refuse):
			t.Errorf("%s: refused with %v, want %q", c.text, err, c.refuse)
		}
		if err != nil {
			continue
		}
		if src, err := p.Source("package p\n\n", ""); err != nil {
			t.Errorf("%s: the source is not Go: %v\n%s", c.text, err, src)
		}
	}
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

// TestUnexportedTypesOfOtherPackagesAreRefused: code generated for
// another package cannot name this package's unexported types.
func TestUnexportedTypesOfOtherPackagesAreRefused(t *testing.T) {
	funcs := texttemplate.FuncMap{"esc": func(args ...any) string { return "" }}
	set := texttemplate.Must(texttemplate.New("t0").Funcs(funcs).Parse(`{{.Title | esc}}`))
	if _, err := NewProgram("example.com/p").Compile(set, "t0", typeOf[item]()); err == nil || !strings.Contains(err.Error(), "unexported type") {
		t.Errorf("compiled for another package: %v", err)
	}
	if _, err := NewProgram("example.com/p").KeyFunc(typeOf[item]()); err == nil {
		t.Error("a key function for another package names an unexported type")
	}
}
