// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"fmt"
	stdtemplate "html/template"
	"strings"
	"testing"
)

// Every escaper this copy calls directly must escape as the standard
// library's does, in every context. These cases run templates through
// the standard library and through this copy and compare.

var agendaContexts = []string{
	`<p>{{.}}</p>`,
	`<p title="{{.}}">x</p>`,
	`<p title='{{.}}'>x</p>`,
	`<p title={{.}}>x</p>`,
	`<a href="{{.}}">x</a>`,
	`<a href="/search/?q={{.}}&amp;x={{.}}">x</a>`,
	`<a href="https://example.org/{{.}}#{{.}}">x</a>`,
	`<img srcset="{{.}} 2x">`,
	`<p style="color: {{.}}">x</p>`,
	`<style>p { color: {{.}} }</style>`,
	`<script>var x = {{.}};</script>`,
	`<script>var x = "{{.}}";</script>`,
	"<script>var x = `{{.}}`;</script>",
	`<script type="application/ld+json">{{.}}</script>`,
	`<textarea>{{.}}</textarea>`,
	`<title>{{.}}</title>`,
	`<!-- {{.}} --><p>x</p>`,
	`<p {{.}}="x">y</p>`,
	`<meta http-equiv="refresh" content="0; url={{.}}">`,
	`<svg viewBox="0 0 {{.}} {{.}}"><text x="{{.}}">{{.}}</text><use href="#{{.}}"/></svg>`,
	`{{range .}}<li>{{.}}</li>{{end}}`,
	`{{with .}}<b>{{printf "%v" .}}</b>{{end}}`,
}

var agendaInputs = []any{
	"plain",
	`<script>alert("x & y")</script>`,
	`" onclick="alert(1)`,
	"javascript:alert(1)",
	"https://example.org/a b?c=d&e=f#g",
	"mailto:someone@example.org",
	"expression(alert(1))",
	"red",
	"ünïcødé \u2028 \x00 'quotes' `ticks`",
	"",
	42,
	3.25,
	-0.5,
	true,
	nil,
	[]string{"a", "<b>"},
	struct{ A string }{"<a>"},
}

func TestAgendaEscapesAsStandardLibrary(t *testing.T) {
	for i, src := range agendaContexts {
		for j, v := range agendaInputs {
			want, wantErr := execStd(src, v)
			got, gotErr := execOurs(src, v)
			if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
				t.Errorf("context %d %s, input %d: error %v, want %v", i, src, j, gotErr, wantErr)
			}
			if got != want {
				t.Errorf("context %d %s, input %d %#v:\n got %q\nwant %q", i, src, j, v, got, want)
			}
		}
	}
}

// TestAgendaSafeTypes checks that values of this copy's safe types pass
// each context as the standard library's own types do.
func TestAgendaSafeTypes(t *testing.T) {
	const s = `<b onclick="x()">bold</b> https://e.org/?a=1&b=2 color:red`
	pairs := []struct{ ours, std any }{
		{HTML(s), stdtemplate.HTML(s)},
		{HTMLAttr(`title="x"`), stdtemplate.HTMLAttr(`title="x"`)},
		{URL(s), stdtemplate.URL(s)},
		{CSS(s), stdtemplate.CSS(s)},
		{JS(s), stdtemplate.JS(s)},
		{JSStr(s), stdtemplate.JSStr(s)},
		{Srcset(s), stdtemplate.Srcset(s)},
	}
	for i, src := range agendaContexts {
		for j, p := range pairs {
			want, wantErr := execStd(src, p.std)
			got, gotErr := execOurs(src, p.ours)
			if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) || got != want {
				t.Errorf("context %d %s, safe type %d:\n got %q, %v\nwant %q, %v", i, src, j, got, gotErr, want, wantErr)
			}
		}
	}
}

type agendaField struct{ S *agendaInnerField }
type agendaInnerField struct{ T string }

