package site_test

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/render"
	"github.com/commonagenda/agenda/generator/site"
)

var historyToday = model.NewDate(2026, 6, 1)

// gitIn runs git in dir as a test author, on the day given (for
// commits), failing the test when it fails.
func gitIn(t *testing.T, dir, day string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org")
	if day != "" {
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+day+"T09:00:00Z", "GIT_COMMITTER_DATE="+day+"T09:00:00Z")
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is needed under CI=true")
		}
		t.Skip("git is not installed")
	}
}

// committedExample is the bundled example in a new repository, committed
// on 2026-02-03; it returns the content folder and the repository.
func committedExample(t *testing.T) (content, repo string) {
	t.Helper()
	needGit(t)
	content = exampleCopy(t)
	repo = filepath.Dir(content)
	gitIn(t, repo, "", "init", "-q", "-b", "main")
	gitIn(t, repo, "", "add", "-A")
	gitIn(t, repo, "2026-02-03", "commit", "-q", "-m", "Publish the strategy")
	return content, repo
}

// A strategy in a repository shows its history: each objective's
// status over time and the commits that changed it, linked to the
// repository; its feed of changes; dates from commits where the front
// matter has none, on the page and in the sitemap.
func TestHistoryFromGit(t *testing.T) {
	content, repo := committedExample(t)
	edit(t, filepath.Join(content, "objectives", "pv-1.md"), `status = "in-progress"`, `status = "at-risk"`)
	edit(t, filepath.Join(content, "organizations", "attorney-general.md"), "+++\n\n", "+++\n\nIt now prosecutes labor trafficking too.\n\n")
	gitIn(t, repo, "", "add", "-A")
	gitIn(t, repo, "2026-04-05", "commit", "-q", "-m", "PV-1 is at risk <script>")
	head := gitIn(t, repo, "", "rev-parse", "HEAD")

	built, diags := site.Build(site.Options{Source: content, Today: historyToday})
	if built == nil {
		t.Fatal(diags.Items())
	}
	page := string(built.Files["objectives/pv-1/index.html"])
	for _, want := range []string{
		`<h3>Status over time</h3>`,
		`<time datetime="2026-02-03">February 3, 2026</time> <span class="status status--in-progress">In progress</span>`,
		`<time datetime="2026-04-05">April 5, 2026</time> <span class="status status--at-risk">At risk</span>`,
		`PV-1 is at risk &lt;script&gt;`,
		`<a href="https://github.com/commonagenda/agenda/commit/` + head + `">commit <code>` + head[:7] + `</code></a>`,
		`<li>Status changed from in progress to at risk.</li>`,
		`<link rel="alternate" type="application/atom+xml" title="Changes to PV-1" href="/objectives/pv-1/feed.xml">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the objective's page lacks %s", want)
		}
	}
	if strings.Contains(page, "<script>") && strings.Contains(page, "at risk <script>") {
		t.Error("a commit subject was not escaped")
	}
	// The organization's file has no updated date: its last commit's.
	org := string(built.Files["organizations/attorney-general/index.html"])
	if !strings.Contains(org, `Last updated <time datetime="2026-04-05">`) {
		t.Error("the organization's page does not date its last change from Git")
	}
	if !strings.Contains(string(built.Files["sitemap.xml"]), "<loc>https://example.org/organizations/attorney-general/</loc>\n    <lastmod>2026-04-05</lastmod>") &&
		!strings.Contains(string(built.Files["sitemap.xml"]), "organizations/attorney-general/</loc><lastmod>2026-04-05</lastmod>") {
		t.Error("the sitemap does not date the organization from Git")
	}
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
			ID    string `xml:"id"`
			Links []struct {
				Rel  string `xml:"rel,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(built.Files["objectives/pv-1/feed.xml"], &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 2 || feed.Entries[0].Title != "PV-1: Status changed from in progress to at risk." {
		t.Fatalf("feed entries: %+v", feed.Entries)
	}
	if e := feed.Entries[0]; e.ID != "https://example.org/objectives/pv-1/#"+head || len(e.Links) != 2 || e.Links[1].Href != "https://github.com/commonagenda/agenda/commit/"+head {
		t.Errorf("feed entry: %+v", e)
	}
	if cat := string(built.Files["categories/prevention/feed.xml"]); !strings.Contains(cat, "PV-1: Status changed from in progress to at risk.") {
		t.Error("the category's feed lacks the objective's change")
	}
	// PV-1 needs government, business, labor and survivor-led groups; not
	// faith communities.
	if sec := string(built.Files["sectors/business/feed.xml"]); !strings.Contains(sec, "PV-1: Status changed from in progress to at risk.") {
		t.Error("the feed of a sector the objective needs lacks its change")
	}
	if sec, ok := built.Files["sectors/faith-based/feed.xml"]; !ok || strings.Contains(string(sec), "PV-1:") {
		t.Error("the feed of a sector the objective does not need has its change, or is missing")
	}
	// The same commit builds the same site.
	again, _ := site.Build(site.Options{Source: content, Today: historyToday})
	for name, data := range built.Files {
		if string(again.Files[name]) != string(data) {
			t.Errorf("%s differs between two builds of one commit", name)
		}
	}
}

