package check

import (
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

// orgs are two valid organizations most cases refer to.
const orgs = `
-- content/organizations/doj.md --
title = "Department of Justice"
sector = "government"
-- content/organizations/fbi.md --
title = "FBI"
sector = "government"
`

// objective is a valid objective file, PV-1.
const objective = `
-- content/objectives/pv-1.md --
id = "PV-1"
title = "Train hotline staff"
category = "prevention"
summary = "Staff answer every call."
`

type checkCase struct {
	name    string
	archive string
	want    []string
}

func runCases(t *testing.T, tests []checkCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertLines(t, diagnostics(build(t, tt.archive)), tt.want)
		})
	}
}

func TestObjectives(t *testing.T) {
	runCases(t, []checkCase{
		{"valid", orgs + objective + `
-- content/objectives/pv-2.md --
id = "PV-2"
category = "protection"
status = "in-progress"
sectors = ["government", "faith-based"]
lead = ["doj", "fbi"]
parent = "pv-1"
related = ["PV-1"]
start = 2025-01-01
due = 2025-01-01
need = 0.0
aliases = ["/old/pv-2", "/goals/2/"]
[[indicators]]
name = "Calls answered"
baseline = {value = 10.0, date = 2024-01-01}
target = {value = 20.0, date = 2026-01-01}
progress = [{date = 2024-06-01, value = 12.0}, {date = 2025-01-01, value = 15.0}]
`, nil},
		{"unknown references and repeats", orgs + objective + `
-- content/objectives/pv-2.md --
id = "PV-2"
category = "preventon"
status = "done"
sectors = ["government", "ngo"]
lead = ["doj", "dojj", "doj"]
parent = "PV-9"
related = ["PV-2", "PV-3", "pv-1", "PV-1"]
`, []string{
			`content/objectives/pv-2.md:3:1: unknown category "preventon" (did you mean "prevention"?)`,
			`content/objectives/pv-2.md:4:1: unknown status "done" (known: planned, in-progress, at-risk, achieved, discontinued)`,
			`content/objectives/pv-2.md:5:26: unknown sector "ngo" in sectors (known: government, faith-based)`,
			`content/objectives/pv-2.md:6:16: unknown organization "dojj" in lead (did you mean "doj"?)`,
			`content/objectives/pv-2.md:6:24: duplicate "doj" in lead (first in content/objectives/pv-2.md:6:9)`,
			`content/objectives/pv-2.md:7:1: unknown objective "PV-9" in parent (did you mean "PV-1"?)`,
			`content/objectives/pv-2.md:8:12: objective "PV-2" cannot be related to itself`,
			`content/objectives/pv-2.md:8:20: unknown objective "PV-3" in related (did you mean "PV-1"?)`,
			`content/objectives/pv-2.md:8:36: duplicate "PV-1" in related (first in content/objectives/pv-2.md:8:28)`,
		}},
		{"values", `
-- content/objectives/pv-1.md --
id = "PV 1"
start = 2026-01-01
due = 2025-01-01
need = -5.0
[[indicators]]
name = "Victims identified"
baseline = {value = 10.0, date = 2025-01-01}
target = {value = nan, date = 2024-01-01}
progress = [{date = 2025-06-01, value = 12.0}, {date = 2025-03-01, value = 11.0}, {value = 13.0}]
`, []string{
			`content/objectives/pv-1.md:2:1: invalid objective id "PV 1" (use letters, digits, ".", "_" and "-", starting with a letter or digit)`,
			`content/objectives/pv-1.md:3:1: start 2026-01-01 is after due 2025-01-01`,
			`content/objectives/pv-1.md:5:1: need must be 0 or more, got -5`,
			`content/objectives/pv-1.md:9:11: target value must be a number`,
			`content/objectives/pv-1.md:9:24: target date 2024-01-01 must be after baseline date 2025-01-01`,
			`content/objectives/pv-1.md:10:49: warning: progress dates out of order: 2025-03-01 comes after 2025-06-01`,
			`content/objectives/pv-1.md:10:83: progress value 13 has no date (write {date = 2025-01-01, value = 10})`,
		}},
		{"not a number", `
-- content/objectives/pv-1.md --
need = nan
id = "PV-1"
-- content/organizations/doj.md --
[[funding]]
objective = "PV-1"
amount = inf
`, []string{
			`content/objectives/pv-1.md:2:1: need must be a number`,
			`content/organizations/doj.md:4:1: amount must be a number`,
		}},
		{"names no folder may have", `
-- content/objectives/pv-1.md --
id = "` + strings.Repeat("a", 65) + `"
-- content/objectives/pv-2.md --
id = "PV-2."
aliases = ["/` + strings.Repeat("x", 201) + `/"]
`, []string{
			`content/objectives/pv-1.md:2:1: objective id of 65 characters is too long (at most 64 characters, like PV-1.2)`,
			`content/objectives/pv-2.md:2:1: objective id "PV-2." ends with a dot (end it with a letter or digit)`,
			`content/objectives/pv-2.md:3:12: alias "/` + strings.Repeat("x", 201) + `/" has a part of 201 characters, more than the 200 a folder's name may have (a path on this site, like "/old-page/")`,
		}},
		{"funding itself", objective + `
-- content/organizations/doj.md --
[[funding]]
objective = "PV-1"
amount = 5
recipient = "doj"
`, []string{
			`content/organizations/doj.md:5:1: recipient "doj" is the funder itself (leave recipient out for funding the organization spends on its own work)`,
		}},
		{"beyond any strategy", `
-- content/objectives/pv-1.md --
need = 2e15
id = "PV-1"
-- content/organizations/doj.md --
[[funding]]
objective = "PV-1"
amount = 1e300
[[funding]]
objective = "PV-1"
amount = 1e15
`, []string{
			`content/objectives/pv-1.md:2:1: need 2e+15 is more than any strategy holds (at most 1,000,000,000,000,000) (write the whole amount in the site's currency, like 250000)`,
			`content/organizations/doj.md:4:1: amount 1e+300 is more than any strategy holds (at most 1,000,000,000,000,000) (write the whole amount in the site's currency, like 250000)`,
		}},
		{"duplicate ids ignore case", objective + `
-- content/objectives/pv-1-again.md --
id = "pv-1"
-- content/objectives/pv-1-third.md --
id = "PV-1"
`, []string{
			`content/objectives/pv-1-again.md:2:1: duplicate objective id "pv-1" (also in content/objectives/pv-1-third.md:2:1, content/objectives/pv-1.md:2:1)`,
			`content/objectives/pv-1-third.md:2:1: duplicate objective id "PV-1" (also in content/objectives/pv-1-again.md:2:1, content/objectives/pv-1.md:2:1)`,
			`content/objectives/pv-1.md:2:1: duplicate objective id "PV-1" (also in content/objectives/pv-1-again.md:2:1, content/objectives/pv-1-third.md:2:1)`,
		}},
		{"long parent cycle, once", `
-- content/objectives/a1.md --
id = "A1"
parent = "A2"
-- content/objectives/a2.md --
id = "A2"
parent = "A3"
-- content/objectives/a3.md --
id = "A3"
parent = "A4"
-- content/objectives/a4.md --
id = "A4"
parent = "A5"
-- content/objectives/a5.md --
id = "A5"
parent = "A6"
-- content/objectives/a6.md --
id = "A6"
parent = "A7"
-- content/objectives/a7.md --
id = "A7"
parent = "A8"
-- content/objectives/a8.md --
id = "A8"
parent = "A9"
-- content/objectives/a9.md --
id = "A9"
parent = "A1"
`, []string{
			`content/objectives/a1.md:3:1: parent cycle of 9: A1 -> A2 -> A3 -> A4 -> A5 -> A6 -> A7 -> A8 -> … (1 more) -> A1 (change one of their parents to break it)`,
		}},
		{"parent cycle", `
-- content/objectives/a.md --
id = "PV-1"
parent = "PV-2"
-- content/objectives/b.md --
id = "PV-2"
parent = "PV-3"
-- content/objectives/c.md --
id = "PV-3"
parent = "pv-1"
-- content/objectives/d.md --
id = "PV-4"
parent = "PV-1"
-- content/objectives/e.md --
id = "PV-5"
parent = "pv-5"
`, []string{
			`content/objectives/a.md:3:1: parent cycle: PV-1 -> PV-2 -> PV-3 -> PV-1`,
			`content/objectives/b.md:3:1: parent cycle: PV-2 -> PV-3 -> PV-1 -> PV-2`,
			`content/objectives/c.md:3:1: parent cycle: PV-3 -> PV-1 -> PV-2 -> PV-3`,
			`content/objectives/e.md:3:1: objective "PV-5" cannot be its own parent`,
		}},
	})
}

