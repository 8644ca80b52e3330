package diff_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/diff"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/site"
)

var update = flag.Bool("update", false, "rewrite testdata/*.md from the current output")

var today = model.NewDate(2026, 6, 1)

// Each case is testdata/NAME.txtar: files that replace or join those of
// testdata/base.txtar, and a "remove" file listing paths to delete. The
// comparison of base with the changed strategy must be testdata/NAME.md.
var cases = []string{"added", "removed", "changed", "coverage", "shortfalls", "funding", "errors", "hostile"}

func TestGolden(t *testing.T) {
	for _, name := range cases {
		t.Run(name, func(t *testing.T) {
			base, head := Folders(t, name)
			got := compare(t, read(t, "old", base), read(t, "new", head))
			golden(t, name+".md", got)
		})
	}
}

// Folders writes the base strategy and the one changed by case name to
// two folders, returned in that order.
func Folders(t *testing.T, name string) (base, head string) {
	t.Helper()
	dir := t.TempDir()
	base, head = filepath.Join(dir, "old"), filepath.Join(dir, "new")
	files := archive(t, "base.txtar")
	writeFiles(t, base, files)
	for path, data := range archive(t, name+".txtar") {
		if path == "remove" {
			for _, p := range strings.Fields(string(data)) {
				delete(files, p)
			}
			continue
		}
		files[path] = data
	}
	writeFiles(t, head, files)
	return base, head
}

func archive(t *testing.T, name string) map[string][]byte {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range a.Files {
		files[f.Name] = f.Data
	}
	return files
}

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// read reads a folder as agenda diff does, naming it label.
func read(t *testing.T, label, dir string) *diff.Side {
	t.Helper()
	s, rep, diags := site.Read(site.Options{Source: dir, Display: "content", Today: today})
	side := &diff.Side{Label: label, Strategy: s, Report: rep}
	for _, d := range diags.Items() {
		if d.Severity == diag.Error {
			side.Errors = append(side.Errors, d)
		}
	}
	return side
}

func compare(t *testing.T, base, head *diff.Side) string {
	t.Helper()
	var b bytes.Buffer
	if err := diff.Markdown(&b, diff.Compare(base, head)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/diff -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./generator/diff -update rewrites it after a deliberate change):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestSameStrategyIsNoChange(t *testing.T) {
	base, _ := Folders(t, "added")
	r := diff.Compare(read(t, "old", base), read(t, "new", base))
	if !r.Empty() {
		t.Errorf("a strategy compared with itself changes: %+v", r)
	}
}

// A revision without the content folder: everything is added, and every
// shortfall of the new side opened.
func TestAbsentSide(t *testing.T) {
	base, _ := Folders(t, "added")
	head := read(t, "new", base)
	r := diff.Compare(&diff.Side{Label: "old", Absent: true}, head)
	if len(r.Added) != 5 || len(r.Removed)+len(r.Changed) != 0 {
		t.Errorf("added %v, removed %v, changed %v; want the 5 entities added", r.Added, r.Removed, r.Changed)
	}
	if len(r.Opened) != len(head.Report.Shortfalls) || len(r.Closed) != 0 {
		t.Errorf("opened %d, closed %d; want every one of the %d shortfalls opened", len(r.Opened), len(r.Closed), len(head.Report.Shortfalls))
	}
	if r.Total.Before != 0 || r.Total.After != 400 {
		t.Errorf("total %v", r.Total)
	}
	got := compare(t, &diff.Side{Label: "old", Absent: true}, head)
	if !strings.Contains(got, "There is no content folder in **old**") {
		t.Errorf("the output does not say the old side had no content:\n%s", got)
	}
}

// Untrusted titles must not inject HTML, mentions, links or table cells
// into a pull-request comment.
func TestHostileTitlesAreEscaped(t *testing.T) {
	base, head := Folders(t, "hostile")
	got := compare(t, read(t, "old", base), read(t, "new", head))
	for _, bad := range []string{"<script", "<img", "<!--", "@octocat"} {
		if strings.Contains(got, bad) {
			t.Errorf("output holds %q:\n%s", bad, got)
		}
	}
	if link := regexp.MustCompile(`(^|[^\\])\]\(`).FindString(got); link != "" {
		t.Errorf("output holds a link %q:\n%s", link, got)
	}
	// Every table row has as many unescaped bars as its header.
	bars := regexp.MustCompile(`(^|[^\\])\|`)
	var columns int
	for _, line := range strings.Split(got, "\n") {
		if !strings.HasPrefix(line, "|") {
			columns = 0
			continue
		}
		n := len(bars.FindAllString(line, -1))
		if columns == 0 {
			columns = n
		} else if n != columns {
			t.Errorf("row with %d cells in a table of %d: %s", n, columns, line)
		}
	}
}

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"Harbor House":       "Harbor House",
		"<b>x</b> & y":       "&lt;b&gt;x&lt;/b&gt; &amp; y",
		"a | b":              `a \| b`,
		"*x* _y_ `z` [l](u)": `\*x\* \_y\_ \` + "`" + `z\` + "`" + ` \[l\](u)`,
		"- item":             `\- item`,
		"12. twelve":         `12\. twelve`,
		"PV-1.2 done.":       "PV-1.2 done.",
		"two\nlines":         "two lines",
		"@team":              "@\u200bteam",
	} {
		if got := diff.Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

// An id held by two files on one side, written in two cases (an error
// check reports), is compared with the version in the file of the same
// name on the other side, the same on every run: the comparison does not
// depend on the order a map is read in. (The values a change shows make
// the version compared visible: the first holder in the strategy's order
// is the copy, pv-1-again.md, which the comparison took before.)
func TestDuplicateIDsCompareTheSameEveryRun(t *testing.T) {
	base, head := Folders(t, "added")
	dup := "+++\nid = \"pv-1\"\ntitle = \"A second PV-1\"\ncategory = \"prevention\"\nsummary = \"Another.\"\nlead = [\"agency\"]\nsectors = [\"government\"]\nneed = 5\n+++\n\nAnother body.\n"
	writeFiles(t, base, map[string][]byte{"objectives/pv-1-again.md": []byte(dup)})
	old, new := read(t, "old", base), read(t, "new", head)
	if len(old.Errors) == 0 {
		t.Fatal("the duplicate id is not an error")
	}
	first := compare(t, old, new)
	for range 20 {
		if got := compare(t, old, new); got != first {
			t.Fatalf("the comparison changed from one run to the next:\n%s\n--- then ---\n%s", first, got)
		}
	}
	if strings.Contains(first, "A second PV-1") || strings.Contains(first, "| changed | objective | PV-1") {
		t.Errorf("the comparison took the copy, not the file of the same name:\n%s", first)
	}
}
