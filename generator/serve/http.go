package serve

import (
	"embed"
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/routes"
)

// devFiles are the dev server's own files: the reload script, the
// problems panel's style and the page shown before any good build.
//
//go:embed dev
var devFiles embed.FS

// securityHeaders are sent with every response: the same policy the
// published site gets (netlify.toml), so a page that breaks it breaks in
// the preview too, with the dev server's own folder (the reload script)
// among the places scripts may come from.
var securityHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self', " +
		"script-src http://*:*/assets/js/ http://*:*" + routes.Dev,
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy":        "no-referrer",
	"Cache-Control":          "no-store",
}

// ServeHTTP serves the last good site and the dev server's own paths.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for k, v := range securityHeaders {
		w.Header().Set(k, v)
	}
	// No page may be framed but the embeddable cards, as the published
	// site's _headers says (feeds.FrameRules).
	if !strings.HasPrefix(r.URL.Path, routes.Embeds) {
		w.Header().Add("Content-Security-Policy", "frame-ancestors 'none'")
		w.Header().Set("X-Frame-Options", "DENY")
	}
	if !s.hosts.allowed(r.Host) {
		http.Error(w, "agenda serve: this address is not served here (Host header not allowed)", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !cleanPath(p) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	switch p {
	case "/_agenda/reload.js", "/_agenda/overlay.css":
		data, _ := devFiles.ReadFile("dev/" + path.Base(p))
		write(w, r, http.StatusOK, path.Base(p), data)
	case "/_agenda/status":
		s.status(w, r)
	case "/_agenda/events":
		s.events(w, r)
	default:
		s.site(w, r, p)
	}
}

// cleanPath accepts only plain absolute paths: no "..", no ".", no empty
// segments beyond a trailing slash, no backslashes or NUL bytes, so no
// request can name anything but a file of the built site.
func cleanPath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return false
	}
	for _, seg := range strings.Split(strings.TrimSuffix(p[1:], "/"), "/") {
		if seg == ".." || seg == "." || (seg == "" && p != "/") {
			return false
		}
	}
	return true
}

// site serves a file of the built site: "/x/" is x/index.html, "/x"
// redirects to "/x/" when that is a page, anything else is the 404 page.
func (s *Server) site(w http.ResponseWriter, r *http.Request, p string) {
	l := s.current()
	if l == nil {
		data, _ := devFiles.ReadFile("dev/failed.html")
		setBuild(w, 0)
		write(w, r, http.StatusServiceUnavailable, "failed.html", data)
		return
	}
	setBuild(w, l.number)
	name := routes.File(p)
	if rt := l.snap.Routes.LookupFile(name); rt != nil && rt.Kind != routes.KindFile {
		s.page(w, r, l, rt.Path, http.StatusOK)
		return
	}
	if data, problems, ok := l.file(name); ok {
		if len(problems) > 0 {
			problem(w, r, problems)
			return
		}
		write(w, r, http.StatusOK, name, data)
		return
	}
	if rt := l.snap.Routes.Lookup(p + "/"); rt != nil && rt.Kind != routes.KindFile {
		http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
		return
	}
	s.page(w, r, l, routes.NotFound, http.StatusNotFound)
}

// page answers with the page at urlPath of the snapshot l, rendered now
// if it was not yet.
func (s *Server) page(w http.ResponseWriter, r *http.Request, l *live, urlPath string, code int) {
	pg, ok := l.page(urlPath)
	switch {
	case !ok:
		http.NotFound(w, r)
	case len(pg.diags) > 0:
		problem(w, r, pg.diags)
	default:
		write(w, r, code, routes.File(urlPath), pg.data)
	}
}

// setBuild names, in a Server-Timing header (which a page's script can
// read, performance.getEntriesByType("navigation")), the build whose
// snapshot answers: the reload script compares it with the build the
// event stream says is served, so that a build finished while the page
// was loading, before its stream was open, still reloads it. 0 is none:
// the page that says no build has succeeded yet.
func setBuild(w http.ResponseWriter, number int) {
	w.Header().Set("Server-Timing", fmt.Sprintf("agenda-build;desc=%d", number))
}

