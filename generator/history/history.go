// Package history reads what Git remembers of a content folder: which
// commits changed each file, and, for the strategy's objectives, what
// those changes meant (a status changed, an organization joined, money
// was committed, an indicator got a new value).
//
// It runs a few Git processes a build, whatever the number of files: one
// asks for the commit and whether the history is whole (rev-parse), one
// lists every commit with the files it changed (git log --raw), one reads
// the earlier versions of objectives, organizations and partnerships (git
// cat-file --batch), which package load parses as it parses today's. A
// partial clone first fetches those versions in one request (prefetch);
// a history kept from an earlier commit (Options.Since, Encode) is read
// on with merge-base and a log of the new commits only.
//
// A folder outside Git, a computer without Git or a shallow clone is not
// an error: the Log says why its history is missing or cut short (Note),
// and the build goes on. The same commit always gives the same Log.
package history

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/commonagenda/agenda/generator/internal/gitobj"
	"github.com/commonagenda/agenda/generator/load"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/timeline"
)

// Commit is one commit that changed the content folder.
type Commit struct {
	Hash    string
	Date    time.Time // the commit's date (committer), in UTC
	Subject string
}

// Short is the commit's abbreviated hash, as people quote it.
func (c *Commit) Short() string { return c.Hash[:min(len(c.Hash), 7)] }

