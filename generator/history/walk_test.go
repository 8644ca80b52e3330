package history

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// sameAsGitLog requires walkLog to give, for the content folder dir,
// what parseLog makes of git log, and returns how long each took.
func sameAsGitLog(t *testing.T, dir string) (walk, gitlog time.Duration) {
	t.Helper()
	out, err := run(dir, nil, "git", "rev-parse", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	head := strings.TrimSpace(string(out))
	t0 := time.Now()
	commits, changes, err := walkLog(dir, "git", head, nil)
	if err != nil {
		t.Fatal(err)
	}
	t1 := time.Now()
	raw, err := gitLog(dir, "git", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	wantCommits, wantChanges, err := parseLog(raw)
	if err != nil {
		t.Fatal(err)
	}
	t2 := time.Now()
	if len(commits) != len(wantCommits) {
		t.Fatalf("%d commits, want %d", len(commits), len(wantCommits))
	}
	for i := range commits {
		if *commits[i] != *wantCommits[i] {
			t.Fatalf("commit %d: %+v, want %+v", i, *commits[i], *wantCommits[i])
		}
	}
	if len(changes) != len(wantChanges) {
		t.Errorf("%d changes, want %d", len(changes), len(wantChanges))
	}
	for i := range min(len(changes), len(wantChanges)) {
		a, b := changes[i], wantChanges[i]
		if a.commit.Hash != b.commit.Hash || a.kind != b.kind || a.blob != b.blob || a.old != b.old || a.new != b.new {
			t.Fatalf("change %d: %s %c %s %s→%s, want %s %c %s %s→%s", i, a.commit.Short(), a.kind, a.blob, a.old, a.new,
				b.commit.Short(), b.kind, b.blob, b.old, b.new)
		}
	}
	return t1.Sub(t0), t2.Sub(t1)
}

// TestWalkLogOnRepo compares walkLog with git log on the repository
// AGENDA_HISTORY_REPO names (a content folder), and says how long each
// took: go run ./cmd/synth -files 10000 -commits 2000 -out /tmp/hist.
func TestWalkLogOnRepo(t *testing.T) {
	dir := os.Getenv("AGENDA_HISTORY_REPO")
	if dir == "" {
		t.Skip("AGENDA_HISTORY_REPO not set")
	}
	walk, gitlog := sameAsGitLog(t, dir)
	t.Logf("walkLog %v, git log %v", walk, gitlog)
}

// TestWalkLogIsGitLog makes a history with everything a log meets (files
// added, changed, deleted, renamed with and without edits, made
// executable, turned into links and folders, changes outside the
// content folder, branches and merges, commits of the same second,
// subjects of several lines) and requires walkLog to read it as git log
// does: from loose objects, from packs with deltas, and through an
// alternate object folder.
func TestWalkLogIsGitLog(t *testing.T) {
	r := newRepo(t)
	rng := rand.New(rand.NewPCG(7, 11))
	var files []string
	// Real objectives and organizations, whose versions say something:
	// a status, a funding amount, a body that changes alone.
	statuses := []string{"planned", "in-progress", "at-risk"}
	write := func(rel string) {
		var b strings.Builder
		for i := range 20 + rng.IntN(40) {
			fmt.Fprintf(&b, "line %d of %s: %d\n", i, rel, rng.IntN(1000))
		}
		if strings.Contains(rel, "/objectives/") {
			r.write(rel, objective(statuses[rng.IntN(3)], "", b.String()))
			return
		}
		r.write(rel, fmt.Sprintf("+++\ntitle = \"Organization %d\"\nsector = \"government\"\nobjectives = [\"PV-1\"]\n[[funding]]\nobjective = \"PV-1\"\namount = %d\nyear = 2026\n+++\n\n%s",
			rng.IntN(3), 1000*(1+rng.IntN(3)), b.String()))
	}
	for i := range 300 {
		rel := fmt.Sprintf("content/organizations/org-%03d.md", i)
		files = append(files, rel)
		write(rel)
	}
	for i := range 8 {
		rel := fmt.Sprintf("content/objectives/pv-%d.md", i)
		files = append(files, rel)
		write(rel)
	}
	r.write("README.md", "outside\n")
	r.write("content/partnerships/p-0.md", "a partnership\n")
	day := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	commit := func(subject string) {
		r.git("add", "-A")
		// Some commits share their second with the one before.
		if rng.IntN(4) != 0 {
			day = day.Add(time.Duration(1+rng.IntN(50000)) * time.Second)
		}
		date := day.Format(time.RFC3339)
		cmd := exec.Command("git", "commit", "-q", "--allow-empty", "--cleanup=verbatim", "-m", subject)
		cmd.Dir = r.dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
			"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org",
			"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git commit: %v\n%s", err, out)
		}
	}
	commit("Start")
	pick := func() int { return rng.IntN(len(files)) }
	subjects := []string{"Edit", "Two lines \nof subject  \n\nand a body", "\n\nLeading blank lines", "Tabs\tand trailing spaces \t ", "Ünïcode — subject"}
	step := func(n int) {
		for range n {
			switch op := rng.IntN(12); {
			case op < 5:
				write(files[pick()])
			case op == 5: // delete
				i := pick()
				os.Remove(filepath.Join(r.dir, files[i]))
				files = append(files[:i], files[i+1:]...)
			case op == 6: // add
				rel := fmt.Sprintf("content/organizations/new-%d.md", rng.IntN(1e6))
				files = append(files, rel)
				write(rel)
			case op == 7, op == 8: // rename, sometimes with an edit
				i := pick()
				to := fmt.Sprintf("content/partnerships/moved-%d.md", rng.IntN(1e6))
				r.git("mv", files[i], to)
				files[i] = to
				if op == 8 {
					f, _ := os.OpenFile(filepath.Join(r.dir, to), os.O_APPEND|os.O_WRONLY, 0)
					f.WriteString("one more line\n")
					f.Close()
				}
			case op == 9: // mode
				os.Chmod(filepath.Join(r.dir, files[pick()]), 0o755)
			case op == 10: // outside the folder
				r.write(fmt.Sprintf("docs/note-%d.md", rng.IntN(5)), fmt.Sprint(rng.IntN(1000)))
			default: // a file becomes a folder, or a link
				i := pick()
				p := filepath.Join(r.dir, files[i])
				os.Remove(p)
				if rng.IntN(2) == 0 {
					os.Symlink("elsewhere.md", p)
				} else {
					r.write(files[i]+"/inside.md", "a file in a folder\n")
					files = append(files[:i], files[i+1:]...)
				}
			}
		}
		commit(subjects[rng.IntN(len(subjects))])
	}
	for i := range 40 {
		step(1 + rng.IntN(4))
		if i%10 == 5 {
			// A branch, changed on both sides, merged.
			r.git("checkout", "-q", "-b", fmt.Sprintf("side-%d", i))
			step(2)
			step(1)
			r.git("checkout", "-q", "main")
			step(1)
			r.git("-c", "user.name=T", "-c", "user.email=t@example.org", "merge", "-q", "--no-edit", "-X", "theirs", fmt.Sprintf("side-%d", i))
		}
	}
	// Renames git finds by their bytes alone, which the walk finds too,
	// beside one it must ask git about: two files of the same bytes
	// deleted and one added (git picks the one of the same name); an
	// empty file renamed; a link renamed; two files renamed at once.
	same := "the same bytes in two files\n"
	r.write("content/partnerships/twin.md", same)
	r.write("content/organizations/twin.md", same)
	r.write("content/organizations/empty.md", "")
	os.Symlink("twin.md", filepath.Join(r.dir, "content/organizations/link.md"))
	r.write("content/organizations/one.md", "one\n")
	r.write("content/organizations/two.md", "two\n")
	commit("Twins, an empty file, a link")
	os.Remove(filepath.Join(r.dir, "content/partnerships/twin.md"))
	os.Remove(filepath.Join(r.dir, "content/organizations/twin.md"))
	r.write("content/objectives/twin.md", same)
	commit("Twins gone, one back")
	r.git("mv", "content/organizations/empty.md", "content/partnerships/empty.md")
	r.git("mv", "content/organizations/link.md", "content/partnerships/link.md")
	commit("An empty file and a link renamed")
	r.git("mv", "content/organizations/one.md", "content/partnerships/one.md")
	r.git("mv", "content/organizations/two.md", "content/partnerships/two.md")
	r.write("content/partnerships/three.md", "three\n")
	commit("Two renamed, one added")
	sameAsGitLog(t, r.content)
	// The history has what the test is about.
	log := r.git("log", "--raw", "-M", "--format=%ct", "--relative=content")
	for _, want := range []string{" R100\t", " T\t", " D\t", "100755"} {
		if !strings.Contains(log, want) {
			t.Errorf("the history has no %q", want)
		}
	}
	if merges := r.git("rev-list", "--merges", "HEAD"); strings.Count(merges, "\n") < 3 {
		t.Errorf("the history has %d merges", strings.Count(merges, "\n"))
	}
	if !regexp.MustCompile(` R0*[1-9][0-9]?\t`).MatchString(log) {
		t.Error("the history has no rename with an edit")
	}
	if times := strings.Fields(r.git("log", "--format=%ct")); len(times) == len(slices.Compact(times)) {
		t.Error("no two commits share their second")
	}
	r.git("-c", "gc.auto=0", "repack", "-a", "-d", "-q", "--depth=8", "--window=50")
	sameAsGitLog(t, r.content)
	// Some objects packed, newer ones loose.
	step(3)
	step(2)
	sameAsGitLog(t, r.content)
	// Two packs, and an index of both (multi-pack-index).
	r.git("-c", "gc.auto=0", "repack", "-d", "-q")
	if packs, _ := filepath.Glob(filepath.Join(r.dir, ".git", "objects", "pack", "*.pack")); len(packs) != 2 {
		t.Fatalf("%d packs, want 2", len(packs))
	}
	sameAsGitLog(t, r.content)
	r.git("multi-pack-index", "write")
	sameAsGitLog(t, r.content)
	// A clone that borrows the objects of another (alternates).
	shared := filepath.Join(t.TempDir(), "shared")
	r.git("clone", "-q", "--shared", r.dir, shared)
	sameAsGitLog(t, filepath.Join(shared, "content"))
	// The folder at the top of the repository.
	sameAsGitLog(t, r.dir)
	// The whole history, versions read as the walk goes, is the one
	// read through git log.
	read := Read(Options{Dir: r.content})
	newestIsStory(t, read)
	got := describe(read)
	readObjects = false
	defer func() { readObjects = true }()
	if want := describe(Read(Options{Dir: r.content})); got != want {
		t.Errorf("history read from the objects:\n%s\nfrom git log:\n%s", got, want)
	}
	if !strings.Contains(got, "committed $") || !strings.Contains(got, "changed its commitment") {
		t.Errorf("the history says little:\n%s", got)
	}
}

