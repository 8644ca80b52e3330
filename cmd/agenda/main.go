// Command agenda builds and checks a Common Agenda strategy site.
//
// Usage:
//
//	agenda build [--source content] [--out public] [--cache DIR] [--theme DIR] [--base-url URL] [--drafts] [--no-history]
//	agenda check [--source content] [--format text|github|json]
//	agenda serve [--source content] [--addr 127.0.0.1:1313] [--drafts]
//	agenda new objective|organization|partnership NAME [--category KEY] [--source content]
//	agenda diff [--source content] [OLD [NEW]]
//	agenda init DIR
//	agenda version
//	agenda help
//
// Exit status: 0 success, 1 content or theme errors, 2 usage errors.
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/commonagenda/agenda/generator/buildcache"
	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/site"
	"github.com/commonagenda/agenda/generator/timeline"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

const usage = `agenda builds and checks a Common Agenda strategy site.

Usage:
  agenda build [--source content] [--out public] [--cache DIR] [--theme DIR] [--base-url URL] [--drafts] [--no-history]
  agenda check [--source content] [--format text|github|json]
  agenda serve [--source content] [--addr 127.0.0.1:1313] [--drafts]
  agenda new objective|organization|partnership NAME [--category KEY] [--source content]
  agenda diff [--source content] [--drafts] [OLD [NEW]]
  agenda init DIR
  agenda version
  agenda help

diff writes, as Markdown, what a change does to the strategy: objectives,
organizations and partnerships added, removed and changed, coverage cells,
shortfalls opened and closed, funding per objective and per P. OLD and NEW
are folders or Git revisions of --source; OLD defaults to HEAD and NEW to
the --source folder as it is now. It exits 0 once the comparison is
written, even when a side has content errors (the comparison lists them).

init writes a new strategy repository into DIR (new or empty): example
content, README.md, CONTRIBUTING.md, a pull-request template, the Check
workflow and netlify.toml, which run this version of agenda with go run.

Exit status: 0 success, 1 content or theme errors, 2 usage errors.
SOURCE_DATE_EPOCH, when set, is "today" for overdue checks.
`

func main() {
	// A build allocates a lot of short-lived data and exits; collecting
	// garbage less often saves about a tenth of the CPU time. The memory
	// that costs is capped per build by a soft limit (see memoryLimit).
	// GOGC and GOMEMLIMIT still override both.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("AGENDA_TIMELINE") != "" {
		// When each phase of the build started and ended (see
		// package timeline), printed when the command is done.
		timeline.Enable()
	}
	os.Exit(profiled(os.Getenv("AGENDA_CPUPROFILE"), func() int {
		defer timeline.Write(os.Stderr)
		defer heapProfile(os.Getenv("AGENDA_MEMPROFILE"))
		return run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	}))
}

// heapProfile writes what the command allocated, and where, to file when
// file is set (AGENDA_MEMPROFILE=mem.prof agenda build; go tool pprof
// -sample_index=alloc_space mem.prof).
func heapProfile(file string) {
	if file == "" {
		return
	}
	runtime.GC() // the profile counts up to the last collection
	out, err := os.Create(file)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(out, 0)
		err = cmp.Or(out.Close(), err)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "agenda: AGENDA_MEMPROFILE:", err)
	}
}

// profiled runs f, writing a CPU profile of it to file when file is set
// (AGENDA_CPUPROFILE=cpu.prof agenda build; go tool pprof cpu.prof).
func profiled(file string, f func() int) int {
	if file == "" {
		return f()
	}
	out, err := os.Create(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, "agenda: AGENDA_CPUPROFILE:", err)
		return exitUsage
	}
	defer out.Close()
	if err := pprof.StartCPUProfile(out); err != nil {
		fmt.Fprintln(os.Stderr, "agenda: AGENDA_CPUPROFILE:", err)
		return exitUsage
	}
	defer pprof.StopCPUProfile()
	return f()
}

