package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// module is the import path of the folder forkgen writes.
const module = "github.com/commonagenda/agenda/generator/render/internal"

// A pkg is an upstream package copied into a folder of the fork.
type pkg struct {
	src string // in GOROOT/src
	dst string // in the fork
}

var pkgs = []pkg{
	{"text/template", "texttemplate"},
	{"html/template", "htmltemplate"},
	{"internal/fmtsort", "fmtsort"},
}

// skip are upstream files not copied. text/template/parse is not copied
// either: the fork uses the standard library's.
var skip = map[string]string{
	"src/text/template/link_test.go": "builds a program with internal/testenv",
}

// An edit is an exact replacement in one upstream file. Its old text
// must occur exactly once, so that when upstream changes the code an
// edit hooks into, forkgen stops and names the edit rather than leaving
// the hook out.
type edit struct {
	file     string // upstream file, from GOROOT
	why      string
	old, new string
}

// edits are the only changes to upstream code. Most rename an upstream
// function that an agenda_*.go file replaces; the replacement falls
// back to the renamed one.
var edits = []edit{
	{"src/text/template/template.go", "the template set's caches (agenda_funcs.go)",
		"\texecFuncs  map[string]reflect.Value\n}",
		"\texecFuncs  map[string]reflect.Value\n\tagenda     agendaCommon // agenda: caches, see agenda_funcs.go\n}"},
	{"src/text/template/template.go", "Funcs empties the cache of functions found (agenda_funcs.go)",
		"\taddFuncs(t.parseFuncs, funcMap)\n",
		"\taddFuncs(t.parseFuncs, funcMap)\n\tt.agenda.forgetFuncs() // agenda\n"},
	{"src/text/template/template.go", "adding a template empties the cache of templates found (agenda_funcs.go)",
		"\tt.tmpl[new.name] = new\n",
		"\tt.tmpl[new.name] = new\n\tt.agenda.forgetTemplates() // agenda\n"},
	{"src/text/template/funcs.go", "functions are found without a lock (agenda_funcs.go)",
		"func findFunction(", "func findFunctionUpstream("},
	{"src/text/template/exec.go", "{{template}} finds the template without a lock (agenda_funcs.go)",
		"\ttmpl := s.tmpl.Lookup(t.Name)\n", "\ttmpl := s.tmpl.lookupFast(t.Name) // agenda\n"},
	{"src/text/template/exec.go", "escapers are called without reflect (agenda_funcs.go)",
		"func (s *state) evalFunction(", "func (s *state) evalFunctionUpstream("},
	{"src/text/template/exec.go", "an action ending in escapers prints strings (agenda_print.go)",
		"func (s *state) walk(", "func (s *state) walkUpstream("},
	{"src/text/template/exec.go", "a string is printed without fmt (agenda_print.go)",
		"func (s *state) printValue(", "func (s *state) printValueUpstream("},
	{"src/text/template/exec.go", "field chains are found where they were found before (agenda_fields.go)",
		"func (s *state) evalFieldChain(", "func (s *state) evalFieldChainUpstream("},
	{"src/text/template/exec.go", "struct members are looked up once per type (agenda_fields.go)",
		"func (s *state) evalField(", "func (s *state) evalFieldUpstream("},
	{"src/html/template/html.go", "a string that needs no escaping allocates nothing (agenda_html.go)",
		"func htmlReplacer(", "func htmlReplacerUpstream("},
}

// A pin is an upstream function whose behaviour the project's code
// reproduces, in a fast path that answers without calling it. When
// upstream's text of the function changes (a fix, say), forkgen stops
// and names the project's code to review against the new text; then
// update sum to the one it reports.
type pin struct {
	file, decl string // upstream file; the function's declaration up to "("
	sum        string // of upstream's text of the function; see funcSum
	review     string // the project's code that must agree with it
}

