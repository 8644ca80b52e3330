package site_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/site"
)

// A confidential organization's address is in no output file: pages,
// search index, data files, feeds, JSON-LD. A public one's is, in each
// place an address belongs, so the search below would see it.
func TestConfidentialAddressNowhere(t *testing.T) {
	dir := exampleCopy(t)
	const secret = "4821 Hidden Cove Lane"
	edit(t, filepath.Join(dir, "organizations", "harbor-house.md"), "confidential = true", "confidential = true\naddress = \""+secret+", Unit 7\"")
	b, diags := site.Build(site.Options{Source: dir, Today: exampleToday})
	if b == nil {
		t.Fatal(diags.Items())
	}
	for _, d := range diags.Items() {
		if strings.Contains(d.Message, "street address") {
			t.Errorf("the address key itself was warned about: %s", d)
		}
	}
	for _, word := range []string{"Hidden Cove", "Hidden\\u0020Cove", "4821"} {
		for name, data := range b.Files {
			if strings.Contains(string(data), word) {
				t.Errorf("%s publishes the confidential address (%q)", name, word)
			}
		}
	}
	public := "200 Example Avenue"
	for _, name := range []string{"organizations/safe-passage-legal-aid/index.html", "data/strategy.json", "data/organizations.csv"} {
		if !strings.Contains(string(b.Files[name]), public) {
			t.Errorf("%s does not show a public address", name)
		}
	}
	page := string(b.Files["organizations/harbor-house/index.html"])
	for _, want := range []string{"Location kept confidential", `href="tel:&#43;15550199"`, "Vietnamese", "Families with children"} {
		if !strings.Contains(page, want) {
			t.Errorf("the confidential organization's page lacks %q", want)
		}
	}
	// Someone looking for help finds the help line first, under the name.
	if i, j := strings.Index(page, `class="help-line"`), strings.Index(page, "key-figures"); i < 0 || j < 0 || i > j {
		t.Errorf("the help line (at %d) does not come before the key figures (at %d)", i, j)
	}
}

