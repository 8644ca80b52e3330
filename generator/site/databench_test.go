package site

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/commonagenda/agenda/generator/data"
	"github.com/commonagenda/agenda/generator/synth"
)

// BenchmarkDataFiles makes the data files of a synthetic strategy (or of
// the content folder AGENDA_BENCH_SOURCE names), as a build after an edit
// to front matter makes them:
//
//	AGENDA_BENCH_FILES=10000 go test ./generator/site -run '^$' -bench DataFiles -benchmem
func BenchmarkDataFiles(b *testing.B) {
	source := os.Getenv("AGENDA_BENCH_SOURCE")
	if source == "" {
		dir := b.TempDir()
		if err := synth.Write(dir, synth.ForFiles(benchFiles())); err != nil {
			b.Fatal(err)
		}
		source = filepath.Join(dir, "content")
	}
	s, rep, diags := Read(Options{Source: source, Today: today})
	if s == nil || diags.HasErrors() {
		b.Fatalf("read failed with %d diagnostics", diags.Len())
	}
	discard := func(string, []byte) error { return nil }
	stream := func(_ string, write func(io.Writer) error) error { return write(io.Discard) }
	b.Run("strategy.json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			data.WriteStrategyJSON(io.Discard, s, rep, "https://example.org/")
		}
	})
	b.Run("others", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			data.WriteOthers(s, rep, "https://example.org/", discard, stream)
		}
	})
	b.Run("hsds", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			data.WriteHSDS(s, "https://example.org/", discard, stream)
		}
	})
}
