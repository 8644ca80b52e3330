package link_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/link"
	"github.com/commonagenda/agenda/generator/load"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/synth"
)

// BenchmarkLink measures linking a realistic strategy, the step every
// front-matter edit in the preview waits for.
//
//	AGENDA_BENCH_FILES=10000 go test ./generator/link -run '^$' -bench Link
func BenchmarkLink(b *testing.B) {
	parsed, today := benchStrategy(b)
	// As the preview links: the order of the last link is checked first.
	orders := &link.Orders{}
	link.Link(parsed, link.Options{Today: today, Orders: orders})
	for b.Loop() {
		link.Link(parsed, link.Options{Today: today, Orders: orders})
	}
}

// BenchmarkAnalyze measures the figures made from a linked strategy,
// which the preview waits for after linking.
func BenchmarkAnalyze(b *testing.B) {
	parsed, today := benchStrategy(b)
	s := link.Link(parsed, link.Options{Today: today})
	for b.Loop() {
		analysis.Analyze(s)
	}
}

// benchStrategy loads a realistic synthetic strategy of
// AGENDA_BENCH_FILES files (2,000 without it).
func benchStrategy(b *testing.B) (*model.Strategy, model.Date) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("AGENDA_BENCH_FILES")); err == nil {
		n = v
	}
	dir := b.TempDir()
	if err := synth.Write(dir, synth.ForFiles(n)); err != nil {
		b.Fatal(err)
	}
	parsed, diags := load.Load(os.DirFS(filepath.Join(dir, "content")), "content", load.Options{})
	if diags.HasErrors() {
		b.Fatal(diags.Items())
	}
	return parsed, model.NewDate(2026, 1, 1)
}