func TestOrganizations(t *testing.T) {
	runCases(t, []checkCase{
		{"valid", orgs + objective + `
-- content/partnerships/task.md --
title = "Task force"
members = ["doj", "fbi"]
objectives = ["PV-1"]
-- content/organizations/hotline.md --
title = "Hotline"
sector = "faith-based"
objectives = ["PV-1"]
parent = "doj"
website = "https://hotline.example.org/contact"
email = "help@hotline.example.org"
phone = "+1 (888) 373-7888"
regions = ["National", "Washington"]
[[funding]]
objective = "pv-1"
amount = 0.0
year = 2025
recipient = "task"
[[funding]]
objective = "PV-1"
amount = 1000.0
recipient = "fbi"
`, nil},
		{"bad slug", `
-- content/organizations/DOJ Office.md --
title = "Office"
`, []string{
			`content/organizations/DOJ Office.md:1:1: organization slug "DOJ Office" must be lower-case letters, digits and hyphens (rename the file to doj-office.md)`,
		}},
		{"references, contact and funding", orgs + objective + `
-- content/organizations/ngo.md --
title = "NGO"
sector = "ngos"
objectives = ["PV-1", "pv-1", "PV-7"]
parent = "dog"
website = "ftp://ngo.example.org"
email = "help@ngo@example"
phone = "call 555"
services = ["Hotline", "Hotline"]
[[funding]]
objective = "PV-2"
amount = -1.0
year = 25
recipient = "nobody"
`, []string{
			`content/organizations/ngo.md:3:1: unknown sector "ngos" (known: government, faith-based)`,
			`content/organizations/ngo.md:4:23: duplicate "pv-1" in objectives (first in content/organizations/ngo.md:4:15)`,
			`content/organizations/ngo.md:4:31: unknown objective "PV-7" in objectives (did you mean "PV-1"?)`,
			`content/organizations/ngo.md:5:1: unknown organization "dog" in parent (did you mean "doj"?)`,
			`content/organizations/ngo.md:6:1: website "ftp://ngo.example.org" must start with http:// or https:// (like "https://example.org/")`,
			`content/organizations/ngo.md:7:1: email "help@ngo@example" must contain exactly one "@" (like "info@example.org")`,
			`content/organizations/ngo.md:8:1: phone "call 555" may contain only +, digits, spaces and - . ( ) (like "+1 (202) 555-0100")`,
			`content/organizations/ngo.md:9:24: duplicate "Hotline" in services (first in content/organizations/ngo.md:9:13)`,
			`content/organizations/ngo.md:11:1: unknown objective "PV-2" (did you mean "PV-1"?)`,
			`content/organizations/ngo.md:12:1: amount must be 0 or more, got -1`,
			`content/organizations/ngo.md:13:1: year 25 is not plausible (a four-digit year between 1900 and 2200)`,
			`content/organizations/ngo.md:14:1: unknown recipient "nobody" (known: doj, fbi, ngo)`,
		}},
		{"contact details", `
-- content/organizations/a.md --
website = "https://"
email = "mailto:a@example.org"
phone = "12"
-- content/organizations/b.md --
email = "a b@example.org"
-- content/organizations/c.md --
email = "@example.org"
-- content/organizations/d.md --
email = "info@localhost"
-- content/organizations/e.md --
email = "x@example.org\"><script>alert(1)</script>"
-- content/organizations/f.md --
email = "a<b>@example.org"
`, []string{
			`content/organizations/a.md:2:1: website "https://" has no host name (like "https://example.org/")`,
			`content/organizations/a.md:3:1: email "mailto:a@example.org" must not start with "mailto:" (like "info@example.org")`,
			`content/organizations/a.md:4:1: phone "12" needs at least 3 digits (like "+1 (202) 555-0100")`,
			`content/organizations/b.md:2:1: email "a b@example.org" must not contain spaces (like "info@example.org")`,
			`content/organizations/c.md:2:1: email "@example.org" needs a name before the "@" (like "info@example.org")`,
			`content/organizations/d.md:2:1: email "info@localhost" needs a domain with a dot after the "@" (like "info@example.org")`,
			`content/organizations/e.md:2:1: email "x@example.org\"><script>alert(1)</script>" may have only letters, digits, "-" and "." after the "@" (like "info@example.org")`,
			`content/organizations/f.md:2:1: email "a<b>@example.org" has a character not allowed before the "@" (like "info@example.org")`,
		}},
		{"parents", `
-- content/organizations/a.md --
parent = "b"
-- content/organizations/b.md --
parent = "a"
-- content/organizations/c.md --
parent = "c"
`, []string{
			`content/organizations/a.md:2:1: parent cycle: a -> b -> a`,
			`content/organizations/b.md:2:1: parent cycle: b -> a -> b`,
			`content/organizations/c.md:2:1: organization "c" cannot be its own parent`,
		}},
		{"recipient both organization and partnership", orgs + objective + `
-- content/partnerships/doj.md --
members = ["doj", "fbi"]
objectives = ["PV-1"]
-- content/organizations/ngo.md --
[[funding]]
objective = "PV-1"
amount = 5.0
recipient = "doj"
`, []string{
			`content/organizations/ngo.md:5:1: warning: recipient "doj" is both an organization and a partnership; the organization is meant`,
		}},
	})
}

