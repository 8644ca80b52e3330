package synth

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/commonagenda/agenda/generator/markdown"
)

func TestForFiles(t *testing.T) {
	tests := []struct {
		got, want Shape
	}{
		{ForFiles(10000), Shape{200, 7995, 1800, 5, Realistic}},
		{ForFiles(1000), Shape{20, 795, 180, 5, Realistic}},
		{ForFiles(50000), Shape{1000, 39995, 9000, 5, Realistic}},
		{Legacy.ForFiles(10000), Shape{3000, 5000, 1500, 500, Legacy}},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %+v, want %+v", tt.got, tt.want)
		}
	}
	if c, err := ParseCorpus("legacy"); c != Legacy || err != nil {
		t.Errorf("ParseCorpus(legacy) = %q, %v", c, err)
	}
	if _, err := ParseCorpus("old"); err == nil {
		t.Error("ParseCorpus(old) accepted an unknown corpus")
	}
}

// write writes a corpus into a new folder and returns its content folder.
func write(t *testing.T, shape Shape) string {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir, shape); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "content")
}

func readAll(t *testing.T, content string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(content, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestDeterministic(t *testing.T) {
	a := readAll(t, write(t, ForFiles(600)))
	b := readAll(t, write(t, ForFiles(600)))
	if len(a) != 600+2 {
		t.Errorf("wrote %d files, want 602 (600, site.toml and _index.md)", len(a))
	}
	for name, text := range a {
		if b[name] != text {
			t.Fatalf("%s differs between two runs", name)
		}
	}
}

var (
	linkRE    = regexp.MustCompile(`\]\(([^)]+)\)`)
	headingRE = regexp.MustCompile(`(?m)^#{1,6} (.+)$`)
)

// TestValid reads every file as the checker would, without the checker:
// front matter that BurntSushi/toml parses, references to files that
// exist, relative links to files and anchors that exist, bodies of 150 to
// 600 words. TestAgendaCheck runs the checker itself.
func TestValid(t *testing.T) {
	files := readAll(t, write(t, ForFiles(1000)))
	var site map[string]any
	if _, err := toml.Decode(files["site.toml"], &site); err != nil {
		t.Fatalf("site.toml: %v", err)
	}
	ids := map[string]bool{}
	front := map[string]map[string]any{}
	bodies := map[string]string{}
	for name, text := range files {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		rest, ok := strings.CutPrefix(text, "+++\n")
		fmText, body, ok2 := strings.Cut(rest, "\n+++\n")
		if !ok || !ok2 {
			t.Fatalf("%s: no +++ front matter", name)
		}
		var m map[string]any
		if _, err := toml.Decode(fmText, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		front[name], bodies[name] = m, body
		if id, ok := m["id"].(string); ok {
			ids[id] = true
		}
	}
	exists := func(kind, slug string) bool { _, ok := files[kind+"/"+slug+".md"]; return ok }
	for name, m := range front {
		for _, key := range []string{"lead", "members", "funders"} {
			for _, s := range list(m[key]) {
				if !exists("organizations", s) {
					t.Errorf("%s: %s %q is no organization", name, key, s)
				}
			}
		}
		for _, key := range []string{"related", "objectives"} {
			for _, id := range list(m[key]) {
				if !ids[id] {
					t.Errorf("%s: %s %q is no objective", name, key, id)
				}
			}
		}
		if p, ok := m["parent"].(string); ok && !ids[p] && !exists("organizations", p) {
			t.Errorf("%s: parent %q not found", name, p)
		}
		if strings.HasPrefix(name, "partnerships/") {
			for _, l := range list(m["lead"]) {
				if !slices.Contains(list(m["members"]), l) {
					t.Errorf("%s: lead %q is not a member", name, l)
				}
			}
		}
		if name != "_index.md" {
			if n := wordCount(bodies[name]); n < 150 || n > 700 {
				t.Errorf("%s: body of %d words", name, n)
			}
		}
		for _, target := range linkRE.FindAllStringSubmatch(bodies[name], -1) {
			checkLink(t, files, name, target[1])
		}
	}
}

func list(v any) []string {
	var out []string
	if list, ok := v.([]any); ok {
		for _, x := range list {
			out = append(out, x.(string))
		}
	}
	return out
}

// wordCount counts the words of a body that hold a letter, leaving out
// Markdown's marks (#, -, |).
func wordCount(body string) int {
	n := 0
	for _, w := range strings.Fields(body) {
		if strings.ContainsAny(strings.ToLower(w), "abcdefghijklmnopqrstuvwxyz") {
			n++
		}
	}
	return n
}

// checkLink checks that a relative link from file from reaches a file,
// and its anchor a heading of that file or a section anchor of its kind.
func checkLink(t *testing.T, files map[string]string, from, target string) {
	t.Helper()
	if strings.HasPrefix(target, "https://") {
		return // a source on the web
	}
	file, frag, _ := strings.Cut(target, "#")
	to := path.Join(path.Dir(from), file)
	text, ok := files[to]
	if !ok {
		t.Errorf("%s: link to missing file %s", from, target)
		return
	}
	if frag == "" {
		return
	}
	var anchors []string
	switch path.Dir(to) {
	case "objectives":
		anchors = markdown.ObjectiveSections
	case "organizations":
		anchors = markdown.OrganizationSections
	case "partnerships":
		anchors = markdown.PartnershipSections
	}
	for _, h := range headingRE.FindAllStringSubmatch(text, -1) {
		if slices.Contains(anchors, markdown.Slug(h[1])) {
			t.Errorf("%s: heading %q takes a section anchor's id", to, h[1])
		}
		anchors = append(anchors, markdown.Slug(h[1]))
	}
	if !slices.Contains(anchors, frag) {
		t.Errorf("%s: link to missing anchor %s", from, target)
	}
}

// TestAgendaCheck runs agenda check on 1,000 and 10,000 files of the
// realistic corpus and on the legacy corpus: no errors, no warnings.
func TestAgendaCheck(t *testing.T) {
	agenda := filepath.Join(t.TempDir(), "agenda")
	build := exec.Command("go", "build", "-o", agenda, "../../cmd/agenda")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/agenda: %v\n%s", err, out)
	}
	shapes := []Shape{ForFiles(1000), Legacy.ForFiles(1000)}
	if !testing.Short() {
		shapes = append(shapes, ForFiles(10000))
	}
	for _, shape := range shapes {
		content := write(t, shape)
		check := exec.Command(agenda, "check", "--source", content)
		// A fixed day: the corpus's verified dates are in 2026, and
		// details verified over a year before the day are warned about.
		check.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1798675200") // 2026-12-31
		out, err := check.CombinedOutput()
		if err != nil || bytes.Contains(out, []byte("warning")) {
			t.Errorf("%s corpus of %d files: agenda check: %v\n%s", shape.Corpus, shape.Files(), err, firstLines(out, 20))
		}
	}
}

func firstLines(out []byte, n int) []byte {
	lines := bytes.SplitAfterN(out, []byte("\n"), n+1)
	return bytes.Join(lines[:min(n, len(lines))], nil)
}

// TestVocabulary checks the shape the realistic corpus is for: a few
// words on nearly every page, thousands of words in all, and many that
// share their first three letters, as a search index meets in real text.
func TestVocabulary(t *testing.T) {
	files := readAll(t, write(t, ForFiles(1000)))
	wordRE := regexp.MustCompile(`[a-z][a-z'-]*`)
	seenIn := map[string]int{}
	docs := 0
	for name, text := range files {
		if !strings.HasSuffix(name, ".md") || name == "_index.md" {
			continue
		}
		_, body, _ := strings.Cut(text, "\n+++\n")
		body = linkRE.ReplaceAllString(body, "]")
		docs++
		seen := map[string]bool{}
		for _, w := range wordRE.FindAllString(strings.ToLower(body), -1) {
			if !seen[w] {
				seen[w] = true
				seenIn[w]++
			}
		}
	}
	for _, w := range []string{"trafficking", "the"} {
		if share := float64(seenIn[w]) / float64(docs); share < 0.9 {
			t.Errorf("%q is in %.0f%% of the bodies, want nearly all", w, 100*share)
		}
	}
	if n := len(seenIn); n < 2500 {
		t.Errorf("%d distinct words in 1,000 files, want thousands", n)
	}
	tra := 0
	for w := range seenIn {
		if strings.HasPrefix(w, "tra") {
			tra++
		}
	}
	if tra < 20 {
		t.Errorf("%d words begin with tra, want many (traffic, trafficker, training, transport, ...)", tra)
	}
}

func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if err := Write(b.TempDir(), ForFiles(n)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestReachKeys checks the organization keys written only once the schema
// has them: they parse, and shelters are confidential with no address.
func TestReachKeys(t *testing.T) {
	w := &writer{p: newPlan(ForFiles(1000)), v: newVocabulary(), extra: map[string]bool{}}
	for _, k := range []string{"languages", "populations", "hotline", "hours", "address", "confidential", "verified"} {
		w.extra[k] = true
	}
	seen := map[string]int{}
	for i := range w.p.orgs {
		text := w.organization(i)
		fm, _, _ := strings.Cut(strings.TrimPrefix(text, "+++\n"), "\n+++\n")
		var m map[string]any
		if _, err := toml.Decode(fm, &m); err != nil {
			t.Fatalf("%s: %v\n%s", w.p.orgs[i].slug, err, fm)
		}
		for k := range w.extra {
			if _, ok := m[k]; ok {
				seen[k]++
			}
		}
		if m["confidential"] == true && m["address"] != nil {
			t.Errorf("%s: a confidential organization with an address", w.p.orgs[i].slug)
		}
	}
	for k := range w.extra {
		if seen[k] == 0 {
			t.Errorf("no organization has %s", k)
		}
	}
}
