package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/themes"
)

// A build that fails while its pages are being written (a template that
// breaks on one kind of page, after other pages went to the staging
// folder) leaves the previous output exactly as it was, and no staging
// folder behind.
func TestPublishFailingMidwayKeepsPreviousOutput(t *testing.T) {
	source := filepath.Join("..", "..", "content")
	out := filepath.Join(t.TempDir(), "public")
	if res, diags := Publish(Options{Source: source, Today: today}, out); res == nil {
		t.Fatal(diags.Items())
	}
	before, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}

	res, diags := Publish(Options{Source: source, Today: today, Theme: brokenTheme(t)}, out)
	if res != nil || !strings.Contains(strings.Join(lines(diags.Items()), "\n"), "NoSuchField") {
		t.Fatalf("a broken template built: %v", diags.Items())
	}
	after, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || string(after) != string(before) {
		t.Error("the failed build changed the previous output")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.*"))
	if len(leftovers) > 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
	var files int
	filepath.WalkDir(out, func(_ string, d fs.DirEntry, _ error) error {
		if d != nil && !d.IsDir() {
			files++
		}
		return nil
	})
	if files < 100 {
		t.Errorf("the previous output holds %d files", files)
	}
}

// brokenTheme is the default theme with a layout that fails on every
// organization page, after other pages were written.
func brokenTheme(t *testing.T) string {
	t.Helper()
	theme := t.TempDir()
	if err := os.CopyFS(theme, themes.Default()); err != nil {
		t.Fatal(err)
	}
	layout := filepath.Join(theme, "layouts", "organization.html")
	data, err := os.ReadFile(layout)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), `{{define "main"}}`, `{{define "main"}}{{.NoSuchField}}`, 1)
	if broken == string(data) {
		t.Fatal("the organization layout has no main block to break")
	}
	if err := os.WriteFile(layout, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	return theme
}

func lines(items []diag.Diagnostic) []string {
	out := make([]string, len(items))
	for i, d := range items {
		out[i] = d.String()
	}
	return out
}

// With a build cache, a build stages into the output before last: one
// that fails midway still leaves the output as it was, and the next good
// build writes what a build without the cache writes.
func TestPublishFailingMidwayWithCacheKeepsPreviousOutput(t *testing.T) {
	source := filepath.Join("..", "..", "content")
	root := t.TempDir()
	out, cold := filepath.Join(root, "public"), filepath.Join(root, "cold")
	opts := Options{Source: source, Today: today, CacheDir: filepath.Join(root, "cache")}
	for range 2 { // the second keeps the first output for the third
		if res, diags := Publish(opts, out); res == nil {
			t.Fatal(diags.Items())
		}
	}
	if kept, _ := filepath.Glob(filepath.Join(root, ".public.kept-*")); len(kept) != 1 {
		t.Fatalf("kept outputs: %v", kept)
	}
	before := readTree(t, out)

	withTheme := opts
	withTheme.Theme = brokenTheme(t)
	if res, _ := Publish(withTheme, out); res != nil {
		t.Fatal("a broken template built")
	}
	sameTree(t, "after the failed build", readTree(t, out), before)
	if leftovers, _ := filepath.Glob(filepath.Join(root, ".public.tmp-*")); len(leftovers) > 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
	if res, diags := Publish(opts, out); res == nil {
		t.Fatal(diags.Items())
	}
	if res, diags := Publish(Options{Source: source, Today: today}, cold); res == nil {
		t.Fatal(diags.Items())
	}
	sameTree(t, "after the next good build", readTree(t, out), readTree(t, cold))
}
