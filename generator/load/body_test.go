package load

import (
	"strings"
	"testing"
	"testing/fstest"
)

// Bodies shaped to stall the Markdown parser are errors at their line and
// are not parsed (issue 14: a 3,000-deep list took 33 s and 1 GB, 100,000
// "[a](" took 32 s); ordinary bodies pass.
func TestBodiesThatWouldStallTheParser(t *testing.T) {
	var deep strings.Builder
	for i := range 3000 {
		deep.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	cases := map[string]struct{ body, want string }{
		"deep list":   {deep.String(), ":105:1: the line is indented 202 columns, more than 200"},
		"deep quotes": {"Intro.\n\n" + strings.Repeat(">", 60) + " quoted\n", ":6:1: the line opens 60 quotes, more than 50"},
		"wide table":  {"| a |\n|---|\n" + strings.Repeat("| x ", 2000) + "|\n", ":6:1: the line has more than 500 \"|\""},
		"open links":  {strings.Repeat("[a](", 100000), ":4:1: the body has 100000 \"[\", more than the 20000"},
		"ordinary":    {"## Heading\n\n- a\n  - b\n    - c\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[link](x.md)\n", ""},
	}
	for name, tt := range cases {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"site.toml": smallSite["site.toml"],
				"about.md":  {Data: []byte("+++\ntitle = \"About\"\n+++\n" + tt.body)},
			}
			s, diags := Load(fsys, "content", Options{})
			got := ""
			for _, d := range diags.Items() {
				got += d.String() + "\n"
			}
			if tt.want == "" {
				if got != "" {
					t.Errorf("an ordinary body was refused: %s", got)
				}
				return
			}
			if !strings.HasPrefix(got, "content/about.md"+tt.want) {
				t.Errorf("got %q, want content/about.md%s...", got, tt.want)
			}
			if len(s.Pages) == 1 && s.Pages[0].Doc.Body != nil {
				t.Error("the body is still handed to the Markdown parser")
			}
		})
	}
}
