package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// repoRoot is the repository's folder and diffTestdata holds
// generator/diff's test cases; both found before any test changes the
// current folder.
var (
	repoRoot, _  = filepath.Abs(filepath.Join("..", ".."))
	diffTestdata = filepath.Join(repoRoot, "generator", "diff", "testdata")
)

// diffCase applies generator/diff/testdata/NAME.txtar to the content
// folder content (see generator/diff's tests).
func diffCase(t *testing.T, content, name string) {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join(diffTestdata, name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		if f.Name == "remove" {
			for _, p := range strings.Fields(string(f.Data)) {
				if err := os.Remove(filepath.Join(content, p)); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		p := filepath.Join(content, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// gitRun runs git in dir, failing the test on an error.
func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// diffRepo makes a Git repository with three commits: one without a
// content folder, the base strategy of generator/diff's tests, and that
// strategy changed by the "funding" case. It is the current folder.
func diffRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	gitRun(t, dir, "init", "-q", "-b", "main")
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("A strategy.\n"), 0o644)
	gitRun(t, dir, "add", "-A")
	gitRun(t, dir, "commit", "-q", "-m", "start")
	diffCase(t, filepath.Join(dir, "content"), "base")
	gitRun(t, dir, "add", "-A")
	gitRun(t, dir, "commit", "-q", "-m", "base")
	diffCase(t, filepath.Join(dir, "content"), "funding")
	gitRun(t, dir, "add", "-A")
	gitRun(t, dir, "commit", "-q", "-m", "funding")
	return dir
}

// afterFrom is a comparison without its first lines, which name the
// sides.
func afterFrom(t *testing.T, md string) string {
	t.Helper()
	_, rest, ok := strings.Cut(md, "\nFrom ")
	if !ok {
		t.Fatalf("no From line in:\n%s", md)
	}
	_, rest, _ = strings.Cut(rest, "\n")
	return rest
}

// Two revisions compare exactly as two folders holding them do (the
// golden files of generator/diff), and the working tree is left alone.
func TestDiffRevisions(t *testing.T) {
	dir := diffRepo(t)
	os.WriteFile(filepath.Join(dir, "content", "objectives", "pv-1.md"), []byte("uncommitted"), 0o644)
	code, out, errOut := agenda(t, "diff", "HEAD~1", "HEAD")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want, err := os.ReadFile(filepath.Join(diffTestdata, "funding.md"))
	if err != nil {
		t.Fatal(err)
	}
	if got := afterFrom(t, out); got != afterFrom(t, string(want)) {
		t.Errorf("diff HEAD~1 HEAD:\n%s\nwant as generator/diff/testdata/funding.md:\n%s", got, want)
	}
	if !strings.HasPrefix(out, "## What this change does to the strategy\n\nFrom **HEAD\\~1 (") {
		t.Errorf("the sides are not named by revision and commit:\n%s", out)
	}
	if status := gitRun(t, dir, "status", "--porcelain"); status != " M content/objectives/pv-1.md\n" {
		t.Errorf("the working tree changed: %q", status)
	}
}

// A revision without the content folder is an empty strategy: everything
// is added.
func TestDiffRevisionWithoutContent(t *testing.T) {
	diffRepo(t)
	code, out, errOut := agenda(t, "diff", "HEAD~2", "HEAD~1")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"There is no content folder in **HEAD\\~2 (",
		"| added | objective | PV-1 Safer recruitment |",
		"| added | partnership | Recruitment Alliance |",
		"| **Total** | 0 | 400 | +400 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}

// Without arguments, HEAD is compared with the working tree; with one,
// that revision is.
func TestDiffWorkingTree(t *testing.T) {
	dir := diffRepo(t)
	code, out, _ := agenda(t, "diff")
	if code != exitOK || !strings.Contains(out, "No objective, organization or partnership changes") {
		t.Errorf("diff of a clean working tree: exit %d\n%s", code, out)
	}
	diffCase(t, filepath.Join(dir, "content"), "added")
	code, out, _ = agenda(t, "diff")
	if code != exitOK || !strings.Contains(out, "| added | objective | PT-2 Legal aid for survivors |") || !strings.Contains(out, "to **content**") {
		t.Errorf("diff after adding PT-2: exit %d\n%s", code, out)
	}
	code, out, _ = agenda(t, "diff", "HEAD~1")
	if code != exitOK || !strings.Contains(out, "| PV-1 Safer recruitment | 400 | 1,000 |") || !strings.Contains(out, "PT-2 Legal aid") {
		t.Errorf("diff HEAD~1: exit %d\n%s", code, out)
	}
}

// Two folders need no Git at all.
func TestDiffFolders(t *testing.T) {
	t.Chdir(t.TempDir())
	diffCase(t, "old", "base")
	diffCase(t, "new", "base")
	diffCase(t, "new", "removed")
	code, out, errOut := agenda(t, "diff", "old", "new")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want, err := os.ReadFile(filepath.Join(diffTestdata, "removed.md"))
	if err != nil {
		t.Fatal(err)
	}
	if afterFrom(t, out) != afterFrom(t, string(want)) {
		t.Errorf("diff old new:\n%s\nwant as generator/diff/testdata/removed.md:\n%s", out, want)
	}
}

// Content errors are reported in the comparison, which is still written.
func TestDiffWithContentErrors(t *testing.T) {
	t.Chdir(t.TempDir())
	diffCase(t, "old", "base")
	diffCase(t, "new", "base")
	diffCase(t, "new", "errors")
	code, out, errOut := agenda(t, "diff", "old", "new")
	if code != exitOK || !strings.Contains(out, "**new** has 2 content errors") || !strings.Contains(errOut, "new has 2 content errors") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestDiffErrorsForPeople(t *testing.T) {
	t.Chdir(t.TempDir())
	os.Mkdir("content", 0o755)
	code, _, errOut := agenda(t, "diff", "main")
	if code != exitUsage || !strings.Contains(errOut, "is not in a Git repository") {
		t.Errorf("outside Git: exit %d, %q", code, errOut)
	}
	diffRepo(t)
	code, _, errOut = agenda(t, "diff", "no-such-branch")
	if code != exitUsage || !strings.Contains(errOut, `unknown revision "no-such-branch"`) {
		t.Errorf("unknown revision: exit %d, %q", code, errOut)
	}
	code, _, errOut = agenda(t, "diff", "--", "--output=x", "HEAD")
	if code != exitUsage || !strings.Contains(errOut, "is not a revision") {
		t.Errorf("an option as a revision: exit %d, %q", code, errOut)
	}
	code, _, errOut = agenda(t, "diff", "a", "b", "c")
	if code != exitUsage || !strings.Contains(errOut, "usage: agenda diff") {
		t.Errorf("three sides: exit %d, %q", code, errOut)
	}
}
