// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	stdtemplate "text/template"
)

// The changes in this copy (direct calls of func(...any) string, member
// lookups remembered per type, strings printed without fmt) must not
// change any output or error. These cases run every template through the
// standard library and through this copy and compare.

type agendaInner struct {
	Shared string
	Deep   string
}

func (agendaInner) Promoted() string { return "promoted" }

type agendaData struct {
	agendaInner
	Name    string
	Shared  string // shadows agendaInner.Shared
	Num     float64
	Ptr     *agendaData
	Any     any
	List    []string
	Map     map[string]int
	Fn      func() string
	private string
}

func (d agendaData) Value() string               { return "value:" + d.Name }
func (d *agendaData) Pointer() string            { return "pointer:" + d.Name }
func (d agendaData) Args(a string, n int) string { return fmt.Sprint(a, n) }
func (d agendaData) Fails() (string, error)      { return "", errors.New("it failed") }
func (d agendaData) Variadic(xs ...any) string   { return fmt.Sprint(len(xs), xs) }

// agendaOther has fields of agendaData's names at other indexes, so a
// template run on both must not reuse where it found them.
type agendaOther struct {
	A, B, C string
	Num     int
	Name    string
	Ptr     *agendaOther
}

func (agendaOther) Value() string { return "other value" }

type agendaStringer struct{ s string }

func (a agendaStringer) String() string { return "stringer:" + a.s }

type agendaString string

func agendaFuncs() map[string]any {
	return map[string]any{
		"join": func(args ...any) string { return fmt.Sprint(args...) },
		"upper": func(args ...any) string {
			return strings.ToUpper(fmt.Sprint(args...))
		},
		"boom":  func(args ...any) string { panic("boom") },
		"boomE": func(args ...any) string { panic(errors.New("boom error")) },
		"typed": func(s string) string { return "<" + s + ">" },
	}
}

var agendaTemplates = []string{
	"{{.Name}} {{.Shared}} {{.Deep}} {{.Promoted}} {{.agendaInner.Shared}}",
	"{{.Value}} {{.Pointer}} {{.Ptr.Value}} {{.Ptr.Pointer}}",
	"{{.Args \"a\" 3}} {{.Variadic}} {{.Variadic 1 \"x\" .Num}}",
	"{{.Fails}}",
	"{{.Missing}}",
	"{{.private}}",
	"{{.Name.Foo}}",
	"{{.Ptr.Ptr.Name}}",
	"{{.Any}} {{.Any.Name}}",
	"{{.Map.a}} {{.Map.zz}} {{range $k, $v := .Map}}{{$k}}={{$v}};{{end}}",
	"{{.Fn}}",
	"{{.Name 1}}",
	"{{join}} {{join .Name}} {{join .Name .Num .List}} {{.Name | join}} {{.Name | join 1 2}}",
	"{{join nil}} {{join .Ptr.Ptr}} {{join .Any}} {{upper .Name | join \"!\"}}",
	"{{boom .Name}}",
	"{{boomE}}",
	"{{typed .Name}} {{.Name | typed}}",
	"{{join .Name | printf \"%q\"}} {{printf \"%v\" .Num | join}}",
	"{{with .Ptr}}{{.Name}}{{.Value}}{{.Pointer}}{{end}} {{range .List}}{{join .}}{{end}}",
	"{{$d := .}}{{range .List}}{{$d.Value}}{{$d.Pointer}}{{end}}",
	"{{.}}",
	"{{.Num}} {{1.5}} {{\"s\"}} {{true}} {{nil | join}}",
	"{{template \"sub\" .Ptr}}{{define \"sub\"}}[{{.Name}}|{{.Pointer}}]{{end}}",
	"{{and .Name .Num}} {{or .Missing}}",
	// Field chains ending in func(...any) string take printStrings's
	// fast path where they can.
	"{{.Name | join}} {{.Shared | join}} {{.Deep | join}} {{.agendaInner.Shared | join}} {{.Num | join}}",
	"{{.Ptr.Name | join}}{{.Ptr.Ptr.Name | upper}}",
	"{{.Ptr.Ptr.Ptr.Name | join}}",
	"{{.Missing | join}}",
	"{{.private | join}}",
	"{{.Value | join}} {{.Pointer | join}} {{.Promoted | join}}",
	"{{.Any | join}} {{.Any.s | join}}",
	"{{.Any.Name | join}}",
	"{{.Map.a | join}} {{.Map.zz | join}}",
	"{{.Name.Foo | join}}",
	"{{.List | join}} {{.Fn | join}}",
	"{{.Name | join | upper | join}} {{.Name | join 1 | upper}}",
	"{{range .List}}{{. | join}}{{end}}{{with .Ptr}}{{.Name | join}}{{.Ptr.Name | join}}{{end}}",
	"{{.Name | boom}}",
	"{{$d := .}}{{$d.Name}} {{$d.Ptr.Name | join}} {{$d.Deep}} {{$d.Missing}}",
	"{{$p := .Ptr}}{{$p.Name}} {{$p.Ptr.Name}} {{$p.Ptr.Ptr.Name}}",
	"{{if .Name}}{{.Num}}{{end}}{{with .Ptr.Ptr}}{{.Name}}{{else}}none{{end}}{{range .Ptr.List}}{{.}}{{end}}",
	"{{printf \"%v %v\" .Name .Ptr.Name}} {{len .List}} {{index .Map \"a\"}}",
}

var agendaValues = []any{
	agendaData{Name: "n", Shared: "outer", agendaInner: agendaInner{Shared: "inner", Deep: "deep"},
		Num: 2.5, Any: agendaStringer{"s"}, List: []string{"a", "b"}, Map: map[string]int{"b": 2, "a": 1},
		Fn: func() string { return "fn" }, Ptr: &agendaData{Name: "p", Ptr: &agendaData{Name: "pp"}}},
	&agendaData{Name: "ptr", Any: agendaString("typed string"), Ptr: &agendaData{Name: "q"}},
	&agendaData{Name: "nil any"},
	agendaData{},
	map[string]any{"Name": "map", "Num": 1},
	agendaOther{A: "a", B: "b", C: "c", Num: 7, Name: "other", Ptr: &agendaOther{Name: "other ptr"}},
	&agendaData{Name: "again", Ptr: &agendaData{Name: "again ptr"}},
	nil,
}

func TestAgendaMatchesStandardLibrary(t *testing.T) {
	for i, src := range agendaTemplates {
		std, stdErr := stdtemplate.New("t").Funcs(agendaFuncs()).Parse(src)
		ours, ourErr := New("t").Funcs(agendaFuncs()).Parse(src)
		if (stdErr == nil) != (ourErr == nil) {
			t.Fatalf("template %d: parse errors differ: %v, %v", i, stdErr, ourErr)
		}
		if stdErr != nil {
			continue
		}
		for j, v := range agendaValues {
			var want, got strings.Builder
			wantErr := std.Execute(&want, v)
			gotErr := ours.Execute(&got, v)
			if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
				t.Errorf("template %d %q, value %d: error %v, want %v", i, src, j, gotErr, wantErr)
			}
			if want.String() != got.String() {
				t.Errorf("template %d %q, value %d:\n got %q\nwant %q", i, src, j, got.String(), want.String())
			}
		}
	}
}
