package check

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/tools/txtar"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// The tests write a strategy as a txtar archive of front matters: each
// Markdown file holds only the TOML between its "+++" lines, which are
// taken to be line 1 and the line after the TOML, so the first TOML line is
// line 2. content/site.toml starts at line 1. Every key, list element and
// inline-table key gets the position where it is written, like load gives.

// baseSite is a small valid site.toml the cases build on.
const baseSite = `
-- content/site.toml --
title = "Strategy"
base_url = "https://example.org/"
[[categories]]
key = "prevention"
title = "Prevention"
[[categories]]
key = "protection"
title = "Protection"
[[sectors]]
key = "government"
title = "Government"
[[sectors]]
key = "faith-based"
title = "Faith-based"
`

// build reads the archive (on top of baseSite unless the archive has its
// own site.toml) into an indexed strategy.
func build(t *testing.T, archive string) *model.Strategy {
	t.Helper()
	files := txtar.Parse([]byte(archive)).Files
	if !strings.Contains(archive, "-- content/site.toml --") {
		files = append(txtar.Parse([]byte(baseSite)).Files, files...)
	}
	s := &model.Strategy{}
	for _, f := range files {
		text := string(f.Data)
		rel := strings.TrimPrefix(f.Name, "content/")
		doc := &model.Doc{Path: f.Name, Rel: rel, Open: diag.Pos{Path: f.Name, Line: 1, Col: 1}}
		first := 2
		if rel == "site.toml" {
			first, doc.Open = 1, diag.Pos{Path: f.Name}
		}
		doc.Keys = model.NewKeys(keyPositions(f.Name, text, first))
		var v any
		slug := strings.TrimSuffix(path.Base(rel), ".md")
		switch dir := path.Dir(rel); {
		case rel == "site.toml":
			s.Site.Doc, v = doc, &s.Site
		case dir == "objectives":
			o := &model.Objective{Doc: doc}
			s.Objectives, v = append(s.Objectives, o), o
		case dir == "organizations":
			o := &model.Organization{Slug: slug, Doc: doc}
			s.Organizations, v = append(s.Organizations, o), o
		case dir == "partnerships":
			p := &model.Partnership{Slug: slug, Doc: doc}
			s.Partnerships, v = append(s.Partnerships, p), p
		default:
			p := &model.Page{Path: "/" + strings.TrimSuffix(rel, ".md") + "/", Doc: doc}
			s.Pages, v = append(s.Pages, p), p
		}
		if _, err := toml.Decode(text, v); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
	}
	s.Index()
	return s
}

// keyPositions finds the position of every key path in TOML text whose
// first line is line first. It knows enough TOML for the tests: [[tables]],
// key = value lines, one-line arrays and inline tables.
func keyPositions(file, text string, first int) map[string]diag.Pos {
	keys := map[string]diag.Pos{}
	prefix := ""
	count := map[string]int{}
	for n, line := range strings.Split(text, "\n") {
		pos := func(col int) diag.Pos { return diag.Pos{Path: file, Line: first + n, Col: col + 1} }
		trimmed := strings.TrimSpace(line)
		if name, ok := strings.CutPrefix(trimmed, "[["); ok {
			name = strings.TrimSuffix(name, "]]")
			if _, seen := keys[name]; !seen {
				keys[name] = pos(0)
			}
			prefix = fmt.Sprintf("%s.%d.", name, count[name])
			count[name]++
			keys[strings.TrimSuffix(prefix, ".")] = pos(0)
			continue
		}
		key, _, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(trimmed, "#") {
			continue
		}
		keys[prefix+strings.TrimSpace(key)] = pos(strings.Index(line, strings.TrimSpace(key)))
		scanValue(keys, line, len(key)+1, prefix+strings.TrimSpace(key), pos)
	}
	return keys
}

// scanValue records the positions of the elements of an array and the keys
// of an inline table in the value starting at line[i:].
func scanValue(keys map[string]diag.Pos, line string, i int, key string, pos func(int) diag.Pos) {
	type frame struct {
		array bool
		key   string
		n     int
	}
	var stack []*frame
	valueFor, expectElem, expectKey := key, false, false
	for i < len(line) {
		ch := line[i]
		switch {
		case ch == ' ' || ch == '\t':
			i++
			continue
		case expectElem && ch == ']', expectKey && ch == '}':
			expectElem, expectKey = false, false
		case valueFor != "" && (ch == '[' || ch == '{'):
			stack = append(stack, &frame{array: ch == '[', key: valueFor})
			expectElem, expectKey, valueFor = ch == '[', ch == '{', ""
			i++
			continue
		case expectElem:
			top := stack[len(stack)-1]
			valueFor = fmt.Sprintf("%s.%d", top.key, top.n)
			keys[valueFor] = pos(i)
			top.n++
			expectElem = false
			continue
		case expectKey:
			k, _, _ := strings.Cut(line[i:], "=")
			valueFor = stack[len(stack)-1].key + "." + strings.TrimSpace(k)
			keys[valueFor] = pos(i)
			i += len(k) + 1
			expectKey = false
			continue
		}
		valueFor = ""
		switch ch {
		case '"':
			for i++; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' {
					i++
				}
			}
		case ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if len(stack) > 0 {
				expectElem, expectKey = stack[len(stack)-1].array, !stack[len(stack)-1].array
			}
		}
		i++
	}
}

// diagnostics runs Check and formats its diagnostics as strings.
// diagnostics checks s without a cache, then twice with one (the second
// run reusing every entity's problems), and panics unless all three agree.
func diagnostics(s *model.Strategy) []string {
	lines := func(l *diag.List) []string {
		var out []string
		for _, d := range l.Items() {
			out = append(out, d.String())
		}
		return out
	}
	out := lines(Check(s))
	cache := NewCache()
	for range 2 {
		if cached := lines(CheckCached(s, cache)); !slices.Equal(cached, out) {
			panic(fmt.Sprintf("with a cache:\n%s\nwithout:\n%s", strings.Join(cached, "\n"), strings.Join(out, "\n")))
		}
	}
	return out
}

func TestKeyPositions(t *testing.T) {
	keys := keyPositions("f", `lead = ["doj", "fbi"]
[[indicators]]
baseline = {value = 1, date = 2024-01-01}
progress = [{date = 2024-01-01, value = 3}, {date = 2024-02-01, value = 4}]`, 2)
	for key, want := range map[string]string{
		"lead":                         "f:2:1",
		"lead.1":                       "f:2:16",
		"indicators.0":                 "f:3:1",
		"indicators.0.baseline.date":   "f:4:24",
		"indicators.0.progress.1":      "f:5:45",
		"indicators.0.progress.1.date": "f:5:46",
	} {
		if got := keys[key].String(); got != want {
			t.Errorf("%s at %s, want %s", key, got, want)
		}
	}
}

// assertLines compares diagnostics line by line, printing both in full on
// a mismatch.
func assertLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}