// A street address in the text of a confidential organization, which is
// published, is a warning at its place; the same text for another
// organization is not.
func TestConfidentialAddressInTextWarned(t *testing.T) {
	dir := exampleCopy(t)
	file := filepath.Join(dir, "organizations", "harbor-house.md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(string(data), "\n") + 2
	if err := os.WriteFile(file, append(data, "\nDrop in at 12 Harbor Lane any time.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(dir, "organizations", "safe-passage-legal-aid.md"), "+++\n\n", "+++\n\nFind us at 200 Example Avenue.\n\n")
	_, diags := site.Load(site.Options{Source: dir, Today: exampleToday})
	var warned []string
	for _, d := range diags.Items() {
		if strings.Contains(d.Message, "street address") {
			warned = append(warned, strings.Replace(d.String(), dir, "content", 1))
		}
	}
	want := "content/organizations/harbor-house.md:" + itoa(line) + ":12: warning: the text of a confidential organization looks like it holds a street address (\"12 Harbor Lane\")"
	if len(warned) != 1 || !strings.HasPrefix(warned[0], want) {
		t.Errorf("want one warning %s...; got %q", want, warned)
	}
}

// exampleCopy copies the bundled example strategy into a temporary
// folder and returns its content folder.
func exampleCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// edit replaces the first old in file with new, failing when file has no old.
func edit(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q (%v)", file, old, err)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// A confidential organization's address written anywhere else would be
// published: in its own acronym, a funding note or its text, in another
// organization's website or a partnership's text, in a plain page. Each
// is an error at its place, whatever the case, spacing, width of the
// digits or short form of the street's kind (site.toml's notice and a
// sector's description, an alias, a file's name too); the build is
// refused, and
// an address that only looks alike is not reported.
func TestConfidentialAddressElsewhereRefused(t *testing.T) {
	dir := exampleCopy(t)
	harbor := filepath.Join(dir, "organizations", "harbor-house.md")
	edit(t, harbor, "confidential = true", "confidential = true\naddress = \"1234 Secretlane Ave, Springfield, ZZ 99999\"\nacronym = \"1234 SECRETLANE AVE\"")
	edit(t, harbor, "+++\n\n", "\n[[funding]]\nobjective = \"PV-1\"\namount = 5\nnote = \"Rent for 1234  Secretlane  Avenue\"\n+++\n\nVisit us at １２３４ Secret\u00adlane Ave.\n\n")
	edit(t, filepath.Join(dir, "organizations", "safe-passage-legal-aid.md"), "https://example.org/safe-passage-legal-aid", "https://maps.example.org/?q=1234+Secretlane+Ave")
	edit(t, filepath.Join(dir, "partnerships", "fair-recruitment-coalition.md"), "+++\n\n", "+++\n\nMembers meet at Harbor House, 1234\nsecretlane ave.\n\n")
	edit(t, filepath.Join(dir, "about.md"), "+++\n\n", "+++\n\nNot an address: 1234 Secretlane Boulevard, nor 1235 Secretlane Ave, nor 1234 Secret Lane Ave.\n\nAn address: 1234%20Secretlane%20Ave.\n\n")
	// The site's settings are on every page; an alias, a file's name and
	// an image's are in addresses.
	edit(t, filepath.Join(dir, "site.toml"), `notice      = "`, `notice      = "Meet us at 1234 Secretlane Ave. `)
	edit(t, filepath.Join(dir, "contribute.md"), "+++\n", "+++\naliases = [\"/old/\", \"/1234-secretlane-ave/\"]\n")
	if err := os.Rename(filepath.Join(dir, "organizations", "atest.md"), filepath.Join(dir, "organizations", "atest-1234-secretlane-ave.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "images", "1234_Secretlane_Ave.png"), []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(dir, "site.toml"), `description = "Shelters`, `description = "At 1234 Secretlane Ave: shelters`)
	_, diags := site.Load(site.Options{Source: dir, Today: exampleToday})
	var got []string
	for _, d := range diags.Items() {
		if strings.Contains(d.Message, "confidential") {
			got = append(got, strings.Replace(d.String(), dir, "content", 1))
		}
	}
	for _, want := range []string{
		`content/organizations/harbor-house.md:`,
		`"acronym" holds this organization's confidential address, and would publish it`,
		`"note" holds this organization's confidential address`,
		`the text holds this organization's confidential address`,
		`content/organizations/safe-passage-legal-aid.md:`,
		`"website" holds the address of Harbor House (example), which is confidential`,
		`content/partnerships/fair-recruitment-coalition.md:`,
		`content/about.md:`,
		`content/site.toml:13:1: "notice" holds the address of Harbor House (example)`,
		`"description" holds the address of Harbor House (example)`,
		`content/contribute.md:2:21: entry 2 of "aliases" holds the address of Harbor House (example)`,
		`content/organizations/atest-1234-secretlane-ave.md:1:1: the file's name, organizations/atest-1234-secretlane-ave.md, holds the address`,
		`content/images/1234_Secretlane_Ave.png: the file's name, images/1234_Secretlane_Ave.png, holds the address`,
	} {
		found := false
		for _, g := range got {
			if strings.Contains(g, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error holds %q; got:\n%s", want, strings.Join(got, "\n"))
		}
	}
	if len(got) != 11 {
		t.Errorf("want 11 errors, one for each text; got %d:\n%s", len(got), strings.Join(got, "\n"))
	}
	for _, g := range got {
		if !strings.Contains(g, ": error: ") && strings.Contains(g, "warning") {
			t.Errorf("a leak is only a warning: %s", g)
		}
	}
	if b, _ := site.Build(site.Options{Source: dir, Today: exampleToday}); b != nil {
		t.Error("a strategy that would publish a confidential address was built")
	}
}

// A reference to a draft, left out of the site, says so, at each
// reference, rather than calling the draft unknown; with --drafts there
// is nothing to say.
func TestReferenceToADraftSaysSo(t *testing.T) {
	dir := exampleCopy(t)
	edit(t, filepath.Join(dir, "organizations", "harbor-house.md"), "title = ", "draft = true\ntitle = ")
	pv1 := filepath.Join(dir, "objectives", "pv-1.md")
	body, err := os.ReadFile(pv1)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(pv1, append(body, "\nSee [the house](../organizations/harbor-house.md).\n"...), 0o644)
	_, diags := site.Load(site.Options{Source: dir, Today: exampleToday})
	n, links := 0, 0
	for _, d := range diags.Items() {
		switch {
		case strings.Contains(d.Message, `link to "../organizations/harbor-house.md", a draft left out of the site`):
			links++
			if !strings.HasSuffix(d.Path, "objectives/pv-1.md") || d.Line == 0 || !strings.Contains(d.Hint, "draft = true") {
				t.Errorf("the link to the draft is reported without its place or what to do: %s", d)
			}
		case strings.Contains(d.Message, `organization "harbor-house" is a draft, left out of the site`):
			n++
			if !strings.Contains(d.Hint, "organizations/harbor-house.md") || d.Pos.Line == 0 {
				t.Errorf("the message does not say where the draft is, or has no line: %s", d)
			}
		case strings.Contains(d.Message, `"harbor-house"`):
			t.Errorf("a reference to the draft reported otherwise: %s", d)
		}
	}
	if n == 0 {
		t.Error("no reference to the draft was reported")
	}
	if links != 1 {
		t.Errorf("the link to the draft was reported %d times, want once", links)
	}
	if _, diags := site.Load(site.Options{Source: dir, Today: exampleToday, Drafts: true}); diags.HasErrors() {
		t.Errorf("with drafts: %v", diags.Items())
	}
}

// The content folder's place in its repository, for "Suggest an edit"
// links, does not depend on how --source is written.
func TestContentDirFromTheRepository(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	strategy := filepath.Join(root, "site", "strategy")
	if err := os.MkdirAll(strategy, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "site"))
	for _, source := range []string{strategy, "strategy", "./strategy/", "../site/strategy"} {
		if got := site.ContentDirForTest(source); got != "site/strategy" {
			t.Errorf("contentDir(%q) = %q, want site/strategy", source, got)
		}
	}
	if got := site.ContentDirForTest(root); got != "." {
		t.Errorf("the repository's top: %q, want .", got)
	}
	// Outside a repository: where the folder is from the current one,
	// however it is written.
	export := t.TempDir()
	strategy = filepath.Join(export, "site", "strategy")
	if err := os.MkdirAll(strategy, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(export)
	for _, source := range []string{strategy, "site/strategy", "./site/strategy/", "../" + filepath.Base(export) + "/site/strategy"} {
		if got := site.ContentDirForTest(source); got != "site/strategy" {
			t.Errorf("outside a repository, contentDir(%q) = %q, want site/strategy", source, got)
		}
	}
	t.Chdir(strategy)
	for _, source := range []string{".", strategy} {
		if got := site.ContentDirForTest(source); got != "content" {
			t.Errorf("outside a repository, from the folder itself, contentDir(%q) = %q, want content", source, got)
		}
	}
}
