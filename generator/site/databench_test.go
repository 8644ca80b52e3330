package site

import (
	"io"
	"sync/atomic"
	"testing"

	"github.com/commonagenda/agenda/generator/data"
	"github.com/commonagenda/agenda/generator/render"
)

// BenchmarkDataFiles makes the data files of a synthetic strategy (or of
// the content folder AGENDA_BENCH_SOURCE names), as a build after an edit
// to front matter makes them:
//
//	AGENDA_BENCH_FILES=10000 go test ./generator/site -run '^$' -bench DataFiles -benchmem
func BenchmarkDataFiles(b *testing.B) {
	source := benchSource(b)
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

// BenchmarkPages renders every page of a synthetic strategy (or of the
// content folder AGENDA_BENCH_SOURCE names) and throws the bytes away:
// the templates and views alone, without writing a file.
//
//	AGENDA_BENCH_FILES=10000 go test ./generator/site -run '^$' -bench Pages -benchmem
func BenchmarkPages(b *testing.B) {
	source := benchSource(b)
	opts := Options{Source: source, Today: today}
	sn, diags := Load(opts)
	if sn == nil || diags.HasErrors() {
		b.Fatalf("load failed with %d diagnostics", diags.Len())
	}
	var bytes atomic.Int64
	discard := func(_ string, data []byte) error {
		bytes.Add(int64(len(data)))
		return nil
	}
	b.ReportAllocs()
	for b.Loop() {
		bytes.Store(0)
		x := render.NewRenderer(sn.Strategy, sn.Theme, RenderOptions(opts, sn))
		plan := x.Plan(sn.Strategy, sn.Report, sn.Routes, render.Later{History: sn.History})
		if _, diags := plan.RenderReusing(discard, nil); diags.HasErrors() {
			b.Fatalf("render failed with %d diagnostics", diags.Len())
		}
	}
	b.ReportMetric(float64(bytes.Load())/1e6, "MB/op")
}
