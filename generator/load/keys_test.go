package load

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

func TestKeyPositions(t *testing.T) {
	src := strings.Join([]string{
		`title = "PV-1"`,                   // 1
		`lead = ["doj",  "hhs"]`,           // 2
		`"quoted key" = 1`,                 // 3
		`a.b = 'x' # comment with = and [`, // 4
		`text = """`,                       // 5
		`title = "not a key"`,              // 6
		`[[nope]]"""`,                      // 7
		`lit = '''x'''''`,                  // 8
		`multi = [`,                        // 9
		`  1, # one`,                       // 10
		`  [2, 3],`,                        // 11
		`]`,                                // 12
		`when = 1979-05-27 07:32:00`,       // 13
		`after = 1`,                        // 14
		`[[indicators]]`,                   // 15
		`name = "Victims identified"`,      // 16
		`baseline = { value = 10, date = 2024-01-01 }`, // 17
		`progress = [{date = 2024-06-01, value = 12},`, // 18
		`            {date = 2025-01-01, value = 14}]`, // 19
		`[[indicators]]`,      // 20
		`  name = "Second"`,   // 21
		`[indicators.target]`, // 22
		`value = 3`,           // 23
		`[table . "sub"]`,     // 24
		`é = "x"; ü = 1`,      // 25 (invalid from here: the scanner stops)
	}, "\n")
	keys := KeyPositions([]byte(src), "f.md")
	want := map[string]string{
		"title":                         "1:1",
		"lead":                          "2:1",
		"lead.0":                        "2:9",
		"lead.1":                        "2:17",
		"quoted key":                    "3:1",
		"a":                             "4:1",
		"a.b":                           "4:3",
		"text":                          "5:1",
		"lit":                           "8:1",
		"multi.0":                       "10:3",
		"multi.1":                       "11:3",
		"multi.1.1":                     "11:7",
		"when":                          "13:1",
		"after":                         "14:1",
		"indicators":                    "15:1",
		"indicators.0":                  "15:1",
		"indicators.0.name":             "16:1",
		"indicators.0.baseline.value":   "17:14",
		"indicators.0.baseline.date":    "17:26",
		"indicators.0.progress.0":       "18:13",
		"indicators.0.progress.1.date":  "19:14",
		"indicators.0.progress.1.value": "19:33",
		"indicators.1":                  "20:1",
		"indicators.1.name":             "21:3",
		"indicators.1.target":           "22:1",
		"indicators.1.target.value":     "23:1",
		"table.sub":                     "24:1",
	}
	for key, w := range want {
		p, ok := keys[key]
		got := fmt.Sprintf("%d:%d", p.Line, p.Col)
		if !ok || got != w || p.Path != "f.md" {
			t.Errorf("%s: got %v %s, want %s", key, ok, got, w)
		}
	}
	for _, bad := range []string{"nope", "nope.0", "text.title", "table.sub.ü"} {
		if p, ok := keys[bad]; ok {
			t.Errorf("%s recorded at %v, is not a key", bad, p)
		}
	}
}

func TestKeyPositionsColumnsCountCharacters(t *testing.T) {
	keys := KeyPositions([]byte("lead = [\"é\", \"x\"]\n"), "f")
	if p := keys["lead.1"]; p.Col != 14 {
		t.Errorf("lead.1 at col %d, want 14", p.Col)
	}
}

// FuzzKeyPositions checks that the scanner never panics, puts every
// position inside the input and, for documents the TOML decoder accepts,
// finds every key path the decoder finds.
func FuzzKeyPositions(f *testing.F) {
	for _, seed := range []string{
		"title = \"x\"\nlead = [\"a\", \"b\"]\n",
		"[[indicators]]\nname = \"n\"\nprogress = [{date = 2024-01-01, value = 1}]\n[indicators.target]\nvalue = 2\n",
		"a.\"b.c\" = '''x''''\nm = \"\"\"\n\\\"\"\" = 1\n\"\"\"\n",
		"t = {a = 1,\n  # c\n  b = [1,\n 2,],\n}\n",
		"\"k\\u00e9\\e\" = 1979-05-27 07:32:00\n[x]\n[[x.y]]\n[[x.y]]\nz = inf\n",
		"[[[", "a = [[[[[[", "= 1", "\"", "'''", "a = \"\"\"\\", "\r\n\t#",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		keys, tooDeep := scanKeys(src, "f")
		lines := strings.Split(string(src), "\n")
		for key, p := range keys {
			if p.Line < 1 || p.Line > len(lines) || p.Col < 1 || p.Col > utf8.RuneCountInString(lines[p.Line-1])+1 {
				t.Fatalf("%q at %d:%d is outside the input", key, p.Line, p.Col)
			}
		}
		var m map[string]any
		if _, err := toml.Decode(string(src), &m); err != nil || tooDeep != nil {
			return
		}
		for _, path := range keyPaths("", m) {
			if _, ok := keys[path]; !ok {
				t.Fatalf("no position for %q; found %v", path, keys)
			}
		}
	})
}

// keyPaths lists every key path of a decoded TOML value.
func keyPaths(prefix string, v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := join(prefix, k)
			out = append(out, p)
			out = append(out, keyPaths(p, e)...)
		}
	case []map[string]any:
		for i, e := range x {
			p := join(prefix, strconv.Itoa(i))
			out = append(out, p)
			out = append(out, keyPaths(p, e)...)
		}
	case []any:
		for i, e := range x {
			p := join(prefix, strconv.Itoa(i))
			out = append(out, p)
			out = append(out, keyPaths(p, e)...)
		}
	}
	return out
}

// Positions asked for in any order match a count from the line's start,
// and a long one-line array takes time in proportion to its length
// (issue 14: a million strings on one line took over a minute).
func TestKeyPositionsOnLongLines(t *testing.T) {
	src := []byte("a = 1\nregions = [" + strings.Repeat(`"é", `, 50) + "]\nb = 2\n")
	s := &keyScanner{src: src, lines: []int{0, 6, len(src) - 6}}
	naive := func(off int) (int, int) {
		line := 0
		for i, l := range s.lines {
			if l <= off {
				line = i
			}
		}
		return line + 1, utf8.RuneCount(src[s.lines[line]:off]) + 1
	}
	for _, off := range []int{0, 3, 20, 40, 41, 10, 90, len(src) - 6, len(src) - 2, 7, 200, 199} {
		p := s.pos(off)
		if line, col := naive(off); p.Line != line || p.Col != col {
			t.Errorf("pos(%d) = %d:%d, want %d:%d", off, p.Line, p.Col, line, col)
		}
	}
	took := func(n int) time.Duration {
		line := []byte("+++\nregions = [" + strings.Repeat(`"x", `, n) + "]\n+++\n")
		start := time.Now()
		KeyPositions(line[4:len(line)-4], "f")
		return time.Since(start)
	}
	small, large := took(20000), took(200000)
	if ratio := float64(large) / float64(small); ratio > 50 {
		t.Errorf("an array ten times longer took %.0f times as long", ratio)
	}
}
