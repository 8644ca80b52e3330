package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"github.com/commonagenda/agenda/themes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// agenda runs the command in-process and returns its exit code and output.
func agenda(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut, func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1784100000" // 2026-07-15, after the example's last progress values
		}
		return ""
	})
	return code, out.String(), errOut.String()
}

// starter copies the repository's bundled content into a temporary folder
// and makes that the current folder.
func starter(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs("../../content")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		dst := filepath.Join(dir, "content", rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

// treeHash fingerprints a folder: every path and its contents.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			lines = append(lines, rel+"/")
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("%s %x", rel, sha256.Sum256(data)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func TestBuildBundledContent(t *testing.T) {
	starter(t)
	code, _, stderr := agenda(t, "build")
	if code != 0 {
		t.Fatalf("build exited %d:\n%s", code, stderr)
	}
	for _, p := range []string{"public/index.html", "public/objectives/pv-1/index.html", "public/data/strategy.json"} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
	if code, _, stderr := agenda(t, "check"); code != 0 {
		t.Errorf("check of bundled content exited %d:\n%s", code, stderr)
	}
}

func TestBuildIsByteIdentical(t *testing.T) {
	starter(t)
	if code, _, stderr := agenda(t, "build", "--out", "a"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := agenda(t, "build", "--out", "b"); code != 0 {
		t.Fatal(stderr)
	}
	if treeHash(t, "a") != treeHash(t, "b") {
		t.Error("two builds of the same content differ")
	}
}

func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	starter(t)
	if code, _, stderr := agenda(t, "build"); code != 0 {
		t.Fatal(stderr)
	}
	before := treeHash(t, "public")
	bad := "+++\ntitle = \"Broken\"\nsector = \"ngo\"\n+++\n"
	if err := os.WriteFile("content/organizations/broken.md", []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := agenda(t, "build")
	if code != 1 {
		t.Fatalf("build of broken content exited %d, want 1:\n%s", code, stderr)
	}
	want := `content/organizations/broken.md:3:1: unknown sector "ngo"`
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	if treeHash(t, "public") != before {
		t.Error("failed build changed the previous output")
	}
	matches, _ := filepath.Glob(".public*")
	if len(matches) > 0 {
		t.Errorf("temporary folders left behind: %v", matches)
	}
}

// TestLateFailureLeavesOutputUntouched fails a build whose problem is not
// in any one file's content: a content file that would replace a
// generated page, found by the route table.
func TestLateFailureLeavesOutputUntouched(t *testing.T) {
	starter(t)
	if code, _, stderr := agenda(t, "build"); code != 0 {
		t.Fatal(stderr)
	}
	before := treeHash(t, "public")
	if err := os.WriteFile("content/data/strategy.json", []byte(`{"mine": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := agenda(t, "build")
	if code != 1 || !strings.Contains(stderr, `content/data/strategy.json: file "data/strategy.json" is already used by a generated file`) {
		t.Fatalf("build exited %d, want 1 with the clash reported:\n%s", code, stderr)
	}
	if treeHash(t, "public") != before {
		t.Error("failed build changed the previous output")
	}
	if matches, _ := filepath.Glob(".public*"); len(matches) > 0 {
		t.Errorf("temporary folders left behind: %v", matches)
	}
}

// An objective copied under another name repeats its id: one message a
// file says so, and nothing else of the copy's (its page, feed and data
// file are the first's) is reported as a clash.
func TestRepeatedIDReportedOncePerFile(t *testing.T) {
	starter(t)
	data, err := os.ReadFile("content/objectives/pa-2.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("content/objectives/pa-2-copy.md", data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := agenda(t, "check")
	if code != 1 {
		t.Fatalf("check exited %d, want 1:\n%s", code, stderr)
	}
	var lines []string
	for line := range strings.Lines(stderr) {
		if strings.Contains(line, "objectives/pa-2") {
			lines = append(lines, strings.TrimSpace(line))
		}
	}
	want := []string{
		`content/objectives/pa-2-copy.md:2:1: duplicate objective id "PA-2" (also in content/objectives/pa-2.md:2:1)`,
		`content/objectives/pa-2.md:2:1: duplicate objective id "PA-2" (also in content/objectives/pa-2-copy.md:2:1)`,
	}
	if !slices.Equal(lines, want) {
		t.Errorf("messages about the objective:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// An alias written twice in one list is one mistake: the check says so
// once; the same path written two ways is one too, which the route table
// reports.
func TestRepeatedAliasReportedOnce(t *testing.T) {
	starter(t)
	for _, c := range []struct{ aliases, want string }{
		{`["/old/pa-3/", "/old/pa-3/"]`, `content/objectives/pa-3.md:2:26: duplicate "/old/pa-3/" in aliases (first in content/objectives/pa-3.md:2:12)`},
		{`["/old/pa-3/", "/old/pa-3"]`, `content/objectives/pa-3.md:2:26: alias "/old/pa-3/" repeats an earlier alias (first in content/objectives/pa-3.md:2:12)`},
	} {
		data, err := os.ReadFile("content/objectives/pa-3.md")
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Replace(string(data), "+++\n", "+++\naliases = "+c.aliases+"\n", 1)
		if err := os.WriteFile("content/objectives/pa-3.md", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := agenda(t, "check")
		if err := os.WriteFile("content/objectives/pa-3.md", data, 0o644); err != nil {
			t.Fatal(err)
		}
		var lines []string
		for line := range strings.Lines(stderr) {
			if strings.Contains(line, "objectives/pa-3.md") {
				lines = append(lines, strings.TrimSpace(line))
			}
		}
		if code != 1 || !slices.Equal(lines, []string{c.want}) {
			t.Errorf("aliases = %s: check exited %d, said of the objective:\n%s\nwant:\n%s", c.aliases, code, strings.Join(lines, "\n"), c.want)
		}
	}
}

// A mistake in site.toml is reported there, once: not again in every file
// that names a category or sector it no longer defines, nor as a missing
// --base-url.
func TestSiteSettingsMistakesReportedOnce(t *testing.T) {
	starter(t)
	original, err := os.ReadFile("content/site.toml")
	if err != nil {
		t.Fatal(err)
	}
	categories := regexp.MustCompile(`(?s)\[\[categories\]\].*?\n\n`)
	for _, c := range []struct {
		name, site string
		want       []string
	}{
		{"a string left open", strings.Replace(string(original), `title       = "National Strategy to Combat Human Trafficking"`, `title       = "National Strategy`, 1),
			[]string{`content/site.toml:3:33: invalid TOML: strings cannot contain newlines`}},
		{"no base_url", strings.Replace(string(original), `base_url    = "https://example.org/"`+"\n", "", 1),
			[]string{`content/site.toml:1:1: missing required key "base_url"`}},
		{"no categories", categories.ReplaceAllString(string(original), ""),
			[]string{`content/site.toml:1:1: missing required key "categories"`}},
	} {
		if err := os.WriteFile("content/site.toml", []byte(c.site), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := agenda(t, "check")
		var lines []string
		for line := range strings.Lines(stderr) {
			if !strings.Contains(line, "errors,") && !strings.Contains(line, "error,") && !strings.Contains(line, ": warning: ") {
				lines = append(lines, strings.TrimSpace(line))
			}
		}
		if code != 1 || !slices.Equal(lines, c.want) {
			t.Errorf("%s: check exited %d and said:\n%s\nwant:\n%s", c.name, code, strings.Join(lines, "\n"), strings.Join(c.want, "\n"))
		}
	}
	if err := os.WriteFile("content/site.toml", original, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A mistake in a theme of one's own is named by the theme's folder, as
// --theme or site.toml's theme gives it, so that it can be found.
func TestThemeMistakeNamesItsFolder(t *testing.T) {
	starter(t)
	if err := os.MkdirAll("mine/layouts", 0o755); err != nil {
		t.Fatal(err)
	}
	base, err := fs.ReadFile(themes.Default(), "layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(themes.Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), p)
		if err == nil {
			err = os.MkdirAll(filepath.Join("mine", filepath.Dir(p)), 0o755)
		}
		if err == nil {
			err = os.WriteFile(filepath.Join("mine", p), data, 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(string(base), "\n") + 1
	if err := os.WriteFile("mine/layouts/base.html", append(base, "{{ if }}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := agenda(t, "build", "--theme", "mine")
	want := fmt.Sprintf("mine/layouts/base.html:%d:", line)
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("build exited %d, want 1 with a problem at %s…:\n%s", code, want, stderr)
	}
}

func TestSuccessfulBuildReplacesOutputWhole(t *testing.T) {
	starter(t)
	if code, _, stderr := agenda(t, "build"); code != 0 {
		t.Fatal(stderr)
	}
	if err := os.MkdirAll("public/stale", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("public/stale/old.html", []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := agenda(t, "build"); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat("public/stale/old.html"); !os.IsNotExist(err) {
		t.Error("a file from before the build survived it")
	}
}

// A folder that holds something other than a build is never replaced
// (issue 14): the build refuses it and leaves it as it was.
func TestRefusesFolderThatIsNotABuild(t *testing.T) {
	starter(t)
	if err := os.MkdirAll("mine", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("mine/thesis.txt", []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := agenda(t, "build", "--out", "mine")
	if code != 2 || !strings.Contains(stderr, "holds no earlier build") {
		t.Errorf("build --out mine exited %d:\n%s", code, stderr)
	}
	if data, err := os.ReadFile("mine/thesis.txt"); err != nil || string(data) != "years of work" {
		t.Error("the folder was changed")
	}
}

func TestRefusesDangerousOutput(t *testing.T) {
	dir := starter(t)
	for _, out := range []string{"content", ".", "/", dir, filepath.Dir(dir)} {
		before := treeHash(t, "content")
		code, _, stderr := agenda(t, "build", "--out", out)
		if code != 2 {
			t.Errorf("build --out %s exited %d, want 2:\n%s", out, code, stderr)
		}
		if treeHash(t, "content") != before {
			t.Fatalf("build --out %s changed the content", out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"build", "--no-such-flag"},
		{"build", "extra"},
		{"check", "--format", "xml"},
		{"build", "--source", "no-such-folder"},
		{"check", "--source", "no-such-folder"},
		{"serve", "--source", "no-such-folder"},
	} {
		if code, _, _ := agenda(t, args...); code != 2 {
			t.Errorf("agenda %v exited %d, want 2", args, code)
		}
	}
	if code, out, _ := agenda(t, "help"); code != 0 || !strings.Contains(out, "agenda build") {
		t.Errorf("help exited %d:\n%s", code, out)
	}
	if code, out, _ := agenda(t, "version"); code != 0 || !strings.HasPrefix(out, "agenda ") {
		t.Errorf("version exited %d: %q", code, out)
	}
}

func TestCheckFormats(t *testing.T) {
	starter(t)
	bad := "+++\ntitle = \"Broken\"\nsector = \"ngo\"\nobjectives = [\"PV-l\"]\n+++\n"
	if err := os.WriteFile("content/organizations/broken.md", []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := agenda(t, "check")
	if code != 1 {
		t.Fatalf("check exited %d, want 1", code)
	}
	for _, want := range []string{
		`content/organizations/broken.md:3:1: unknown sector "ngo"`,
		`content/organizations/broken.md:4:`,
		`did you mean "PV-1"?`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("text output lacks %q:\n%s", want, stderr)
		}
	}

	code, stdout, _ := agenda(t, "check", "--format", "github")
	if code != 1 || !strings.Contains(stdout, "::error file=content/organizations/broken.md,line=3,col=1::unknown sector") {
		t.Errorf("github output (exit %d):\n%s", code, stdout)
	}

	code, stdout, _ = agenda(t, "check", "--format", "json")
	var report struct {
		Diagnostics []struct {
			Path    string `json:"path"`
			Line    int    `json:"line"`
			Message string `json:"message"`
		} `json:"diagnostics"`
		Errors int `json:"errors"`
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("json output does not parse: %v\n%s", err, stdout)
	}
	if code != 1 || report.Errors < 2 || report.Diagnostics[0].Path != "content/organizations/broken.md" {
		t.Errorf("json report (exit %d): %+v", code, report)
	}
}

// build keeps a cache beside the content folder unless told otherwise,
// and refuses a cache folder a build would destroy.
func TestBuildCacheFolder(t *testing.T) {
	starter(t)
	if code, _, stderr := agenda(t, "build"); code != 0 {
		t.Fatal(stderr)
	}
	if matches, _ := filepath.Glob(".agenda-cache/v1-*/pages.idx"); len(matches) != 1 {
		t.Errorf("no build cache beside the content folder: %v", matches)
	}
	if code, _, stderr := agenda(t, "build", "--cache", "none", "--out", "other"); code != 0 {
		t.Fatal(stderr)
	}
	for _, bad := range []string{"public/cache", "public", "content"} {
		if code, _, stderr := agenda(t, "build", "--cache", bad); code != 2 || !strings.Contains(stderr, "cache folder") {
			t.Errorf("--cache %s: exit %d, %s", bad, code, stderr)
		}
	}
}
