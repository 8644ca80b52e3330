package site_test

// These tests hold the bundled example strategy (../../content) to the
// promises issue 3 makes about it: enough objectives, organizations,
// partnerships and funders to exercise every view, each of them labelled as
// example content, and one instance of every shortfall the coverage views
// report, so those views always have something true to show.
//
// They build the folder in place and in memory (Build never writes), and
// compute each shortfall directly from the linked model with the spec's
// definitions, then check that package analysis, which the pages and
// data files show, finds exactly the same, so a regression in either the
// content or the generator shows up here.

import (
	"bufio"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/site"
)

// exampleToday is the fixed "today" for overdue checks: the example's dates
// are written relative to late 2026.
var exampleToday = model.NewDate(2026, 11, 1)

// bundled builds the repository's content folder, failing the test on any
// diagnostic: the example must check cleanly, without warnings either.
func bundled(t *testing.T) (*model.Strategy, *site.Site) {
	t.Helper()
	built, diags := site.Build(site.Options{Source: filepath.Join("..", "..", "content"), Today: exampleToday})
	for _, d := range diags.Items() {
		t.Errorf("bundled content: %s", d)
	}
	if built == nil {
		t.Fatal("bundled content did not build")
	}
	return built.Strategy, built
}

func TestExampleContentMinimums(t *testing.T) {
	s, built := bundled(t)

	perCategory := map[string]int{}
	withProgress, depth := 0, 0
	for _, o := range s.Objectives {
		perCategory[o.Category]++
		for _, in := range o.Indicators {
			if in.Baseline != nil && in.Target != nil && len(in.Progress) > 0 {
				withProgress++
				break
			}
		}
		depth = max(depth, nesting(o))
		if o.Summary == "" || o.Status == "" || o.Due.IsZero() || len(o.Sectors) == 0 {
			t.Errorf("objective %s lacks summary, status, due or sectors", o.ID)
		}
	}
	if n := len(s.Objectives); n < 24 {
		t.Errorf("%d objectives, want at least 24", n)
	}
	for _, c := range s.Site.Categories {
		if perCategory[c.Key] == 0 {
			t.Errorf("no objective in category %q", c.Key)
		}
	}
	if depth < 3 {
		t.Errorf("deepest goal → objective → action chain has %d levels, want 3", depth)
	}
	if withProgress < 8 {
		t.Errorf("%d objectives have indicators with baseline, target and progress, want at least 8", withProgress)
	}

	if n := len(s.Organizations); n < 40 {
		t.Errorf("%d organizations, want at least 40", n)
	}
	for _, sec := range s.Site.Sectors {
		if len(sec.Organizations) == 0 {
			t.Errorf("no organization in sector %q", sec.Key)
		}
	}
	if !slices.ContainsFunc(s.Organizations, func(o *model.Organization) bool { return o.ParentRef != nil }) {
		t.Error("no organization has a parent")
	}
	if !slices.ContainsFunc(s.Organizations, func(o *model.Organization) bool { return o.SurvivorLed && o.Sector != "survivor-led" }) {
		t.Error("no organization outside the survivor-led sector is flagged survivor_led")
	}

	if n := len(s.Partnerships); n < 12 {
		t.Errorf("%d partnerships, want at least 12", n)
	}
	kinds, levels := map[string]bool{}, map[string]bool{}
	for _, p := range s.Partnerships {
		kinds[p.Kind], levels[p.Level] = true, true
	}
	for _, k := range model.Kinds {
		if !kinds[k] {
			t.Errorf("no partnership of kind %q", k)
		}
	}
	for _, l := range model.Levels {
		if !levels[l] {
			t.Errorf("no partnership at level %q", l)
		}
	}

	funders, funderSectors := 0, map[string]bool{}
	for _, o := range s.Organizations {
		if len(o.FundingGiven) > 0 {
			funders++
			funderSectors[o.Sector] = true
		}
	}
	if funders < 5 {
		t.Errorf("%d funders, want at least 5", funders)
	}
	for _, sec := range []string{"philanthropy", "government", "business", "multilateral"} {
		if !funderSectors[sec] {
			t.Errorf("no funder in sector %q", sec)
		}
	}

	for _, p := range []string{"/data/", "/coverage/", "/funding/"} {
		if s.Intros[p] == nil {
			t.Errorf("no introduction to %s", p)
		}
	}
	if page := string(built.Files["downloads/index.html"]); !strings.Contains(page, `content="0; url=/data/"`) {
		t.Errorf("/downloads/ does not redirect to /data/:\n%.300s", page)
	}
	for _, p := range []string{"/about/", "/principles/", "/contribute/"} {
		if !slices.ContainsFunc(s.Pages, func(pg *model.Page) bool { return pg.Path == p }) {
			t.Errorf("no plain page %s", p)
		}
		if _, ok := built.Files[strings.TrimPrefix(p, "/")+"index.html"]; !ok {
			t.Errorf("page %s was not built", p)
		}
	}
}

