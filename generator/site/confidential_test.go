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
