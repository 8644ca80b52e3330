package history

import (
	"github.com/commonagenda/agenda/generator/internal/gitobj"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/analysis"
)

// repo is a Git repository made in a test, its content folder inside.
type repo struct {
	t       *testing.T
	dir     string
	content string
	commits int
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

func newRepo(t *testing.T) *repo {
	needGit(t)
	dir := t.TempDir()
	r := &repo{t: t, dir: dir, content: filepath.Join(dir, "content")}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (r *repo) write(rel, text string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit commits everything on the day given, with the subject given.
func (r *repo) commit(day, subject string) {
	r.t.Helper()
	r.git("add", "-A")
	date := day + "T12:00:00Z"
	cmd := exec.Command("git", "commit", "-q", "-m", subject)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("git commit: %v\n%s", err, out)
	}
	r.commits++
}

const pv1 = `+++
id = "PV-1"
title = "Reduce the risk of exploitation in labor recruitment"
category = "prevention"
summary = "Fewer workers are deceived by recruiters."
lead = ["dol"]
status = "%s"
need = 100000
[[indicators]]
name = "Workers reached"
unit = "people"
progress = [%s]
+++

Body %s.
`

func objective(status, progress, body string) string {
	return sprintf(pv1, status, progress, body)
}

func sprintf(format string, args ...string) string {
	for _, a := range args {
		format = strings.Replace(format, "%s", a, 1)
	}
	return format
}

// exampleRepo is a strategy's first half year: an objective added,
// started, joined and funded, moved, then at risk.
func exampleRepo(t *testing.T) *repo {
	r := newRepo(t)
	r.write("README.md", "not content\n")
	r.write("content/objectives/pv-1.md", objective("planned", "", "one"))
	r.write("content/organizations/dol.md", "+++\ntitle = \"Department of Labor\"\nsector = \"government\"\nobjectives = [\"PV-1\"]\n+++\n")
	r.commit("2026-01-10", "Add PV-1 and the Department of Labor")
	r.write("content/objectives/pv-1.md", objective("in-progress", `{ date = 2026-02-01, value = 1200 }`, "one"))
	r.commit("2026-03-01", "PV-1 under way")
	r.write("README.md", "outside the content folder\n")
	r.commit("2026-04-01", "Only the README")
	r.write("content/organizations/polaris.md", "+++\ntitle = \"Polaris\"\nsector = \"victim-services\"\nobjectives = [\"PV-1\"]\n[[funding]]\nobjective = \"PV-1\"\namount = 50000\nyear = 2026\n+++\n")
	r.write("README.md", "still not content\n")
	r.commit("2026-05-01", "Polaris joins and funds PV-1")
	r.git("mv", "content/objectives/pv-1.md", "content/objectives/prevention-pv-1.md")
	r.commit("2026-06-01", "Move PV-1")
	r.write("content/objectives/prevention-pv-1.md", objective("at-risk", `{ date = 2026-02-01, value = 1200 }`, "two"))
	r.commit("2026-07-01", "PV-1 at risk")
	return r
}

func subjects(chs []Change) []string {
	var out []string
	for _, c := range chs {
		out = append(out, c.Commit.Subject)
	}
	return out
}

func TestReadFollowsFilesAndSaysWhatChanged(t *testing.T) {
	r := exampleRepo(t)
	log := Read(Options{Dir: r.content})
	if log.Note != "" {
		t.Fatalf("note on a whole history: %s", log.Note)
	}
	if len(log.Commits) != 5 {
		t.Errorf("%d commits, want 5 (those that touched content, not the README's)", len(log.Commits))
	}
	rel := "objectives/prevention-pv-1.md"
	want := []string{"PV-1 at risk", "Move PV-1", "PV-1 under way", "Add PV-1 and the Department of Labor"}
	if got := subjects(log.Changes(rel)); !slices.Equal(got, want) {
		t.Errorf("changes of the renamed file: %q, want %q", got, want)
	}
	if got := log.Updated(rel); !got.Equal(time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("updated %v, want the last commit's date", got)
	}
	if got := subjects(log.Changes("organizations/dol.md")); !slices.Equal(got, []string{"Add PV-1 and the Department of Labor"}) {
		t.Errorf("changes of dol.md: %q", got)
	}
	if log.Changes("../README.md") != nil || log.Changes("README.md") != nil {
		t.Error("a file outside the content folder has history")
	}
	var statuses []string
	for _, p := range log.Timeline(rel) {
		statuses = append(statuses, p.Commit.Date.Format("2006-01-02")+" "+p.Status)
	}
	if want := []string{"2026-01-10 planned", "2026-03-01 in-progress", "2026-07-01 at-risk"}; !slices.Equal(statuses, want) {
		t.Errorf("timeline %q, want %q", statuses, want)
	}
	money := func(v float64) string { return "$" + analysis.FormatFigure(v) }
	same := func(s string) string { return s }
	var said []string
	for _, e := range log.Events(rel, "PV-1") {
		said = append(said, e.Commit.Date.Format("2006-01-02")+" "+Phrase(e, money, same))
	}
	want = []string{
		"2026-07-01 Status changed from in-progress to at-risk.",
		"2026-05-01 Polaris started working on it.",
		"2026-05-01 Polaris committed $50,000 for 2026.",
		"2026-03-01 Status changed from planned to in-progress.",
		"2026-03-01 New value for Workers reached: 1,200 people (measured 2026-02-01).",
		"2026-01-10 Added to the strategy, as planned.",
		"2026-01-10 dol became a lead.",
		"2026-01-10 Department of Labor started working on it.",
	}
	if !slices.Equal(said, want) {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(said, "\n"), strings.Join(want, "\n"))
	}
	// The same commit reads the same.
	again := Read(Options{Dir: r.content})
	if !slices.EqualFunc(again.Events(rel, "PV-1"), log.Events(rel, "PV-1"), func(a, b Event) bool {
		return a.Commit.Hash == b.Commit.Hash && Phrase(a, money, same) == Phrase(b, money, same)
	}) {
		t.Error("two reads of one commit differ")
	}
}

// A shallow clone shows what it has, says that it is cut short, and
// does not claim its oldest commit added every file.
func TestShallowCloneSaysSo(t *testing.T) {
	r := exampleRepo(t)
	clone := filepath.Join(t.TempDir(), "clone")
	r.git("clone", "-q", "--depth", "2", "file://"+r.dir, clone)
	log := Read(Options{Dir: filepath.Join(clone, "content")})
	if !log.Shallow || !strings.Contains(log.Note, "shallow") {
		t.Fatalf("shallow clone not noted: %+v", log.Note)
	}
	rel := "objectives/prevention-pv-1.md"
	if got := subjects(log.Changes(rel)); !slices.Equal(got, []string{"PV-1 at risk", "Move PV-1"}) {
		t.Errorf("changes in the shallow clone: %q", got)
	}
	for _, e := range log.Events(rel, "PV-1") {
		if e.Kind == Added || e.Kind == Joined {
			t.Errorf("the clone's oldest commit claims %s", e.Kind)
		}
	}
	if tl := log.Timeline(rel); len(tl) != 2 || tl[0].Status != "in-progress" || tl[1].Status != "at-risk" {
		t.Errorf("timeline in the clone: %+v", tl)
	}
}

// Outside Git, or without Git, a build goes on with a note.
func TestNoRepositoryIsANote(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	log := Read(Options{Dir: dir})
	if log.Known() || !strings.Contains(log.Note, "not in a Git repository") {
		t.Errorf("outside a repository: %q", log.Note)
	}
	log = Read(Options{Dir: dir, Git: filepath.Join(dir, "no-such-git")})
	if log.Known() || !strings.Contains(log.Note, "not installed") {
		t.Errorf("without git: %q", log.Note)
	}
	r := newRepo(t)
	os.MkdirAll(r.content, 0o755)
	if log := Read(Options{Dir: r.content}); log.Known() || !strings.Contains(log.Note, "no commits") {
		t.Errorf("a repository without commits: %q", log.Note)
	}
}

// A version that cannot be read is passed over: the next is compared
// with the last one read, and nothing is said of the broken one.
func TestBrokenVersionPassedOver(t *testing.T) {
	r := newRepo(t)
	r.write("content/objectives/pv-1.md", objective("planned", "", "one"))
	r.commit("2026-01-10", "Add")
	r.write("content/objectives/pv-1.md", "+++\nid = \"PV-1\nbroken\n+++\n")
	r.commit("2026-01-11", "Break")
	r.write("content/objectives/pv-1.md", objective("planned", "", "two"))
	r.commit("2026-01-12", "Mend")
	log := Read(Options{Dir: r.content})
	if n := len(log.Changes("objectives/pv-1.md")); n != 3 {
		t.Errorf("%d changes, want 3", n)
	}
	for _, e := range log.Events("objectives/pv-1.md", "PV-1") {
		if e.Kind != Added && e.Kind != LeadJoined {
			t.Errorf("a broken version made an event: %+v", e)
		}
	}
}

func TestParseLogRefusesGarbage(t *testing.T) {
	for _, in := range []string{
		"\x1eabc",
		"\x1e0123456789\x1fnotatime\x1fs\x00",
		"\x1e0123456789\x1f1\x1fs\x00\n:100644 100644 a b R100\x00only-one\x00",
		"\x1e0123456789\x1f1\x1fs\x00\nnot-a-change\x00",
	} {
		if _, _, err := parseLog([]byte(in)); err == nil {
			t.Errorf("parseLog(%q) accepted it", in)
		}
	}
}

func FuzzParseLog(f *testing.F) {
	f.Add([]byte("\x1e0a29f044ffc4fb1c39a9c53c783d798eaa4f6d08\x1f1796204905\x1frename body\x00\n:100644 100644 78981922613b2afb6025042ff6bd878ac1994e85 422c2b7ab3b3c668038da977e4e93a5fc623169c R050\x00content/objectives/a.md\x00content/objectives/b c.md\x00"))
	f.Fuzz(func(t *testing.T, in []byte) {
		commits, changes, err := parseLog(in)
		if err != nil {
			return
		}
		for _, ch := range changes {
			if ch.commit == nil || !slices.Contains(commits, ch.commit) {
				t.Fatal("a change without its commit")
			}
		}
		follow(changes)
	})
}

// BenchmarkRead reads the history of the repository whose content
// folder AGENDA_HISTORY_CONTENT names (for example a strategy made by
// cmd/synth, committed, then edited over many commits), else of the
// small example repository.
func BenchmarkRead(b *testing.B) {
	dir := os.Getenv("AGENDA_HISTORY_CONTENT")
	if dir == "" {
		t := &testing.T{}
		dir = exampleRepo(t).content
	}
	var log *Log
	for b.Loop() {
		log = Read(Options{Dir: dir})
	}
	b.ReportMetric(float64(len(log.Commits)), "commits")
	b.ReportMetric(float64(len(log.files)), "files")
}

// describe writes everything a log says of the example's files, to
// compare two logs.
func describe(l *Log) string {
	var b strings.Builder
	money := func(v float64) string { return "$" + analysis.FormatFigure(v) }
	same := func(s string) string { return s }
	b.WriteString(l.Head + "\n")
	for _, c := range l.Commits {
		b.WriteString(c.Hash + " " + c.Date.String() + " " + c.Subject + "\n")
	}
	for _, f := range []struct{ rel, id string }{
		{"objectives/prevention-pv-1.md", "PV-1"}, {"objectives/pv-1.md", "PV-1"},
		{"organizations/dol.md", ""}, {"organizations/polaris.md", ""}, {"organizations/labor.md", ""},
	} {
		b.WriteString("== " + f.rel + "\n")
		for _, e := range l.Story(f.rel, f.id) {
			b.WriteString(e.Commit.Subject + ":")
			for _, ev := range e.Events {
				b.WriteString(" " + Phrase(ev, money, same))
			}
			b.WriteString("\n")
		}
		for _, p := range l.Timeline(f.rel) {
			b.WriteString(p.Status + "@" + p.Commit.Hash[:7] + "\n")
		}
		b.WriteString(l.Updated(f.rel).String() + "\n")
	}
	return b.String()
}

// A history kept from an earlier commit and read on from there says
// what a history read whole says; so does one kept and read back.
func TestReadOnFromAnEarlierHistory(t *testing.T) {
	r := exampleRepo(t)
	r.git("checkout", "-q", "HEAD~2")
	earlier := Read(Options{Dir: r.content})
	r.git("checkout", "-q", "main")
	// Two more commits: a new organization, the objective funded anew.
	r.write("content/organizations/labor.md", "+++\ntitle = \"Labor Union\"\nsector = \"labor\"\nobjectives = [\"PV-1\"]\n[[funding]]\nobjective = \"PV-1\"\namount = 10000\nyear = 2027\n+++\n")
	r.commit("2026-08-01", "Labor Union joins")
	r.write("content/organizations/polaris.md", "+++\ntitle = \"Polaris\"\nsector = \"victim-services\"\nobjectives = [\"PV-1\"]\n[[funding]]\nobjective = \"PV-1\"\namount = 75000\nyear = 2026\n+++\n")
	r.commit("2026-09-01", "Polaris gives more")
	whole := Read(Options{Dir: r.content})
	on := Read(Options{Dir: r.content, Since: earlier})
	if got, want := describe(on), describe(whole); got != want {
		t.Errorf("read on from an earlier history:\n%s\nread whole:\n%s", got, want)
	}
	if !strings.Contains(describe(on), "Polaris changed its commitment for 2026 from $50,000 to $75,000.") {
		t.Errorf("the later change is missing:\n%s", describe(on))
	}
	if same := Read(Options{Dir: r.content, Since: whole}); same != whole {
		t.Error("a history of the same commit was read again")
	}
	var buf strings.Builder
	if err := whole.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Decode(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := describe(back), describe(whole); got != want {
		t.Errorf("kept and read back:\n%s\nwant:\n%s", got, want)
	}
	// After history is rewritten, a kept log of a commit that is no
	// longer an ancestor is not trusted.
	r.git("reset", "-q", "--hard", "HEAD~1")
	r.write("content/organizations/polaris.md", "+++\ntitle = \"Polaris\"\nsector = \"victim-services\"\n+++\n")
	r.commit("2026-09-02", "Polaris steps back")
	if got, want := describe(Read(Options{Dir: r.content, Since: whole})), describe(Read(Options{Dir: r.content})); got != want {
		t.Errorf("after a rewrite:\n%s\nwant:\n%s", got, want)
	}
	// Damaged or foreign bytes are refused.
	for _, bad := range []string{"", "not gob", buf.String()[:len(buf.String())/2]} {
		if _, err := Decode(strings.NewReader(bad)); err == nil {
			t.Errorf("Decode accepted %d damaged bytes", len(bad))
		}
	}
	if err := Read(Options{Dir: t.TempDir()}).Encode(&buf); err == nil {
		t.Error("a history with a note was kept")
	}
}

// A blobless clone (Netlify clones so) reads its earlier versions in one
// fetch, and says what a whole clone says.
// partialClone clones r through a bare copy that serves partial clones,
// leaving out what filter says (git clone --filter), and returns the
// clone's folder. It skips the test when Git made a whole clone.
func (r *repo) partialClone(t *testing.T, filter string) string {
	t.Helper()
	bare := filepath.Join(t.TempDir(), "bare.git")
	r.git("clone", "-q", "--bare", r.dir, bare)
	r.git("-C", bare, "config", "uploadpack.allowFilter", "true")
	r.git("-C", bare, "config", "uploadpack.allowAnySHA1InWant", "true")
	clone := filepath.Join(t.TempDir(), "clone")
	r.git("clone", "-q", "--filter="+filter, "file://"+bare, clone)
	if strings.Count(r.git("-C", clone, "rev-list", "--objects", "--missing=print", "HEAD"), "?") == 0 {
		t.Skip("this Git made a whole clone")
	}
	return clone
}

// A history costs one git process (rev-parse), from scratch or after a
// commit: the walk reads the commits, and the few earlier versions are
// read from the objects, as git cat-file reads them; the config is not
// asked about promisor remotes when no pack came from one.
func TestHistoryAsksGitOnce(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the wrapper is a shell script")
	}
	r := exampleRepo(t)
	calls := filepath.Join(t.TempDir(), "calls")
	wrapper := filepath.Join(t.TempDir(), "git")
	script := "#!/bin/sh\necho \"$1\" >> '" + calls + "'\nexec git \"$@\"\n"
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	asked := func() []string {
		b, _ := os.ReadFile(calls)
		os.Remove(calls)
		return strings.Fields(string(b))
	}
	log := Read(Options{Dir: r.content, Git: wrapper})
	if got := asked(); !slices.Equal(got, []string{"rev-parse"}) {
		t.Errorf("a history from scratch asked git %q, want one rev-parse", got)
	}
	// The same as git cat-file reads; and cat-file, when it reads them,
	// is not preceded by a question to the config.
	defer func(n int) { fewVersions = n }(fewVersions)
	fewVersions = 0
	if got, want := describe(log), describe(Read(Options{Dir: r.content, Git: wrapper})); got != want {
		t.Errorf("versions read from the objects:\n%s\nby git cat-file:\n%s", got, want)
	}
	if got := asked(); slices.Contains(got, "config") || !slices.Contains(got, "cat-file") {
		t.Errorf("versions read by git cat-file asked git %q", got)
	}
	fewVersions = 64
	r.write("content/objectives/prevention-pv-1.md", objective("in-progress", `{ date = 2026-02-01, value = 1200 }, { date = 2026-07-15, value = 2000 }`, "three"))
	r.commit("2026-08-01", "PV-1 back under way")
	next := Read(Options{Dir: r.content, Git: wrapper, Since: log})
	if got := asked(); !slices.Equal(got, []string{"rev-parse"}) {
		t.Errorf("a history after a commit asked git %q, want one rev-parse", got)
	}
	if got, want := describe(next), describe(Read(Options{Dir: r.content})); got != want {
		t.Errorf("after a commit:\n%s\nfrom scratch:\n%s", got, want)
	}
}

func TestBloblessClone(t *testing.T) {
	r := exampleRepo(t)
	clone := r.partialClone(t, "blob:none")
	// Git may not fetch a missing version one at a time: only the one
	// request made beforehand can bring them.
	t.Setenv("GIT_NO_LAZY_FETCH", "1")
	log := Read(Options{Dir: filepath.Join(clone, "content")})
	if got, want := describe(log), describe(Read(Options{Dir: r.content})); got != want {
		t.Errorf("blobless clone:\n%s\nwhole:\n%s", got, want)
	}
}

// In a blobless clone, a file renamed with an edit is found as in a
// whole clone: the walk cannot compare texts it does not hold, so git is
// asked about that commit, the texts fetched beforehand in one request.
func TestBloblessCloneRenames(t *testing.T) {
	r := exampleRepo(t)
	r.renamePolaris(t, "Polaris renamed, with its new name")
	clone := r.partialClone(t, "blob:none")
	t.Setenv("GIT_NO_LAZY_FETCH", "1")
	content := filepath.Join(clone, "content")
	head := strings.TrimSpace(r.git("-C", clone, "rev-parse", "HEAD"))
	w, err := newWalker(content, "git", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.store.Close()
	start, _ := gitobj.ParseID(head)
	if _, _, err := w.walk(content, "git", start); err != nil {
		t.Fatalf("the walk of a blobless clone: %v", err)
	}
	if len(w.asked) != 1 || w.asked[0].Subject != "Polaris renamed, with its new name" {
		t.Errorf("git was asked about %d commits", len(w.asked))
	}
	log := Read(Options{Dir: content})
	if got, want := describe(log), describe(Read(Options{Dir: r.content})); got != want {
		t.Errorf("blobless clone:\n%s\nwhole:\n%s", got, want)
	}
	// The renamed file keeps its history.
	got := subjects(log.Changes("organizations/polaris-project.md"))
	if want := []string{"Polaris renamed, with its new name", "Polaris joins and funds PV-1"}; !slices.Equal(got, want) {
		t.Errorf("the renamed file's history: %q, want %q", got, want)
	}
}

// What a draft says never reaches the history: a draft organization
// joining is not told, and when it is published it joins then.
func TestDraftsStayOutOfHistory(t *testing.T) {
	r := newRepo(t)
	r.write("content/objectives/pv-1.md", objective("planned", "", "one"))
	r.write("content/organizations/secret.md", "+++\ntitle = \"Secret Shelter\"\nsector = \"victim-services\"\nobjectives = [\"PV-1\"]\ndraft = true\n+++\n")
	r.commit("2026-01-10", "Add")
	r.write("content/organizations/secret.md", "+++\ntitle = \"Open Shelter\"\nsector = \"victim-services\"\nobjectives = [\"PV-1\"]\n+++\n")
	r.commit("2026-02-10", "Publish the shelter")
	log := Read(Options{Dir: r.content})
	money := func(v float64) string { return analysis.FormatFigure(v) }
	var said []string
	for _, e := range log.Events("objectives/pv-1.md", "PV-1") {
		said = append(said, e.Commit.Subject+": "+Phrase(e, money, func(s string) string { return s }))
	}
	got := strings.Join(said, "\n")
	if strings.Contains(got, "Secret") || !strings.Contains(got, "Publish the shelter: Open Shelter started working on it.") {
		t.Errorf("events:\n%s", got)
	}
}

func TestMayBeInRepository(t *testing.T) {
	t.Setenv("GIT_DIR", "")
	t.Setenv("GIT_WORK_TREE", "")
	root := t.TempDir()
	deep := filepath.Join(root, "repo", "site", "content")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if MayBeInRepository(root) {
		t.Skipf("%s is inside a Git repository: nothing to compare", root)
	}
	if MayBeInRepository(deep) {
		t.Errorf("%s: no .git above it, yet a repository is assumed", deep)
	}
	// A worktree's or submodule's .git is a file.
	if err := os.WriteFile(filepath.Join(root, "repo", ".git"), []byte("gitdir: /elsewhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !MayBeInRepository(deep) {
		t.Errorf("%s: the .git two folders up is not seen", deep)
	}
	t.Setenv("GIT_DIR", "/elsewhere")
	if !MayBeInRepository(root) {
		t.Error("GIT_DIR names a repository, yet none is assumed")
	}
}

// newestIsStory requires Newest to be the start of Story and to count
// it, for every objective of l and every length, and l to have stories
// long enough, told by more than their own files, for that to say
// something.
func newestIsStory(t *testing.T, l *Log) {
	t.Helper()
	long := 0
	for rel := range l.files {
		if !strings.HasPrefix(rel, "objectives/") {
			continue
		}
		for _, id := range []string{"PV-1", ""} {
			story := l.Story(rel, id)
			if id != "" && len(story) > 5 && len(l.events[id]) > 0 {
				long++
			}
			for n := range len(story) + 2 {
				got, total := l.Newest(rel, id, n)
				want := story[:min(n, len(story))]
				if total != len(story) || !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
					t.Fatalf("Newest(%s, %q, %d): %d entries of %d, want %d of %d", rel, id, n, len(got), total, len(want), len(story))
				}
			}
		}
	}
	if long == 0 {
		t.Error("no objective's story is long and told by other files")
	}
}

// renamePolaris commits, with subject, the example's Polaris renamed
// with an edit (git log -M finds it by likeness), and another file added.
func (r *repo) renamePolaris(t *testing.T, subject string) {
	t.Helper()
	r.git("mv", "content/organizations/polaris.md", "content/organizations/polaris-project.md")
	r.write("content/organizations/polaris-project.md", "+++\ntitle = \"Polaris Project\"\nsector = \"victim-services\"\nobjectives = [\"PV-1\"]\n[[funding]]\nobjective = \"PV-1\"\namount = 50000\nyear = 2026\n+++\n\nIts new name.\n")
	r.write("content/organizations/other.md", "+++\ntitle = \"Other\"\nsector = \"advocacy\"\n+++\n")
	r.commit("2026-08-01", subject)
	if log := r.git("log", "-1", "-M", "--raw", "--format="); !regexp.MustCompile(`R0[0-9][0-9]\s`).MatchString(log) {
		t.Fatalf("the commit is no rename with an edit:\n%s", log)
	}
}

// A subject is shown as text: what a terminal or an editor may leave in
// a commit message (an escape sequence, a bell, bytes that are not UTF-8,
// a noncharacter) does not reach a page or a feed, read from the objects
// or by git log alike.
func TestSubjectsAreText(t *testing.T) {
	for in, want := range map[string]string{
		"Plain subject":                          "Plain subject",
		"  spaced \t":                            "spaced",
		"red \x1b[31mtext\x1b[0m and a bell\x07": "red [31mtext[0m and a bell",
		"tab\there":                              "tab here",
		"not UTF-8: \xff\xfe!":                   "not UTF-8: \ufffd\ufffd!",
		"nonchar \uffff and \ufdd0 gone":         "nonchar  and  gone",
		"a C1 control \u0085 too":                "a C1 control  too",
		"kept: é 中文 \ufffd 🙂":                    "kept: é 中文 \ufffd 🙂",
	} {
		if got := cleanSubject(in); got != want {
			t.Errorf("cleanSubject(%q) = %q, want %q", in, got, want)
		}
	}
	r := exampleRepo(t)
	r.write("content/objectives/prevention-pv-1.md", objective("at-risk", `{ date = 2026-02-01, value = 1200 }`, "three"))
	r.commit("2026-08-01", "PV-1 \x1b[31mat risk\x1b[0m\x07 done")
	defer func() { readObjects = true }()
	for _, objects := range []bool{true, false} {
		readObjects = objects
		log := Read(Options{Dir: r.content})
		if got, want := log.Commits[0].Subject, "PV-1 [31mat risk[0m done"; got != want {
			t.Errorf("read from the objects %v: subject %q, want %q", objects, got, want)
		}
	}
}