// nesting is the number of levels from the objective up to its top goal.
func nesting(o *model.Objective) int {
	n := 0
	for ; o != nil && n <= 100; o = o.ParentRef {
		n++
	}
	return n
}

// TestExampleContentIsLabelled checks that nothing in the example can be
// mistaken for an official plan or for a real organization's commitment.
func TestExampleContentIsLabelled(t *testing.T) {
	s, built := bundled(t)
	if !strings.HasPrefix(strings.ToLower(s.Site.Notice), "example content") {
		t.Errorf("site notice %q, shown on every page, does not start by saying it is example content", s.Site.Notice)
	}
	// A link preview shows no banner: the home page's description says it.
	if s.Home == nil || !strings.Contains(strings.ToLower(s.Home.Description), "example content") {
		t.Error("the home page's description (its link preview) does not say it is example content")
	}
	// The banner says it once; the pages do not repeat it (issue 13).
	for _, name := range []string{"index.html", "about/index.html", "contribute/index.html", "principles/index.html"} {
		page := strings.ToLower(string(built.Files[name]))
		_, body, _ := strings.Cut(page, "<body")
		if n := strings.Count(body, "example content"); n != 1 {
			t.Errorf("%s says \"example content\" %d times on the page, want once (the banner)", name, n)
		}
	}
	for _, o := range s.Objectives {
		if !strings.Contains(s.Body(o.Doc).Text, "fictional") {
			t.Errorf("objective %s does not say its figures are fictional", o.ID)
		}
	}
	for _, o := range s.Organizations {
		fictional := strings.Contains(o.Title, "(example)")
		real := strings.Contains(s.Body(o.Doc).Text, "listed for context")
		if fictional == real {
			t.Errorf("organization %q must be either marked (example) or labelled as a real organization listed for context", o.Slug)
		}
		if real && (len(o.Objectives) > 0 || len(o.Funding) > 0 || len(o.Partnerships) > 0 || len(o.Leads) > 0) {
			t.Errorf("real organization %q is given a fictional role in the example", o.Slug)
		}
		if fictional && o.Website != "" && !strings.HasPrefix(o.Website, "https://example.org/") {
			t.Errorf("fictional organization %q has a real-looking website %q", o.Slug, o.Website)
		}
		if o.Email != "" && !strings.HasSuffix(o.Email, "@example.org") {
			t.Errorf("organization %q has a non-example email %q", o.Slug, o.Email)
		}
		if o.Phone != "" && !strings.Contains(o.Phone, "555") {
			t.Errorf("organization %q has a non-fictional phone number %q", o.Slug, o.Phone)
		}
	}
	for _, p := range s.Partnerships {
		if !strings.Contains(p.Title, "(example)") {
			t.Errorf("partnership %q is not marked (example)", p.Slug)
		}
	}
}

