package write

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Stage is a new site being written, file by file as a build makes them,
// into a temporary folder beside the output folder. Commit swaps it in
// whole; Abort removes it, leaving the previous output as it was. A
// build therefore never holds the whole site in memory, and a failed one
// still loses nothing.
//
// Add may be called from many goroutines at once.
type Stage struct {
	root, out, parent, base string
	fs                      root // the staging folder, open (root_linux.go)
	// earlier, when not nil, is what the staging folder held when the
	// stage began: the output before last (see NewStageReusing).
	earlier *earlier
	keep    bool // keep the previous output as the next stage's folder

	sized sync.Once // the maps below made the earlier folder's size
	mu    sync.Mutex
	dirs  map[string]*dirOnce // folders made or being made, by slash path
	files map[string]bool     // files written, by slash path
	errs  []error             // problems with paths, reported by Commit
	done  bool
}

// dirOnce makes one folder once, however many files need it at once.
type dirOnce struct {
	once sync.Once
	err  error
	made atomic.Bool // once done without error
}

// NewStage prepares to replace the folder out. Call CheckOutput first.
func NewStage(out string) (*Stage, error) {
	return newStage(out, false)
}

// NewStageReusing is NewStage for builds that link most of their files
// from a build cache (LinkFile): it stages into the output before last,
// which the last such stage kept beside out, rather than into an empty
// folder, and keeps the output it replaces for the next one. A file that
// is already there as the same file (the same cache page) stays; any
// other is replaced; what the build does not make is removed before the
// swap. A build after a small edit then costs a few file system calls,
// not a link per file and the removal of the whole previous output.
//
// The folder's contents are listed when the stage begins (in the
// background), never taken from a record: a file someone put into the
// output by hand is removed like any other the build did not make.
func NewStageReusing(out string) (*Stage, error) {
	return newStage(out, true)
}

func newStage(out string, reuse bool) (*Stage, error) {
	out, err := realOutput(out)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, dirPerm); err != nil {
		return nil, err
	}
	removeLeftovers(parent, base)
	kept := keptOutputs(parent, base)
	if !reuse || len(kept) != 1 {
		// Without a build cache every file is written anew: an empty
		// folder takes them faster. With several, which is the last is
		// not known.
		for _, k := range kept {
			removeAll(k)
		}
		kept = nil
	}
	var tmp string
	if len(kept) == 1 {
		tmp, err = reserveName(parent, tempPrefix(base))
		if err == nil {
			err = os.Rename(kept[0], tmp)
		}
		if err != nil {
			removeAll(kept[0])
			kept = nil
		}
	}
	if len(kept) == 0 {
		tmp, err = os.MkdirTemp(parent, tempPrefix(base))
	}
	if err != nil {
		return nil, err
	}
	// MkdirTemp creates the folder private; the site must be readable.
	if err := os.Chmod(tmp, dirPerm); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	if err := mark(tmp); err != nil {
		removeAll(tmp)
		return nil, err
	}
	st := &Stage{root: tmp, out: out, parent: parent, base: base, keep: reuse, fs: openRoot(tmp),
		dirs: map[string]*dirOnce{}, files: map[string]bool{Marker: true}}
	if len(kept) == 1 {
		st.earlier = listEarlier(tmp)
	}
	return st, nil
}

// Add writes one file of the site; rel is its slash path relative to the
// output folder ("objectives/pv-1/index.html"). A path that could escape
// the folder, a path written twice, and a file where another file needs a
// folder are errors.
func (st *Stage) Add(rel string, data []byte) error {
	if err := st.claim(rel); err != nil {
		return err
	}
	if dir := path.Dir(rel); dir != "." {
		if err := st.mkdir(dir); err != nil {
			return err
		}
	}
	if err := st.clear(rel); err != nil {
		return err
	}
	return st.writeFile(rel, data)
}

// Create adds one file of the site that is written as it is made, for
// files too large to hold whole (rel as Add's): the file is the stage's
// once it is closed, and a build that fails to write it all fails, its
// stage aborted. It may be called from many goroutines at once.
func (st *Stage) Create(rel string) (io.WriteCloser, error) {
	if err := st.claim(rel); err != nil {
		return nil, err
	}
	if dir := path.Dir(rel); dir != "." {
		if err := st.mkdir(dir); err != nil {
			return nil, err
		}
	}
	if err := st.clear(rel); err != nil {
		return nil, err
	}
	// A new file: what clear removed may have been a link to a build
	// cache's page, which must never be written through.
	return st.createFile(rel)
}

// clear removes what the earlier folder held at rel, if anything, so
// that the file written there is a new one: a file there may be a link
// to a build cache's page, which must never be written through.
func (st *Stage) clear(rel string) error {
	e := st.earlier.wait()
	switch {
	case e == nil:
		return nil
	case e.holds(rel):
		if err := st.remove(rel); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	case e.dirs[rel]:
		return os.RemoveAll(st.at(rel))
	}
	return nil
}

