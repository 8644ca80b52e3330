package load

import (
	"crypto/sha1"
	"fmt"
	"io/fs"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// smallSite is a whole valid strategy.
var smallSite = fstest.MapFS{
	"site.toml":            {Data: []byte("currency = \"EUR\"\n" + siteTOML)},
	"_index.md":            {Data: []byte("+++\ntitle = \"Home\"\n+++\nWelcome.\n")},
	"objectives/_index.md": {Data: []byte("+++\ntitle = \"All objectives\"\n+++\n")},
	"objectives/pv/pv-1.md": {Data: []byte(`+++
id = "PV-1"
title = "Train staff"
category = "prevention"
summary = "Train every front-line worker."
sectors = ["government"]
lead = ["doj"]
status = "in-progress"
start = 2025-01-01
due = 2026-06-30
need = 250000
weight = 2

[[indicators]]
name = "Workers trained"
unit = "people"
baseline = {value = 0, date = 2025-01-01}
target = {value = 1000.5, date = 2026-06-30}
progress = [
  {date = 2025-06-01, value = 120},
]
+++
# Why
`)},
	"objectives/pv-2.md": {Data: []byte("+++\nid = \"PV-2\"\ntitle = \"Draft\"\ncategory = \"prevention\"\nsummary = \"S.\"\ndraft = true\n+++\n")},
	"organizations/doj.md": {Data: []byte(`+++
title = "Department of Justice"
sector = "government"
survivor_led = false

[[funding]]
objective = "PV-1"
amount = 50000
year = 2025
+++
`)},
	"images/logo.png":              {Data: []byte("png")},
	"partnerships/task-force.md":   {Data: []byte("+++\ntitle = \"Task force\"\nmembers = [\"doj\", \"hhs\"]\nobjectives = [\"PV-1\"]\nstarted = 2024-03-01\n+++\n")},
	"partnerships/_index.md":       {Data: []byte("+++\ntitle = \"Partnerships\"\n+++\n")},
	"about.md":                     {Data: []byte("+++\ntitle = \"About\"\nweight = 1\n+++\n")},
	"help/faq.md":                  {Data: []byte("+++\ntitle = \"FAQ\"\n+++\n")},
	"help/_index.md":               {Data: []byte("+++\ntitle = \"Help\"\n+++\n")},
	"Guides/Start.md":              {Data: []byte("+++\ntitle = \"Start\"\n+++\n")},
	"files/report.pdf":             {Data: []byte("pdf")},
	".git/config":                  {Data: []byte("x")},
	".hidden.md":                   {Data: []byte("not front matter")},
	"objectives/.draft-notes/x.md": {Data: []byte("nothing")},
	"organizations/.swp":           {Data: []byte("x")},
}

func TestLoadSmallSite(t *testing.T) {
	s, diags := Load(smallSite, "content", Options{})
	if items := diags.Items(); len(items) > 0 {
		t.Fatalf("unexpected diagnostics: %v", items)
	}
	site := s.Site
	if site.Title != "Strategy" || site.BaseURL != "https://example.org/" || site.Currency != "EUR" ||
		site.Language != "en" || site.Branch != "main" || site.Theme != "default" || site.PageSize != 50 {
		t.Errorf("site settings %+v", site)
	}
	if s.Category("prevention") == nil || s.Sector("government") == nil || site.Doc.Path != "content/site.toml" {
		t.Errorf("categories %v, sectors %v, doc %v", site.Categories, site.Sectors, site.Doc)
	}
	if p := site.Doc.Pos("sectors.0.key"); p.String() != "content/site.toml:10:1" {
		t.Errorf("site key position %v", p)
	}

	if len(s.Objectives) != 1 {
		t.Fatalf("objectives %v, want PV-1 only (PV-2 is a draft)", s.Objectives)
	}
	o := s.Objective("pv-1")
	need := 250000.0
	want := &model.Objective{
		ID: "PV-1", Title: "Train staff", Category: "prevention", Summary: "Train every front-line worker.",
		Sectors: []string{"government"}, Lead: []string{"doj"}, Status: "in-progress",
		Start: model.NewDate(2025, time.January, 1), Due: model.NewDate(2026, time.June, 30),
		Need: &need, Weight: 2,
		Indicators: []model.Indicator{{
			Name: "Workers trained", Unit: "people",
			Baseline: &model.Measure{Value: 0, Date: model.NewDate(2025, time.January, 1)},
			Target:   &model.Measure{Value: 1000.5, Date: model.NewDate(2026, time.June, 30)},
			Progress: []model.Measure{{Value: 120, Date: model.NewDate(2025, time.June, 1)}},
		}},
		Doc: o.Doc,
	}
	want.Settle() // as load leaves every entity it reads
	if !reflect.DeepEqual(o, want) {
		t.Errorf("objective\n got %+v\nwant %+v", o, want)
	}
	if o.Doc.Path != "content/objectives/pv/pv-1.md" || o.Doc.Rel != "objectives/pv/pv-1.md" ||
		o.Doc.Open.String() != "content/objectives/pv/pv-1.md:1:1" {
		t.Errorf("doc %+v", o.Doc)
	}
	for key, pos := range map[string]string{
		"lead.0":                          "7:9",
		"indicators.0":                    "14:1",
		"indicators.0.target.value":       "18:11",
		"indicators.0.progress.0.value":   "20:23",
		"indicators.0.progress.0.missing": "20:3",
	} {
		if got := o.Doc.Pos(key); got.String() != "content/objectives/pv/pv-1.md:"+pos {
			t.Errorf("Pos(%q) = %v, want line:col %s", key, got, pos)
		}
	}
	if body := string(o.Doc.Body); body != strings.Repeat("\n", 22)+"# Why\n" {
		t.Errorf("body %q", body)
	}

	org := s.Organization("doj")
	if org == nil || org.Title != "Department of Justice" || len(org.Funding) != 1 ||
		org.Funding[0] != (model.Commitment{Objective: "PV-1", Amount: 50000, Year: 2025}) {
		t.Errorf("organization %+v", org)
	}
	p := s.Partnership("task-force")
	if p == nil || p.Started != model.NewDate(2024, time.March, 1) || len(p.Members) != 2 {
		t.Errorf("partnership %+v", p)
	}

	if s.Home == nil || s.Home.Title != "Home" || s.Home.Path != "/" {
		t.Errorf("home %+v", s.Home)
	}
	if len(s.Intros) != 2 || s.Intros["/objectives/"].Title != "All objectives" ||
		s.Intros["/partnerships/"].Path != "/partnerships/" {
		t.Errorf("intros %v", s.Intros)
	}
	var pages []string
	for _, p := range s.Pages {
		pages = append(pages, p.Doc.Rel+" "+p.Path)
	}
	wantPages := []string{"Guides/Start.md /Guides/Start/", "about.md /about/", "help/_index.md /help/", "help/faq.md /help/faq/"}
	if !reflect.DeepEqual(pages, wantPages) {
		t.Errorf("pages %q, want %q", pages, wantPages)
	}
	wantFiles := []model.File{{Rel: "files/report.pdf", Path: "files/report.pdf"}, {Rel: "images/logo.png", Path: "images/logo.png"}}
	if !reflect.DeepEqual(s.Files, wantFiles) {
		t.Errorf("files %v, want %v", s.Files, wantFiles)
	}
}

func TestLoadDrafts(t *testing.T) {
	s, _ := Load(smallSite, "content", Options{Drafts: true})
	if len(s.Objectives) != 2 || s.Objective("PV-2") == nil || !s.Objective("PV-2").Draft {
		t.Errorf("with drafts: objectives %v", s.Objectives)
	}
	for _, name := range []string{"about.md", "_index.md", "objectives/_index.md", "organizations/doj.md"} {
		fsys := fstest.MapFS{"site.toml": smallSite["site.toml"]}
		fsys[name] = &fstest.MapFile{Data: []byte("+++\ntitle = \"T\"\nsector = \"government\"\ndraft = true\n+++\n")}
		if strings.HasPrefix(name, "organizations/") {
			fsys[name].Data = []byte("+++\ntitle = \"T\"\nsector = \"government\"\ndraft = true\n+++\n")
		} else {
			fsys[name].Data = []byte("+++\ntitle = \"T\"\ndraft = true\n+++\n")
		}
		for _, drafts := range []bool{false, true} {
			s, diags := Load(fsys, ".", Options{Drafts: drafts})
			n := len(s.Pages) + len(s.Intros) + len(s.Organizations)
			if s.Home != nil {
				n++
			}
			if n != map[bool]int{false: 0, true: 1}[drafts] || diags.Len() != 0 {
				t.Errorf("%s, drafts %v: %d items, diagnostics %v", name, drafts, n, diags.Items())
			}
		}
	}
}

func TestLoadDisplayPath(t *testing.T) {
	fsys := fstest.MapFS{"site.toml": smallSite["site.toml"], "a/b.md": {Data: []byte("+++\n+++\n")}}
	for display, want := range map[string]string{
		".":               "a/b.md:1:1",
		"":                "a/b.md:1:1",
		"content":         "content/a/b.md:1:1",
		"../site/content": "../site/content/a/b.md:1:1",
	} {
		_, diags := Load(fsys, display, Options{})
		if items := diags.Items(); len(items) != 1 || items[0].Pos.String() != want {
			t.Errorf("display %q: %v, want at %s", display, items, want)
		}
	}
}

// TestLoadDeterministic loads a strategy of many files, each with a
// problem, several times: the lists and the diagnostics must not depend
// on the order the workers finish in.
func TestLoadDeterministic(t *testing.T) {
	fsys := fstest.MapFS{"site.toml": smallSite["site.toml"]}
	for i := range 300 {
		fsys[fmt.Sprintf("objectives/o-%d.md", i)] = &fstest.MapFile{Data: []byte(
			fmt.Sprintf("+++\nid = \"O-%d\"\ntitle = \"T\"\ncategory = \"prevention\"\nsummary = \"S\"\nwieght = 1\n+++\n", i))}
		fsys[fmt.Sprintf("organizations/org-%d.md", i)] = &fstest.MapFile{Data: []byte("+++\ntitle = \"T\"\n+++\n")}
	}
	first, firstDiags := summary(Load(fsys, "content", Options{}))
	if !strings.HasPrefix(first, "O-0 O-1 O-10 O-100 O-101") {
		t.Errorf("objectives not sorted by file path: %.60s", first)
	}
	if !strings.HasPrefix(firstDiags, `content/objectives/o-0.md:6:1: unknown key "wieght" in objective (did you mean "weight"?)`) {
		t.Errorf("diagnostics: %.200s", firstDiags)
	}
	for range 5 {
		if again, againDiags := summary(Load(fsys, "content", Options{})); again != first || againDiags != firstDiags {
			t.Fatal("a second load gave a different result")
		}
	}
}

func summary(s *model.Strategy, diags *diag.List) (string, string) {
	var b, d strings.Builder
	for _, o := range s.Objectives {
		b.WriteString(o.ID + " ")
	}
	for _, o := range s.Organizations {
		b.WriteString(o.Slug + " ")
	}
	for _, x := range diags.Items() {
		d.WriteString(x.String() + "\n")
	}
	return b.String(), d.String()
}

func TestLoadSkipsLinks(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":    smallSite["site.toml"],
		"passwd":       {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink},
		"image.png":    {Data: []byte("png")},
		".hidden/a.md": {Data: []byte("x")},
	}
	s, diags := Load(fsys, "content", Options{})
	if got := fmt.Sprint(diags.Items()); got != "[content/passwd: warning: skipped: not a regular file]" {
		t.Errorf("diagnostics %s", got)
	}
	if len(s.Files) != 1 || s.Files[0].Rel != "image.png" {
		t.Errorf("files %v", s.Files)
	}
}

