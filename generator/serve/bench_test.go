package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/site"
	"github.com/commonagenda/agenda/generator/synth"
)

// BenchmarkEdit measures the dev server's rebuild after an edit to one
// organization in synthetic strategies, against a full rebuild of the
// same site, and reports the pages each renders:
//
//	go test ./generator/serve -run '^$' -bench Edit -benchtime 5x
//
// The time from save to reload is this plus the debounce (75 ms); the
// search index and data files follow in the background.
func BenchmarkEdit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		dir := b.TempDir()
		if err := synth.Write(dir, synth.ForFiles(n)); err != nil {
			b.Fatal(err)
		}
		source := filepath.Join(dir, "content")
		bl := &builder{opts: site.Options{Source: source, Today: model.NewDate(2026, 1, 1), Dev: true, Cache: site.NewCache()}, base: "http://127.0.0.1:1313/", pending: map[string]bool{}}
		if r := bl.full("initial"); !r.build.OK {
			b.Fatalf("synthetic site does not build: %v", r.build.Diagnostics)
		}
		orgs, _ := filepath.Glob(filepath.Join(source, "organizations", "*.md"))
		org := orgs[len(orgs)/2]
		original, _ := os.ReadFile(org)

		b.Run(fmt.Sprintf("files=%d/full", n), func(b *testing.B) {
			var pages int
			for range b.N {
				r := bl.full("config")
				pages = len(r.build.Rendered)
			}
			b.ReportMetric(float64(pages), "pages-rendered")
		})
		b.Run(fmt.Sprintf("files=%d/edit-organization", n), func(b *testing.B) {
			var pages int
			for i := range b.N {
				text := strings.Replace(string(original), "+++\n", fmt.Sprintf("+++\nacronym = \"E%d\"\n", i), 1)
				if err := os.WriteFile(org, []byte(text), 0o644); err != nil {
					b.Fatal(err)
				}
				r := bl.rebuild([]string{org})
				if !r.build.OK || r.build.Full {
					b.Fatalf("edit build: ok=%v full=%v %v", r.build.OK, r.build.Full, r.build.Diagnostics)
				}
				// The page is served now; the search index and data files
				// follow (see Server.addExtras), outside the measured time.
				b.StopTimer()
				if r.late != nil {
					files, _ := r.late()
					bl.withExtras(files)
				}
				b.StartTimer()
				pages = len(r.build.Rendered)
			}
			b.ReportMetric(float64(pages), "pages-rendered")
		})
	}
}