var pins = []pin{
	{"src/text/template/exec.go", "func (s *state) walk(", "6c4ef25b25a892f9", "printStrings in texttemplate/agenda_print.go"},
	{"src/text/template/exec.go", "func (s *state) evalPipeline(", "9744c124f60c3d40", "printStrings in texttemplate/agenda_print.go"},
	{"src/text/template/exec.go", "func (s *state) printValue(", "cbc37712562a9dcc", "printValue in texttemplate/agenda_print.go"},
	{"src/text/template/exec.go", "func (s *state) evalCall(", "d6c758f4969e6d9f", "callStrings in texttemplate/agenda_funcs.go"},
	{"src/text/template/exec.go", "func (s *state) evalFunction(", "eabe8b044eafb3a5", "evalFunction in texttemplate/agenda_funcs.go"},
	{"src/text/template/funcs.go", "func findFunction(", "4c344b7906066536", "findFunc in texttemplate/agenda_funcs.go"},
	{"src/text/template/exec.go", "func (s *state) evalFieldChain(", "c5baa0596e4bb278", "fastFields in texttemplate/agenda_fields.go"},
	{"src/text/template/exec.go", "func (s *state) evalField(", "89023b8e6a10e55c", "evalField and fastFields in texttemplate/agenda_fields.go"},
	{"src/html/template/html.go", "func htmlReplacer(", "b28938dd61ff6e61", "htmlReplacer in htmltemplate/agenda_html.go"},
	{"src/html/template/html.go", "func htmlEscaper(", "bd24390f7c9f8058", "htmltemplate/agenda_plain.go"},
	{"src/html/template/html.go", "func attrEscaper(", "17244ce90cbc683e", "htmltemplate/agenda_plain.go"},
	{"src/html/template/html.go", "func rcdataEscaper(", "b7497cb21702a7ca", "htmltemplate/agenda_plain.go"},
	{"src/html/template/html.go", "func htmlNospaceEscaper(", "e635ed9f8ebb51ab", "htmltemplate/agenda_plain.go"},
	{"src/html/template/url.go", "func urlFilter(", "3753df5ad7a9c997", "htmltemplate/agenda_plain.go"},
	{"src/html/template/url.go", "func urlEscaper(", "d422c69ae5144138", "htmltemplate/agenda_plain.go"},
	{"src/html/template/url.go", "func urlNormalizer(", "7929b2cbe9025f33", "htmltemplate/agenda_plain.go"},
	{"src/html/template/url.go", "func urlProcessor(", "29264609a601d7e6", "htmltemplate/agenda_plain.go"},
	{"src/html/template/url.go", "func processURLOnto(", "d6a0e0477723f6c3", "urlClean in htmltemplate/agenda_plain.go"},
	{"src/html/template/content.go", "func stringify(", "737c9a2546d896ff", "htmltemplate/agenda_plain.go"},
}

// funcSum is the first 16 hex digits of the sha256 of the function
// declared by decl in src, from "func" to its closing brace, or "" when
// decl is not declared exactly once.
func funcSum(src, decl string) string {
	if strings.Count(src, "\n"+decl) != 1 {
		return ""
	}
	text := src[strings.Index(src, "\n"+decl)+1:]
	if end := strings.Index(text, "\n}\n"); end >= 0 {
		text = text[:end+3]
	}
	return fmt.Sprintf("%x", sha256.Sum256([]byte(text)))[:16]
}

// rewrites apply to every file: the fork's packages import each other;
// internal/godebug, which only the standard library may import, is
// replaced by agenda_godebug.go; and upstream's go:generate lines (which
// run stringer, whose output is copied) are not run here. Each must
// apply somewhere.
var rewrites = [][2]string{
	{"\t\"internal/fmtsort\"\n", "\t\"" + module + "/fmtsort\"\n"},
	{"\t\"text/template\"\n", "\ttemplate \"" + module + "/texttemplate\"\n"},
	{"\t\"html/template\"\n", "\ttemplate \"" + module + "/htmltemplate\"\n"},
	{"\t. \"html/template\"\n", "\t. \"" + module + "/htmltemplate\"\n"},
	{"\t\"internal/godebug\"\n", ""},
	{"\n//go:generate ", "\n// upstream: go:generate "},
}

// An upstream file, by its path in GOROOT.
type upstreamFile struct {
	path string // slash-separated, from GOROOT: src/text/template/exec.go
	dst  string // slash-separated, in the fork: texttemplate/exec.go
	data []byte
}

// readUpstream reads the files forkgen copies from goroot, sorted by
// path: the licence, and each package's files and testdata, except
// subpackages and skip.
func readUpstream(goroot string) ([]upstreamFile, error) {
	license, err := os.ReadFile(filepath.Join(goroot, "LICENSE"))
	if err != nil {
		return nil, err
	}
	files := []upstreamFile{{"LICENSE", "LICENSE", license}}
	for _, p := range pkgs {
		root := filepath.Join(goroot, "src", filepath.FromSlash(p.src))
		err := filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, name)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if rel != "." && rel != "testdata" && !strings.HasPrefix(rel, "testdata/") {
					return fs.SkipDir
				}
				return nil
			}
			src := path.Join("src", p.src, rel)
			if _, ok := skip[src]; ok || !d.Type().IsRegular() {
				return nil
			}
			data, err := os.ReadFile(name)
			files = append(files, upstreamFile{src, path.Join(p.dst, rel), data})
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("reading the toolchain's %s: %w", p.src, err)
		}
	}
	slices.SortFunc(files, func(a, b upstreamFile) int { return strings.Compare(a.path, b.path) })
	return files, nil
}