func TestPartnerships(t *testing.T) {
	runCases(t, []checkCase{
		{"valid", orgs + objective + `
-- content/partnerships/task.md --
title = "Task force"
members = ["doj", "fbi"]
objectives = ["pv-1"]
lead = ["fbi"]
funders = ["doj"]
kind = "task-force"
level = "collaboration"
started = 2020-01-01
ended = 2024-01-01
website = "http://task.example.org"
`, nil},
		{"everything wrong", orgs + objective + `
-- content/partnerships/hub.md --
members = ["doj", "doj"]
objectives = []
lead = ["fbi", "nobody"]
funders = ["doj", "fbj"]
kind = "club"
level = "colaboration"
started = 2025-01-01
ended = 2024-01-01
website = "https://exa mple.org"
aliases = ["/hub", "/hub/"]
-- content/partnerships/Task_Force.md --
members = ["doj"]
objectives = ["PV-2"]
`, []string{
			`content/partnerships/Task_Force.md:1:1: partnership slug "Task_Force" must be lower-case letters, digits and hyphens (rename the file to task-force.md)`,
			`content/partnerships/Task_Force.md:2:1: a partnership needs at least two members, found 1`,
			`content/partnerships/Task_Force.md:3:15: unknown objective "PV-2" in objectives (did you mean "PV-1"?)`,
			`content/partnerships/hub.md:2:1: a partnership needs at least two members, found 1`,
			`content/partnerships/hub.md:2:19: duplicate "doj" in members (first in content/partnerships/hub.md:2:12)`,
			`content/partnerships/hub.md:3:1: a partnership needs at least one objective`,
			`content/partnerships/hub.md:4:9: lead "fbi" is not a member (add it to members)`,
			`content/partnerships/hub.md:4:16: unknown organization "nobody" in lead (known: doj, fbi)`,
			`content/partnerships/hub.md:5:19: unknown organization "fbj" in funders (did you mean "fbi"?)`,
			`content/partnerships/hub.md:6:1: unknown kind "club" (known: task-force, coalition, alliance, working-group, network, agreement)`,
			`content/partnerships/hub.md:7:1: unknown level "colaboration" (did you mean "collaboration"?)`,
			`content/partnerships/hub.md:8:1: started 2025-01-01 is after ended 2024-01-01`,
			`content/partnerships/hub.md:10:1: website "https://exa mple.org" is not a valid address (like "https://example.org/")`,
		}},
	})
}

