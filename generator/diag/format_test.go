package diag

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// formatCases are diagnostics with everything the formats must cope
// with: a whole-file problem, a line without a column, a hint, a warning,
// and characters GitHub's workflow commands give meaning to.
var formatCases = []Diagnostic{
	{Pos: Pos{Path: "content/site.toml"}, Message: "cannot read: permission denied"},
	{Pos: Pos{Path: "content/objectives/pv-1.md", Line: 3}, Message: "missing required key \"summary\""},
	{Pos: Pos{Path: "content/objectives/pv-1.md", Line: 7, Col: 9}, Message: `unknown objective "PV-l" in related`, Hint: `did you mean "PV-1"?`},
	{Pos: Pos{Path: "content/organizations/a,b:c.md", Line: 2, Col: 1}, Message: "100% wrong\nsecond line\r", Hint: "known: a, b"},
	{Pos: Pos{Path: "content/partnerships/p.md", Line: 4, Col: 5}, Severity: Warning, Message: "partnership has no survivor-led member"},
}

func TestGoldenFormats(t *testing.T) {
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer, []Diagnostic) error
	}{
		{"text", func(b *bytes.Buffer, d []Diagnostic) error { return WriteText(b, d) }},
		{"github", func(b *bytes.Buffer, d []Diagnostic) error { return WriteGitHub(b, d) }},
		{"json", func(b *bytes.Buffer, d []Diagnostic) error { return WriteJSON(b, d) }},
	} {
		t.Run(f.name, func(t *testing.T) {
			var got bytes.Buffer
			if err := f.write(&got, formatCases); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", f.name+".golden")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s output differs from %s:\n got:\n%s\nwant:\n%s", f.name, golden, got.Bytes(), want)
			}
		})
	}
}

// TestGitHubAnnotationShape: one workflow command a line, each naming
// the file and, when known, the line and column.
func TestGitHubAnnotationShape(t *testing.T) {
	var got bytes.Buffer
	WriteGitHub(&got, formatCases)
	lines := bytes.Split(bytes.TrimSuffix(got.Bytes(), []byte("\n")), []byte("\n"))
	if len(lines) != len(formatCases) {
		t.Fatalf("%d lines for %d diagnostics", len(lines), len(formatCases))
	}
	want := "::error file=content/objectives/pv-1.md,line=7,col=9::unknown objective \"PV-l\" in related (did you mean \"PV-1\"?)"
	if string(lines[2]) != want {
		t.Errorf("got  %s\nwant %s", lines[2], want)
	}
	if !bytes.HasPrefix(lines[4], []byte("::warning ")) {
		t.Errorf("warning written as %s", lines[4])
	}
}

// TestJSONEmpty: no problems is an empty list, not null, so tools can
// iterate without a check.
func TestJSONEmpty(t *testing.T) {
	var got bytes.Buffer
	WriteJSON(&got, nil)
	var v struct {
		Diagnostics []any `json:"diagnostics"`
		Errors      *int  `json:"errors"`
	}
	if err := json.Unmarshal(got.Bytes(), &v); err != nil || v.Diagnostics == nil || v.Errors == nil || *v.Errors != 0 {
		t.Errorf("empty report %s (%v)", got.Bytes(), err)
	}
}

// A file name with a newline cannot forge a CI annotation in the text
// output: every diagnostic stays one line.
func TestWriteTextKeepsEachDiagnosticOnOneLine(t *testing.T) {
	var b strings.Builder
	WriteText(&b, []Diagnostic{{Pos: Pos{Path: "content/y\n::error title=Spoofed::x.md", Line: 1}, Message: "bad\rthing"}})
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2 || strings.HasPrefix(lines[1], "::") || !strings.Contains(lines[0], `content/y\n::error title=Spoofed::x.md:1: bad\rthing`) {
		t.Errorf("text output:\n%s", b.String())
	}
}