// Day is the commit's day, in UTC.
func (c *Commit) Day() model.Date {
	t := c.Date.UTC()
	return model.Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

// Change is one commit's change to one file.
type Change struct {
	Commit *Commit
	// Kind is 'A' (added), 'M' (modified), 'R' (renamed, and maybe
	// modified) or 'D' (deleted).
	Kind byte
	// blob is the file's Git object after the change ("" when deleted);
	// path its name in that commit.
	blob, path string
}

// Log is a content folder's history.
type Log struct {
	// Head is the commit the history ends at; "" when there is none.
	Head string
	// Note says, for people, why the history is missing or incomplete;
	// "" when it is whole.
	Note string
	// Shallow is set when the repository is a shallow clone: the oldest
	// commit read is not the first.
	Shallow bool
	// Commits are the commits that changed the folder, newest first.
	Commits []*Commit
	// order is each commit's place in Commits.
	order map[*Commit]int
	// files are each file's changes, newest first, by its name today
	// (renames followed).
	files map[string][]Change
	// fileEvents are what each file's versions said changed in the
	// strategy (an objective's own file's in the order Events returns
	// them); events are those of the files that are not objectives, by
	// the id of the objective they concern (see Events, index).
	fileEvents map[string][]Event
	events     map[string][]*Event
	// eventCommits are the commits of events, each once, in their order.
	eventCommits map[string][]*Commit
	// indexed makes events when they are first asked for (index): a
	// history read from a build cache and extended at once by a new
	// commit never asks.
	indexed sync.Once
	// timelines are each objective file's statuses over time.
	timelines map[string][]StatusPoint
}

// Changes are the commits that changed the file at rel (a slash path
// in the content folder), newest first, under its earlier names too.
func (l *Log) Changes(rel string) []Change {
	if l == nil {
		return nil
	}
	return l.files[rel]
}

// Updated is the date of the last commit that changed the file at rel;
// the zero time when none did.
func (l *Log) Updated(rel string) time.Time {
	if ch := l.Changes(rel); len(ch) > 0 {
		return ch[0].Commit.Date
	}
	return time.Time{}
}

// LastChange is when the page made from doc last changed: updated, the
// front matter's date, when set, else the day of the last commit that
// changed its file; updated (zero) when neither is known.
func (l *Log) LastChange(doc *model.Doc, updated model.Date) model.Date {
	if doc == nil {
		return updated
	}
	return l.LastChangeOf(doc.Rel, updated)
}

// LastChangeOf is LastChange of the page made from the file at rel.
func (l *Log) LastChangeOf(rel string, updated model.Date) model.Date {
	if !updated.IsZero() || rel == "" {
		return updated
	}
	if ch := l.Changes(rel); len(ch) > 0 {
		return ch[0].Commit.Day()
	}
	return updated
}

// Known reports whether the log holds any history at all.
func (l *Log) Known() bool { return l != nil && len(l.Commits) > 0 }

func newLog() *Log {
	return &Log{files: map[string][]Change{}, fileEvents: map[string][]Event{}, timelines: map[string][]StatusPoint{}}
}

// Options say where the history is and what to read of it.
type Options struct {
	// Dir is the content folder.
	Dir string
	// Git is the program to run; "git" when empty.
	Git string
	// Since, when set, is the history of an earlier commit: read again
	// only from there (see Encode).
	Since *Log
	// Current, when set, returns what package load made of the file at
	// rel as it is now and its document (nil when it made nothing of
	// it): a file whose last commit left it as it is now (its Blob) is
	// not read again from Git.
	Current func(rel string) (any, *model.Doc)
}

// MayBeInRepository reports whether the folder dir may be in a Git
// repository: Git's variables name one, or dir or a folder above it holds
// a .git. It costs a few stat calls, where asking Git costs a process; a
// build uses it to skip work only the history needs (load.Options.Blobs),
// so a wrong yes costs time, never a wrong page.
func MayBeInRepository(dir string) bool {
	if os.Getenv("GIT_DIR") != "" || os.Getenv("GIT_WORK_TREE") != "" {
		return true
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return true
	}
	for {
		if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil || !errors.Is(err, fs.ErrNotExist) {
			return true
		}
		up := filepath.Dir(abs)
		if up == abs {
			return false
		}
		abs = up
	}
}

// readObjects is whether the history is read from the repository's
// objects when it can be (walkLog), rather than from git log: off only
// in tests, which compare the two.
var readObjects = true

// Read reads the history of the content folder. It never fails: a Log
// without commits says why in its Note.
func Read(opts Options) *Log {
	git := cmp.Or(opts.Git, "git")
	log := newLog()
	// One git process says whether the clone is shallow, where the
	// objects are (see locate) and the commit; a Git older than 2.25,
	// which knows no --show-object-format, is asked the first and the
	// last alone, and the walk asks it again (findObjects).
	var at *place
	out, err := run(opts.Dir, nil, git, append(append([]string{"rev-parse", "--is-shallow-repository"}, placeArgs...), "HEAD")...)
	if lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n"); err == nil && len(lines) == placeLines+2 {
		at = locate(opts.Dir, lines[1:len(lines)-1])
		out = []byte(lines[0] + "\n" + lines[len(lines)-1] + "\n")
	} else {
		out, err = run(opts.Dir, nil, git, "rev-parse", "--is-shallow-repository", "HEAD")
	}
	if err != nil {
		var ee *exec.Error
		switch {
		case errors.As(err, &ee) || errors.Is(err, fs.ErrNotExist):
			log.Note = "Git is not installed here, so the pages show no history of changes."
		case strings.Contains(err.Error(), "ambiguous argument 'HEAD'"):
			log.Note = "The repository has no commits yet, so the pages show no history of changes."
		default:
			log.Note = "The content folder is not in a Git repository, so the pages show no history of changes."
		}
		return log
	}
	lines := strings.Fields(string(out))
	if len(lines) != 2 {
		log.Note = "Git's answer could not be read, so the pages show no history of changes."
		return log
	}
	log.Shallow, log.Head = lines[0] == "true", lines[1]
	if since := opts.Since; since.complete() && !log.Shallow {
		if since.Head == log.Head {
			return since
		}
		// A log of an earlier commit of this history needs only the
		// commits after it (not after a rebase or a force push).
		if l := since.extend(opts, git, log.Head, at); l != nil {
			return l
		}
	}
	endLog := timeline.Begin("history: commits and their changes")
	commits, changes, note := listChanges(opts.Dir, git, log, at)
	endLog()
	if note != "" {
		log.Note = note
		return log
	}
	log.setCommits(commits)
	log.files, _ = follow(changes)
	if log.Shallow && len(commits) > 0 {
		log.Note = "The repository is a shallow clone, so the history shown starts at " +
			commits[len(commits)-1].Date.Format("2006-01-02") +
			" (fetch the whole history to show all of it: fetch-depth: 0 with actions/checkout)."
	}
	current, versions, err := readAllVersions(opts, git, log.files, at)
	if err != nil {
		log.Note = fmt.Sprintf("Git could not read earlier versions of the files (%s), so the pages show which commits changed them but not what changed.", firstLine(err.Error()))
		return log
	}
	defer timeline.Begin("history: what changed")()
	log.derive(nil, versions, current)
	return log
}

// now is a versioned file whose last commit left it as it is now: its
// entity as the build parsed it (Options.Current's), which Git need not
// be asked for, and a reader of its versions that knows it.
type now struct {
	item     any
	versions *load.Versions
}