// problem answers with the problems that kept a page or file from being
// made, as the terminal shows them.
func problem(w http.ResponseWriter, r *http.Request, problems []diag.Diagnostic) {
	var b strings.Builder
	b.WriteString("agenda serve: this page could not be made:\n\n")
	diag.WriteText(&b, problems)
	write(w, r, http.StatusInternalServerError, "problem.txt", []byte(b.String()))
}

// write sends data with the content type of name's extension.
func write(w http.ResponseWriter, r *http.Request, code int, name string, data []byte) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// statusJSON is /_agenda/status: the latest build and its problems.
type statusJSON struct {
	Build       int          `json:"build"`
	OK          bool         `json:"ok"`
	Diagnostics []statusDiag `json:"diagnostics"`
}

type statusDiag struct {
	Severity string `json:"severity"`
	// Text is the whole diagnostic, "path:line:col: message (hint)".
	Text string `json:"text"`
}

func (s *Server) status(w http.ResponseWriter, r *http.Request) {
	b := s.Last()
	out := statusJSON{Build: b.Number, OK: b.OK, Diagnostics: []statusDiag{}}
	for _, d := range b.Diagnostics {
		out.Diagnostics = append(out.Diagnostics, statusDiag{Severity: d.Severity.String(), Text: d.String()})
	}
	data, _ := json.Marshal(out)
	write(w, r, http.StatusOK, "status.json", data)
}

// events streams a server-sent event after every build: "reload" when it
// succeeded, "failed" when it did not. The data is the build number. The
// stream starts with the state it began in (see below).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	// The stream lasts as long as the tab: no write deadline for it.
	http.NewResponseController(w).SetWriteDeadline(time.Time{})
	ch := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	// First, as things stand once subscribed (an event after this one
	// says what changed since): the build the pages come from ("live"),
	// and "failed" when the last build failed. A tab whose stream opened
	// after a build's event, while its page loaded, learns of that build
	// here: it reloads when its page is of an older one, and shows the
	// problems panel when the last build failed.
	last, live := s.state()
	fmt.Fprintf(w, "retry: 1000\nevent: live\ndata: %d\n\n", live)
	if !last.OK && last.Number > 0 {
		fmt.Fprintf(w, "event: failed\ndata: %d\n\n", last.Number)
	}
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-ch:
			fmt.Fprintf(w, "event: %s\ndata: %d\n\n", ev.name, ev.build)
			flusher.Flush()
		}
	}
}

// event is one server-sent event.
type event struct {
	name  string
	build int
}

// hub fans events out to the open event streams.
type hub struct {
	mu   sync.Mutex
	subs map[chan event]bool
}

func (h *hub) subscribe() chan event {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[chan event]bool{}
	}
	ch := make(chan event, 8)
	h.subs[ch] = true
	return ch
}

func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	delete(h.subs, ch)
	h.mu.Unlock()
}

// send delivers ev to every stream, dropping it for a stream too slow to
// take it (the next event reloads that tab anyway).
func (h *hub) send(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- ev:
		default:
		}
	}
}

// hostChecker accepts the Host headers a browser sends for the server's
// own address, so a page on another site cannot reach it through DNS
// rebinding (which needs a host name, never an IP address).
type hostChecker struct {
	port     string
	host     string // the listen host
	loopback bool
}

func newHostChecker(addr net.Addr) hostChecker {
	host, port, _ := net.SplitHostPort(addr.String())
	ip := net.ParseIP(host)
	return hostChecker{port: port, host: host, loopback: ip != nil && ip.IsLoopback()}
}

// allowed accepts localhost and IP addresses (loopback ones only when
// listening on loopback), on the listening port.
func (h hostChecker) allowed(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil || port != h.port {
		return false
	}
	if strings.EqualFold(host, "localhost") || host == h.host {
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	return !h.loopback || ip.IsLoopback()
}

// Loopback reports whether addr ("127.0.0.1:1313", "localhost:0",
// ":1313") listens on loopback only; `agenda serve` warns otherwise.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
