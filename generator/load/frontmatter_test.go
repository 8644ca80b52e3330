package load

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, src       string
		toml, body      string
		open            int
		errLine         int
		errMsg, errHint string
	}{
		{name: "plain",
			src:  "+++\ntitle = \"A\"\n+++\n# Hi\n",
			toml: "\ntitle = \"A\"\n", body: "\n\n\n# Hi\n", open: 1},
		{name: "BOM, CRLF and trailing spaces",
			src:  "\xef\xbb\xbf+++  \r\ntitle = \"A\"\r\n+++\t\r\nBody\r\n",
			toml: "\ntitle = \"A\"\r\n", body: "\r\n\r\n\r\nBody\r\n", open: 1},
		{name: "blank lines before the opening",
			src:  "\n  \n+++\na = 1\n+++",
			toml: "\n\n\na = 1\n", body: "\n\n\n\n", open: 3},
		{name: "empty front matter",
			src:  "+++\n+++\n",
			toml: "\n", body: "\n\n", open: 1},
		{name: "YAML", src: "---\ntitle: A\n---\n",
			errLine: 1, errMsg: "YAML front matter is not supported", errHint: `use TOML between "+++" lines`},
		{name: "missing", src: "# Title\n+++\n",
			errLine: 1, errMsg: "missing front matter"},
		{name: "empty file", src: "",
			errLine: 1, errMsg: "missing front matter"},
		{name: "unclosed", src: "\n+++\ntitle = 1\n",
			errLine: 2, errMsg: "front matter is not closed", errHint: `end it with a "+++" line`},
		{name: "indented closing fence", src: "+++\na = 1\n +++\n",
			errLine: 3, errMsg: `the "+++" line is indented`, errHint: `remove the spaces before "+++": it must start the line`},
		{name: "indented opening fence", src: "\n  +++\na = 1\n  +++\n",
			errLine: 2, errMsg: `the "+++" line is indented`, errHint: `remove the spaces before "+++": it must start the line`},
		{name: "tab before the fence", src: "\t+++\na = 1\n+++\n",
			errLine: 1, errMsg: `the "+++" line is indented`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, err := SplitFrontMatter([]byte(tt.src))
			if tt.errMsg != "" {
				if err == nil {
					t.Fatalf("no error, want %q", tt.errMsg)
				}
				if err.Line != tt.errLine || err.Message != tt.errMsg || (tt.errHint != "" && err.Hint != tt.errHint) {
					t.Errorf("error %+v, want line %d %q (%s)", err, tt.errLine, tt.errMsg, tt.errHint)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(fm.TOML) != tt.toml || string(fm.Body) != tt.body || fm.Open != tt.open {
				t.Errorf("got TOML %q body %q open %d\nwant TOML %q body %q open %d",
					fm.TOML, fm.Body, fm.Open, tt.toml, tt.body, tt.open)
			}
		})
	}
}

// FuzzSplitFrontMatter checks that splitting never panics and keeps line
// numbers: the body has the file's lines, and the TOML is a prefix of them.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, seed := range []string{
		"+++\ntitle = \"A\"\n+++\nbody\n", "\xef\xbb\xbf+++\r\n+++\r\n", "---\n", "", "+++", "\n\n+++ \n+++",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, err := SplitFrontMatter(src)
		if want, wantErr := splitFrontMatterByLines(src); !reflect.DeepEqual(fm, want) || !reflect.DeepEqual(err, wantErr) {
			t.Fatalf("SplitFrontMatter(%q) = %+v, %v; by lines %+v, %v", src, fm, err, want, wantErr)
		}
		lean, leanErr := splitFront(src, false)
		if !reflect.DeepEqual(err, leanErr) {
			t.Fatalf("SplitFrontMatter(%q) said %v, splitFront without the body %v", src, err, leanErr)
		}
		if err != nil {
			if err.Line < 1 || err.Message == "" || err.Hint == "" {
				t.Fatalf("bad error %+v", err)
			}
			return
		}
		lines := bytes.Count(src, []byte("\n"))
		if bytes.Count(fm.Body, []byte("\n")) != lines {
			t.Fatalf("body has %d lines, file %d", bytes.Count(fm.Body, []byte("\n")), lines)
		}
		if fm.Open < 1 || bytes.Count(fm.TOML, []byte("\n")) > lines {
			t.Fatalf("open %d, TOML %q", fm.Open, fm.TOML)
		}
		if !bytes.HasSuffix(src, bytes.TrimLeft(fm.Body, "\r\n")) {
			t.Fatalf("body %q is not the end of the file", fm.Body)
		}
		// Without its copy of the body (versions): the same front
		// matter, the end of the file as the body, and a problem in it
		// when the body has one.
		if !bytes.Equal(lean.TOML, fm.TOML) || lean.Open != fm.Open ||
			!bytes.HasSuffix(fm.Body, lean.Body) || len(bytes.Trim(fm.Body[:len(fm.Body)-len(lean.Body)], "\r\n")) != 0 {
			t.Fatalf("splitFront(%q, false) = %+v, %v", src, lean, leanErr)
		}
		_, p1 := bodyProblem(fm.Body)
		_, p2 := bodyProblem(lean.Body)
		if (p1 == "") != (p2 == "") {
			t.Fatalf("body problem %q, without the lines of the front matter %q", p1, p2)
		}
	})
}

// splitFrontMatterByLines is SplitFrontMatter as it was first written,
// cutting the whole file into lines: the fuzz test holds the quicker one
// to it. It finds the TOML front matter between "+++" lines at the
// start of src. It tolerates a UTF-8 byte order mark, CRLF line endings,
// blank lines before the opening "+++" and trailing spaces on the fences.
// YAML front matter ("---") is rejected with a hint to use TOML.
func splitFrontMatterByLines(src []byte) (FrontMatter, *SplitError) {
	lines := splitLines(src)
	open := -1
	for i, l := range lines {
		text := string(fenceText(l, i == 0))
		if text == "" {
			continue
		}
		switch text {
		case fence:
			open = i
		case "---":
			return FrontMatter{}, &SplitError{Line: i + 1,
				Message: "YAML front matter is not supported",
				Hint:    `use TOML between "+++" lines`}
		}
		if text != fence && strings.TrimLeft(text, " \t") == fence {
			return FrontMatter{}, indented(i)
		}
		break
	}
	if open < 0 {
		return FrontMatter{}, &SplitError{Line: 1,
			Message: "missing front matter",
			Hint:    `start the file with TOML between "+++" lines: +++ title = "..." +++, each on its own line`}
	}
	closing := -1
	for i := open + 1; i < len(lines); i++ {
		if string(fenceText(lines[i], false)) == fence {
			closing = i
			break
		}
	}
	if closing < 0 {
		for i := open + 1; i < len(lines); i++ {
			if strings.TrimLeft(string(fenceText(lines[i], false)), " \t") == fence {
				return FrontMatter{}, indented(i)
			}
		}
		return FrontMatter{}, &SplitError{Line: open + 1,
			Message: "front matter is not closed",
			Hint:    `end it with a "+++" line`}
	}
	fm := FrontMatter{Open: open + 1}
	var toml, body bytes.Buffer
	toml.Grow(len(src))
	body.Grow(len(src))
	for i, l := range lines {
		switch {
		case i <= open:
			toml.WriteByte('\n')
			body.Write(lineEnding(l))
		case i < closing:
			toml.Write(l)
			body.Write(lineEnding(l))
		case i == closing:
			body.Write(lineEnding(l))
		default:
			body.Write(l)
		}
	}
	fm.TOML, fm.Body = toml.Bytes(), body.Bytes()
	return fm, nil
}