// TestExampleContentShortfalls checks that every kind of shortfall the
// coverage views report occurs at least once, computed with the
// specification's definitions.
func TestExampleContentShortfalls(t *testing.T) {
	s, _ := bundled(t)
	found := map[string][]string{}
	note := func(kind, what string) { found[kind] = append(found[kind], what) }

	for _, o := range s.Objectives {
		if len(o.Lead) == 0 {
			note("no lead", o.ID)
		}
		if len(o.Partnerships) == 0 {
			note("no partnership", o.ID)
		}
		if len(o.Funding) == 0 {
			note("no funding", o.ID)
		}
		var funded float64
		for _, c := range o.Funding {
			funded += c.Amount
		}
		if o.Need != nil && funded < *o.Need && len(o.Funding) > 0 {
			note("funded below need", o.ID)
		}
		if o.Need != nil && funded == *o.Need {
			note("funded exactly at need", o.ID)
		}
		if len(o.SectorsMissing) > 0 {
			note("sector absent", o.ID)
		}
		st := o.StatusOrDefault()
		if !o.Due.IsZero() && o.Due.Before(exampleToday.Time) && st != "achieved" && st != "discontinued" {
			note("overdue", o.ID)
		}
		for _, in := range o.Indicators {
			if offTrack(in) {
				note("off track", o.ID+" "+in.Name)
			}
		}
	}
	for _, p := range s.Partnerships {
		if !slices.ContainsFunc(p.MemberOrgs, (*model.Organization).IsSurvivorLed) {
			note("no survivor voice", p.Slug)
		}
	}

	for _, kind := range slices.Sorted(maps.Keys(found)) {
		t.Logf("%s: %v", kind, found[kind])
	}

	// Package analysis, which the pages, charts and data files use, must
	// find exactly the same shortfalls.
	rep := analysis.Analyze(s)
	names := map[analysis.Kind]string{
		analysis.NoLead: "no lead", analysis.NoPartnership: "no partnership", analysis.NoFunding: "no funding",
		analysis.BelowNeed: "funded below need", analysis.SectorAbsent: "sector absent", analysis.Overdue: "overdue",
		analysis.OffTrack: "off track", analysis.NoSurvivorVoice: "no survivor voice",
	}
	computed := map[string][]string{}
	for _, sf := range rep.Shortfalls {
		var what string
		switch {
		case sf.Partnership != nil:
			what = sf.Partnership.Slug
		case sf.Indicator != nil:
			what = sf.Objective.ID + " " + sf.Indicator.Indicator.Name
		default:
			what = sf.Objective.ID
		}
		computed[names[sf.Kind]] = append(computed[names[sf.Kind]], what)
	}
	for _, kind := range names {
		if a, b := slices.Sorted(slices.Values(computed[kind])), slices.Sorted(slices.Values(found[kind])); !slices.Equal(a, b) {
			t.Errorf("%s: package analysis finds %v, the specification's definition %v", kind, a, b)
		}
	}
	want := map[string]int{
		"no lead": 1, "no partnership": 1, "no funding": 1, "funded below need": 1,
		"funded exactly at need": 1, "sector absent": 1, "overdue": 1, "off track": 2,
		"no survivor voice": 1,
	}
	for kind, n := range want {
		if len(found[kind]) < n {
			t.Errorf("%s: %d found (%v), want at least %d", kind, len(found[kind]), found[kind], n)
		}
	}
	// A shortfall on everything would show nothing: most partnerships do
	// include survivors, and most objectives have a lead.
	if n := len(found["no survivor voice"]); n*2 > len(s.Partnerships) {
		t.Errorf("%d of %d partnerships lack a survivor-led member; the shortfall should stand out", n, len(s.Partnerships))
	}
	if n := len(found["no lead"]); n*4 > len(s.Objectives) {
		t.Errorf("%d of %d objectives have no lead; the shortfall should stand out", n, len(s.Objectives))
	}
}

// offTrack reports whether the indicator's latest progress value is behind
// the straight line from its baseline to its target at that value's date.
func offTrack(in model.Indicator) bool {
	if in.Baseline == nil || in.Target == nil || len(in.Progress) == 0 {
		return false
	}
	last := in.Progress[len(in.Progress)-1]
	span := in.Target.Date.Sub(in.Baseline.Date.Time).Hours()
	if span <= 0 {
		return false
	}
	share := last.Date.Sub(in.Baseline.Date.Time).Hours() / span
	line := in.Baseline.Value + (in.Target.Value-in.Baseline.Value)*share
	return (in.Target.Value-in.Baseline.Value)*(last.Value-line) < 0
}

// TestExamplePreventionIsThinnest checks the shortfall the seeds single out:
// prevention has fewer participating organizations, fewer partnerships and
// less funding than each of the other Ps.
func TestExamplePreventionIsThinnest(t *testing.T) {
	s, _ := bundled(t)
	funding := map[string]float64{}
	for _, o := range s.Objectives {
		for _, c := range o.Funding {
			funding[o.Category] += c.Amount
		}
	}
	prevention := s.Category("prevention")
	if prevention == nil {
		t.Fatal("no prevention category")
	}
	for _, c := range s.Site.Categories {
		if c == prevention {
			continue
		}
		if len(prevention.Organizations) >= len(c.Organizations) {
			t.Errorf("prevention has %d organizations, %s %d: want prevention thinner", len(prevention.Organizations), c.Key, len(c.Organizations))
		}
		if len(prevention.Partnerships) >= len(c.Partnerships) {
			t.Errorf("prevention has %d partnerships, %s %d: want prevention thinner", len(prevention.Partnerships), c.Key, len(c.Partnerships))
		}
		if funding["prevention"] >= funding[c.Key] {
			t.Errorf("prevention is funded %.0f, %s %.0f: want prevention thinner", funding["prevention"], c.Key, funding[c.Key])
		}
	}
}

