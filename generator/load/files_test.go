package load

import (
	"strings"
	"testing"
	"testing/fstest"
)

// Only files a browser never runs as code are published from content/;
// script, HTML, SVG and host configuration files are errors at their path,
// and nothing but Markdown belongs in the entity folders.
func TestOnlySafeFilesArePublished(t *testing.T) {
	fsys := fstest.MapFS{"site.toml": smallSite["site.toml"]}
	safe := []string{"images/map.png", "images/Photo.JPG", "reports/annual.pdf", "data/extra.csv", "media/talk.mp4"}
	unsafe := map[string]string{
		"evil.js":                  "could run script",
		"evil.html":                "could run script",
		"pages/evil.htm":           "could run script",
		"logo.svg":                 "can carry script",
		"lib.wasm":                 "could run script",
		"_headers":                 "host configuration",
		"_redirects":               "host configuration",
		"netlify.toml":             "host configuration",
		"notes":                    "files without an extension",
		"archive.exe":              "files of type .exe",
		"organizations/logo.png":   "only Markdown files (.md) belong in organizations/",
		"objectives/chart.pdf":     "only Markdown files (.md) belong in objectives/",
		"partnerships/members.csv": "only Markdown files (.md) belong in partnerships/",
	}
	for _, name := range safe {
		fsys[name] = &fstest.MapFile{Data: []byte("x")}
	}
	for name := range unsafe {
		fsys[name] = &fstest.MapFile{Data: []byte("x")}
	}
	s, diags := Load(fsys, "content", Options{})
	var published []string
	for _, f := range s.Files {
		published = append(published, f.Rel)
	}
	if got, want := strings.Join(published, " "), "data/extra.csv images/Photo.JPG images/map.png media/talk.mp4 reports/annual.pdf"; got != want {
		t.Errorf("published %s, want %s", got, want)
	}
	messages := map[string]string{}
	for _, d := range diags.Items() {
		messages[strings.TrimPrefix(d.Path, "content/")] = d.String()
	}
	for name, want := range unsafe {
		if got := messages[name]; !strings.Contains(got, want) || !strings.HasPrefix(got, "content/"+name+": ") {
			t.Errorf("%s: got %q, want an error at its path saying %q", name, got, want)
		}
	}
	if len(diags.Items()) != len(unsafe) {
		t.Errorf("%d problems, want %d: %v", len(diags.Items()), len(unsafe), diags.Items())
	}
}
