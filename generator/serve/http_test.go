package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// raw sends a request line and Host header as written, without a client
// cleaning either, and returns the status code and body.
func (h *harness) raw(method, target, host string) (int, string) {
	h.t.Helper()
	addr := strings.TrimPrefix(h.url, "http://")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		h.t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	var body strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&body)
	return resp.StatusCode, body.String()
}

func TestServesOnlyBuiltFiles(t *testing.T) {
	h := start(t)
	host := strings.TrimPrefix(h.url, "http://")
	tests := []struct {
		target string
		want   int
	}{
		{"/", 200},
		{"/objectives/pv-1/", 200},
		{"/objectives/pv-1/index.html", 200},
		{"/objectives/pv-1", 301},
		{"/_agenda/reload.js", 200},
		{"/_agenda/overlay.css", 200},
		{"/../site.toml", 400},
		{"/objectives/../../site.toml", 400},
		{"/%2e%2e/site.toml", 400},
		{"/objectives/%2e%2e/%2e%2e/etc/passwd", 400},
		{"/..%5csite.toml", 400},
		{"/objectives//pv-1/", 400},
		{"/site.toml", 404},
		{"/organizations/shelter.md", 404},
		{"/assets/", 404}, // no directory listings
		{"/nowhere/", 404},
	}
	for _, tt := range tests {
		if got, _ := h.raw("GET", tt.target, host); got != tt.want {
			t.Errorf("GET %s: %d, want %d", tt.target, got, tt.want)
		}
	}
	if code, body := h.raw("GET", "/nowhere/", host); code != 404 || !strings.Contains(body, "Page not found") {
		t.Errorf("missing page: %d, not the site's 404 page", code)
	}
	if code, _ := h.raw("POST", "/", host); code != 405 {
		t.Errorf("POST: %d, want 405", code)
	}
}

func TestRefusesForeignHosts(t *testing.T) {
	h := start(t)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(h.url, "http://"))
	tests := []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, 200},
		{"localhost:" + port, 200},
		{"LOCALHOST:" + port, 200},
		{"[::1]:" + port, 200},
		{"evil.example:" + port, 403}, // DNS rebinding
		{"evil.example", 403},
		{"127.0.0.1.nip.io:" + port, 403},
		{"10.0.0.1:" + port, 403}, // not loopback, while listening on loopback
		{"127.0.0.1:1", 403},      // another port
		{"", 403},
	}
	for _, tt := range tests {
		for _, p := range []string{"/", "/_agenda/status", "/_agenda/reload.js"} {
			if got, _ := h.raw("GET", p, tt.host); got != tt.want {
				t.Errorf("Host %q, GET %s: %d, want %d", tt.host, p, got, tt.want)
			}
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := start(t)
	resp, err := http.Get(h.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") ||
		!strings.HasSuffix(csp, ", script-src http://*:*/assets/js/ http://*:*/_agenda/") {
		t.Errorf("CSP %q", csp)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("headers %v", resp.Header)
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:1313": true, "localhost:1313": true, "[::1]:1313": true, "127.1.2.3:80": true,
		":1313": false, "0.0.0.0:1313": false, "192.168.1.5:1313": false, "example.org:1313": false, "nonsense": false,
	} {
		if got := Loopback(addr); got != want {
			t.Errorf("Loopback(%q) = %v", addr, got)
		}
	}
}

func TestCleanPath(t *testing.T) {
	for p, want := range map[string]bool{
		"/": true, "/a/": true, "/a/b.css": true, "/a/b/": true,
		"": false, "a": false, "/..": false, "/a/../b": false, "/./a": false, "//a": false, "/a\\b": false, "/a\x00": false,
	} {
		if got := cleanPath(p); got != want {
			t.Errorf("cleanPath(%q) = %v", p, got)
		}
	}
}

// The preview is the whole site: search, feeds and data files included,
// not only the pages.
func TestServesEveryGeneratedFile(t *testing.T) {
	h := start(t)
	for _, path := range []string{"/search/manifest.json", "/data/strategy.json", "/sitemap.xml", "/feed.xml", "/robots.txt"} {
		if code, _ := h.get(path); code != 200 {
			t.Errorf("GET %s = %d, want 200", path, code)
		}
	}
}

// A missing path in one of the generator's folders is a plain 404: it
// does not make the snapshot's search index and data files.
func TestMissingPathMakesNoExtras(t *testing.T) {
	h := start(t)
	if code, _ := h.get("/coverage/no-such-cell/"); code != 404 {
		t.Errorf("missing coverage page: %d", code)
	}
	l := h.srv.current()
	if l.extras != nil {
		t.Error("a missing page made the search index and data files")
	}
}

// Connections that send nothing, or stay idle after a response, are
// closed; more connections than the limit wait for one to close; the
// event stream outlives the write timeout. The limits are shortened here;
// agenda serve's are defaultLimits.
func TestConnectionLimits(t *testing.T) {
	h := startWith(t, func(s *Server) {
		s.limits = limits{header: 300 * time.Millisecond, read: time.Second, write: 300 * time.Millisecond,
			idle: 300 * time.Millisecond, conns: 3}
	})
	addr := strings.TrimPrefix(h.url, "http://")
	closedWithin := func(c net.Conn, d time.Duration) bool {
		c.SetReadDeadline(time.Now().Add(d))
		_, err := io.Copy(io.Discard, c)
		return err == nil // EOF: the server closed it; a timeout is an error
	}

	// An event stream, open across the write timeout, still gets its event.
	resp, err := http.Get(h.url + "/_agenda/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	events.ReadString('\n')

	// A connection that never sends a request is closed.
	silent, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	if !closedWithin(silent, 3*time.Second) {
		t.Error("a connection that sent nothing was not closed")
	}
	// A kept-alive connection is closed once idle.
	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(idle, "GET /about/ HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	if !closedWithin(idle, 3*time.Second) {
		t.Error("an idle keep-alive connection was not closed")
	}

	// With the stream and two silent connections, a fourth waits...
	var held []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	waited := make(chan time.Duration, 1)
	go func() {
		start := time.Now()
		if r, err := http.Get(h.url + "/about/"); err == nil {
			r.Body.Close()
		}
		waited <- time.Since(start)
	}()
	// ...until the silent ones are closed by the header timeout.
	if d := <-waited; d < 200*time.Millisecond {
		t.Errorf("a request beyond the connection limit was served at once (%v)", d)
	}
	for _, c := range held {
		c.Close()
	}

	h.edit("about.md", "About the strategy.", "About the strategy, after the timeouts.")
	if b := h.build(); !b.OK {
		t.Fatalf("edit failed: %v", b.Diagnostics)
	}
	for {
		line, err := events.ReadString('\n')
		if err != nil {
			t.Fatalf("the event stream ended: %v", err)
		}
		if strings.HasPrefix(line, "event: reload") {
			break
		}
	}
}
