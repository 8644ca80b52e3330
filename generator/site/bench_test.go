package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/check"
	"github.com/commonagenda/agenda/generator/link"
	"github.com/commonagenda/agenda/generator/load"
	"github.com/commonagenda/agenda/generator/markdown"
	"github.com/commonagenda/agenda/generator/routes"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/synth"
)

// TestSyntheticStrategyBuilds keeps the benchmark input honest: a
// synthetic strategy must be valid content, or the benchmark would time
// an early failure.
func TestSyntheticStrategyBuilds(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.ForFiles(300)); err != nil {
		t.Fatal(err)
	}
	built, diags := Build(Options{Source: filepath.Join(dir, "content"), Today: today})
	if built == nil {
		var b strings.Builder
		diag.WriteText(&b, diags.Items())
		t.Fatalf("synthetic strategy does not build:\n%s", b.String())
	}
	if built.Pages < 300 {
		t.Errorf("built %d pages from 300 files", built.Pages)
	}
}

// BenchmarkBuild builds synthetic strategies in memory (every phase but
// the final write). Compare with Hugo on the same content:
//
//	go test ./generator/site -run '^$' -bench Build -benchmem
//	go run ./cmd/synth -files 10000 -out /tmp/big
//	time go run ./cmd/agenda build --source /tmp/big/content --out /tmp/big/public
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := synth.Write(dir, synth.ForFiles(n)); err != nil {
				b.Fatal(err)
			}
			opts := Options{Source: filepath.Join(dir, "content"), Today: today}
			b.ReportAllocs()
			for b.Loop() {
				built, diags := Build(opts)
				if built == nil {
					b.Fatalf("build failed with %d diagnostics", diags.Len())
				}
			}
		})
	}
}

// benchFiles is how many files a synthetic strategy of a benchmark has:
// AGENDA_BENCH_FILES, or 10,000.
func benchFiles() int {
	if v, err := strconv.Atoi(os.Getenv("AGENDA_BENCH_FILES")); err == nil {
		return v
	}
	return 10000
}

// benchSource is the content folder a benchmark reads: the one
// AGENDA_BENCH_SOURCE names, else a synthetic strategy of benchFiles
// files written for it.
func benchSource(b *testing.B) string {
	if source := os.Getenv("AGENDA_BENCH_SOURCE"); source != "" {
		return source
	}
	dir := b.TempDir()
	if err := synth.Write(dir, synth.ForFiles(benchFiles())); err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "content")
}

// BenchmarkPhases times the phases a preview runs after every edit, each
// on its own, on a synthetic strategy (AGENDA_BENCH_FILES, default
// 10,000): the load cache's re-read with one file changed, link, the
// figures and the route table. Profile one with -cpuprofile and -bench
// Phases/link.
//
//	go test ./generator/site -run '^$' -bench Phases -benchmem
func BenchmarkPhases(b *testing.B) {
	// AGENDA_BENCH_SOURCE names a content folder to use instead (it is
	// written to: one organization's file gets a line added at the end),
	// so that a profile shows the phases, not the writing of the files.
	source := benchSource(b)
	cache := NewCache()
	opts := Options{Source: source, Today: today, Cache: cache}
	sn, diags := Load(opts)
	if sn == nil || diags.HasErrors() {
		b.Fatalf("load failed with %d diagnostics", diags.Len())
	}
	parsed, _ := load.Load(os.DirFS(source), "content", load.Options{Cache: cache.loadCache()})
	bodies, _ := markdown.RenderCached(parsed, cache.markdownCache())
	// load looks at every file for changes; load-changed is told which
	// changed, as the dev server's file watcher tells it.
	rel := "organizations/" + sn.Strategy.Organizations[0].Slug + ".md"
	file := filepath.Join(source, filepath.FromSlash(rel))
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, data, 0o644)
	for _, changed := range [][]string{nil, {rel}} {
		name := "load"
		if changed != nil {
			name = "load-changed"
		}
		b.Run(name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				i++
				os.WriteFile(file, append(data, fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
				load.Load(os.DirFS(source), "content", load.Options{Cache: cache.loadCache(), Changed: changed})
			}
		})
	}
	b.Run("markdown", func(b *testing.B) {
		for b.Loop() {
			markdown.RenderCached(parsed, cache.markdownCache())
		}
	})
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			check.Check(parsed)
		}
	})
	b.Run("link", func(b *testing.B) {
		for b.Loop() {
			link.Link(parsed, link.Options{Bodies: bodies, Today: today})
		}
	})
	s := link.Link(parsed, link.Options{Bodies: bodies, Today: today})
	b.Run("analysis", func(b *testing.B) {
		for b.Loop() {
			analysis.Analyze(s)
		}
	})
	rep := analysis.Analyze(s)
	b.Run("routes", func(b *testing.B) {
		for b.Loop() {
			routes.Plan(s, rep, routes.Options{PageSize: s.Site.PageSize, Source: "content"})
		}
	})
	b.Run("all", func(b *testing.B) {
		opts.Changed = []string{rel}
		i := 0
		for b.Loop() {
			i++
			os.WriteFile(file, append(data, fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
			Load(opts)
		}
	})
}
