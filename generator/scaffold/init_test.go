package scaffold

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/commonagenda/agenda/generator/load"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/site"
)

func initInto(t *testing.T, version string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "strategy")
	if _, err := Init(dir, InitOptions{Version: version, GoVersion: "go1.26.8"}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// What init writes passes check and builds, with the real pipeline, and
// has nothing to warn about.
func TestInitChecksAndBuilds(t *testing.T) {
	dir := initInto(t, "v1.2.3")
	built, diags := site.Build(site.Options{Source: filepath.Join(dir, "content"), Today: model.NewDate(2026, 6, 1)})
	for _, d := range diags.Items() {
		t.Errorf("%s", d)
	}
	if built == nil {
		t.Fatal("the new strategy does not build")
	}
	s := built.Strategy
	if len(s.Objectives) != 1 || len(s.Organizations) != 2 || len(s.Partnerships) != 1 || s.Home == nil {
		t.Errorf("want one example of each kind: %d objectives, %d organizations, %d partnerships, home %v",
			len(s.Objectives), len(s.Organizations), len(s.Partnerships), s.Home != nil)
	}
	for _, page := range []string{"index.html", "objectives/pv-1/index.html", "organizations/example-agency/index.html", "partnerships/example-partnership/index.html", "coverage/index.html"} {
		if built.Files[page] == nil {
			t.Errorf("no %s", page)
		}
	}
	if !strings.Contains(string(built.Files["index.html"]), "Example content written by agenda init") {
		t.Error("the example content is not marked as such on the home page")
	}
}

func TestInitFiles(t *testing.T) {
	dir := initInto(t, "v1.2.3")
	for _, rel := range []string{
		"README.md", "CONTRIBUTING.md", ".github/pull_request_template.md", ".github/workflows/check.yml",
		"netlify.toml", ".gitignore", "content/site.toml",
	} {
		text := read(t, dir, rel)
		if strings.Contains(text, "<<") || strings.Contains(text, VersionPlaceholder) {
			t.Errorf("%s has a placeholder left:\n%s", rel, text)
		}
	}
	pinned := Module + "/cmd/agenda@v1.2.3"
	for _, rel := range []string{".github/workflows/check.yml", "netlify.toml", "README.md"} {
		if !strings.Contains(read(t, dir, rel), pinned) {
			t.Errorf("%s does not run %s", rel, pinned)
		}
	}
	if !strings.Contains(read(t, dir, "CONTRIBUTING.md"), "| `indicators.baseline.value` | number | yes |") {
		t.Error("CONTRIBUTING.md has no field reference")
	}
	if !strings.Contains(read(t, dir, ".github/workflows/check.yml"), `go-version: "1.26.x"`) ||
		!strings.Contains(read(t, dir, "netlify.toml"), `GO_VERSION = "1.26.8"`) {
		t.Error("the Go release is not the program's")
	}
}

// A program built from a checkout cannot tell its version: the files
// carry a marked placeholder instead of a version that does not exist.
func TestInitUnknownVersion(t *testing.T) {
	for _, v := range []string{"(devel)", "", "v0.0.0-20260101000000-abcdefabcdef+dirty"} {
		dir := filepath.Join(t.TempDir(), "s")
		res, err := Init(dir, InitOptions{Version: v})
		if err != nil {
			t.Fatal(err)
		}
		if res.Pinned != "" {
			t.Errorf("%q pinned as %q", v, res.Pinned)
		}
		wf := read(t, dir, ".github/workflows/check.yml")
		if !strings.Contains(wf, "cmd/agenda@"+VersionPlaceholder) || !strings.Contains(wf, "# NOT SET") {
			t.Errorf("version %q: the workflow does not mark the missing version:\n%s", v, wf)
		}
		if !strings.Contains(read(t, dir, "netlify.toml"), "cmd/agenda@"+VersionPlaceholder) {
			t.Errorf("version %q: netlify.toml does not mark the missing version", v)
		}
	}
	if got := PinnedVersion("v0.3.0"); got != "v0.3.0" {
		t.Errorf("a release is pinned as %q", got)
	}
}

func TestInitNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	readme := filepath.Join(dir, "README.md")
	os.WriteFile(readme, []byte("mine"), 0o644)
	if _, err := Init(dir, InitOptions{Version: "v1.0.0"}); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Fatalf("init into a folder with a file: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if data, _ := os.ReadFile(readme); string(data) != "mine" || len(entries) != 1 {
		t.Errorf("init touched a non-empty folder: %d entries, README %q", len(entries), data)
	}
	empty := t.TempDir()
	if _, err := Init(empty, InitOptions{Version: "v1.0.0"}); err != nil {
		t.Errorf("init into an empty folder: %v", err)
	}
}

// The four Ps and the sectors are those of the bundled strategy.
func TestInitVocabularyIsTheBundledOne(t *testing.T) {
	dir := initInto(t, "v1.2.3")
	vocab := func(folder string) (cats, secs []model.Category) {
		s, diags := load.Load(os.DirFS(folder), folder, load.Options{})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", folder, diags.Items())
		}
		for _, c := range s.Site.Categories {
			cats = append(cats, model.Category{Key: c.Key, Title: c.Title, Description: c.Description})
		}
		for _, c := range s.Site.Sectors {
			secs = append(secs, model.Category{Key: c.Key, Title: c.Title, Description: c.Description})
		}
		return cats, secs
	}
	wantCats, wantSecs := vocab("../../content")
	gotCats, gotSecs := vocab(filepath.Join(dir, "content"))
	if !reflect.DeepEqual(gotCats, wantCats) || !reflect.DeepEqual(gotSecs, wantSecs) {
		t.Errorf("init's site.toml has other Ps or sectors than content/site.toml:\n got %v\n%v\nwant %v\n%v", gotCats, gotSecs, wantCats, wantSecs)
	}
}

// netlify.toml sends the same security headers as this repository's.
func TestInitNetlifyHeaders(t *testing.T) {
	type config struct {
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	var ours, theirs config
	if _, err := toml.DecodeFile("../../netlify.toml", &ours); err != nil {
		t.Fatal(err)
	}
	if _, err := toml.DecodeFile(filepath.Join(initInto(t, "v1.2.3"), "netlify.toml"), &theirs); err != nil {
		t.Fatalf("init's netlify.toml: %v", err)
	}
	if len(ours.Headers) == 0 || !reflect.DeepEqual(ours.Headers, theirs.Headers) {
		t.Errorf("init's netlify.toml headers differ from ../../netlify.toml's:\n got %v\nwant %v", theirs.Headers, ours.Headers)
	}
}
