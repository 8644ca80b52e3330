package site

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

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