// currentVersions are the versioned files whose last commit left them as
// they are now, by name.
func currentVersions(opts Options, files map[string][]Change) map[string]now {
	if opts.Current == nil {
		return nil
	}
	var rels []string
	for rel, chs := range files {
		if versioned(rel) && len(chs) > 0 && chs[0].blob != "" {
			rels = append(rels, rel)
		}
	}
	found := make([]now, len(rels))
	for i, rel := range rels {
		item, doc := opts.Current(rel)
		if item == nil || doc == nil || gitobj.ID(doc.Blob).String() != files[rel][0].blob {
			continue
		}
		found[i] = now{item: item, versions: &load.Versions{}}
		if len(files[rel]) > 1 {
			found[i].versions.Known(rel, doc.FrontSum, item)
		}
	}
	out := make(map[string]now, len(rels))
	for i, n := range found {
		if n.item != nil {
			out[rels[i]] = n
		}
	}
	return out
}

// listChanges lists the commits that changed the folder dir, newest
// first, and their changes: from the repository's objects when it can
// (walkLog), else with git log, and with git log for a shallow clone,
// whose oldest commits name parents it does not have (git log knows
// where it was cut). note says, for people, why nothing could be listed.
func listChanges(dir, git string, log *Log, at *place) ([]*Commit, []rawChange, string) {
	if readObjects && !log.Shallow {
		if commits, changes, err := walkLog(dir, git, log.Head, at); err == nil {
			return commits, changes, ""
		}
	}
	raw, err := gitLog(dir, git, "HEAD")
	if err != nil {
		return nil, nil, fmt.Sprintf("Git could not list the history (%s), so the pages show no history of changes.", firstLine(err.Error()))
	}
	commits, changes, err := parseLog(raw)
	if err != nil {
		return nil, nil, "Git's history could not be read (" + err.Error() + "), so the pages show no history of changes."
	}
	return commits, changes, ""
}

// gitLog lists the commits of revs with the files each changed in the
// folder dir (see parseLog; commits that changed nothing there are left
// out by parseLog). No path is given to git log: limiting the history to
// a path costs Git a comparison of trees for every commit, as much again
// as listing the changes, while --relative alone keeps the changes
// outside the folder out of the list. Git's rename limit is the walk's
// (renameLimit), whatever the computer's settings say.
func gitLog(dir, git string, revs ...string) ([]byte, error) {
	args := []string{"-c", "log.showSignature=false", "-c", "diff.renameLimit=" + strconv.Itoa(renameLimit), "log", "-z", "--raw", "-M", "--no-abbrev",
		"--relative", "--no-color", "--format=%x1e%H%x1f%ct%x1f%s"}
	args = append(args, revs...)
	return run(dir, nil, git, args...)
}

// setCommits makes commits the log's, newest first.
func (l *Log) setCommits(commits []*Commit) {
	l.Commits = commits
	l.order = make(map[*Commit]int, len(commits))
	for i, c := range commits {
		l.order[c] = i
	}
}

// complete reports whether l is a whole history that a later one may
// start from.
func (l *Log) complete() bool {
	return l != nil && l.Head != "" && l.Note == "" && !l.Shallow
}

// extend returns the log of head: l's, with the commits since l.Head and
// what they changed (read from the objects when they are a line,
// walkSince, else with git log). The files those commits changed have
// their versions read again; the others keep l's events. It returns nil
// when l.Head is not an ancestor of head (a rebase, a force push) or Git
// could not say, and the caller reads anew.
func (l *Log) extend(opts Options, git, head string, at *place) *Log {
	commits, changes, err := []*Commit(nil), []rawChange(nil), errNotALine
	if readObjects {
		// Reached by first parents, l.Head is an ancestor.
		commits, changes, err = walkSince(opts.Dir, git, head, l.Head, at)
	}
	if err != nil {
		if _, err := run(opts.Dir, nil, git, "merge-base", "--is-ancestor", l.Head, head); err != nil {
			return nil // not an ancestor (a rebase, a force push): read anew
		}
		raw, err := gitLog(opts.Dir, git, l.Head+".."+head)
		if err != nil {
			return nil
		}
		if commits, changes, err = parseLog(raw); err != nil {
			return nil
		}
	}
	next := newLog()
	next.Head = head
	next.setCommits(slices.Concat(commits, l.Commits))
	recent, renamed := follow(changes)
	now := func(p string) string {
		if n, ok := renamed[p]; ok {
			return n
		}
		return p
	}
	touched := []string{} // not nil: derive reads every file for nil
	for rel, chs := range recent {
		next.files[rel] = slices.Clone(chs)
		if versioned(rel) {
			touched = append(touched, rel)
		}
	}
	for rel, chs := range l.files {
		name := now(rel)
		if len(next.files[name]) == 0 {
			next.files[name] = chs // shared: a list of changes is never written after it is made
		} else {
			next.files[name] = append(next.files[name], chs...)
		}
	}
	for rel, evs := range l.fileEvents {
		if _, again := recent[now(rel)]; !again && now(rel) == rel {
			next.fileEvents[rel] = evs
		}
	}
	for rel, tl := range l.timelines {
		if _, again := recent[now(rel)]; !again && now(rel) == rel {
			next.timelines[rel] = tl
		}
	}
	files := make(map[string][]Change, len(touched))
	for _, rel := range touched {
		files[rel] = next.files[rel]
	}
	current, versions, err := readAllVersions(opts, git, files, at)
	if err != nil {
		return nil
	}
	next.derive(touched, versions, current)
	return next
}

