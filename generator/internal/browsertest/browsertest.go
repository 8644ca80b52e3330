// Package browsertest runs the repository's browser tests: node scripts in
// tests/browser that drive Debian's Chromium with playwright-core (and
// axe-core, vnu-jar) against a site served on loopback.
//
// Such tests need tools Go does not bring. Need skips a test with a message
// when one is missing, except under CI=true, where a missing tool fails it:
// .ci/run installs them all, so there they must run.
package browsertest

import (
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// CSP is the Content-Security-Policy that netlify.toml serves the real
// site with, which test sites are served with too, so that a page the
// policy would break fails its browser test.
var CSP = func() string {
	_, file, _, _ := runtime.Caller(0)
	var config struct {
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	if _, err := toml.DecodeFile(filepath.Join(filepath.Dir(file), "..", "..", "..", "netlify.toml"), &config); err != nil {
		panic(err)
	}
	for _, h := range config.Headers {
		if csp := h.Values["Content-Security-Policy"]; h.For == "/*" && csp != "" {
			return csp
		}
	}
	panic("netlify.toml sets no Content-Security-Policy for /*")
}()

// Dir is tests/browser, the scripts and their npm packages.
var Dir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "tests", "browser")
}()

// Chromium is Debian's chromium, or $CHROMIUM.
func Chromium() string {
	if c := os.Getenv("CHROMIUM"); c != "" {
		return c
	}
	return "/usr/bin/chromium"
}

// Tool is something a test needs: a command on the PATH or a file, and
// how to get it.
type Tool struct{ Name, How string }

// Browser are the tools every browser test needs.
var Browser = []Tool{
	{Chromium(), "apt-get install chromium"},
	{"node", "apt-get install nodejs"},
	{filepath.Join(Dir, "node_modules", "playwright-core"), "npm ci --prefix tests/browser --ignore-scripts"},
}

// Need skips the test, or fails it under CI=true, when a tool is missing.
func Need(t testing.TB, tools ...Tool) {
	t.Helper()
	for _, tool := range tools {
		var err error
		if strings.ContainsRune(tool.Name, filepath.Separator) {
			_, err = os.Stat(tool.Name)
		} else {
			_, err = exec.LookPath(tool.Name)
		}
		if err == nil {
			continue
		}
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI needs %s (%s)", tool.Name, tool.How)
		}
		t.Skipf("no %s (%s): skipping", tool.Name, tool.How)
	}
}

// Run runs a script of tests/browser with node and fails the test when it
// exits non-zero; the script's output is logged either way.
func Run(t *testing.T, script string, args ...string) {
	t.Helper()
	cmd := exec.Command("node", append([]string{script}, args...)...)
	cmd.Dir = Dir
	cmd.Env = append(os.Environ(), "CHROMIUM="+Chromium())
	out, err := cmd.CombinedOutput()
	t.Logf("%s:\n%s", script, out)
	if err != nil {
		t.Fatalf("%s failed: %v", script, err)
	}
}

// Output runs a script of tests/browser with node and returns what it
// printed on standard output, failing the test when it exits non-zero.
func Output(t *testing.T, script string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("node", append([]string{script}, args...)...)
	cmd.Dir = Dir
	cmd.Env = append(os.Environ(), "CHROMIUM="+Chromium())
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s failed: %v\n%s", script, err, out)
	}
	return out
}

// File is the output file a URL path is served from: "/x/" is
// x/index.html, "/x" is x.
func File(urlPath string) string {
	p := strings.TrimPrefix(urlPath, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// contentTypes are the types of the files a site holds.
var contentTypes = map[string]string{".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
	".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml", ".csv": "text/csv"}

// StaticHost serves built files as a static host would: with CSP, the
// site's own _headers rules added as Netlify adds them (every rule whose
// path matches, values joined), and with 404.html (when the site has one)
// for a missing path.
func StaticHost(files map[string][]byte) http.Handler {
	rules := headerRules(files["_headers"])
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, rule := range rules {
			if rule.matches(r.URL.Path) {
				for _, h := range rule.headers {
					w.Header().Add(h[0], h[1])
				}
			}
		}
		name := File(r.URL.Path)
		data, ok := files[name]
		status := http.StatusOK
		if !ok {
			name, status = "404.html", http.StatusNotFound
			data = files[name]
		}
		w.Header().Set("Content-Security-Policy", CSP)
		if ct, ok := contentTypes[path.Ext(name)]; ok {
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(status)
		w.Write(data)
	})
}

// headerRule is one rule of a _headers file: a path, exact or ending in
// "*", and its headers.
type headerRule struct {
	path    string
	headers [][2]string
}

func (h headerRule) matches(p string) bool {
	if prefix, ok := strings.CutSuffix(h.path, "*"); ok {
		return strings.HasPrefix(p, prefix)
	}
	return p == h.path
}

// headerRules reads a _headers file: a path on a line of its own, its
// headers indented below it, # comments.
func headerRules(data []byte) []headerRule {
	var rules []headerRule
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#"):
		case !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t"):
			rules = append(rules, headerRule{path: strings.TrimSpace(line)})
		case len(rules) > 0:
			if k, v, ok := strings.Cut(strings.TrimSpace(line), ":"); ok {
				rules[len(rules)-1].headers = append(rules[len(rules)-1].headers, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
			}
		}
	}
	return rules
}
