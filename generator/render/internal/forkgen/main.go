// Forkgen copies the Go toolchain's text/template, html/template and
// internal/fmtsort into generator/render/internal, rewrites their
// imports, and applies the few edits (see edits in fork.go) that hook
// the project's own code, kept in agenda_*.go files, into them. It
// records the Go release and the hash of every file copied in BASE.
//
// Usage, from the repository's root:
//
//	go generate ./generator/render/internal/...
//
// which runs, in this folder:
//
//	go run . [-goroot dir] [-out dir]
package main

//go:generate go run . -out ..

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	goroot := flag.String("goroot", "", "the Go toolchain to copy from (default: go env GOROOT)")
	out := flag.String("out", "..", "the folder to write, generator/render/internal")
	flag.Parse()
	if err := run(*goroot, *out); err != nil {
		fmt.Fprintln(os.Stderr, "forkgen:", err)
		os.Exit(1)
	}
}

func run(goroot, out string) error {
	if goroot == "" {
		var err error
		if goroot, err = goEnv("GOROOT"); err != nil {
			return err
		}
	}
	version, err := goVersion(goroot)
	if err != nil {
		return err
	}
	files, err := readUpstream(goroot)
	if err != nil {
		return err
	}
	forked, err := fork(version, files)
	if err != nil {
		return err
	}
	return write(out, forked)
}

func goEnv(name string) (string, error) {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", name, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// goVersion is the release of the toolchain at goroot, the first line
// of its VERSION file.
func goVersion(goroot string) (string, error) {
	data, err := os.ReadFile(filepath.Join(goroot, "VERSION"))
	if err != nil {
		return "", err
	}
	version, _, _ := strings.Cut(string(data), "\n")
	return strings.TrimSpace(version), nil
}