// cleanSubject is a commit's subject as pages and feeds show it: what a
// terminal or an editor may leave in one (an escape sequence's ESC, a
// bell, a byte that is not UTF-8, a noncharacter) is no text, and no
// HTML or XML may hold it. Control characters go (a tab is a space),
// bytes that are not UTF-8 become U+FFFD, noncharacters go; spaces at
// either end are trimmed.
func cleanSubject(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || r < 0x20 || r >= 0x7f && r < 0xa0 || isNonchar(r) {
			clean = false
			break
		}
	}
	if clean {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == utf8.RuneError: // a byte that is not UTF-8, or U+FFFD itself
			b.WriteRune(utf8.RuneError)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r >= 0x7f && r < 0xa0 || isNonchar(r):
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// isNonchar reports Unicode's noncharacters (U+FDD0-FDEF, and the last
// two of every plane), which no document may hold.
func isNonchar(r rune) bool {
	return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// run runs git in dir with stdin, returning its output; an error holds
// what it printed on its error stream.
func run(dir string, stdin io.Reader, git string, args ...string) ([]byte, error) {
	cmd := exec.Command(git, args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// gitEnv is the environment Git runs in: the user's, with nothing that
// would change what a history reads as (a pager, a replacement of
// objects, a language for messages).
func gitEnv() []string {
	env := append(os.Environ(), "GIT_PAGER=cat", "GIT_NO_REPLACE_OBJECTS=1", "LC_ALL=C", "GIT_TERMINAL_PROMPT=0")
	if _, set := os.LookupEnv("GLIBC_TUNABLES"); !set {
		// git log rebuilds each version of a large folder's tree in
		// memory it asks for and gives back; with the C library's
		// defaults, that is a system call and page faults each time
		// (a sixth of its time on a folder of 8,000 files).
		env = append(env, "GLIBC_TUNABLES=glibc.malloc.mmap_threshold=67108864:glibc.malloc.trim_threshold=268435456")
	}
	return env
}

// rawChange is one file of one commit in git log --raw.
type rawChange struct {
	commit   *Commit
	kind     byte
	blob     string
	old, new string // old is set for renames
}

// parseLog reads git log -z --raw --format=%x1e%H%x1f%ct%x1f%s: each
// commit is \x1e, its hash, time and subject separated by \x1f, a NUL,
// then its files, each ":modes blobs STATUS\0path\0" (renames and copies
// carry two paths).
func parseLog(out []byte) ([]*Commit, []rawChange, error) {
	var commits []*Commit
	var changes []rawChange
	for rec := range bytes.SplitSeq(out, []byte{0x1e}) {
		if len(bytes.TrimSpace(rec)) == 0 {
			continue
		}
		head, rest, _ := bytes.Cut(rec, []byte{0})
		fields := bytes.SplitN(head, []byte{0x1f}, 3)
		if len(fields) != 3 || len(fields[0]) < 7 {
			return nil, nil, errors.New("a commit without its hash, date or subject")
		}
		secs, err := strconv.ParseInt(string(fields[1]), 10, 64)
		if err != nil {
			return nil, nil, fmt.Errorf("commit %s has no date", fields[0])
		}
		c := &Commit{Hash: string(fields[0]), Date: time.Unix(secs, 0).UTC(), Subject: cleanSubject(string(fields[2]))}
		before := len(changes)
		tokens := bytes.Split(bytes.TrimLeft(rest, "\n"), []byte{0})
		for i := 0; i < len(tokens); i++ {
			meta := tokens[i]
			if len(meta) == 0 {
				continue
			}
			if meta[0] != ':' {
				return nil, nil, fmt.Errorf("commit %s: unexpected %q", c.Short(), meta)
			}
			f := strings.Fields(string(meta))
			if len(f) != 5 || len(f[4]) == 0 {
				return nil, nil, fmt.Errorf("commit %s: unexpected %q", c.Short(), meta)
			}
			ch := rawChange{commit: c, kind: f[4][0], blob: f[3]}
			if strings.Trim(ch.blob, "0") == "" {
				ch.blob = ""
			}
			paths := 1
			if ch.kind == 'R' || ch.kind == 'C' {
				paths = 2
			}
			if i+paths >= len(tokens) || len(tokens[i+1]) == 0 || len(tokens[i+paths]) == 0 {
				return nil, nil, fmt.Errorf("commit %s: a change without its path", c.Short())
			}
			if paths == 2 {
				ch.old = string(tokens[i+1])
			}
			ch.new = string(tokens[i+paths])
			i += paths
			if ch.kind == 'C' { // a copy is a new file
				ch.kind, ch.old = 'A', ""
			}
			switch ch.kind {
			case 'A', 'M', 'D', 'R':
			case 'T': // a type change: the file is still there
				ch.kind = 'M'
			default:
				continue
			}
			changes = append(changes, ch)
		}
		// A commit that changed nothing in the folder (git log lists
		// every commit: see gitLog) is not the folder's.
		if len(changes) > before {
			commits = append(commits, c)
		}
	}
	return commits, changes, nil
}

// follow groups the changes by file, newest first, under the name each
// file has at the newest commit: a file renamed keeps its history.
func follow(changes []rawChange) (map[string][]Change, map[string]string) {
	files := map[string][]Change{}
	// today maps a name a file had in an older commit to its name now.
	today := map[string]string{}
	name := func(p string) string {
		if n, ok := today[p]; ok {
			return n
		}
		return p
	}
	for _, ch := range changes { // newest first
		now := name(ch.new)
		files[now] = append(files[now], Change{Commit: ch.commit, Kind: ch.kind, blob: ch.blob, path: ch.new})
		if ch.kind == 'R' {
			today[ch.old] = now
		}
		if ch.kind == 'A' {
			// Before it was added, a file of this name was another file.
			delete(today, ch.new)
		}
	}
	return files, today
}

// readAllVersions reads every version of the files whose versions tell
// what changed in the strategy (see versioned), but the versions the
// build read already (current). The earlier versions are read from Git
// while the build still parses and links the files; the last versions,
// once it has: of those, Git is asked only for the files changed since
// the last commit.
func readAllVersions(opts Options, git string, files map[string][]Change, at *place) (map[string]now, map[string][]byte, error) {
	var older []string
	seen := map[string]bool{}
	for rel, chs := range files {
		if !versioned(rel) {
			continue
		}
		for _, ch := range chs[min(1, len(chs)):] {
			if ch.blob != "" && !seen[ch.blob] {
				seen[ch.blob] = true
				older = append(older, ch.blob)
			}
		}
	}
	type read struct {
		blobs map[string][]byte
		err   error
	}
	early := make(chan read, 1)
	go func() {
		defer timeline.Begin("history: earlier versions (git cat-file)")()
		blobs, err := readVersions(opts.Dir, git, older, at)
		early <- read{blobs, err}
	}()
	endCurrent := timeline.Begin("history: waits for the files as they are")
	current := currentVersions(opts, files)
	endCurrent()
	var rest []string
	for rel, chs := range files {
		if versioned(rel) && len(chs) > 0 && chs[0].blob != "" && current[rel].item == nil && !seen[chs[0].blob] {
			seen[chs[0].blob] = true
			rest = append(rest, chs[0].blob)
		}
	}
	r := <-early
	if r.err != nil {
		return nil, nil, r.err
	}
	if len(rest) > 0 {
		defer timeline.Begin("history: last versions changed since (git cat-file)")()
		more, err := readVersions(opts.Dir, git, rest, at)
		if err != nil {
			return nil, nil, err
		}
		maps.Copy(r.blobs, more)
	}
	return current, r.blobs, nil
}

// readVersions reads, in one git cat-file, the blobs want; a few (a
// build after a commit or two) are read from the objects themselves when
// at says where they are, and only those not there are asked of git.
func readVersions(dir, git string, want []string, at *place) (map[string][]byte, error) {
	if len(want) == 0 {
		return map[string][]byte{}, nil
	}
	slices.Sort(want)
	blobs := make(map[string][]byte, len(want))
	if len(want) <= fewVersions && at != nil && at.err == nil {
		want = readFew(at.objects, want, blobs)
		if len(want) == 0 {
			return blobs, nil
		}
	}
	var objects string
	if at != nil {
		objects = at.objects
	}
	prefetch(dir, git, objects, want)
	cmd := exec.Command(git, "cat-file", "--batch")
	cmd.Dir = dir
	cmd.Env = gitEnv()
	cmd.Stdin = strings.NewReader(strings.Join(want, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	readErr := readBatch(bufio.NewReaderSize(stdout, 1<<16), len(want), blobs)
	if readErr != nil {
		io.Copy(io.Discard, stdout)
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return blobs, readErr
}

// fewVersions is how many versions readVersions reads without git: a
// process of git's costs more than reading a few, and for many its
// cat-file is as fast as the walk's reading (the versions of a history
// of 2,000 commits: 0.10 s of CPU either way).
var fewVersions = 64

// readFew reads the blobs want from the objects in the folder objects
// into blobs, and returns those it could not read (not there: a partial
// clone's; or damaged), for git to read.
func readFew(objects string, want []string, blobs map[string][]byte) (left []string) {
	store, err := gitobj.Open(objects)
	if err != nil {
		return want
	}
	defer store.Close()
	for _, hash := range want {
		id, err := gitobj.ParseID(hash)
		if err != nil {
			left = append(left, hash)
			continue
		}
		data, err := store.ReadKind(id, gitobj.Blob)
		switch {
		case err != nil:
			left = append(left, hash)
		case len(data) <= maxVersion: // larger ones are left out, as readBatch leaves them
			blobs[hash] = bytes.Clone(data) // the store's buffers are its own
		}
	}
	return left
}

// prefetch fetches the versions want in one go when the repository is a
// partial clone (as Netlify's blobless clones are): Git would otherwise
// fetch each one alone when cat-file asks for it, one round trip each.
// Failing is not an error: cat-file then fetches what it still needs.
// objects, when known, is the folder of the objects: a repository that
// never fetched from a promisor remote has no pack marked as fetched from
// one (a .promisor file), and git need not be asked.
func prefetch(dir, git, objects string, want []string) {
	if objects != "" {
		if marked, err := filepath.Glob(filepath.Join(objects, "pack", "*.promisor")); err == nil && len(marked) == 0 {
			return
		}
	}
	out, err := run(dir, nil, git, "config", "--get-regexp", `^remote\..*\.promisor$`)
	if err != nil {
		return // not a partial clone
	}
	for line := range strings.Lines(string(out)) {
		key, value, _ := strings.Cut(strings.TrimSpace(line), " ")
		if value != "true" {
			continue
		}
		remote := strings.TrimSuffix(strings.TrimPrefix(key, "remote."), ".promisor")
		run(dir, strings.NewReader(strings.Join(want, "\n")+"\n"), git, "-c", "fetch.negotiationAlgorithm=noop",
			"fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--recurse-submodules=no", "--filter=blob:none", "--stdin", remote)
		return
	}
}

// maxVersion is the largest earlier version read; larger ones are left
// out (load refuses such files too).
const maxVersion = 4 << 20

// readBatch reads n answers of git cat-file --batch: "<hash> blob
// <size>\n<bytes>\n", or "<hash> missing\n".
func readBatch(r *bufio.Reader, n int, blobs map[string][]byte) error {
	for range n {
		line, err := r.ReadString('\n')
		if err != nil {
			return err
		}
		f := strings.Fields(line)
		if len(f) == 2 && f[1] == "missing" {
			continue
		}
		if len(f) != 3 {
			return fmt.Errorf("unexpected %q", strings.TrimSpace(line))
		}
		size, err := strconv.Atoi(f[2])
		if err != nil || size < 0 {
			return fmt.Errorf("unexpected %q", strings.TrimSpace(line))
		}
		if size > maxVersion {
			if _, err := r.Discard(size + 1); err != nil {
				return err
			}
			continue
		}
		data := make([]byte, size+1)
		if _, err := io.ReadFull(r, data); err != nil {
			return err
		}
		if f[1] == "blob" {
			blobs[f[0]] = data[:size]
		}
	}
	return nil
}