// env is a world the command runs in, so tests can run it in-process.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	e := env{stdout, stderr, getenv}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return e.build(args[1:])
	case "check":
		return e.check(args[1:])
	case "serve":
		return e.serve(args[1:])
	case "new":
		return e.new(args[1:])
	case "diff":
		return e.diff(args[1:])
	case "init":
		return e.init_(args[1:])
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "agenda", version())
		return exitOK
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "agenda: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

func (e env) build(args []string) int {
	fs := e.flags("build")
	source := fs.String("source", "content", "content `folder` to read")
	out := fs.String("out", "public", "output `folder`, replaced whole on success")
	theme := fs.String("theme", "", "theme `folder` overriding site.toml's theme")
	base := fs.String("base-url", "", "absolute `URL` the site is published at, overriding site.toml")
	drafts := fs.Bool("drafts", false, "include content marked draft")
	cache := fs.String("cache", "", "build cache `folder` (default .agenda-cache beside the content folder; \"none\" for no cache)")
	noHistory := fs.Bool("no-history", false, "leave out the history of changes read from Git")
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	if !e.isFolder("build", *source) {
		return exitUsage
	}
	switch *cache {
	case "":
		*cache = filepath.Join(filepath.Dir(filepath.Clean(*source)), ".agenda-cache")
	case "none":
		*cache = ""
	}
	if *cache != "" {
		if err := buildcache.Check(*cache, *out, *source); err != nil {
			fmt.Fprintln(e.stderr, "agenda:", err)
			return exitUsage
		}
	}
	today, err := e.today()
	if err != nil {
		fmt.Fprintln(e.stderr, "agenda:", err)
		return exitUsage
	}
	if err := site.CheckOutput(*out, *source); err != nil {
		fmt.Fprintln(e.stderr, "agenda:", err)
		return exitUsage
	}
	var remaking func()
	if os.Getenv("GOMEMLIMIT") == "" {
		_, err := os.Stat(*cache)
		var stop func()
		stop, remaking = boundMemory(*cache != "" && err == nil)
		defer stop()
	}
	start := time.Now()
	built, diags := site.Publish(site.Options{Source: *source, Theme: *theme, BaseURL: *base, Drafts: *drafts, Today: today, CacheDir: *cache, NoHistory: *noHistory, Remaking: remaking}, *out)
	diag.WriteText(e.stderr, diags.Items())
	if built == nil {
		fmt.Fprintf(e.stderr, "agenda: build failed; %s left as it was\n", *out)
		return exitContent
	}
	for _, note := range built.Notes {
		fmt.Fprintf(e.stderr, "note: %s\n", note)
	}
	fromCache := ""
	if built.Reused > 0 {
		fromCache = fmt.Sprintf(" (%d unchanged, from the build cache)", built.Reused)
	}
	fmt.Fprintf(e.stderr, "built %d pages%s, %d files into %s in %s\n",
		built.Pages, fromCache, built.Files, *out, time.Since(start).Round(time.Millisecond))
	if timeline.Enabled() && *cache != "none" {
		// For whoever looks for where the time went: how many views
		// were made to find out whether their page changed.
		fmt.Fprintf(e.stderr, "views built: %d of %d pages\n", built.Built, built.Pages)
	}
	return exitOK
}

func (e env) check(args []string) int {
	fs := e.flags("check")
	source := fs.String("source", "content", "content `folder` to read")
	format := fs.String("format", "text", "output `format`: text, github or json")
	drafts := fs.Bool("drafts", false, "include content marked draft")
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	if !e.isFolder("check", *source) {
		return exitUsage
	}
	write, ok := map[string]func(io.Writer, []diag.Diagnostic) error{
		"text":   diag.WriteText,
		"github": diag.WriteGitHub,
		"json":   diag.WriteJSON,
	}[*format]
	if !ok {
		fmt.Fprintf(e.stderr, "agenda check: unknown format %q (known: text, github, json)\n", *format)
		return exitUsage
	}
	today, err := e.today()
	if err != nil {
		fmt.Fprintln(e.stderr, "agenda:", err)
		return exitUsage
	}
	// Check renders too, so theme errors are caught, but never writes.
	// The history from Git changes no check's outcome: it is not read.
	built, diags := site.BuildTo(site.Options{Source: *source, Drafts: *drafts, Today: today, NoHistory: true}, func(string, []byte) error { return nil })
	items := diags.Items()
	w := e.stdout
	if *format == "text" {
		w = e.stderr
	}
	write(w, items)
	if built == nil {
		return exitContent
	}
	if *format == "text" {
		fmt.Fprintf(e.stderr, "%s: no errors\n", *source)
	}
	return exitOK
}