// BenchmarkLoad measures loading a strategy of 10,000 objectives.
func BenchmarkLoad(b *testing.B) {
	fsys := fstest.MapFS{"site.toml": smallSite["site.toml"]}
	for i := range 10000 {
		fsys[fmt.Sprintf("objectives/o-%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"+++\nid = \"O-%d\"\ntitle = \"T\"\ncategory = \"prevention\"\nsummary = \"S\"\nlead = [\"a\", \"b\"]\n"+
				"due = 2026-01-01\n[[indicators]]\nname = \"n\"\nbaseline = {value = 1, date = 2025-01-01}\n+++\n%s",
			i, strings.Repeat("Some body text.\n", 50)))}
	}
	for b.Loop() {
		s, diags := Load(fsys, "content", Options{})
		if len(s.Objectives) != 10000 || diags.Len() != 0 {
			b.Fatal(diags.Items())
		}
	}
}

// TestGeneratedPageIntros checks that the folders of the generated pages
// take an introduction, and that other files in them stay plain pages.
func TestGeneratedPageIntros(t *testing.T) {
	fsys := fstest.MapFS{"site.toml": {Data: []byte(siteTOML)}}
	for _, dir := range []string{"coverage", "funding", "data"} {
		fsys[dir+"/_index.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"About " + dir + "\"\naliases = [\"/old-" + dir + "/\"]\n+++\nIntro.\n")}
	}
	fsys["data/notes.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Notes\"\n+++\n")}
	s, diags := Load(fsys, "content", Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	for _, u := range []string{"/coverage/", "/funding/", "/data/"} {
		in := s.Intros[u]
		if in == nil || in.Path != u || in.Title != "About "+strings.Trim(u, "/") || len(in.Aliases) != 1 {
			t.Errorf("intro of %s: %+v", u, in)
		}
	}
	if len(s.Pages) != 1 || s.Pages[0].Path != "/data/notes/" {
		t.Errorf("pages %+v, want only /data/notes/", s.Pages)
	}
	var owners []string
	for _, e := range s.AliasOwners() {
		owners = append(owners, e.URL())
	}
	if got := strings.Join(owners, " "); got != "/data/notes/ /coverage/ /data/ /funding/" {
		t.Errorf("alias owners %s", got)
	}
}

// TestLoadBlobs names each entity's file as Git names its bytes when
// asked (Options.Blobs; the history knows by it which files are as
// their last commit left them), and not otherwise.
func TestLoadBlobs(t *testing.T) {
	s, _ := Load(smallSite, "content", Options{Blobs: true})
	if len(s.Organizations) == 0 || len(s.Objectives) == 0 {
		t.Fatal("the small site has no organizations or objectives")
	}
	for _, doc := range []*model.Doc{s.Organizations[0].Doc, s.Objectives[0].Doc} {
		src, err := fs.ReadFile(smallSite, doc.Rel)
		if err != nil {
			t.Fatal(err)
		}
		// git hash-object: SHA-1 of "blob <size>\0" and the bytes.
		want := sha1.Sum(append([]byte("blob "+strconv.Itoa(len(src))+"\x00"), src...))
		if doc.Blob != want {
			t.Errorf("%s: blob %x, want %x", doc.Rel, doc.Blob, want)
		}
	}
	s, _ = Load(smallSite, "content", Options{})
	if s.Organizations[0].Doc.Blob != ([20]byte{}) {
		t.Error("a blob name made without being asked for")
	}
}
