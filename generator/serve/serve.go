// Package serve is the live preview behind `agenda serve`: it serves the
// site on a loopback address, watches the content folder and the theme,
// makes a new snapshot of the strategy after every edit, renders each page
// from the current snapshot when a browser asks for it, and reloads the
// browser tabs that show the site.
//
// # Using it
//
//	agenda serve [--source content] [--addr 127.0.0.1:1313] [--drafts]
//
// Open the address it prints and edit any file under content/: the page
// reloads by itself, a fraction of a second after the save. When an edit
// breaks something (bad TOML, an unknown sector, a broken link), the
// browser shows a panel listing each problem as path:line:col: message,
// and the last good version of the site stays on screen underneath; save
// the fix and the panel goes away. The terminal prints the same problems.
// Ctrl-C stops the server.
//
// # What an edit costs
//
// The watcher waits DefaultDebounce for an editor's several writes to
// settle, then the server makes a new snapshot (site.Load): it reads the
// files the watcher named (the others come parsed from a cache, and their
// Markdown rendered) and checks everything again (cross-file checks need
// every file). When only bodies changed, the front matter of every file
// is what the last snapshot was linked from, so the new one shares its
// link graph, figures and route table and holds the new bodies; otherwise
// it links everything again and plans the route table. Nothing is
// rendered then: it publishes the snapshot and sends the reload event. A
// page is rendered from the snapshot it belongs to when it is first asked
// for and kept until the next snapshot; the search index and the data
// files are made when first asked for. So a served page is always what a
// full build of the same files writes, and nothing guesses which pages an
// edit touched.
//
// A change to site.toml or to the theme also parses the templates and
// fingerprints the assets again (Build.Full).
//
// A snapshot is never written once published, so requests read the old
// one while the next is being made.
//
// # Reloading
//
// Pages built for the preview carry one script, /_agenda/reload.js (no
// inline script, so the site's Content-Security-Policy holds here too). It
// listens for server-sent events on /_agenda/events: "reload" after a good
// build, "failed" after a bad one, when it fetches /_agenda/status (JSON:
// the build number and the diagnostics) and shows the problems panel,
// styled by /_agenda/overlay.css. Before any build has succeeded every
// path answers with a page that shows the panel. A stream opens with
// "live", the build the pages come from, and "failed" when the last build
// failed; every page names its own build in a Server-Timing header
// (agenda-build;desc=N), so a page that loaded while a build finished,
// before its stream was open, still reloads or shows the panel.
//
// # Safety
//
// The server answers only GET and HEAD, serves only the files of the
// built site (no directory listings, no files from disk, no path with
// ".." in it) and refuses requests whose Host header is not the address it
// listens on, localhost or an IP address, so a web page cannot reach it
// through DNS rebinding. It listens on loopback unless told otherwise.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/net/netutil"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/site"
)

// Options configure a Server.
type Options struct {
	// Site says what to build; Dev is set by the server.
	Site site.Options
	// Log receives one line per build, and its problems. Nil discards.
	Log io.Writer
	// Debounce is how long the watcher waits for more changes before
	// rebuilding (default DefaultDebounce): editors write a file in
	// several steps.
	Debounce time.Duration
}

// DefaultAddr is where `agenda serve` listens unless told otherwise.
const DefaultAddr = "127.0.0.1:1313"

// Server is a live preview of one content folder.
type Server struct {
	opts Options
	log  io.Writer

	mu   sync.RWMutex
	live *live // the last good snapshot; nil until one builds
	last Build
	hub  hub

	b      builder     // touched only by the goroutine that builds
	hosts  hostChecker // set by Run
	builds chan Build  // when not nil, every build is sent here (tests)
	limits limits
	warned map[diag.Diagnostic]bool // the last logged build's warnings; touched only by the goroutine that builds
}

// limits bound what a connection may take: tests shorten them.
type limits struct {
	header, read, write, idle time.Duration
	conns                     int
}

var defaultLimits = limits{header: 10 * time.Second, read: 30 * time.Second, write: 60 * time.Second,
	idle: 60 * time.Second, conns: MaxConnections}

// Build describes one build, good or bad.
type Build struct {
	// Number counts builds from 1.
	Number int
	// OK reports whether the build succeeded and is being served.
	OK bool
	// Full is true when the templates were parsed again (first build,
	// theme or site.toml changed).
	Full bool
	// Kind is what the change was: initial, config, theme, content or static.
	Kind string
	// Pages counts the site's pages.
	Pages int
	// Diagnostics are the build's problems, errors and warnings.
	Diagnostics []diag.Diagnostic
	// Duration is from the start of the build to the new snapshot being
	// ready; the reload event is sent then.
	Duration time.Duration
}