// boundMemory keeps a build's memory near what it needs: a soft limit
// of twice the live heap, never under 400 MiB, raised as the live heap
// grows. Under the limit, garbage is collected as rarely as GOGC says (a
// build allocates a lot and exits, so rarely is faster); near it, as often
// as needed to stay under. A fixed limit would either let a small build
// take more than it needs or make a large one collect without end. Twice,
// not less: at 50,000 files 8/5 of the live heap had the collector take a
// third of the build's time (29.5 s, 1,060 MB), twice takes a fifth
// (24.7 s, 1,227 MB); at 10,000 the floor decides. The function it
// returns stops the watch.
//
// A build that reuses a build cache (warm) collects only at the limit,
// unless GOGC is set, and its limit is never under 448 MiB: it
// allocates a tenth of what a build from scratch does (about 370 MB at
// 10,000 files) and most of what it holds lives to its end (the search
// index's state, the strategy). A collection frees little, and what it
// frees is not given back before the build ends: at 10,000 files, three
// collections took a tenth of a body edit's time (0.61 s against 0.54 s
// with none), and the one at a limit of 400 MiB 6 % (farm-bench, 10
// pairs), for the same peak (397 MiB against 402 with none). 448, not
// more: a status edit, which makes more, peaked at 425-453 MB with it,
// 455-490 MB with 512. A warm
// build that finds it remakes most of its pages (a new theme, base URL
// or day) holds what a build from scratch holds: the function returned
// second puts it back under GOGC=400 and the 400 MiB floor (without,
// with a floor of 512 MiB, such a build peaked at 532 MB). A build from scratch keeps GOGC's
// pace, which holds a small strategy's peak down (1,000 files: 120 MB,
// against 175 collecting only at the limit).
func boundMemory(warm bool) (stop, remaking func()) {
	const coldFloor = 400 << 20
	var floor atomic.Int64
	floor.Store(coldFloor)
	remaking = func() {}
	if warm && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
		floor.Store(448 << 20)
		remaking = sync.OnceFunc(func() {
			floor.Store(coldFloor)
			debug.SetMemoryLimit(coldFloor)
			debug.SetGCPercent(400)
		})
	}
	debug.SetMemoryLimit(floor.Load())
	done := make(chan struct{})
	go func() {
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				metrics.Read(live)
				if live[0].Value.Kind() == metrics.KindUint64 {
					debug.SetMemoryLimit(max(floor.Load(), int64(live[0].Value.Uint64())*2))
				}
			}
		}
	}()
	return func() { close(done) }, remaking
}

// isFolder reports whether the --source folder exists, saying so when not:
// a wrong path is a usage error, not a problem in the content.
func (e env) isFolder(cmd, source string) bool {
	if info, err := os.Stat(source); err != nil || !info.IsDir() {
		fmt.Fprintf(e.stderr, "agenda %s: no content folder %q (give one with --source)\n", cmd, source)
		return false
	}
	return true
}

func (e env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("agenda "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// parse parses flags; when it fails or help was asked for, it returns the
// exit code to use and false.
func (e env) parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitUsage, false
	}
	return 0, true
}

// today is SOURCE_DATE_EPOCH's date when set (for reproducible builds),
// else the current date, in UTC.
func (e env) today() (model.Date, error) {
	t := time.Now().UTC()
	if v := e.getenv("SOURCE_DATE_EPOCH"); v != "" {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return model.Date{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", v)
		}
		t = time.Unix(secs, 0).UTC()
	}
	return model.NewDate(t.Year(), t.Month(), t.Day()), nil
}

func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}
