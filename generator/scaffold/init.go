package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/commonagenda/agenda/generator/schema"
)

// Module is the Go module of the agenda program, which a new strategy's
// workflow and netlify.toml run at a pinned version.
const Module = "github.com/commonagenda/agenda"

// VersionPlaceholder stands in the files Init writes for the version of
// the program when it cannot tell its own (a build from a checkout).
const VersionPlaceholder = "VERSION-NOT-SET"

// starter is a new strategy repository: example content, README,
// CONTRIBUTING.md, pull-request template, Check workflow, netlify.toml.
// Its files carry placeholders, <<NAME>>, filled in by Init.
//
//go:embed all:starter
var starter embed.FS

// InitOptions say how to fill in a new strategy repository.
type InitOptions struct {
	// Version is the program's version as the Go toolchain stamped it
	// (runtime/debug.BuildInfo.Main.Version). A release or pseudo-version
	// is pinned; "(devel)", "" or a build of modified files
	// ("+dirty") writes VersionPlaceholder instead.
	Version string
	// GoVersion is the Go release the program was built with, from
	// runtime.Version() ("go1.26.8"): the CI and Netlify install it.
	GoVersion string
}

// InitResult says what Init wrote.
type InitResult struct {
	// Files are the paths written, relative to the folder, sorted.
	Files []string
	// Pinned is the version the files name; empty when they carry
	// VersionPlaceholder, which the user must replace.
	Pinned string
}

// PinnedVersion returns the module version to pin, or "" when v names no
// version that `go run module@version` can fetch.
func PinnedVersion(v string) string {
	if !strings.HasPrefix(v, "v") || strings.Contains(v, "+") || v == "(devel)" {
		return ""
	}
	return v
}

// goRelease is a Go release as runtime.Version() names it.
var goRelease = regexp.MustCompile(`^go(\d+\.\d+)(\.\d+)?$`)

// defaultGo is the Go release written when the program's own is not a
// release (a development toolchain): the go.mod go line's.
const defaultGo = "1.26"

// Init writes a new strategy repository into dir, which must not exist or
// be empty: no file is ever overwritten. The content it writes is a
// small, marked example that passes agenda check and builds.
func Init(dir string, opts InitOptions) (*InitResult, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty: agenda init writes a new strategy only into a new or empty folder, and never overwrites a file", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("cannot use %s: %v", dir, err)
	}
	res := &InitResult{Pinned: PinnedVersion(opts.Version)}
	replace := strings.NewReplacer(fillings(res.Pinned, opts.GoVersion)...)
	files, err := starterFiles()
	if err != nil {
		return nil, err
	}
	for _, rel := range files {
		data, err := starter.ReadFile("starter/" + rel)
		if err != nil {
			return nil, err
		}
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, err
		}
		_, err = f.WriteString(replace.Replace(string(data)))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		res.Files = append(res.Files, rel)
	}
	return res, nil
}

// starterFiles lists the starter's files, sorted.
func starterFiles() ([]string, error) {
	var files []string
	err := fs.WalkDir(starter, "starter", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, strings.TrimPrefix(p, "starter/"))
		}
		return err
	})
	return files, err
}

// fillings are the placeholders of the starter's files and their values.
func fillings(pinned, goVersion string) []string {
	version, versionNote, versionReadme := pinned, "", ""
	if pinned == "" {
		version = VersionPlaceholder
		versionNote = "\n  # NOT SET: agenda init could not tell which version it is (it was\n" +
			"  # built from a checkout). Replace " + VersionPlaceholder + " with a release tag\n" +
			"  # of " + Module + ", such as v1.0.0, here and in netlify.toml."
		versionReadme = "\n**Not set yet**: `agenda init` could not tell its own version. Replace\n" +
			"`" + VersionPlaceholder + "` with a release tag of the program (such as `v1.0.0`)\n" +
			"in `.github/workflows/check.yml`, `netlify.toml` and this README.\n"
	}
	goMinor, goFull := defaultGo, defaultGo+".0"
	if m := goRelease.FindStringSubmatch(goVersion); m != nil {
		goMinor, goFull = m[1], m[1]+m[2]
		if m[2] == "" {
			goFull = m[1] + ".0"
		}
	}
	return []string{
		"<<MODULE>>", Module,
		"<<VERSION>>", version,
		"<<VERSION_NOTE>>", versionNote,
		"<<VERSION_README>>", versionReadme,
		"<<GO_MINOR>>", goMinor,
		"<<GO_VERSION>>", goFull,
		"<<FIELD_REFERENCE>>", schema.Markdown(),
	}
}
