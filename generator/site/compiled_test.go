package site

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/render"
	"github.com/commonagenda/agenda/generator/synth"
)

// TestCompiledThemeGivesTheInterpretersSite builds strategies twice, once
// with the default theme's compiled code and once executing its
// templates, and requires every output file to be the same bytes: the
// realistic and the legacy synthetic strategies, the bundled example and
// the test archives, hostile content included.
func TestCompiledThemeGivesTheInterpretersSite(t *testing.T) {
	type input struct {
		name    string
		source  func(t *testing.T) string
		noBails bool
	}
	synthetic := func(shape synth.Shape) func(t *testing.T) string {
		return func(t *testing.T) string {
			dir := t.TempDir()
			if err := synth.Write(dir, shape); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(dir, "content")
		}
	}
	archive := func(name string) func(t *testing.T) string {
		return func(t *testing.T) string {
			return filepath.Join(extract(t, readArchive(t, name)), "content")
		}
	}
	legacy := synth.ForFiles(150)
	legacy.Corpus = synth.Legacy
	inputs := []input{
		{"realistic", synthetic(synth.ForFiles(400)), true},
		{"legacy", synthetic(legacy), true},
		{"bundled", func(t *testing.T) string { abs, _ := filepath.Abs("../../content"); return abs }, true},
		{"basic", archive("basic.txtar"), true},
		{"coverage", archive("coverage.txtar"), true},
		{"hostile", func(t *testing.T) string {
			// As TestHostileContentProducesNoExecutableMarkup: without
			// the two contact fields that stop the build.
			hostile := strings.NewReplacer(
				`website = "javascript:alert('website')"`, `website = "https://example.org/"`,
				`email = "x@example.org\"><script>alert('mail')</script>"`, `email = "x@example.org"`,
			).Replace(string(readArchive(t, "hostile.txtar")))
			return filepath.Join(extract(t, []byte(hostile)), "content")
		}, false},
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			src := in.source(t)
			if _, err := os.Stat(src); err != nil {
				t.Fatal(err)
			}
			pages0, bails0 := render.CompiledStats()
			compiled, _ := Build(Options{Source: src, Today: today, NoHistory: true})
			pages1, bails1 := render.CompiledStats()
			interpreted, _ := Build(Options{Source: src, Today: today, NoHistory: true, Interpret: true})
			pages2, bails2 := render.CompiledStats()
			if compiled == nil || interpreted == nil {
				t.Fatalf("build failed: compiled %v, interpreted %v", compiled != nil, interpreted != nil)
			}
			if pages1 == pages0 {
				t.Fatal("no page was made by compiled code")
			}
			if pages2 != pages1 || bails2 != bails1 {
				t.Fatal("compiled code ran with Interpret set")
			}
			if in.noBails && bails1 != bails0 {
				t.Errorf("compiled code left %d pages to the interpreter", bails1-bails0)
			}
			t.Logf("%d pages by compiled code, %d left to the interpreter", pages1-pages0, bails1-bails0)
			a, b := compiled.Files, interpreted.Files
			if !slices.Equal(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))) {
				t.Fatalf("the compiled build wrote %d files, the interpreted %d", len(a), len(b))
			}
			bad := 0
			for _, name := range slices.Sorted(maps.Keys(a)) {
				if !bytes.Equal(a[name], b[name]) {
					if bad++; bad <= 3 {
						t.Errorf("%s differs:\n%s", name, firstDifference(a[name], b[name]))
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d files differ", bad, len(a))
			}
		})
	}
}

// firstDifference shows where two outputs part: some context, then each.
func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	cut := func(s []byte) string { return string(s[from:min(len(s), i+80)]) }
	return "compiled:    " + strings.ReplaceAll(cut(a), "\n", "⏎") + "\ninterpreted: " + strings.ReplaceAll(cut(b), "\n", "⏎")
}
