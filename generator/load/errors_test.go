package load

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// siteTOML is a valid site.toml for tests about other files.
const siteTOML = `title = "Strategy"
base_url = "https://example.org/"

[[categories]]
key = "prevention"
title = "Prevention"

[[sectors]]
key = "government"
title = "Government"
`

// objective returns a valid objective file with extra lines added to its
// front matter, which starts on line 6.
func objective(extra ...string) string {
	return "+++\nid = \"PV-1\"\ntitle = \"Train staff\"\ncategory = \"prevention\"\nsummary = \"S.\"\n" +
		strings.Join(extra, "\n") + "\n+++\nBody\n"
}

// loadDiags loads files (a valid site.toml added unless given; "-" leaves
// a file out) from the folder
// shown as "content" and returns the diagnostics as strings.
func loadDiags(t *testing.T, files map[string]string) []string {
	t.Helper()
	fsys := fstest.MapFS{}
	if _, ok := files["site.toml"]; !ok {
		fsys["site.toml"] = &fstest.MapFile{Data: []byte(siteTOML)}
	}
	for name, data := range files {
		if data == "-" {
			continue // leave the file out
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	_, diags := Load(fsys, "content", Options{})
	var out []string
	for _, d := range diags.Items() {
		out = append(out, d.String())
	}
	return out
}

func TestErrors(t *testing.T) {
	const obj = "content/objectives/pv-1.md"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"valid objective", map[string]string{"objectives/pv-1.md": objective(
			"need = 100", "weight = 2", "due = 2025-06-30", "lead = []", "draft = false")}, nil},
		{"an organization among the objectives", map[string]string{"objectives/doj.md": "+++\ntitle = \"DOJ\"\nsector = \"government\"\nregions = [\"National\"]\n+++\n"},
			[]string{`content/objectives/doj.md:1:1: this file has the keys of an organization, not of an objective (move it to organizations/)`}},
		{"an objective among the partnerships", map[string]string{"partnerships/pv-1.md": objective()},
			[]string{`content/partnerships/pv-1.md:1:1: this file has the keys of an objective, not of a partnership (move it to objectives/)`}},
		{"an organization with a mistyped key stays one", map[string]string{"organizations/doj.md": "+++\ntitle = \"DOJ\"\nsectr = \"government\"\n+++\n"},
			[]string{`content/organizations/doj.md:1:1: missing required key "sector"`, `content/organizations/doj.md:3:1: unknown key "sectr" in organization (did you mean "sector"?)`}},
		{"unknown key", map[string]string{"objectives/pv-1.md": objective(`titel = "x"`)},
			[]string{obj + `:6:1: unknown key "titel" in objective (did you mean "title"?)`}},
		{"unknown key far from any", map[string]string{"objectives/pv-1.md": objective(`colour = "x"`)},
			[]string{obj + `:6:1: unknown key "colour" in objective (known: id, title, category, summary, parent, sectors, lead, status, start, due, need, related, indicators, aliases, updated, and 2 more)`}},
		{"missing required key", map[string]string{"objectives/pv-1.md": "+++\nid = \"PV-1\"\ntitle = \"T\"\ncategory = \"prevention\"\n+++\n"},
			[]string{obj + `:1:1: missing required key "summary"`}},
		{"string for a list", map[string]string{"objectives/pv-1.md": objective(`lead = "doj"`)},
			[]string{obj + `:6:1: "lead" must be a list of strings, got a string (write lead = ["doj"])`}},
		{"wrong element", map[string]string{"objectives/pv-1.md": objective(`lead = ["doj", 3]`)},
			[]string{obj + `:6:16: entry 2 of "lead" must be a string, got a whole number`}},
		{"number for a string", map[string]string{"objectives/pv-1.md": objective(`parent = 2025`)},
			[]string{obj + `:6:1: "parent" must be a string, got a whole number (write parent = "2025")`}},
		{"quoted number", map[string]string{"objectives/pv-1.md": objective(`need = "100"`)},
			[]string{obj + `:6:1: "need" must be a number, got a string (write numbers without quotes: need = 100)`}},
		{"decimal for a whole number", map[string]string{"objectives/pv-1.md": objective(`weight = 1.5`)},
			[]string{obj + `:6:1: "weight" must be a whole number, got a decimal number`}},
		{"integral decimal for a whole number", map[string]string{"objectives/pv-1.md": objective(`weight = 2.0`)},
			[]string{obj + `:6:1: "weight" must be a whole number, got a decimal number (write weight = 2)`}},
		{"not a boolean", map[string]string{"objectives/pv-1.md": objective(`draft = "true"`)},
			[]string{obj + `:6:1: "draft" must be true or false, got a string (write draft = true without quotes)`}},
		{"quoted date", map[string]string{"objectives/pv-1.md": objective(`due = "2025-06-30"`)},
			[]string{obj + `:6:1: "due" must be a date, got a string (write dates without quotes: due = 2025-06-30)`}},
		{"date and time", map[string]string{"objectives/pv-1.md": objective(`due = 2025-06-30T10:00:00`)},
			[]string{obj + `:6:1: "due" must be a date, got a date and time (write due = 2025-06-30)`}},
		{"implausible date", map[string]string{"objectives/pv-1.md": objective(`due = 0202-06-30`)},
			[]string{obj + `:6:1: "due" 0202-06-30 is not a plausible date (a four-digit year between 1900 and 2200)`}},
		{"implausible date in a list", map[string]string{"objectives/pv-1.md": objective(`indicators = [{name = "x", progress = [{date = 9999-01-01, value = 1}]}]`)},
			[]string{obj + `:6:41: "date" (indicator 1, progress entry 1) 9999-01-01 is not a plausible date (a four-digit year between 1900 and 2200)`}},
		{"time of day", map[string]string{"objectives/pv-1.md": objective(`due = 10:30:00`)},
			[]string{obj + `:6:1: "due" must be a date, got a time of day`}},
		{"offset date and time", map[string]string{"objectives/pv-1.md": objective(`updated = 2025-06-30T10:00:00Z`)},
			[]string{obj + `:6:1: "updated" must be a date, got a date and time (write updated = 2025-06-30)`}},
		{"date for a string", map[string]string{"objectives/pv-1.md": objective(`status = 2025-06-30`)},
			[]string{obj + `:6:1: "status" must be a string, got a date`}},
		{"table for a list", map[string]string{"objectives/pv-1.md": objective(`indicators = {name = "x"}`)},
			[]string{obj + `:6:1: "indicators" must be a list of tables, got a table`}},
		{"not a number", map[string]string{"objectives/pv-1.md": objective(`need = nan`)},
			[]string{obj + `:6:1: "need" must be a finite number, got NaN`}},
		{"indicator missing name", map[string]string{"objectives/pv-1.md": objective(
			"[[indicators]]", `name = "A"`, "[[indicators]]", `unit = "people"`)},
			[]string{obj + `:8:1: missing required key "name"`}},
		{"nested problems", map[string]string{"objectives/pv-1.md": objective(
			"[[indicators]]",
			`name = "A"`,
			`baseline = {valu = 1}`,
			`progress = [{date = "2024-01-01", value = 1}, 3]`)},
			[]string{
				obj + `:8:1: missing required key "value"`,
				obj + `:8:13: unknown key "valu" in baseline (did you mean "value"?)`,
				obj + `:9:14: "date" (indicator 1, progress entry 1) must be a date, got a string (write dates without quotes: date = 2024-01-01)`,
				obj + `:9:47: entry 2 of "progress" (indicator 1) must be a table, got a whole number`,
			}},
		{"every problem at once", map[string]string{"objectives/pv-1.md": "+++\ntitel = \"x\"\nlead = \"doj\"\n+++\n"},
			[]string{
				obj + `:1:1: missing required key "category"`,
				obj + `:1:1: missing required key "id"`,
				obj + `:1:1: missing required key "summary"`,
				obj + `:1:1: missing required key "title"`,
				obj + `:2:1: unknown key "titel" in objective (did you mean "title"?)`,
				obj + `:3:1: "lead" must be a list of strings, got a string (write lead = ["doj"])`,
			}},
		{"TOML syntax", map[string]string{"objectives/pv-1.md": objective(`title = "x`)},
			[]string{obj + `:6:11: invalid TOML: strings cannot contain newlines`}},
		{"duplicate key", map[string]string{"objectives/pv-1.md": objective(`title = "again"`)},
			[]string{obj + `:6:1: invalid TOML: key "title" has already been defined`}},
		{"YAML", map[string]string{"about.md": "---\ntitle: About\n---\n"},
			[]string{`content/about.md:1:1: YAML front matter is not supported (use TOML between "+++" lines)`}},
		{"no front matter", map[string]string{"about.md": "# About\n"},
			[]string{`content/about.md:1:1: missing front matter (start the file with TOML between "+++" lines: +++ title = "..." +++, each on its own line)`}},
		{"unclosed", map[string]string{"about.md": "\n+++\ntitle = \"About\"\n"},
			[]string{`content/about.md:2:1: front matter is not closed (end it with a "+++" line)`}},
		{"BOM and CRLF", map[string]string{"about.md": "\xef\xbb\xbf+++\r\ntitle = \"About\"\r\n  tittle = 1\r\n+++\r\n"},
			[]string{`content/about.md:3:3: unknown key "tittle" in page (did you mean "title"?)`}},
		{"a field not read from front matter", map[string]string{"organizations/doj.md": "+++\ntitle = \"DOJ\"\nsector = \"government\"\nslug = \"x\"\n+++\n"},
			[]string{`content/organizations/doj.md:4:1: unknown key "slug" in organization (known: title, sector, acronym, summary, objectives, parent, website, email, phone, regions, services, survivor_led, hotline, hours, languages, and 8 more)`}},
		{"commitment", map[string]string{"organizations/doj.md": "+++\ntitle = \"DOJ\"\nsector = \"government\"\n[[funding]]\nobjective = \"PV-1\"\nyear = \"2025\"\n+++\n"},
			[]string{
				`content/organizations/doj.md:4:1: missing required key "amount"`,
				`content/organizations/doj.md:6:1: "year" (funding entry 1) must be a whole number, got a string (write numbers without quotes: year = 2025)`,
			}},
		{"nested organization", map[string]string{"organizations/federal/doj.md": "+++\n+++\n"},
			[]string{`content/organizations/federal/doj.md: files in organizations/ must sit directly in that folder, not in a subfolder (move it to organizations/doj.md)`}},
		{"nested partnership", map[string]string{"partnerships/a/b.md": "+++\n+++\n"},
			[]string{`content/partnerships/a/b.md: files in partnerships/ must sit directly in that folder, not in a subfolder (move it to partnerships/b.md)`}},
		{"partnership", map[string]string{"partnerships/p.md": "+++\ntitle = \"P\"\nmembers = [\"a\", \"b\"]\n+++\n"},
			[]string{`content/partnerships/p.md:1:1: missing required key "objectives"`}},
		{"missing site.toml", map[string]string{"site.toml": "-"},
			[]string{`content/site.toml: missing site.toml (create it with title, base_url, [[categories]] and [[sectors]])`}},
		{"site.toml problems", map[string]string{"site.toml": "title = \"S\"\nbase_url = \"https://x/\"\npage_size = \"50\"\n\n[[categories]]\nkey = \"p\"\n[[sectors]]\nkey = \"g\"\ntitle = \"G\"\ndescripton = \"d\"\n"},
			[]string{
				`content/site.toml:3:1: "page_size" must be a whole number, got a string (write numbers without quotes: page_size = 50)`,
				`content/site.toml:5:1: missing required key "title"`,
				`content/site.toml:10:1: unknown key "descripton" in sectors (did you mean "description"?)`,
			}},
		{"bad site.toml", map[string]string{"site.toml": "title = \n"},
			[]string{`content/site.toml:1:9: invalid TOML: expected value but found "\n" instead`}},
		// The TOML decoder takes minutes on such input, so it never sees it.
		{"deeply dotted key", map[string]string{"objectives/pv-1.md": objective(strings.Repeat("a.", 50000) + "b = 1")},
			[]string{obj + `:6:201: keys or values nested too deeply (more than 100 levels)`}},
		{"deeply nested value", map[string]string{"objectives/pv-1.md": objective("a = " + strings.Repeat("{b=", 50000))},
			[]string{obj + `:6:305: keys or values nested too deeply (more than 100 levels)`}},
		{"draft problems are reported", map[string]string{"about.md": "+++\ndraft = true\n+++\n"},
			[]string{`content/about.md:1:1: missing required key "title"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadDiags(t, tt.files)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

// The usual mistakes of people who do not write TOML every day are said
// plainly, at the character that is wrong, with the line corrected.
func TestPlainTOMLMistakes(t *testing.T) {
	obj := "content/objectives/pv-1.md"
	file := func(line string) map[string]string {
		return map[string]string{"objectives/pv-1.md": objective(line)}
	}
	for _, c := range []struct{ line, want string }{
		{`status = “planned”`, obj + `:6:10: curly quotes: TOML needs straight quotes (" or ') (write status = "planned")`},
		{`need = 1,200,000`, obj + `:6:9: numbers are written without thousands separators (write need = 1200000)`},
		{`draft = True`, obj + `:6:9: yes or no is written true or false, in lower case (write draft = true)`},
		// A key that takes text: true would be as wrong as True.
		{`status = True`, obj + `:6:10: status takes text, which is written in quotes (write status = "True")`},
		{`status: "planned"`, obj + `:6:7: a key and its value are joined by "=", not ":" (write status = "planned")`},
	} {
		got := loadDiags(t, file(c.line))
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.line, got, c.want)
		}
	}
}

// A file saved as UTF-16 or in Windows-1252 says so, not "missing front
// matter" or a parser's message.
func TestEncodings(t *testing.T) {
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "+++\ntitle = \"About\"\n+++\n" {
		utf16 = append(utf16, byte(r), 0)
	}
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"utf-16":       {utf16, "content/about.md:1:1: the file is saved as UTF-16, which is not read (save the file as UTF-8 (in most editors: Save as, Encoding: UTF-8))"},
		"windows-1252": {[]byte("+++\ntitle = \"Caf\xe9\"\n+++\n"), "content/about.md:2:13: the file is not UTF-8: this character was saved in another encoding (such as Windows-1252) (save the file as UTF-8 (in most editors: Save as, Encoding: UTF-8))"},
	} {
		fsys := fstest.MapFS{"site.toml": &fstest.MapFile{Data: []byte(siteTOML)}, "about.md": {Data: c.data}}
		_, diags := Load(fsys, "content", Options{})
		if got := fmt.Sprint(diags.Items()); got != "["+c.want+"]" {
			t.Errorf("%s: got %s\nwant %s", name, got, c.want)
		}
	}
}

// A key of the front matter below a [[table]] line is read as the table's:
// the message says so and where to move it. A comma-separated string where
// a list belongs gets the list as its hint.
func TestKeysThatMeanSomethingElse(t *testing.T) {
	obj := "content/objectives/pv-1.md"
	for _, c := range []struct {
		lines []string
		want  string
	}{
		{[]string{"[[indicators]]", `name = "Calls answered"`, `status = "in-progress"`},
			obj + `:8:1: "status" belongs to the objective, but below a [[indicators]] line it is read as part of that entry (move it above the first [[indicators]] line)`},
		{[]string{`lead = "doj, fbi; hhs"`}, obj + `:6:1: "lead" must be a list of strings, got a string (write lead = ["doj", "fbi", "hhs"])`},
	} {
		got := loadDiags(t, map[string]string{"objectives/pv-1.md": objective(c.lines...)})
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.lines, got, c.want)
		}
	}
}
