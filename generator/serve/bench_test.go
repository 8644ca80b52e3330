package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/site"
	"github.com/commonagenda/agenda/generator/synth"
)

// BenchmarkEdit measures the live preview as a person sees it, on
// synthetic strategies: from saving one organization's file to the
// browser's reload event, and from there to the edited page being served.
// The edit is to the body (edit=body: a sentence added at the end), which
// keeps the last build's link graph, or to the front matter (edit=front:
// the summary rewritten), which links everything again.
//
//	go test ./generator/serve -run '^$' -bench Edit -benchtime 20x
//	AGENDA_BENCH_FILES=10000 go test ./generator/serve -run '^$' -bench Edit -benchtime 20x
//
// save→reload includes the watcher's debounce (DefaultDebounce); build
// is the server's own time from the debounced change to the new snapshot;
// page is the first request for the edited page after the reload.
func BenchmarkEdit(b *testing.B) {
	sizes := []int{1000}
	if v, err := strconv.Atoi(os.Getenv("AGENDA_BENCH_FILES")); err == nil {
		sizes = []int{v}
	}
	for _, n := range sizes {
		for _, front := range []bool{false, true} {
			name := fmt.Sprintf("files=%d/edit=body", n)
			if front {
				name = fmt.Sprintf("files=%d/edit=front", n)
			}
			b.Run(name, func(b *testing.B) { benchEdit(b, n, front) })
		}
	}
}

func benchEdit(b *testing.B, n int, front bool) {
	// As `agenda serve` runs (see cmd/agenda's main).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	dir := b.TempDir()
	if err := synth.Write(dir, synth.ForFiles(n)); err != nil {
		b.Fatal(err)
	}
	source := filepath.Join(dir, "content")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := New(Options{Site: site.Options{Source: source, Today: model.NewDate(2026, 1, 1)}})
	builds := make(chan Build, 64)
	srv.builds = builds
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Run(ctx, ln)
	url := "http://" + ln.Addr().String()
	if first := <-builds; !first.OK {
		b.Fatalf("first build: %v", first.Diagnostics)
	}
	resp, err := http.Get(url + "/_agenda/events")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	events.ReadString('\n')

	org := firstOrganization(b, source)
	data, err := os.ReadFile(org)
	if err != nil {
		b.Fatal(err)
	}
	page := "/organizations/" + strings.TrimSuffix(filepath.Base(org), ".md") + "/"
	var saveToReload, build, served []time.Duration
	b.ResetTimer()
	for i := range b.N {
		marker := fmt.Sprintf("Edit number %d.", i)
		edited := string(data) + "\n" + marker + "\n" // at the end of the body
		if front {
			edited = summary.ReplaceAllString(string(data), `summary = "`+marker+`"`)
			if edited == string(data) {
				b.Fatal("the organization has no summary to edit")
			}
		}
		start := time.Now()
		if err := os.WriteFile(org, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			line, err := events.ReadString('\n')
			if err != nil {
				b.Fatal(err)
			}
			if strings.HasPrefix(line, "event: reload") {
				break
			}
			if strings.HasPrefix(line, "event: failed") {
				b.Fatalf("edit failed: %v", srv.Last().Diagnostics)
			}
		}
		saveToReload = append(saveToReload, time.Since(start))
		for len(builds) > 0 {
			build = append(build, (<-builds).Duration)
		}
		t0 := time.Now()
		r, err := http.Get(url + page)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(r.Body)
		r.Body.Close()
		served = append(served, time.Since(t0))
		if err != nil || !strings.Contains(string(body), marker) {
			b.Fatalf("the page served after the reload does not show the edit (%v)", err)
		}
	}
	b.StopTimer()
	b.ReportMetric(ms(median(saveToReload)), "ms-save-to-reload")
	b.ReportMetric(ms(median(build)), "ms-build")
	b.ReportMetric(ms(median(served)), "ms-page")
	b.ReportMetric(ms(DefaultDebounce), "ms-debounce")
}

// summary is the summary line of a front matter.
var summary = regexp.MustCompile(`(?m)^summary = ".*"$`)

func firstOrganization(b *testing.B, source string) string {
	matches, _ := filepath.Glob(filepath.Join(source, "organizations", "*.md"))
	sort.Strings(matches)
	for _, m := range matches {
		if !strings.HasSuffix(m, "_index.md") {
			return m
		}
	}
	b.Fatal("no organization")
	return ""
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
