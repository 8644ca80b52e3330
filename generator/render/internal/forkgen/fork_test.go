package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

const update = "run go generate ./generator/render/internal/..."

// toolchain returns the files forkgen would copy from the toolchain that
// runs the test. Without its sources, the test is skipped, except in CI.
func toolchain(t *testing.T) []upstreamFile {
	t.Helper()
	goroot := runtime.GOROOT()
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		goroot = strings.TrimSpace(string(out))
	}
	if _, err := os.Stat(filepath.Join(goroot, "src", "text", "template", "exec.go")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the toolchain's sources are needed to check the template copy: %v", err)
		}
		t.Skipf("the toolchain's sources are not available: %v", err)
	}
	files, err := readUpstream(goroot)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func recordedBase(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "BASE"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestBase fails when the toolchain's sources differ from those the copy
// was made from, such as after a Go release with a security fix.
func TestBase(t *testing.T) {
	files := toolchain(t)
	recorded := recordedBase(t)
	version := baseVersion(recorded)
	changed := diffLines(recorded, base(version, files))
	if len(changed) == 0 {
		return
	}
	var pkgs []string
	for _, line := range changed {
		for _, p := range []string{"text/template", "html/template", "internal/fmtsort", "LICENSE"} {
			if strings.Contains(line, "src/"+p+"/") || strings.HasSuffix(line, " "+p) {
				if !slices.Contains(pkgs, p) {
					pkgs = append(pkgs, p)
				}
			}
		}
	}
	t.Errorf("the toolchain's %s differs from the recorded base %s: %s\n%s",
		strings.Join(pkgs, ", "), version, update, strings.Join(changed, "\n"))
}

// TestGenerated fails when a generated file differs from what forkgen
// makes of the recorded base: generated files are not edited by hand.
func TestGenerated(t *testing.T) {
	files := toolchain(t)
	recorded := recordedBase(t)
	version := baseVersion(recorded)
	if len(diffLines(recorded, base(version, files))) != 0 {
		t.Skip("the toolchain differs from the recorded base; see TestBase")
	}
	forked, err := fork(version, files)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := write(dir, forked); err != nil {
		t.Fatal(err)
	}
	want, err := listGenerated(dir)
	if err != nil {
		t.Fatal(err)
	}
	have, err := listGenerated("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range have {
		if !slices.Contains(want, name) {
			t.Errorf("%s is not generated: name the project's own files agenda_*.go", name)
		}
	}
	for _, name := range want {
		got, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s: %v: %s", name, err, update)
			continue
		}
		if w, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); !bytes.Equal(got, w) {
			t.Errorf("%s differs from what forkgen generates from %s: put changes in agenda_*.go files and edits in forkgen/fork.go, then %s",
				name, version, update)
		}
	}
}

// An edit whose text upstream no longer has stops forkgen, naming it.
func TestEditNotFound(t *testing.T) {
	files := []upstreamFile{{path: "src/text/template/exec.go", dst: "texttemplate/exec.go", data: []byte("package template\n")}}
	_, err := fork("go1.0", files)
	if err == nil {
		t.Fatal("no error for edits whose text is missing")
	}
	for _, e := range edits {
		if e.file == "src/text/template/exec.go" && !strings.Contains(err.Error(), fmt.Sprintf("edit %q", e.why)) {
			t.Errorf("error does not name edit %q:\n%v", e.why, err)
		}
	}
}

// diffLines returns the lines of a and b that are not in both, marked
// - and +.
func diffLines(a, b []byte) []string {
	as, bs := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	var out []string
	for _, l := range as {
		if !slices.Contains(bs, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range bs {
		if !slices.Contains(as, l) {
			out = append(out, "+ "+l)
		}
	}
	return out
}

// A change upstream to a function the project's code reproduces stops
// forkgen, naming the code to review.
func TestPinChanged(t *testing.T) {
	files := toolchain(t)
	for i, f := range files {
		if f.path == "src/html/template/html.go" {
			data := strings.Replace(string(f.data), "written, b := 0, new(strings.Builder)", "written, b := 0, &strings.Builder{}", 1)
			files[i].data = []byte(data)
		}
	}
	_, err := fork("go1.0", files)
	if err == nil || !strings.Contains(err.Error(), "review htmlReplacer in htmltemplate/agenda_html.go") {
		t.Errorf("fork = %v, want an error naming htmlReplacer", err)
	}
}