func execStd(src string, v any) (string, error) {
	t, err := stdtemplate.New("t").Parse(src)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = t.Execute(&b, v)
	return b.String(), err
}

func execOurs(src string, v any) (string, error) {
	t, err := New("t").Parse(src)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = t.Execute(&b, v)
	return b.String(), err
}

// FuzzAgendaEscapers compares the escaping of arbitrary strings in every
// context with the standard library's.
func FuzzAgendaEscapers(f *testing.F) {
	for _, v := range agendaInputs {
		if s, ok := v.(string); ok {
			f.Add(s)
		}
	}
	f.Add("\ufdd0\uffff\xff\xfe<>&'\"\u00a0")
	for _, u := range []string{"/a:b", "/javascript:alert(1)", "//evil.example:8080/x", "/", "#a:b", "javascript:x"} {
		f.Add(u) // the URL filter's path from the root
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, src := range agendaContexts {
			want, wantErr := execStd(src, s)
			got, gotErr := execOurs(src, s)
			if got != want || fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
				t.Errorf("context %d %s, input %q:\n got %q\nwant %q", i, src, s, got, want)
			}
			// The same string as a field, read by printStrings's fast path.
			field := strings.ReplaceAll(src, "{{.}}", "{{.S.T}}")
			v := agendaField{S: &agendaInnerField{T: s}}
			want, wantErr = execStd(field, v)
			got, gotErr = execOurs(field, v)
			if got != want || fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
				t.Errorf("context %d %s, field %q:\n got %q\nwant %q", i, field, s, got, want)
			}
		}
	})
}

// FuzzAgendaNumbers compares the escaping of numbers, which the copy
// formats itself, with the standard library's in every context.
func FuzzAgendaNumbers(f *testing.F) {
	for _, v := range []float64{0, -0.5, 1e6, 1e21, 36.6, 104.30000000000001, 5e-324} {
		f.Add(v, int(v))
	}
	f.Fuzz(func(t *testing.T, x float64, n int) {
		for i, src := range agendaContexts {
			for _, v := range []any{x, n, struct{ X float64 }{x}} {
				want, wantErr := execStd(src, v)
				got, gotErr := execOurs(src, v)
				if got != want || fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
					t.Errorf("context %d %s, number %#v:\n got %q\nwant %q", i, src, v, got, want)
				}
			}
		}
	})
}

// htmlReplacer is a copy of upstream's, made faster; it must give the
// same results for every string, with every table.
// urlPlain's fast path returns what processURLOnto makes of a URL.
func FuzzAgendaURLPlain(f *testing.F) {
	for _, s := range []string{"", "/objectives/pv-1/", "https://example.org/a?b=c&d=e#f", "%41%zz%4", "a b'()<>\"\\", "ünï\x00\xff", "~-._!$*+,;:@[]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, norm := range []bool{false, true} {
			var b strings.Builder
			want := s
			if processURLOnto(s, norm, &b) {
				want = b.String()
			}
			if got := urlPlain(s, norm); got != want {
				t.Errorf("norm %v: urlPlain(%q) = %q, processURLOnto gives %q", norm, s, got, want)
			}
		}
	})
}

func FuzzAgendaHTMLReplacer(f *testing.F) {
	for _, s := range []string{"", "plain", `<a href="x">'&'</a>`, "\x00\ufdd0\ufffe\xff", "ünï\u2028"} {
		f.Add(s)
	}
	tables := [][]string{htmlReplacementTable, htmlNormReplacementTable, htmlNospaceReplacementTable, htmlNospaceNormReplacementTable}
	f.Fuzz(func(t *testing.T, s string) {
		for i, table := range tables {
			for _, bad := range []bool{false, true} {
				if got, want := htmlReplacer(s, table, bad), htmlReplacerUpstream(s, table, bad); got != want {
					t.Errorf("table %d, badRunes %v: htmlReplacer(%q) = %q, upstream's gives %q", i, bad, s, got, want)
				}
			}
		}
	})
}
