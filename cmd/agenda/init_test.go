package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// agendaWith runs the command in-process with AGENDA_INIT_VERSION set.
func agendaWith(t *testing.T, version string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut, func(k string) string {
		switch k {
		case "SOURCE_DATE_EPOCH":
			return "1784100000"
		case "AGENDA_INIT_VERSION":
			return version
		}
		return ""
	})
	return code, out.String(), errOut.String()
}

// agenda init writes a repository whose content the commands check and
// build, whose workflow does what this repository's does (with the same
// comment script), and in which agenda diff compares revisions.
func TestInit(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, errOut := agendaWith(t, "v1.4.0", "init", "strategy")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "content/site.toml\n") || !strings.Contains(errOut, "cmd/agenda@v1.4.0") {
		t.Errorf("init's report:\n%s\n%s", out, errOut)
	}
	workflow, err := os.ReadFile("strategy/.github/workflows/check.yml")
	if err != nil {
		t.Fatal(err)
	}
	checkWorkflow(t, string(workflow))
	ours, err := os.ReadFile(filepath.Join(repoRoot, ".github", "workflows", "check.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if workflowScript(t, string(workflow)) != workflowScript(t, string(ours)) {
		t.Error("init's comment script differs from .github/workflows/check.yml's")
	}
	if !strings.Contains(string(workflow), `go run "$AGENDA" check --format github`) {
		t.Error("init's workflow does not run the pinned program with go run")
	}

	t.Chdir("strategy")
	if code, _, errOut := agenda(t, "check"); code != exitOK || strings.Contains(errOut, "warning") {
		t.Errorf("check: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := agenda(t, "build"); code != exitOK {
		t.Errorf("build: exit %d\n%s", code, errOut)
	}

	dir, _ := os.Getwd()
	gitRun(t, dir, "init", "-q", "-b", "main")
	gitRun(t, dir, "add", "-A")
	gitRun(t, dir, "commit", "-q", "-m", "agenda init")
	code, out, errOut = agenda(t, "new", "organization", "Harbor House")
	if code != exitOK {
		t.Fatalf("new: %s", errOut)
	}
	code, out, errOut = agenda(t, "diff", "main")
	if code != exitOK || !strings.Contains(out, "| added | organization | Harbor House |") || !strings.Contains(out, `required key "sector" is empty`) {
		t.Errorf("diff main after agenda new: exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestInitErrors(t *testing.T) {
	t.Chdir(t.TempDir())
	os.WriteFile("notes.txt", []byte("mine"), 0o644)
	if code, _, errOut := agenda(t, "init", "."); code != exitUsage || !strings.Contains(errOut, "is not empty") {
		t.Errorf("init into a non-empty folder: exit %d, %q", code, errOut)
	}
	if code, _, errOut := agenda(t, "init"); code != exitUsage || !strings.Contains(errOut, "usage: agenda init DIR") {
		t.Errorf("init without a folder: exit %d, %q", code, errOut)
	}
	code, _, errOut := agendaWith(t, "(devel)", "init", "s")
	if code != exitOK || !strings.Contains(errOut, "replace VERSION-NOT-SET with a release tag") {
		t.Errorf("init from a checkout does not say what to set: exit %d, %q", code, errOut)
	}
}