func TestURLs(t *testing.T) {
	runCases(t, []checkCase{
		{"bad aliases", `
-- content/about.md --
aliases = ["old/about", "/a b/", "/x?y", "https://old.example/about", "//old.example/about", "/../etc"]
`, []string{
			`content/about.md:2:12: alias "old/about" must start with "/" (a path on this site, like "/old-page/")`,
			`content/about.md:2:25: alias "/a b/" must not contain spaces (a path on this site, like "/old-page/")`,
			`content/about.md:2:34: alias "/x?y" must not contain "?" or "#" (a path on this site, like "/old-page/")`,
			`content/about.md:2:42: alias "https://old.example/about" must be a path on this site, not a full address (a path on this site, like "/old-page/")`,
			`content/about.md:2:71: alias "//old.example/about" must be a path on this site, not a full address (a path on this site, like "/old-page/")`,
			`content/about.md:2:94: alias "/../etc" must not contain ".." (a path on this site, like "/old-page/")`,
		}},
	})
}

// TestNoPanicOnEmpty makes sure an empty strategy and entities without
// documents are checked without crashing.
func TestNoPanicOnEmpty(t *testing.T) {
	s := build(t, "-- content/site.toml --\n")
	if got := diagnostics(s); len(got) != 0 {
		t.Errorf("empty site: %s", strings.Join(got, "\n"))
	}
}