// New returns a server for the options; Run builds and starts it.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	opts.Site.Dev = true
	if opts.Site.Cache == nil {
		// Rebuilds parse and render the Markdown of only the files that
		// changed.
		opts.Site.Cache = site.NewCache()
	}
	s := &Server{opts: opts, log: opts.Log, limits: defaultLimits}
	s.b.opts = opts.Site
	return s
}

// MaxConnections is how many connections the preview serves at once; more
// wait until one closes. A browser opens a few, each tab one event stream.
const MaxConnections = 256

// DefaultDebounce is how long the watcher waits, after a change, for more
// changes before it rebuilds: editors save a file in several steps.
const DefaultDebounce = 10 * time.Millisecond

// Last returns the latest build.
func (s *Server) Last() Build {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.last
}

// state returns the last build and the number of the one being served
// (0 before the first good build), as they were at one moment.
func (s *Server) state() (last Build, live int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.live != nil {
		live = s.live.number
	}
	return s.last, live
}

// current returns the snapshot being served, or nil before the first
// good build.
func (s *Server) current() *live {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.live
}

// Run builds the site, then serves it on ln and rebuilds on every change
// until ctx is done, when it stops the server and the watcher and
// returns. A build with errors does not stop it.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	s.hosts = newHostChecker(ln.Addr())
	s.b.opts.BaseURL = "http://" + ln.Addr().String() + "/"
	w, err := newWatcher(s.opts.Debounce)
	if err != nil {
		return fmt.Errorf("watching for changes: %w", err)
	}
	defer w.close()
	first, b := s.b.build("initial", s.b.opts)
	w.set(s.b.watched())
	s.publish(first, b)

	srv := &http.Server{
		Handler: s,
		// Slow or idle connections are closed (issue 14: thousands of idle
		// keep-alive connections stayed open for good); the event stream
		// lifts its own write deadline.
		ReadHeaderTimeout: s.limits.header,
		ReadTimeout:       s.limits.read,
		WriteTimeout:      s.limits.write,
		IdleTimeout:       s.limits.idle,
		// Requests end with ctx, so the event streams let Shutdown finish.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(netutil.LimitListener(ln, s.limits.conns)) }()

	for {
		select {
		case <-ctx.Done():
			shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err := srv.Shutdown(shut)
			if serr := <-served; !errors.Is(serr, http.ErrServerClosed) {
				return serr
			}
			return err
		case err := <-served:
			return err
		case batch := <-w.batches:
			l, b := s.b.rebuild(batch)
			w.set(s.b.watched())
			s.publish(l, b)
		case err := <-w.errors:
			fmt.Fprintf(s.log, "agenda serve: watching: %v\n", err)
			s.b.missed = true
		}
	}
}

// publish makes a build's result visible: the new snapshot when it
// succeeded, the problems either way, and an event for the open tabs.
// The event goes first: the log is for the person at the terminal, and
// the open tabs need not wait for it.
func (s *Server) publish(l *live, b Build) {
	s.mu.Lock()
	b.Number = s.last.Number + 1
	if b.OK {
		l.number = b.Number
		s.live = l
	}
	s.last = b
	s.mu.Unlock()

	if b.OK {
		s.hub.send(event{name: "reload", build: b.Number})
	} else {
		s.hub.send(event{name: "failed", build: b.Number})
	}
	s.logBuild(b)
	if s.builds != nil {
		s.builds <- b
	}
}

// logBuild writes a build's line and its problems to the log. Errors are
// written every time; a warning only when the last build did not have
// it, so that a strategy's many old warnings do not bury, on every save,
// the one the edit just caused.
func (s *Server) logBuild(b Build) {
	if s.log == io.Discard {
		return
	}
	last := s.warned
	s.warned = make(map[diag.Diagnostic]bool, len(last))
	var shown []diag.Diagnostic
	unchanged := 0
	for _, d := range b.Diagnostics {
		if d.Severity != diag.Warning {
			shown = append(shown, d)
			continue
		}
		s.warned[d] = true
		if last[d] {
			unchanged++
		} else {
			shown = append(shown, d)
		}
	}
	if b.OK {
		fmt.Fprintf(s.log, "%s build %d: %d pages ready in %s\n", b.Kind, b.Number, b.Pages, b.Duration.Round(time.Millisecond))
	} else {
		fmt.Fprintf(s.log, "%s build %d failed; still serving the last good site:\n", b.Kind, b.Number)
	}
	diag.WriteText(s.log, shown)
	if unchanged > 0 {
		fmt.Fprintf(s.log, "%s as in the last build, not repeated (agenda check lists them all)\n", diag.Plural(unchanged, "warning"))
	}
}
