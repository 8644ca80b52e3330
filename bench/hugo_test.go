// Package bench holds the comparisons with other tools: compare-hugo and
// this test against Hugo, search against Pagefind (bench/search).
package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/synth"
)

// TestFasterThanHugo builds the same synthetic 10,000-file strategy
// (generator/synth's realistic corpus) with agenda and with Hugo
// (bench/hugo: the same kinds of pages, in deliberately minimal markup,
// which favours Hugo), five times each, alternating, and requires agenda's median
// time to be below Hugo's. It compares the two within one run, so a slow
// machine slows both; but other tests running at the same time, as under
// go test ./..., make the comparison noisy, so it runs only when
// AGENDA_COMPARE_HUGO=1. .ci/run runs it that way on its own, after the
// other tests:
//
//	AGENDA_COMPARE_HUGO=1 go test -count=1 -run FasterThanHugo -v ./bench
//
// It needs hugo on the PATH (Debian: apt-get install hugo); .ci/run
// installs it, and under CI=true a missing hugo is a failure, not a skip.
// bench/compare-hugo prints the same comparison for any size.
func TestFasterThanHugo(t *testing.T) {
	if os.Getenv("AGENDA_COMPARE_HUGO") != "1" {
		t.Skip("the comparison with Hugo wants a machine to itself; run it with AGENDA_COMPARE_HUGO=1 (.ci/run does)")
	}
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("hugo is not installed; .ci/run installs it (apt-get install hugo)")
		}
		t.Skip("hugo is not installed (apt-get install hugo); skipping the speed comparison")
	}
	if testing.Short() {
		t.Skip("builds 10,000 files ten times; not in -short mode")
	}
	dir := scratch(t)
	agenda := filepath.Join(dir, "agenda")
	build := exec.Command("go", "build", "-o", agenda, "./cmd/agenda")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if err := synth.Write(dir, synth.ForFiles(10000)); err != nil {
		t.Fatal(err)
	}
	// Hugo writes a lock file and a resources folder into its site: give
	// it a copy of bench/hugo.
	site := filepath.Join(dir, "hugo-site")
	if err := os.CopyFS(site, os.DirFS("hugo")); err != nil {
		t.Fatal(err)
	}
	content := filepath.Join(dir, "content")
	ours := exec.Command(agenda, "build", "--cache", "none", "--source", content, "--out", filepath.Join(dir, "public"))
	theirs := exec.Command(hugo, "--quiet", "--source", site, "--contentDir", content, "--destination", filepath.Join(dir, "hugo-public"))
	var a, h []time.Duration
	for range 5 {
		a = append(a, timed(t, ours, filepath.Join(dir, "public")))
		h = append(h, timed(t, theirs, filepath.Join(dir, "hugo-public")))
	}
	ratio := float64(median(a)) / float64(median(h))
	t.Logf("agenda %v, hugo %v: agenda/hugo = %.2f (medians of %v and %v)", median(a), median(h), ratio, a, h)
	if ratio >= 1 {
		t.Errorf("agenda took %.2f times as long as Hugo to build 10,000 files", ratio)
	}
}

// scratch is a folder for the builds, in memory when /dev/shm exists so
// that the disk, whose speed on shared machines varies several-fold from
// one run to the next, does not decide the comparison.
func scratch(t *testing.T) string {
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
		dir, err := os.MkdirTemp("/dev/shm", "agenda-bench-")
		if err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

// timed runs a copy of cmd after removing out, and returns how long it
// took.
func timed(t *testing.T, cmd *exec.Cmd, out string) time.Duration {
	t.Helper()
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	run := exec.Command(cmd.Path, cmd.Args[1:]...)
	start := time.Now()
	if output, err := run.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd.Args[0], err, output)
	}
	return time.Since(start)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestHugoBuildsTheSamePages checks that bench/hugo still builds, from a
// 1,000-file realistic corpus, what the comparison assumes: a page for
// every objective, organization and partnership, the reverse links, the
// category and sector pages, and the sitemap.
func TestHugoBuildsTheSamePages(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("hugo is not installed; .ci/run installs it (apt-get install hugo)")
		}
		t.Skip("hugo is not installed (apt-get install hugo)")
	}
	dir := scratch(t)
	shape := synth.ForFiles(1000)
	if err := synth.Write(dir, shape); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "hugo-site")
	if err := os.CopyFS(site, os.DirFS("hugo")); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(dir, "hugo-public")
	cmd := exec.Command(hugo, "--quiet", "--source", site, "--contentDir", filepath.Join(dir, "content"), "--destination", public)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	for section, want := range map[string]int{"objectives": shape.Objectives, "organizations": shape.Organizations, "partnerships": shape.Partnerships} {
		pages, _ := filepath.Glob(filepath.Join(public, section, "*", "index.html"))
		if got := len(pages) - countPrefix(pages, filepath.Join(public, section, "page")); got != want {
			t.Errorf("hugo built %d %s pages, want %d", got, section, want)
		}
	}
	for _, file := range []string{"category/prevention/index.html", "sector/victim-services/index.html", "sitemap.xml", "index.xml"} {
		if _, err := os.Stat(filepath.Join(public, file)); err != nil {
			t.Errorf("hugo built no %s", file)
		}
	}
	// Reverse links: some organization lists its partnerships, the first
	// objective its organizations; relative .md links became page URLs.
	orgs, _ := filepath.Glob(filepath.Join(public, "organizations", "*", "index.html"))
	found := false
	for _, p := range orgs {
		if data, _ := os.ReadFile(p); strings.Contains(string(data), `<h2 id="partnerships">`) {
			found = true
			break
		}
	}
	if !found {
		t.Error("no organization page lists its partnerships")
	}
	data, _ := os.ReadFile(filepath.Join(public, "objectives", "pv-1", "index.html"))
	if page := string(data); !strings.Contains(page, `<h2 id="organizations">`) || strings.Contains(page, `.md"`) || strings.Contains(page, `.md#`) {
		t.Errorf("objectives/pv-1: no reverse links, or links to .md files left:\n%s", page)
	}
}

func countPrefix(paths []string, prefix string) int {
	n := 0
	for _, p := range paths {
		if strings.HasPrefix(p, prefix+string(filepath.Separator)) {
			n++
		}
	}
	return n
}
