package history

import (
	"cmp"
	"container/heap"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/commonagenda/agenda/generator/internal/gitobj"
)

// walkLog gives what parseLog makes of gitLog(dir, git, head): the
// commits that changed the folder dir, newest first, and their changes,
// read from the repository's objects rather than from git log.
//
// Git compares two versions of a folder entry by entry; a folder of
// thousands of files (organizations) makes that most of what a history
// costs. Here the runs of entries two versions share are passed over by
// comparing their bytes (see gitobj.Store.DiffTrees), and only the
// entries that differ are read. Commits are visited in git log's order (newest
// committer date first, ties in the order met); a merge lists no
// changes, as in git log without -m. A commit that both adds and
// deletes files may have renamed one, which walker.renames finds as git
// log -M does; the few commits it cannot decide (a submodule, a text
// with CRLF line ends) are asked of git log -M.
//
// Anything it cannot read (another object format, grafts, an object
// missing from a partial clone) is an error, and the caller runs git
// log instead.
func walkLog(dir, git, head string, at *place) ([]*Commit, []rawChange, error) {
	w, start, err := startWalk(dir, git, head, at)
	if err != nil {
		return nil, nil, err
	}
	defer w.store.Close()
	return w.walk(dir, git, start)
}

// startWalk opens the objects of the repository dir is in (at, when
// Read found where they are), for a walk from the commit head.
func startWalk(dir, git, head string, at *place) (*walker, gitobj.ID, error) {
	start, err := gitobj.ParseID(head)
	if err != nil {
		return nil, start, err
	}
	w, err := newWalker(dir, git, at)
	return w, start, err
}

func newWalker(dir, git string, at *place) (*walker, error) {
	if at == nil {
		var err error
		if at, err = findObjects(dir, git); err != nil {
			return nil, err
		}
	}
	if at.err != nil {
		return nil, at.err
	}
	store, err := gitobj.Open(at.objects)
	if err != nil {
		return nil, err
	}
	return &walker{store: store, objects: at.objects, folder: at.folder, parsed: map[gitobj.ID]*walkCommit{}}, nil
}

// placeArgs ask git rev-parse where the objects are (see locate), which
// it says in placeLines lines.
var placeArgs = []string{"--show-object-format", "--show-prefix", "--git-path", "objects", "--git-path", "info/grafts"}

const placeLines = 4

// place is where the objects of the repository the content folder is in
// are, and where the folder is in it (its folder names from the top); err
// says why the walk cannot read them.
type place struct {
	objects string
	folder  []string
	err     error
}

// findObjects asks git where the objects of the repository the folder
// dir is in are.
func findObjects(dir, git string) (*place, error) {
	out, err := run(dir, nil, git, append([]string{"rev-parse"}, placeArgs...)...)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != placeLines {
		return nil, fmt.Errorf("rev-parse said %q", out)
	}
	return locate(dir, lines), nil
}

// locate reads rev-parse's answers to placeArgs, one a line.
func locate(dir string, lines []string) *place {
	if lines[0] != "sha1" {
		return &place{err: fmt.Errorf("objects named by %s", lines[0])}
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	if _, err := os.Stat(abs(lines[3])); err == nil {
		return &place{err: errors.New("the repository has grafts")}
	}
	at := &place{objects: abs(lines[2])}
	if p := strings.Trim(lines[1], "/"); p != "" {
		at.folder = strings.Split(p, "/")
	}
	return at
}

type walker struct {
	store   *gitobj.Store
	objects string   // the folder of the store's objects
	folder  []string // the content folder's path in the repository
	parsed  map[gitobj.ID]*walkCommit
	queue   commitQueue
	seq     int
	sides   []side // the files the commit being read added or deleted
	// asked are the commits whose renames git was asked for.
	asked []*Commit
}

type walkCommit struct {
	id   gitobj.ID
	info gitobj.CommitInfo
	seq  int // when it was met: ties of date go in this order
}

func (w *walker) commit(id gitobj.ID) (*walkCommit, error) {
	if c, ok := w.parsed[id]; ok {
		return c, nil
	}
	data, err := w.store.ReadKind(id, gitobj.Commit)
	if err != nil {
		return nil, err
	}
	info, err := gitobj.ParseCommit(data)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", id, err)
	}
	c := &walkCommit{id: id, info: info}
	w.parsed[id] = c
	return c, nil
}

