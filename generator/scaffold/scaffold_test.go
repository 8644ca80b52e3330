package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/site"
)

var files = map[string]string{
	"site.toml": `title = "T"
base_url = "https://example.org/"
[[categories]]
key = "prevention"
title = "Prevention"
[[categories]]
key = "protection"
title = "Protection"
[[categories]]
key = "partnership"
title = "Partnership"
[[sectors]]
key = "government"
title = "Government"
[[sectors]]
key = "business"
title = "Business"
`,
	"objectives/pv-1.md":        "+++\nid = \"PV-1\"\ntitle = \"A\"\ncategory = \"prevention\"\nsummary = \"A.\"\n+++\n",
	"objectives/pv-3.md":        "+++\nid = \"PV-3\"\ntitle = \"C\"\ncategory = \"prevention\"\nsummary = \"C.\"\n+++\n",
	"objectives/pv-3.1.md":      "+++\nid = \"PV-3.1\"\ntitle = \"C1\"\ncategory = \"prevention\"\nsummary = \"C1.\"\n+++\n",
	"organizations/ministry.md": "+++\ntitle = \"Ministry\"\nsector = \"government\"\n+++\n",
	"organizations/firm.md":     "+++\ntitle = \"Firm\"\nsector = \"business\"\n+++\n",
}

func content(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var today = model.NewDate(2026, 3, 4)

// check runs what `agenda check` runs and returns the problems.
func check(t *testing.T, dir string) []string {
	t.Helper()
	_, diags := site.Build(site.Options{Source: dir, Today: today})
	var out []string
	for _, d := range diags.Items() {
		if d.Severity == diag.Error {
			out = append(out, strings.TrimPrefix(d.String(), filepath.ToSlash(dir)+"/"))
		}
	}
	return out
}

// fill replaces a line of a generated file.
func fill(t *testing.T, p, old, new string) {
	t.Helper()
	data, _ := os.ReadFile(p)
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s lacks %q:\n%s", p, old, data)
	}
	os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
}

func TestNewObjectivePassesCheckOnceFilled(t *testing.T) {
	dir := content(t)
	p, err := New(Request{Kind: "objective", Name: `Train "hotel" staff`, Category: "prevention", Source: dir, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "objectives", "pv-4.md"); p != want {
		t.Errorf("path %s, want %s", p, want)
	}
	data, _ := os.ReadFile(p)
	text := string(data)
	for _, want := range []string{
		"id = \"PV-4\"\n", "title = \"Train \\\"hotel\\\" staff\"\n", "category = \"prevention\"\n", "summary = \"\"\n",
		"(one of the four Ps). Known: prevention, protection, partnership.\n", "# due = 2026-03-04\n", "# [[indicators]]\n", "# baseline = { value = 0, date = 2026-03-04 }\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	// Every key of an objective is there.
	for _, key := range []string{"id", "title", "category", "summary", "parent", "sectors", "lead", "status", "start", "due", "need", "related", "indicators", "aliases", "updated", "weight", "draft"} {
		if !strings.Contains(text, "\n"+key+" = ") && !strings.Contains(text, "\n# "+key+" = ") && !strings.Contains(text, "[["+key+"]]") {
			t.Errorf("key %s missing", key)
		}
	}
	got := check(t, dir)
	if len(got) != 1 || !strings.Contains(got[0], `objectives/pv-4.md:14:1: required key "summary" is empty`) {
		t.Errorf("before filling: %q", got)
	}
	fill(t, p, `summary = ""`, `summary = "Hotel staff recognise the signs."`)
	fill(t, p, "# due = 2026-03-04", "due = 2026-03-04")
	if got := check(t, dir); len(got) != 0 {
		t.Errorf("after filling: %q", got)
	}
	if _, err := New(Request{Kind: "objective", Name: "Other", Source: dir}); err == nil || !strings.Contains(err.Error(), "add --category with one of prevention") {
		t.Errorf("an objective without a category: %v", err)
	}
	if _, err := New(Request{Kind: "objective", Name: "Other", Category: "nope", Source: dir}); err == nil || !strings.Contains(err.Error(), "Known: prevention") {
		t.Errorf("unknown category: %v", err)
	}
}

func TestNewOrganizationAndPartnership(t *testing.T) {
	dir := content(t)
	org, err := New(Request{Kind: "organization", Name: "Harbor House (North)", Source: dir, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(org) != "harbor-house-north.md" {
		t.Errorf("organization file %s", org)
	}
	part, err := New(Request{Kind: "partnership", Name: "Northern Task Force", Source: dir, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(check(t, dir), "\n")
	for _, want := range []string{
		`organizations/harbor-house-north.md:8:1: required key "sector" is empty`,
		`partnerships/northern-task-force.md:8:1: a partnership needs at least two members, found 0`,
		`partnerships/northern-task-force.md:11:1: a partnership needs at least one objective`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("before filling, missing %s in:\n%s", want, got)
		}
	}
	fill(t, org, `sector = ""`, `sector = "business"`)
	fill(t, part, `members = []`, `members = ["ministry", "harbor-house-north"]`)
	fill(t, part, `objectives = []`, `objectives = ["PV-1"]`)
	fill(t, part, `# kind = ""`, `kind = "coalition"`)
	if got := check(t, dir); len(got) != 0 {
		t.Errorf("after filling: %q", got)
	}
	if _, err := New(Request{Kind: "organization", Name: "harbor house north", Source: dir}); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("overwrite: %v", err)
	}
}

func TestNextID(t *testing.T) {
	s := &model.Strategy{Objectives: []*model.Objective{
		{ID: "PV-1", Category: "prevention"}, {ID: "PV-2", Category: "prevention"}, {ID: "PV-2.1", Category: "prevention"},
		{ID: "X-9", Category: "prevention"}, {ID: "PT-1", Category: "protection"}, {ID: "PA-1", Category: "prosecution"},
	}}
	s.Index()
	for category, want := range map[string]string{
		"prevention":  "PV-3", // the prefix most use
		"protection":  "PT-2",
		"partnership": "PA-2", // PA-1 is taken by another category
		"labor":       "LA-1",
	} {
		if got := NextID(s, category); got != want {
			t.Errorf("NextID(%s) = %s, want %s", category, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	for name, want := range map[string]string{"Harbor House": "harbor-house", " A--B ": "a-b", "Dept. of Labor (US)": "dept-of-labor-us", "4H Club": "4h-club"} {
		if got, err := Slug(name); got != want || err != nil {
			t.Errorf("Slug(%q) = %q, %v", name, got, err)
		}
	}
	if _, err := Slug("!!!"); err == nil {
		t.Error("a name without letters made a slug")
	}
}

// A name with accents makes a file name of plain letters.
func TestNewTransliterates(t *testing.T) {
	dir := content(t)
	if p, err := New(Request{Kind: "organization", Name: "Niños Libres Café", Source: dir, Today: today}); err != nil || filepath.Base(p) != "ninos-libres-cafe.md" {
		t.Errorf("a name with accents: %s, %v", p, err)
	}
}

// A name in a script file names cannot hold says how to go on: a name in
// letters a to z for the file, the name in its own script as the title.
func TestSlugOfANameInAnotherScript(t *testing.T) {
	if _, err := Slug("Центр помощи"); err == nil || !strings.Contains(err.Error(), "as the title in the new file") {
		t.Errorf("Slug of a Cyrillic name: %v", err)
	}
	if got, err := Slug("Café Esperança (North)"); err != nil || got != "cafe-esperanca-north" {
		t.Errorf("Slug = %q, %v", got, err)
	}
}