// Outside Git a build works, without history, and says why.
func TestNoHistoryIsANote(t *testing.T) {
	needGit(t)
	content := exampleCopy(t)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(filepath.Dir(content)))
	out := filepath.Join(t.TempDir(), "public")
	res, diags := site.Publish(site.Options{Source: content, Today: historyToday}, out)
	if res == nil {
		t.Fatal(diags.Items())
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "not in a Git repository") {
		t.Errorf("notes: %q", res.Notes)
	}
	page, err := os.ReadFile(filepath.Join(out, "objectives", "pv-1", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "<h3>Changes</h3>") || !strings.Contains(string(page), "Last updated") {
		t.Error("without history the page should show the front matter's date and no changes")
	}
	if _, err := os.Stat(filepath.Join(out, "objectives", "pv-1", "feed.xml")); err != nil {
		t.Error("the feed of changes is missing without history (it should be there, empty)")
	}
}

// With a build cache, a build after a new commit shows it: the history
// kept by the last build is read on from there.
func TestHistoryKeptInTheBuildCache(t *testing.T) {
	content, repo := committedExample(t)
	cache, out := filepath.Join(t.TempDir(), "cache"), filepath.Join(t.TempDir(), "public")
	opts := site.Options{Source: content, Today: historyToday, CacheDir: cache}
	if res, diags := site.Publish(opts, out); res == nil {
		t.Fatal(diags.Items())
	}
	kept, _ := filepath.Glob(filepath.Join(cache, "*", "history-*.bin"))
	if len(kept) != 1 {
		t.Fatalf("the build cache keeps %d histories, want 1", len(kept))
	}
	edit(t, filepath.Join(content, "objectives", "pv-1.md"), `status = "in-progress"`, `status = "achieved"`)
	gitIn(t, repo, "", "add", "-A")
	gitIn(t, repo, "2026-04-05", "commit", "-q", "-m", "PV-1 achieved")
	if res, diags := site.Publish(opts, out); res == nil {
		t.Fatal(diags.Items())
	}
	page, err := os.ReadFile(filepath.Join(out, "objectives", "pv-1", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "<li>Status changed from in progress to achieved.</li>") {
		t.Error("the build after a new commit does not show it")
	}
	// The history kept now is the new commit's (saved as soon as it was
	// read), for the next build to read on from.
	head := strings.TrimSpace(gitIn(t, repo, "", "rev-parse", "HEAD"))
	kept, _ = filepath.Glob(filepath.Join(cache, "*", "history-*.bin"))
	if len(kept) != 1 {
		t.Fatalf("the build cache keeps %d histories, want 1", len(kept))
	}
	if b, err := os.ReadFile(kept[0]); err != nil || !strings.Contains(string(b), head) {
		t.Errorf("the history kept is not the new commit's (%v)", err)
	}
	cold, _ := site.Build(site.Options{Source: content, Today: historyToday})
	if string(cold.Files["objectives/pv-1/index.html"]) != string(page) {
		t.Error("the page built with the kept history differs from one built without a cache")
	}
}

// A build with a cache after a new commit gives what a build without it
// gives, and builds again only the views of the pages whose history or
// body the commit changed: the others are known unchanged by their front
// matter, their bodies and what the history says of them.
func TestBuildCacheAfterACommit(t *testing.T) {
	content, repo := committedExample(t)
	root := t.TempDir()
	cache, warm, cold := filepath.Join(root, "cache"), filepath.Join(root, "warm"), filepath.Join(root, "cold")
	publish := func(opts site.Options, out string) *site.Result {
		t.Helper()
		res, diags := site.Publish(opts, out)
		if res == nil {
			t.Fatal(diags.Items())
		}
		return res
	}
	opts := site.Options{Source: content, Today: historyToday, CacheDir: cache}
	first := publish(opts, warm)
	// The feeds of changes are made again only when what they show does
	// (changesKey): not after a commit that changed a text alone; the
	// site's feed and the sitemap only when the dates they show do
	// (feedsKey): not after a commit to a file whose front matter says
	// when it was updated (harbor-house.md).
	kept := func(set string) string {
		files, _ := filepath.Glob(filepath.Join(cache, "*", set+".bin"))
		if len(files) != 1 {
			t.Fatalf("the build cache keeps %s in %v", set, files)
		}
		return files[0]
	}
	changes, feeds := kept("changes"), kept("feeds")
	long := time.Now().Add(-time.Hour)
	for i, c := range []struct {
		file, old, new, day string
		views               int
		changes, feeds      bool // whether the feeds of changes, and the others, are made again
	}{
		{"organizations/harbor-house.md", "+++\n\n", "+++\n\nIt opened a second house.\n\n", "2026-03-01", 1, false, false},
		{"organizations/attorney-general.md", "+++\n\n", "+++\n\nIt now prosecutes labor trafficking too.\n\n", "2026-03-15", -1, false, true},
		{"objectives/pv-1.md", `status = "in-progress"`, `status = "at-risk"`, "2026-04-01", -1, true, true},
		// A lead joins, then leaves: PV-1's history names it by its name
		// now, which changes after, though PV-1 no longer shows it.
		{"objectives/pv-1.md", `lead = ["department-of-labor"]`, `lead = ["department-of-labor", "harbor-house"]`, "2026-05-01", -1, true, true},
		{"objectives/pv-1.md", `lead = ["department-of-labor", "harbor-house"]`, `lead = ["department-of-labor"]`, "2026-05-02", -1, true, true},
		{"organizations/harbor-house.md", `title = "Harbor House (example)"`, `title = "Harbor Home (example)"`, "2026-06-01", -1, true, true},
	} {
		os.Chtimes(changes, long, long)
		os.Chtimes(feeds, long, long)
		edit(t, filepath.Join(content, c.file), c.old, c.new)
		gitIn(t, repo, "", "add", "-A")
		gitIn(t, repo, c.day, "commit", "-q", "-m", "Edit "+c.file)
		res := publish(opts, warm)
		for _, f := range []struct {
			name string
			made bool
		}{{changes, c.changes}, {feeds, c.feeds}} {
			if fi, err := os.Stat(f.name); err != nil || !fi.ModTime().Equal(long) != f.made {
				t.Errorf("edit %d: %s made again: %v, want %v (%v)", i, filepath.Base(f.name), !f.made, f.made, err)
			}
		}
		publish(site.Options{Source: content, Today: historyToday}, cold)
		site.SameTree(t, c.file, site.ReadTree(t, warm), site.ReadTree(t, cold))
		t.Logf("%s: %d views built, %d of %d pages reused", c.file, res.Built, res.Reused, first.Pages)
		if c.views >= 0 && res.Built > c.views {
			t.Errorf("edit %d: %d of %d views built, want at most %d", i, res.Built, first.Pages, c.views)
		}
		if res.Reused < first.Pages/2 {
			t.Errorf("edit %d: %d of %d pages reused", i, res.Reused, first.Pages)
		}
	}
}

// A commit's subject that names a confidential organization's address is
// not shown, on the pages or in the feeds: no pull request can change a
// commit's subject, as it can a text, so it is withheld rather than
// refused. No output file holds the address.
func TestCommitSubjectNamingAConfidentialAddressWithheld(t *testing.T) {
	content, repo := committedExample(t)
	harbor := filepath.Join(content, "organizations", "harbor-house.md")
	edit(t, harbor, "confidential = true", "confidential = true\naddress = \"1234 Secretlane Ave, Springfield\"")
	gitIn(t, repo, "", "add", "-A")
	gitIn(t, repo, "2026-03-01", "commit", "-q", "-m", "Harbor House moved to 1234 Secretlane Ave")
	edit(t, filepath.Join(content, "objectives", "pv-1.md"), `status = "in-progress"`, `status = "at-risk"`)
	gitIn(t, repo, "", "add", "-A")
	gitIn(t, repo, "2026-04-05", "commit", "-q", "-m", "PV-1 at risk: the office at 1234 SECRETLANE AVENUE closed")

	built, diags := site.Build(site.Options{Source: content, Today: historyToday})
	if built == nil {
		t.Fatal(diags.Items())
	}
	for name, data := range built.Files {
		if bytes.Contains(bytes.ToLower(data), []byte("secretlane")) {
			t.Errorf("%s holds the confidential address", name)
		}
	}
	if page := string(built.Files["objectives/pv-1/index.html"]); !strings.Contains(page, render.WithheldSubject) {
		t.Error("the objective's page does not say a subject is withheld")
	}
	if feed := string(built.Files["objectives/pv-1/feed.xml"]); !strings.Contains(feed, render.WithheldSubject) {
		t.Error("the objective's feed does not say a subject is withheld")
	}
}