// push puts the commit id in the queue, once.
func (w *walker) push(id gitobj.ID) error {
	if _, ok := w.parsed[id]; ok {
		return nil
	}
	c, err := w.commit(id)
	if err != nil {
		return err
	}
	c.seq = w.seq
	w.seq++
	heap.Push(&w.queue, c)
	return nil
}

// folderTree is the content folder's tree in the commit's tree root:
// the zero ID when the commit has no such folder.
func (w *walker) folderTree(root gitobj.ID) (gitobj.ID, error) {
	id := root
	for _, name := range w.folder {
		tree, err := w.store.ReadKind(id, gitobj.Tree)
		if err != nil {
			return id, err
		}
		e, ok, err := gitobj.Lookup(tree, name)
		if err != nil || !ok || !e.IsTree() {
			return gitobj.ID{}, err
		}
		id = e.ID
	}
	return id, nil
}

func (w *walker) walk(dir, git string, start gitobj.ID) ([]*Commit, []rawChange, error) {
	if err := w.push(start); err != nil {
		return nil, nil, err
	}
	var found walkFound
	for w.queue.Len() > 0 {
		w.store.Release() // nothing of the last commit's trees is kept
		c := heap.Pop(&w.queue).(*walkCommit)
		for _, p := range c.info.Parents {
			if err := w.push(p); err != nil {
				return nil, nil, err
			}
		}
		if len(c.info.Parents) > 1 {
			continue // a merge: git log lists no changes without -m
		}
		if err := w.visit(c, &found); err != nil {
			return nil, nil, err
		}
	}
	return w.finish(dir, git, &found)
}

// maxLine is the most commits walkSince follows.
const maxLine = 1000

// errNotALine is a history walkSince does not read: merges, or more
// than maxLine commits, between the two commits.
var errNotALine = errors.New("not a line of commits")

// walkSince is walkLog of the commits after since up to head, when they
// are a line: each has one parent, and the first parents of head lead
// to since within maxLine commits (a build after new commits on a
// branch, or after a pull request merged by squashing or rebasing). It
// reads them from the repository's objects as walkLog does, renames
// found the same way; errNotALine otherwise (the caller asks git log).
func walkSince(dir, git, head, since string, at *place) ([]*Commit, []rawChange, error) {
	stop, err := gitobj.ParseID(since)
	if err != nil {
		return nil, nil, err
	}
	w, id, err := startWalk(dir, git, head, at)
	if err != nil {
		return nil, nil, err
	}
	defer w.store.Close()
	// The line first, by the commits alone; then what each changed.
	var line []*walkCommit
	for id != stop {
		c, err := w.commit(id)
		if err != nil {
			return nil, nil, err
		}
		if len(line) == maxLine || len(c.info.Parents) != 1 {
			return nil, nil, errNotALine
		}
		line = append(line, c)
		id = c.info.Parents[0]
	}
	if _, err := w.commit(stop); err != nil {
		return nil, nil, err
	}
	var found walkFound
	for _, c := range line {
		w.store.Release()
		if err := w.visit(c, &found); err != nil {
			return nil, nil, err
		}
	}
	return w.finish(dir, git, &found)
}

// walkFound is what a walk found: the commits that changed the folder,
// newest first, their changes, and the commits whose renames git is to
// be asked for, with the files they added and deleted.
type walkFound struct {
	commits []*Commit
	changes []rawChange
	renames []*Commit
	fetch   []string
}

// visit adds to found what the commit c, which has at most one parent
// (read already), changed in the folder.
func (w *walker) visit(c *walkCommit, found *walkFound) error {
	id, err := w.folderTree(c.info.Tree)
	if err != nil {
		return err
	}
	var before gitobj.ID
	if len(c.info.Parents) == 1 {
		if before, err = w.folderTree(w.parsed[c.info.Parents[0]].info.Tree); err != nil {
			return err
		}
	}
	if before == id {
		return nil // the folder is as it was
	}
	commit := &Commit{Hash: c.id.String(), Date: time.Unix(c.info.Time, 0).UTC(), Subject: cleanSubject(c.info.Subject)}
	first := len(found.changes)
	found.changes, err = w.diff(before, id, commit, found.changes)
	if err == errAskGit {
		found.renames = append(found.renames, commit)
		for _, sd := range w.sides {
			if sd.mode&0o170000 != 0o160000 { // a submodule's is a commit elsewhere
				found.fetch = append(found.fetch, sd.id.String())
			}
		}
	} else if err != nil {
		return err
	}
	if len(found.changes) > first {
		found.commits = append(found.commits, commit)
	}
	return nil
}