// TestNoDocuments makes sure entities built without documents (as other
// phases' tests may) are checked without crashing, positions left empty.
func TestNoDocuments(t *testing.T) {
	s := &model.Strategy{
		Objectives:    []*model.Objective{{ID: "PV-1", Parent: "PV-1", Lead: []string{"x"}, Aliases: []string{"bad"}}},
		Organizations: []*model.Organization{{Slug: "A b", Parent: "zz"}},
		Partnerships:  []*model.Partnership{{Slug: "p", Members: []string{"A b"}}},
		Pages:         []*model.Page{{Path: "/search/"}},
	}
	// The page at /search/ clashes with the generated search page: the
	// route table reports that, after linking.
	if got := diagnostics(s); len(got) != 6 {
		t.Errorf("got %d diagnostics, want 6:\n%s", len(got), strings.Join(got, "\n"))
	}
}

// The cache reuses an unchanged entity's problems only while the
// vocabularies stand: removing an organization makes an unchanged file's
// reference to it an error.
func TestCacheSeesVocabularyChanges(t *testing.T) {
	s := build(t, orgs+objective+`
-- content/partnerships/task.md --
title = "Task force"
members = ["doj", "fbi"]
objectives = ["PV-1"]
`)
	cache := NewCache()
	if d := CheckCached(s, cache); d.Len() != 0 {
		t.Fatalf("first check: %v", d.Items())
	}
	fewer := &model.Strategy{Site: s.Site, Objectives: s.Objectives, Partnerships: s.Partnerships}
	for _, o := range s.Organizations {
		if o.Slug != "fbi" {
			fewer.Organizations = append(fewer.Organizations, o)
		}
	}
	fewer.Index()
	var got []string
	for _, d := range CheckCached(fewer, cache).Items() {
		got = append(got, d.String())
	}
	assertLines(t, got, diagnostics(fewer))
	if len(got) == 0 || !strings.Contains(got[0], `unknown organization "fbi" in members`) {
		t.Errorf("the reference to a removed organization is not reported: %v", got)
	}
}

// An organization named by its title or acronym where its slug belongs
// gets its slug as the hint.
func TestOrganizationNamedByTitleOrAcronym(t *testing.T) {
	const want = `did you mean "dol" (Department of Labor, USDOL)? Organizations are named by their file name`
	for _, value := range []string{"USDOL", "Department of Labor", "department-of-labor"} {
		s := build(t, orgs+objective+`
-- content/organizations/dol.md --
title = "Department of Labor"
acronym = "USDOL"
sector = "government"
-- content/partnerships/task.md --
title = "Task force"
members = ["`+value+`", "fbi"]
objectives = ["PV-1"]
`)
		items := Check(s).Items()
		if len(items) != 1 || items[0].Hint != want {
			t.Errorf("members = [%q]: %v", value, items)
		}
	}
}
