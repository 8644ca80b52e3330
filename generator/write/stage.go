package write

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
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
}

// NewStage prepares to replace the folder out. Call CheckOutput first.
func NewStage(out string) (*Stage, error) {
	out, err := realOutput(out)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, dirPerm); err != nil {
		return nil, err
	}
	removeLeftovers(parent, base)
	tmp, err := os.MkdirTemp(parent, tempPrefix(base))
	if err != nil {
		return nil, err
	}
	// MkdirTemp creates the folder private; the site must be readable.
	if err := os.Chmod(tmp, dirPerm); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	if err := mark(tmp); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Stage{root: tmp, out: out, parent: parent, base: base,
		dirs: map[string]*dirOnce{}, files: map[string]bool{Marker: true}}, nil
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
	return os.WriteFile(filepath.Join(st.root, filepath.FromSlash(rel)), data, filePerm)
}

// claim records rel as a file, refusing bad and clashing paths.
func (st *Stage) claim(rel string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	var err error
	switch {
	case st.done:
		err = fmt.Errorf("cannot write %q: the stage was committed or aborted", rel)
	case badKey(rel) != "":
		err = fmt.Errorf("cannot write %q: %s", rel, badKey(rel))
	case st.files[rel]:
		err = fmt.Errorf("cannot write %q: written twice", rel)
	case st.dirs[rel] != nil:
		err = fmt.Errorf("cannot write %q: it is both a file and a folder of other files", rel)
	}
	if err == nil {
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			if st.files[d] {
				err = fmt.Errorf("cannot write %q: it is both a file and a folder of other files", d)
				break
			}
		}
	}
	if err != nil {
		st.errs = append(st.errs, err)
		return err
	}
	st.files[rel] = true
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		if st.dirs[d] == nil {
			st.dirs[d] = &dirOnce{}
		}
	}
	return nil
}

// mkdir makes the folder dir and its parents, each once.
func (st *Stage) mkdir(dir string) error {
	if parent := path.Dir(dir); parent != "." {
		if err := st.mkdir(parent); err != nil {
			return err
		}
	}
	st.mu.Lock()
	d := st.dirs[dir]
	st.mu.Unlock()
	d.once.Do(func() {
		d.err = os.Mkdir(filepath.Join(st.root, filepath.FromSlash(dir)), dirPerm)
		if errors.Is(d.err, os.ErrExist) {
			d.err = nil
		}
	})
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
	if len(errs) > 0 {
		os.RemoveAll(st.root)
		return removePrevious, errors.Join(errs...)
	}
	backup, err := swapKeeping(st.root, st.out, st.parent, st.base)
	if err != nil {
		os.RemoveAll(st.root)
		return removePrevious, err
	}
	if backup != "" {
		removePrevious = func() { removeAll(backup) }
	}
	return removePrevious, nil
}

// Abort removes the staged files; the output folder is left as it was.
// Aborting a committed stage does nothing.
func (st *Stage) Abort() {
	st.mu.Lock()
	done := st.done
	st.done = true
	st.mu.Unlock()
	if !done {
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

// Link adds the file at rel as a link to the file src, which must not
// change afterwards (a build cache's page), or as a copy where a link
// cannot be made.
func (st *Stage) Link(rel, src string) error {
	if err := st.claim(rel); err != nil {
		return err
	}
	if dir := path.Dir(rel); dir != "." {
		if err := st.mkdir(dir); err != nil {
			return err
		}
	}
	dst := filepath.Join(st.root, filepath.FromSlash(rel))
	if os.Link(src, dst) == nil {
		return nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, filePerm)
}

// Path is where the file at rel is staged, for a build cache to keep.
func (st *Stage) Path(rel string) string { return filepath.Join(st.root, filepath.FromSlash(rel)) }