// finish asks git log -M about the commits whose renames the walk left
// to it, and returns what the walk found.
func (w *walker) finish(dir, git string, found *walkFound) ([]*Commit, []rawChange, error) {
	w.asked = found.renames
	if len(found.renames) == 0 {
		return found.commits, found.changes, nil
	}
	// In a partial clone, the files git compares are fetched in one
	// request, not one by one as it meets them (see prefetch).
	prefetch(dir, git, w.objects, found.fetch)
	return withRenames(dir, git, found.commits, found.changes, found.renames)
}

// diff appends to changes what commit changed from the tree before to
// the tree after, renames found as git log -M finds them. When only git
// can find them (errAskGit), what it appended is to be replaced by git's
// answer (see withRenames).
func (w *walker) diff(before, after gitobj.ID, commit *Commit, changes []rawChange) ([]rawChange, error) {
	first := len(changes)
	w.sides = w.sides[:0]
	err := w.store.DiffTrees(before, after, "", func(ch gitobj.Change) {
		rc := rawChange{commit: commit, kind: ch.Kind, new: ch.Path}
		if ch.Kind != 'D' {
			rc.blob = ch.ID.String()
		}
		if ch.Kind == 'A' || ch.Kind == 'D' {
			w.sides = append(w.sides, side{at: len(changes), id: cmp.Or(ch.ID, ch.Old), mode: ch.Mode})
		}
		changes = append(changes, rc)
	})
	if err != nil {
		return changes[:first], err
	}
	if err := w.renames(changes, w.sides); err != nil {
		return changes, err
	}
	kept := slices.DeleteFunc(changes[first:], func(rc rawChange) bool { return rc.kind == 0 })
	return changes[:first+len(kept)], nil
}

// side is a file a commit added or deleted: its change's place, and its
// object and mode (the deleted file's, for a deletion).
type side struct {
	at   int
	id   gitobj.ID
	mode uint32
}

// withRenames asks git log -M what the commits that add and delete files
// changed (renames among them), and puts its answer in place of theirs.
func withRenames(dir, git string, commits []*Commit, changes []rawChange, renames []*Commit) ([]*Commit, []rawChange, error) {
	var in strings.Builder
	for _, c := range renames {
		in.WriteString(c.Hash + "\n")
	}
	args := []string{"-c", "log.showSignature=false", "-c", "diff.renameLimit=" + strconv.Itoa(renameLimit), "log", "--stdin", "--no-walk=unsorted", "-z", "--raw", "-M", "--no-abbrev",
		"--relative", "--no-color", "--format=%x1e%H%x1f%ct%x1f%s"}
	out, err := run(dir, strings.NewReader(in.String()), git, args...)
	if err != nil {
		return nil, nil, err
	}
	_, asked, err := parseLog(out)
	if err != nil {
		return nil, nil, err
	}
	byHash := map[string][]rawChange{}
	for _, ch := range asked {
		byHash[ch.commit.Hash] = append(byHash[ch.commit.Hash], ch)
	}
	merged := make([]rawChange, 0, len(changes))
	for i := 0; i < len(changes); {
		c := changes[i].commit
		j := i
		for j < len(changes) && changes[j].commit == c {
			j++
		}
		if got, ok := byHash[c.Hash]; ok {
			for _, ch := range got {
				ch.commit = c
				merged = append(merged, ch)
			}
		} else {
			merged = append(merged, changes[i:j]...)
		}
		i = j
	}
	return commits, merged, nil
}

// commitQueue orders commits as git log does without --topo-order or
// --date-order: newest committer date first, ties in the order met.
type commitQueue []*walkCommit

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	if q[i].info.Time != q[j].info.Time {
		return q[i].info.Time > q[j].info.Time
	}
	return q[i].seq < q[j].seq
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(*walkCommit)) }
func (q *commitQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}
