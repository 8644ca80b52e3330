package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArgs(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr, func(string) string { return "" })
	return code, stdout.String(), stderr.String()
}

func TestNewCommand(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"T\"\nbase_url = \"https://example.org/\"\n[[categories]]\nkey = \"prevention\"\ntitle = \"Prevention\"\n[[sectors]]\nkey = \"government\"\ntitle = \"Government\"\n"), 0o644)

	// Flags may follow the kind and name.
	code, out, errs := runArgs("new", "objective", "Train hotel staff", "--category", "prevention", "--source", dir)
	if code != exitOK || strings.TrimSpace(out) != filepath.Join(dir, "objectives", "pr-1.md") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, _, errs = runArgs("new", "--source", dir, "organization", "Harbor House")
	if code != exitOK {
		t.Fatalf("organization: exit %d: %s", code, errs)
	}
	if code, _, errs = runArgs("new", "--source", dir, "organization", "Harbor House"); code != exitUsage || !strings.Contains(errs, "already exists") {
		t.Errorf("overwrite: exit %d: %s", code, errs)
	}
	for _, args := range [][]string{
		{"new"}, {"new", "objective"}, {"new", "goal", "X"}, {"new", "organization", "X", "--category", "prevention"}, {"new", "a", "b", "c"},
	} {
		if code, _, _ := runArgs(append(args, "--source", dir)...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestServeCommandUsage(t *testing.T) {
	if code, _, errs := runArgs("serve", "--source", filepath.Join(t.TempDir(), "missing")); code != exitUsage || !strings.Contains(errs, "no content folder") {
		t.Errorf("missing source: exit %d: %s", code, errs)
	}
	if code, _, errs := runArgs("serve", "--source", t.TempDir(), "--addr", "256.0.0.1:1"); code != exitContent || !strings.Contains(errs, "warning") {
		t.Errorf("bad address: exit %d: %s", code, errs)
	}
	if code, _, _ := runArgs("serve", "extra"); code != exitUsage {
		t.Errorf("extra argument: exit %d", code)
	}
}