// claim records rel as a file, refusing bad and clashing paths.
func (st *Stage) claim(rel string) error {
	st.sized.Do(st.size)
	st.mu.Lock()
	defer st.mu.Unlock()
	var err error
	switch {
	case st.done:
		err = fmt.Errorf("cannot write %q: the stage was committed or aborted", rel)
	case badKey(rel) != "":
		err = fmt.Errorf("cannot write %q: %s", rel, badKey(rel)) // rare: twice
	case st.files[rel]:
		err = fmt.Errorf("cannot write %q: written twice", rel)
	case st.dirs[rel] != nil:
		err = fmt.Errorf("cannot write %q: it is both a file and a folder of other files", rel)
	}
	// A folder already claimed has no file among its parents (claimed
	// with it, and no file is claimed where a folder is): the parents
	// are looked at up to the first.
	var fresh []string
	if err == nil {
		for d := path.Dir(rel); d != "." && st.dirs[d] == nil; d = path.Dir(d) {
			if st.files[d] {
				err = fmt.Errorf("cannot write %q: it is both a file and a folder of other files", d)
				break
			}
			fresh = append(fresh, d)
		}
	}
	if err != nil {
		st.errs = append(st.errs, err)
		return err
	}
	st.files[rel] = true
	for _, d := range fresh {
		st.dirs[d] = &dirOnce{}
	}
	return nil
}

// size makes the maps of files and folders as large as the earlier
// folder's, which a build after a small edit fills again about as full:
// not grown one entry at a time. Called before the first claim, when
// they hold only the marker.
func (st *Stage) size() {
	e := st.earlier.wait()
	if e == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	files := make(map[string]bool, len(e.files)+1)
	maps.Copy(files, st.files)
	dirs := make(map[string]*dirOnce, len(e.dirs))
	maps.Copy(dirs, st.dirs)
	st.files, st.dirs = files, dirs
}

// mkdir makes the folder dir and its parents, each once.
func (st *Stage) mkdir(dir string) error {
	st.mu.Lock()
	d := st.dirs[dir]
	st.mu.Unlock()
	if d.made.Load() {
		return nil // and its parents, made before it
	}
	if parent := path.Dir(dir); parent != "." {
		if err := st.mkdir(parent); err != nil {
			return err
		}
	}
	d.once.Do(func() {
		if e := st.earlier.wait(); e != nil {
			if e.dirs[dir] {
				return // the earlier folder has it
			}
			if e.holds(dir) {
				st.remove(dir)
			}
		}
		d.err = st.makeDir(dir)
		if errors.Is(d.err, os.ErrExist) {
			d.err = nil
		}
	})
	if d.err == nil {
		d.made.Store(true)
	}
	return d.err
}

// Commit puts the staged site in place of the output folder, unless a
// path was refused, when it aborts and returns every problem.
func (st *Stage) Commit() error {
	removePrevious, err := st.CommitKeeping()
	removePrevious()
	return err
}

// CommitKeeping is Commit, leaving the previous output (moved aside) for
// removePrevious to remove when the caller likes: beside other work.
// removePrevious is never nil.
func (st *Stage) CommitKeeping() (removePrevious func(), err error) {
	removePrevious = func() {}
	st.mu.Lock()
	errs, done := st.errs, st.done
	st.done = true
	st.mu.Unlock()
	if done {
		return removePrevious, errors.New("the stage was already committed or aborted")
	}
	defer st.fs.close()
	if len(errs) > 0 {
		removeAll(st.root)
		return removePrevious, errors.Join(errs...)
	}
	if err := st.removeUnmade(); err != nil {
		removeAll(st.root)
		return removePrevious, err
	}
	backup, err := swapKeeping(st.root, st.out, st.parent, st.base)
	if err != nil {
		removeAll(st.root)
		return removePrevious, err
	}
	if backup != "" {
		removePrevious = func() { removeAll(backup) }
		// Kept for the next stage (NewStageReusing) when its files are
		// a build cache's; removed should it not be renamed.
		if st.keep {
			if name, err := reserveName(st.parent, keptPrefix(st.base)); err == nil && os.Rename(backup, name) == nil {
				removePrevious = func() {}
			}
		}
	}
	return removePrevious, nil
}