// TestExampleContentIsOwnWords checks that no run of twelve words from the
// seed texts in ../shared/seeds appears in the example: facts may be
// reused, sentences may not. The seeds live beside the repository, not in
// it; without them the test has nothing to compare and skips.
func TestExampleContentIsOwnWords(t *testing.T) {
	seedDir := filepath.Join("..", "..", "..", "shared", "seeds")
	seeds, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if len(seeds) == 0 {
		t.Skipf("no seed texts in %s to compare against", seedDir)
	}
	const n = 12
	grams := map[string]string{}
	for _, f := range seeds {
		for _, g := range ngrams(readWords(t, f), n) {
			grams[g] = filepath.Base(f)
		}
	}
	err := filepath.WalkDir(filepath.Join("..", "..", "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, g := range ngrams(readWords(t, p), n) {
			if seed, ok := grams[g]; ok {
				t.Errorf("%s repeats %q from seed %s", p, g, seed)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var word = regexp.MustCompile(`[\p{L}\p{N}]+`)

// readWords returns a file's words, lower-cased, ignoring punctuation.
func readWords(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var words []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		for _, w := range word.FindAllString(sc.Text(), -1) {
			words = append(words, strings.ToLower(w))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return words
}

// ngrams returns every run of n consecutive words, joined by spaces.
func ngrams(words []string, n int) []string {
	var out []string
	for i := 0; i+n <= len(words); i++ {
		out = append(out, strings.Join(words[i:i+n], " "))
	}
	return out
}

// TestCheckerWarnings: mistakes that may be meant get one warning each,
// at the key, with a hint.
func TestCheckerWarnings(t *testing.T) {
	cases := []struct{ file, old, new, want string }{
		// A copied objective whose category was changed but not its id.
		{"objectives/pt-1.md", `category = "protection"`, `category = "prevention"`,
			`content/objectives/pt-1.md:2:1: warning: objective id "PT-1" does not start as the other objectives of category "prevention" do (PV-) (give it an id starting PV-, or check its category; agenda new objective --category prevention picks the next free id)`},
		// A directory entry not confirmed for over a year.
		{"organizations/safe-passage-legal-aid.md", "verified = 2026-06-10", "verified = 2025-06-10",
			`content/organizations/safe-passage-legal-aid.md:15:1: warning: details last verified on 2025-06-10, over a year ago (confirm the details with the organization, then write verified = 2026-11-01)`},
		// Progress is what was measured: a value dated after today is a plan.
		{"objectives/pt-1.md", "{ date = 2026-01-01, value = 62 }", "{ date = 2027-01-01, value = 62 }",
			`content/objectives/pt-1.md:24:5: warning: progress value dated 2027-01-01, after today (2026-11-01) (progress records values already measured; put a value hoped for in target)`},
	}
	for _, c := range cases {
		t.Run(c.new, func(t *testing.T) {
			dir := exampleCopy(t)
			edit(t, filepath.Join(dir, filepath.FromSlash(c.file)), c.old, c.new)
			_, before := site.Load(site.Options{Source: filepath.Join("..", "..", "content"), Today: exampleToday})
			_, diags := site.Load(site.Options{Source: dir, Today: exampleToday})
			var got []string
			for _, d := range diags.Items() {
				got = append(got, strings.Replace(d.String(), dir, "content", 1))
			}
			if diags.HasErrors() || len(got) != len(before.Items())+1 {
				t.Fatalf("want one warning more than the example's %d; got:\n%s", len(before.Items()), strings.Join(got, "\n"))
			}
			found := false
			for _, g := range got {
				found = found || strings.HasPrefix(g, c.want)
			}
			if !found {
				t.Errorf("no warning %s...; got:\n%s", c.want, strings.Join(got, "\n"))
			}
		})
	}
}

// TestOneMistakeOneError breaks one file of the bundled strategy at a
// time, as a contributor might, and expects one error, in that file: the
// files that refer to it (objectives listing it as related or parent,
// organizations working on it, partnerships, Markdown links to it) must
// not be reported too (issue 12: a missing "+++" gave 17 errors in 12
// files, the real one sixth).
func TestOneMistakeOneError(t *testing.T) {
	cases := []struct {
		file, old, new, want string
		rename               string // a new name for the file
	}{
		{file: "organizations/harbor-house.md", rename: "harbor-house.markdown",
			want: "content/organizations/harbor-house.markdown: this file is not read: files in organizations/ must end in .md, in lower case (rename it to harbor-house.md)"},
		{file: "objectives/pt-1.md", rename: "pt-1.MD", want: "content/objectives/pt-1.MD: this file is not read"},
		{"organizations/harbor-house.md", `sector = "victim-services"`, `sector = ""`, `content/organizations/harbor-house.md:3:1: required key "sector" is empty`, ""},
		{"objectives/pt-1.md", "\n+++\n", "\n", "content/objectives/pt-1.md:1:1: front matter is not closed", ""},
		{"objectives/pt-1.md", `id = "PT-1"`, `id = “PT-1”`, "content/objectives/pt-1.md:2:6: curly quotes", ""},
		{"organizations/harbor-house.md", "+++\ntitle", "+++\nphone = 1,200\ntitle", "content/organizations/harbor-house.md:2:10: numbers are written without thousands separators", ""},
		{"partnerships/shelter-network.md", "+++\ntitle", "+++\ntitle: \"x\"\ntitle", "content/partnerships/shelter-network.md:2:6: a key and its value are joined by \"=\", not \":\"", ""},
		{"objectives/pt-1.md", "+++\nid", "  +++\nid", `content/objectives/pt-1.md:1:1: the "+++" line is indented (remove the spaces before "+++": it must start the line)`, ""},
		// A list written as one string: its own error, not also "needs
		// at least two members" and "lead is not a member".
		{"partnerships/shelter-network.md", `members = ["harbor-house", "grace-fellowship", "interfaith-council", "new-roots-housing", "rise-collective"]`,
			`members = "harbor-house, grace-fellowship"`,
			`content/partnerships/shelter-network.md:3:1: "members" must be a list of strings, got a string (write members = ["harbor-house", "grace-fellowship"])`, ""},
		// A quoted date in a progress entry: the date's own error, in
		// words, not also "has no date", and no internal key path.
		{"objectives/pt-1.md", "{ date = 2026-01-01, value = 62 }", `{ date = "2026-01-01", value = 62 }`,
			`content/objectives/pt-1.md:24:5: "date" (indicator 1, progress entry 2) must be a date, got a string (write dates without quotes: date = 2026-01-01)`, ""},
	}
	for _, c := range cases {
		t.Run(c.file+" "+c.new+c.rename, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, filepath.FromSlash(c.file))
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if c.rename != "" {
				if err := os.Rename(p, filepath.Join(filepath.Dir(p), c.rename)); err != nil {
					t.Fatal(err)
				}
			} else if !strings.Contains(string(data), c.old) {
				t.Fatalf("%s has no %q", c.file, c.old)
			} else if err := os.WriteFile(p, []byte(strings.Replace(string(data), c.old, c.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			_, diags := site.Load(site.Options{Source: dir, Today: exampleToday})
			var errs []string
			for _, d := range diags.Items() {
				if d.Severity == diag.Error {
					errs = append(errs, strings.Replace(d.String(), dir, "content", 1))
				}
			}
			if len(errs) != 1 || !strings.HasPrefix(errs[0], c.want) {
				t.Errorf("want one error, %s...; got %d:\n%s", c.want, len(errs), strings.Join(errs, "\n"))
			}
		})
	}
}

// TestEveryPageLeadsToAboutAndContribute: what the strategy is, how its
// partners work and how to change it are one link away from every page,
// and every page carries its permanent address (shown when printed).
func TestEveryPageLeadsToAboutAndContribute(t *testing.T) {
	_, built := bundled(t)
	n := 0
	for name, data := range built.Files {
		page := string(data)
		// Redirects, and the cards other sites frame (they link to
		// their objective's page, which has the rest), are not pages
		// of the site.
		if !strings.HasSuffix(name, ".html") || strings.Contains(page, `http-equiv="refresh"`) || strings.HasPrefix(name, "embed/") {
			continue
		}
		n++
		for _, link := range []string{`<a href="/about/">`, `<a href="/principles/">`, `<a href="/contribute/">`} {
			if !strings.Contains(page, link) {
				t.Errorf("%s: no link %s", name, link)
			}
		}
		_, canonical, _ := strings.Cut(page, `<link rel="canonical" href="`)
		canonical, _, _ = strings.Cut(canonical, `"`)
		if !strings.Contains(page, `<p class="site-footer__permalink">Permanent address of this page: `+canonical+`</p>`) {
			t.Errorf("%s: no permanent address %q in the footer", name, canonical)
		}
	}
	if n < 100 {
		t.Errorf("checked %d pages, want the whole bundled site", n)
	}
}