// TestReadWithoutTheObjects reads a repository whose objects package
// gitobj cannot read (named by SHA-256): git log is asked instead, and
// the history is the one a SHA-1 repository of the same commits gives.
func TestReadWithoutTheObjects(t *testing.T) {
	sha1 := exampleRepo(t)
	want := describe(Read(Options{Dir: sha1.content}))
	needGit(t)
	r := &repo{t: t, dir: t.TempDir()}
	r.content = filepath.Join(r.dir, "content")
	cmd := exec.Command("git", "init", "-q", "-b", "main", "--object-format=sha256")
	cmd.Dir = r.dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("this Git makes no SHA-256 repositories: %v\n%s", err, out)
	}
	// The same commits, in the new repository.
	for _, c := range strings.Split(strings.TrimSpace(sha1.git("log", "--reverse", "--format=%H %as %s")), "\n") {
		hash, rest, _ := strings.Cut(c, " ")
		day, subject, _ := strings.Cut(rest, " ")
		os.RemoveAll(r.content)
		os.Remove(filepath.Join(r.dir, "README.md"))
		out := sha1.git("archive", "--format=tar", hash)
		tar := exec.Command("tar", "-x", "-C", r.dir)
		tar.Stdin = strings.NewReader(out)
		if b, err := tar.CombinedOutput(); err != nil {
			t.Fatalf("tar: %v\n%s", err, b)
		}
		r.commit(day, subject)
	}
	if _, err := newWalker(r.content, "git", nil); err == nil {
		t.Fatal("the objects of a SHA-256 repository were opened")
	}
	got := describe(Read(Options{Dir: r.content}))
	// Commit names differ; what they say does not.
	hashes := regexp.MustCompile(`\b[0-9a-f]{7,64}\b`)
	if g, w := hashes.ReplaceAllString(got, "#"), hashes.ReplaceAllString(want, "#"); g != w {
		t.Errorf("SHA-256 history:\n%s\nwant:\n%s", g, w)
	}
}

