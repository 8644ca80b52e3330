// Package history reads what Git remembers of a content folder: which
// commits changed each file, and, for the strategy's objectives, what
// those changes meant (a status changed, an organization joined, money
// was committed, an indicator got a new value).
//
// It runs three Git processes a build, whatever the number of files: one
// asks where the repository is and whether its history is whole, one
// lists every commit with the files it changed (git log --raw), one reads
// the earlier versions of objectives, organizations and partnerships (git
// cat-file --batch), which package load parses as it parses today's.
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
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Commit is one commit that changed the content folder.
type Commit struct {
	Hash    string
	Date    time.Time // the commit's date (committer), in UTC
	Subject string
}

// Short is the commit's abbreviated hash, as people quote it.
func (c *Commit) Short() string { return c.Hash[:min(len(c.Hash), 7)] }

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
	// events are what changed in the strategy, by the file or objective
	// they concern (see Events).
	events map[string][]Event
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

// Known reports whether the log holds any history at all.
func (l *Log) Known() bool { return l != nil && len(l.Commits) > 0 }

// Options say where the history is and what to read of it.
type Options struct {
	// Dir is the content folder.
	Dir string
	// Git is the program to run; "git" when empty.
	Git string
}

// Read reads the history of the content folder. It never fails: a Log
// without commits says why in its Note.
func Read(opts Options) *Log {
	git := cmp.Or(opts.Git, "git")
	log := &Log{files: map[string][]Change{}, events: map[string][]Event{}, timelines: map[string][]StatusPoint{}}
	out, err := run(opts.Dir, nil, git, "rev-parse", "--is-shallow-repository", "HEAD")
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
	raw, err := run(opts.Dir, nil, git, "-c", "log.showSignature=false", "log", "-z", "--raw", "-M", "--no-abbrev",
		"--relative", "--no-color", "--format=%x1e%H%x1f%ct%x1f%s", "HEAD", "--", ".")
	if err != nil {
		log.Note = fmt.Sprintf("Git could not list the history (%s), so the pages show no history of changes.", firstLine(err.Error()))
		return log
	}
	commits, changes, perr := parseLog(raw)
	if perr != nil {
		log.Note = "Git's history could not be read (" + perr.Error() + "), so the pages show no history of changes."
		return log
	}
	log.Commits = commits
	log.order = make(map[*Commit]int, len(commits))
	for i, c := range commits {
		log.order[c] = i
	}
	log.files = follow(changes)
	if log.Shallow {
		log.Note = "The repository is a shallow clone, so the history shown starts at " +
			commits[len(commits)-1].Date.Format("2006-01-02") +
			" (fetch the whole history to show all of it: fetch-depth: 0 with actions/checkout)."
	}
	versions, err := readVersions(opts.Dir, git, log.files)
	if err != nil {
		log.Note = fmt.Sprintf("Git could not read earlier versions of the files (%s), so the pages show which commits changed them but not what changed.", firstLine(err.Error()))
		return log
	}
	log.derive(versions)
	return log
}

// Head is the commit the repository holding dir is at, "" when there is
// none (or no Git): whoever keeps a Log compares it with Log.Head.
func Head(dir string) string {
	out, err := run(dir, nil, "git", "rev-parse", "HEAD")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
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
	return append(os.Environ(), "GIT_PAGER=cat", "GIT_NO_REPLACE_OBJECTS=1", "LC_ALL=C", "GIT_TERMINAL_PROMPT=0")
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
		c := &Commit{Hash: string(fields[0]), Date: time.Unix(secs, 0).UTC(), Subject: strings.TrimSpace(string(fields[2]))}
		commits = append(commits, c)
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
	}
	return commits, changes, nil
}

// follow groups the changes by file, newest first, under the name each
// file has at the newest commit: a file renamed keeps its history.
func follow(changes []rawChange) map[string][]Change {
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
	return files
}

// readVersions reads, in one git cat-file, every version of the files
// whose versions tell what changed in the strategy (see versioned).
func readVersions(dir, git string, files map[string][]Change) (map[string][]byte, error) {
	var want []string
	seen := map[string]bool{}
	for rel, chs := range files {
		if !versioned(rel) {
			continue
		}
		for _, ch := range chs {
			if ch.blob != "" && !seen[ch.blob] {
				seen[ch.blob] = true
				want = append(want, ch.blob)
			}
		}
	}
	if len(want) == 0 {
		return map[string][]byte{}, nil
	}
	slices.Sort(want)
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
	blobs, readErr := readBatch(bufio.NewReaderSize(stdout, 1<<16), len(want))
	if readErr != nil {
		io.Copy(io.Discard, stdout)
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return blobs, readErr
}

// maxVersion is the largest earlier version read; larger ones are left
// out (load refuses such files too).
const maxVersion = 4 << 20

// readBatch reads n answers of git cat-file --batch: "<hash> blob
// <size>\n<bytes>\n", or "<hash> missing\n".
func readBatch(r *bufio.Reader, n int) (map[string][]byte, error) {
	blobs := make(map[string][]byte, n)
	for range n {
		line, err := r.ReadString('\n')
		if err != nil {
			return blobs, err
		}
		f := strings.Fields(line)
		if len(f) == 2 && f[1] == "missing" {
			continue
		}
		if len(f) != 3 {
			return blobs, fmt.Errorf("unexpected %q", strings.TrimSpace(line))
		}
		size, err := strconv.Atoi(f[2])
		if err != nil || size < 0 {
			return blobs, fmt.Errorf("unexpected %q", strings.TrimSpace(line))
		}
		if size > maxVersion {
			if _, err := r.Discard(size + 1); err != nil {
				return blobs, err
			}
			continue
		}
		data := make([]byte, size+1)
		if _, err := io.ReadFull(r, data); err != nil {
			return blobs, err
		}
		if f[1] == "blob" {
			blobs[f[0]] = data[:size]
		}
	}
	return blobs, nil
}