// removeUnmade removes what the earlier folder held that this stage did
// not make again: files, then folders, the deepest first.
func (st *Stage) removeUnmade() error {
	e := st.earlier.wait()
	if e == nil {
		return nil
	}
	st.mu.Lock()
	// What lay inside a folder that a file of this stage replaced went
	// with it (clear).
	replaced := func(rel string) bool {
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			if st.files[d] {
				return true
			}
		}
		return false
	}
	var files, dirs []string
	for rel := range e.files {
		if !st.files[rel] && st.dirs[rel] == nil && !replaced(rel) {
			files = append(files, rel)
		}
	}
	for rel := range e.dirs {
		if st.dirs[rel] == nil && !st.files[rel] && !replaced(rel) {
			dirs = append(dirs, rel)
		}
	}
	st.mu.Unlock()
	err := parallel(len(files), func(i int) error {
		err := st.remove(files[i])
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	})
	if err != nil {
		return err
	}
	// Deeper folders first, so each is empty when it is removed.
	slices.SortFunc(dirs, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.Count(b, "/"), strings.Count(a, "/")), strings.Compare(a, b))
	})
	for _, d := range dirs {
		p := st.at(d)
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			if err := os.RemoveAll(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// Abort removes the staged files; the output folder is left as it was.
// Aborting a committed stage does nothing.
func (st *Stage) Abort() {
	st.mu.Lock()
	done := st.done
	st.done = true
	st.mu.Unlock()
	if !done {
		st.fs.close()
		removeAll(st.root)
	}
}

// Files counts the files added so far (the Marker aside).
func (st *Stage) Files() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.files) - 1
}

// Dir is the temporary folder being filled, for messages.
func (st *Stage) Dir() string { return strings.TrimSuffix(st.root, string(filepath.Separator)) }

// LinkFile adds the file at rel as a link to the file src, which must
// not change afterwards (a build cache's page), or as a copy where a
// link cannot be made. info is what os.Stat said of src when it was
// checked: a stage that reuses the output before last leaves a file
// that is already src itself, the same file, as it is.
func (st *Stage) LinkFile(rel, src string, info fs.FileInfo) error {
	if err := st.claim(rel); err != nil {
		return err
	}
	if dir := path.Dir(rel); dir != "." {
		if err := st.mkdir(dir); err != nil {
			return err
		}
	}
	if e := st.earlier.wait(); e != nil && e.holds(rel) && e.same(rel, st.at, info) {
		return nil
	}
	if err := st.clear(rel); err != nil {
		return err
	}
	if st.link(src, rel) == nil {
		return nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return st.writeFile(rel, data)
}

// Path is where the file at rel is staged, for a build cache to keep.
func (st *Stage) Path(rel string) string { return st.at(rel) }

// at is where rel, a clean relative path (claim checks it, and the
// earlier folder's listing makes only such), is in the staging folder:
// joined without cleaning again, which a build does some 40,000 times.
func (st *Stage) at(rel string) string {
	return st.root + string(filepath.Separator) + filepath.FromSlash(rel)
}

// earlier is what a reused staging folder held when the stage began,
// listed in the background: every file (anything that is not a folder,
// links included) with its inode number where the system gives it
// (0 where not), and every folder, by slash path.
type earlier struct {
	ready chan struct{}
	files map[string]uint64
	dirs  map[string]bool
	dev   uint64 // the folder's device, where the system gives it
}

// listEarlier starts listing the folder root.
func listEarlier(root string) *earlier {
	e := &earlier{ready: make(chan struct{}), files: map[string]uint64{}, dirs: map[string]bool{}}
	go func() {
		defer close(e.ready)
		list(root, e)
	}()
	return e
}

// listPortably is list with the standard library: no inode numbers.
func listPortably(root string, e *earlier) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if p == root {
			return nil
		}
		rel, rerr := filepath.Rel(root, p)
		if rerr != nil {
			return rerr
		}
		rel = filepath.ToSlash(rel)
		if err != nil || !d.IsDir() {
			// A folder that cannot be listed counts as a file:
			// whatever is there is removed, not reused.
			e.files[rel] = 0
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		e.dirs[rel] = true
		return nil
	})
}

// wait returns e once listed; nil for a stage into an empty folder.
func (e *earlier) wait() *earlier {
	if e == nil {
		return nil
	}
	<-e.ready
	return e
}

// holds reports whether the folder held a file at rel.
func (e *earlier) holds(rel string) bool {
	_, ok := e.files[rel]
	return ok
}

// same reports whether the file the folder held at rel is the file
// info describes (the same inode on the same device), without asking
// the system again when the listing gave its inode.
func (e *earlier) same(rel string, at func(rel string) string, info fs.FileInfo) bool {
	if info == nil {
		return false
	}
	if ino := e.files[rel]; ino != 0 && e.dev != 0 {
		if dev, fino, ok := identity(info); ok {
			return dev == e.dev && fino == ino
		}
	}
	there, err := os.Lstat(at(rel))
	if err != nil {
		return false
	}
	// info may come from elsewhere than os (a build cache's stat
	// relative to its folder), which os.SameFile does not know.
	if dev, ino, ok := identity(info); ok {
		tdev, tino, ok := identity(there)
		return ok && dev == tdev && ino == tino
	}
	return os.SameFile(info, there)
}
