package site_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/internal/browsertest"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/scaffold"
	"github.com/commonagenda/agenda/generator/site"
)

// sentFile is a file a form sent, as tests/browser/forms.mjs prints it:
// the URL opened and its parts decoded.
type sentFile struct {
	Kind, URL, Path, Filename, Value string
}

// TestFormsInBrowser fills in and sends each form for a new file of the
// bundled strategy in headless Chromium (tests/browser/forms.mjs: errors
// beside the fields and summarised, axe-core in light and dark mode, 375
// px, the CSP, the page without JavaScript). Each form must open the
// repository's new-file page for the right folder and file name, with a
// file that, dropped into a copy of the content folder, passes the
// checker and says what was typed. Without a repository in site.toml,
// a form stays on its page and shows the file.
func TestFormsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser checks are slow; skipped in -short mode")
	}
	browsertest.Need(t, append(browsertest.Browser,
		browsertest.Tool{Name: filepath.Join(browsertest.Dir, "node_modules", "axe-core"), How: "npm ci --prefix tests/browser --ignore-scripts"})...)
	s, built := bundled(t)
	srv := httptest.NewServer(browsertest.StaticHost(built.Files))
	defer srv.Close()
	shots := os.Getenv("SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join(browsertest.Dir, "screenshots")
	}
	shots, _ = filepath.Abs(shots)

	// The same strategy without a repository in site.toml.
	bare := t.TempDir()
	if err := os.CopyFS(bare, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(bare, "site.toml")
	data, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	data = regexp.MustCompile(`(?m)^repository\s*=.*$`).ReplaceAll(data, nil)
	if err := os.WriteFile(config, data, 0o644); err != nil {
		t.Fatal(err)
	}
	noRepo, diags := site.Build(site.Options{Source: bare, Today: exampleToday})
	if noRepo == nil {
		t.Fatalf("without a repository the example does not build: %v", diags.Items())
	}
	srv2 := httptest.NewServer(browsertest.StaticHost(noRepo.Files))
	defer srv2.Close()

	out := browsertest.Output(t, "forms.mjs", srv.URL, shots, srv2.URL)
	var sent []sentFile
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "FILE ")
		if !ok {
			t.Log(sc.Text())
			continue
		}
		var f sentFile
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("forms.mjs printed %q: %v", line, err)
		}
		sent = append(sent, f)
	}
	if len(sent) != 3 {
		t.Fatalf("forms.mjs sent %d files, want one of each kind", len(sent))
	}
	want := map[string]string{
		"organization": "ninos-libres-cafe-test.md",
		"partnership":  "test-coastal-alliance.md",
		"objective":    strings.ToLower(scaffold.NextID(s, "prevention")) + ".md",
	}
	for _, f := range sent {
		folder := "/commonagenda/agenda/new/main/content/" + f.Kind + "s"
		if f.Path != folder || f.Filename != want[f.Kind] {
			t.Errorf("%s form opened %s?filename=%s, want %s?filename=%s", f.Kind, f.Path, f.Filename, folder, want[f.Kind])
			continue
		}
		got := checkWith(t, path.Join(f.Kind+"s", f.Filename), f.Value)
		if got == nil {
			continue
		}
		checkSent(t, f.Kind, got)
	}
}

// checkWith copies the bundled content folder, adds a file and checks
// the strategy as `agenda check` does, failing on any diagnostic; it
// returns the strategy built.
func checkWith(t *testing.T, rel, text string) *model.Strategy {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	built, diags := site.Build(site.Options{Source: dir, Today: exampleToday})
	for _, d := range diags.Items() {
		t.Errorf("the %s a form wrote does not pass the checker: %s\n%s", rel, d, text)
	}
	if built == nil {
		return nil
	}
	return built.Strategy
}

// checkSent asserts that the strategy with the file a form wrote holds
// what forms.mjs typed, names turned into slugs and ids.
func checkSent(t *testing.T, kind string, s *model.Strategy) {
	t.Helper()
	switch kind {
	case "organization":
		o := s.Organization("ninos-libres-cafe-test")
		if o == nil {
			t.Fatal("the organization sent is not in the strategy")
		}
		if o.Title != "Niños Libres Café (Test)" || o.Sector != "victim-services" || o.Acronym != "NLC" || o.Parent != "harbor-house" ||
			!slices.Equal(o.Objectives, []string{"PT-1", "PV-1"}) || !o.SurvivorLed || o.Email != "hola@example.org" ||
			!slices.Equal(o.Regions, []string{"Washington", "Oregon"}) || !slices.Equal(o.Services, []string{`Drop-in "café"`, "Referrals"}) ||
			!strings.Contains(s.Body(o.Doc).Text, "Open on weekdays") {
			t.Errorf("organization sent: %+v", *o)
		}
	case "partnership":
		p := s.Partnership("test-coastal-alliance")
		if p == nil {
			t.Fatal("the partnership sent is not in the strategy")
		}
		if !slices.Equal(p.Members, []string{"harbor-house", "metro-police"}) || !slices.Equal(p.Lead, []string{"harbor-house"}) ||
			!slices.Equal(p.Objectives, []string{"PT-1"}) || p.Kind != "alliance" || p.Level != "coordination" || p.Started.String() != "2026-01-15" {
			t.Errorf("partnership sent: %+v", *p)
		}
	case "objective":
		var o *model.Objective
		for _, x := range s.Objectives {
			if x.Title == "Train hotel staff to spot trafficking" {
				o = x
			}
		}
		if o == nil {
			t.Fatal("the objective sent is not in the strategy")
		}
		if o.Category != "prevention" || !slices.Equal(o.Sectors, []string{"government", "business"}) || !slices.Equal(o.Lead, []string{"harbor-house"}) ||
			o.Need == nil || *o.Need != 25000 || o.Due.String() != "2028-12-31" || !slices.Equal(o.Related, []string{"PV-1"}) || o.Status != "planned" {
			t.Errorf("objective sent: %+v", *o)
		}
	}
}