// TestTreelessClone reads a partial clone without the old trees (git
// clone --filter=tree:0): the walk finds a tree missing and asks git log,
// which fetches what it needs; the history is the whole one.
func TestTreelessClone(t *testing.T) {
	r := exampleRepo(t)
	clone := r.partialClone(t, "tree:0")
	content := filepath.Join(clone, "content")
	head := strings.TrimSpace(r.git("-C", clone, "rev-parse", "HEAD"))
	if _, _, err := walkLog(content, "git", head, nil); err == nil {
		t.Fatal("the walk read trees the clone does not have")
	}
	if got, want := describe(Read(Options{Dir: content})), describe(Read(Options{Dir: r.content})); got != want {
		t.Errorf("treeless clone:\n%s\nwhole:\n%s", got, want)
	}
}

// TestWalkSinceIsGitLog: the commits after an earlier one, read from
// the objects when they are a line, are what git log lists for the range
// (renames with an edit among them); merges, or an earlier commit that is
// no ancestor, are left to git log.
func TestWalkSinceIsGitLog(t *testing.T) {
	r := exampleRepo(t)
	r.renamePolaris(t, "Polaris renamed, with an edit")
	r.write("content/objectives/prevention-pv-1.md", objective("planned", "", "three"))
	r.commit("2026-08-02", "PV-1 planned again")
	hashes := strings.Fields(r.git("log", "--format=%H"))
	head := hashes[0]
	for _, since := range hashes[1:] {
		got, gotChanges, err := walkSince(r.content, "git", head, since, nil)
		if err != nil {
			t.Fatalf("since %s: %v", since[:7], err)
		}
		raw, err := gitLog(r.content, "git", since+".."+head)
		if err != nil {
			t.Fatal(err)
		}
		want, wantChanges, err := parseLog(raw)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || len(gotChanges) != len(wantChanges) {
			t.Fatalf("since %s: %d commits and %d changes, want %d and %d", since[:7], len(got), len(gotChanges), len(want), len(wantChanges))
		}
		for i := range got {
			if *got[i] != *want[i] {
				t.Errorf("since %s, commit %d: %+v, want %+v", since[:7], i, *got[i], *want[i])
			}
		}
		for i := range gotChanges {
			a, b := gotChanges[i], wantChanges[i]
			if a.commit.Hash != b.commit.Hash || a.kind != b.kind || a.blob != b.blob || a.old != b.old || a.new != b.new {
				t.Errorf("since %s, change %d: %c %s→%s, want %c %s→%s", since[:7], i, a.kind, a.old, a.new, b.kind, b.old, b.new)
			}
		}
	}
	// A merge between: left to git log.
	r.git("checkout", "-q", "-b", "side", "HEAD~1")
	r.write("content/organizations/side.md", "+++\ntitle = \"Side\"\nsector = \"advocacy\"\n+++\n")
	r.commit("2026-08-03", "On the side")
	r.git("checkout", "-q", "main")
	r.git("-c", "user.name=T", "-c", "user.email=t@example.org", "merge", "-q", "--no-edit", "side")
	merged := strings.TrimSpace(r.git("rev-parse", "HEAD"))
	if _, _, err := walkSince(r.content, "git", merged, hashes[2], nil); err != errNotALine {
		t.Errorf("across a merge: %v, want errNotALine", err)
	}
	// An earlier commit that is no ancestor (another branch's).
	side := strings.TrimSpace(r.git("rev-parse", "side"))
	if _, _, err := walkSince(r.content, "git", head, side, nil); err != errNotALine {
		t.Errorf("since a commit that is no ancestor: %v, want errNotALine", err)
	}
}