// base is the text of the BASE file for files copied from Go version.
func base(version string, files []upstreamFile) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# The Go release, and the sha256 of each file, that forkgen copied\n")
	fmt.Fprintf(&b, "# (see README.md). Update with: go generate ./generator/render/internal/...\n")
	fmt.Fprintf(&b, "go %s\n", version)
	for _, f := range files {
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(f.data), f.path)
	}
	return b.Bytes()
}

// baseVersion is the Go version recorded in a BASE file.
func baseVersion(base []byte) string {
	for line := range strings.Lines(string(base)) {
		if v, ok := strings.CutPrefix(line, "go "); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// fork returns the generated files, by their slash-separated path in
// the fork: the upstream files with imports rewritten and edits applied,
// and BASE. version names the Go release in their headers.
func fork(version string, files []upstreamFile) (map[string][]byte, error) {
	out := map[string][]byte{"BASE": base(version, files)}
	usedRewrites := make([]bool, len(rewrites))
	usedEdits := make([]int, len(edits))
	var errs []error
	for _, f := range files {
		if !strings.HasSuffix(f.path, ".go") || strings.Contains(f.path, "/testdata/") {
			out[f.dst] = f.data
			continue
		}
		text := string(f.data)
		for _, p := range pins {
			if p.file != f.path {
				continue
			}
			if sum := funcSum(text, p.decl); sum != p.sum {
				errs = append(errs, fmt.Errorf("%s: upstream's %s...} is not the text pinned (sum %s, pinned %q): review %s against it, then pin %s",
					p.file, p.decl, sum, p.sum, p.review, sum))
			}
		}
		for i, r := range rewrites {
			if strings.Contains(text, r[0]) {
				text = strings.ReplaceAll(text, r[0], r[1])
				usedRewrites[i] = true
			}
		}
		for i, e := range edits {
			if e.file != f.path {
				continue
			}
			usedEdits[i]++
			if n := strings.Count(text, e.old); n != 1 {
				errs = append(errs, fmt.Errorf("edit %q: %s: found %q %d times, want once", e.why, e.file, e.old, n))
				continue
			}
			text = strings.Replace(text, e.old, e.new, 1)
		}
		header := fmt.Sprintf("// Code generated by forkgen from Go %s %s; DO NOT EDIT.\n\n", version, f.path)
		src, err := format.Source([]byte(header + text))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.path, err))
			continue
		}
		out[f.dst] = src
	}
	for i, e := range edits {
		if usedEdits[i] == 0 {
			errs = append(errs, fmt.Errorf("edit %q: no file %s", e.why, e.file))
		}
	}
	for i, r := range rewrites {
		if !usedRewrites[i] {
			errs = append(errs, fmt.Errorf("rewrite %q: found in no file", strings.TrimSpace(r[0])))
		}
	}
	return out, errors.Join(errs...)
}

// generated reports whether a file of the fork, by its slash-separated
// path, is generated (so removed before generating): BASE, LICENSE and
// everything in the packages' folders except the project's agenda_*
// files.
func generated(name string) bool {
	if name == "BASE" || name == "LICENSE" {
		return true
	}
	dir, _, _ := strings.Cut(name, "/")
	return slices.ContainsFunc(pkgs, func(p pkg) bool { return p.dst == dir }) &&
		!strings.HasPrefix(path.Base(name), "agenda_")
}

// listGenerated returns the generated files now in the fork at dir.
func listGenerated(dir string) ([]string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, name)
		if rel = filepath.ToSlash(rel); generated(rel) {
			names = append(names, rel)
		}
		return nil
	})
	return names, err
}

// write replaces the generated files of the fork at dir with files.
func write(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	old, err := listGenerated(dir)
	if err != nil {
		return err
	}
	for _, name := range old {
		if _, ok := files[name]; !ok {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
				return err
			}
		}
	}
	for name, data := range files {
		name = filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
			return err
		}
		if err := os.WriteFile(name, data, 0o666); err != nil {
			return err
		}
	}
	return nil
}
