// Package gitrev reads a content folder as it was at a Git revision,
// without touching the working tree, the index or any branch: `git
// archive` streams the folder's files at that commit, and they are
// written to a new temporary folder that the pipeline reads like any
// other. agenda diff uses it to compare two revisions of a strategy.
//
// Only regular files are written, each strictly under the temporary
// folder; symbolic links and anything else in the archive are left out.
package gitrev

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// Tree is a content folder at a revision, copied to Dir.
type Tree struct {
	// Dir is the temporary folder holding the files (empty when Absent).
	Dir string
	// Commit is the full hash of the revision's commit.
	Commit string
	// Rel is the content folder's slash path inside the repository
	// ("content"), how diagnostics name it.
	Rel string
	// Absent says the revision has no such folder.
	Absent bool
}

// Close removes the temporary folder.
func (t *Tree) Close() error {
	if t == nil || t.Dir == "" {
		return nil
	}
	return os.RemoveAll(t.Dir)
}

// Short is the commit's abbreviated hash.
func (t *Tree) Short() string {
	if len(t.Commit) > 12 {
		return t.Commit[:12]
	}
	return t.Commit
}

// Open copies the content folder folder (a path on disk, inside a Git
// working tree, as the user gave it: "content") as it was at revision rev
// into a new temporary folder. The folder need not exist on disk now.
// Errors are for people: not a Git repository, unknown revision.
func Open(folder, rev string) (*Tree, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("%q is not a revision (a branch, tag or commit)", rev)
	}
	abs, err := filepath.Abs(folder)
	if err != nil {
		return nil, err
	}
	// Git runs from the nearest existing folder at or above the content
	// folder, which may not exist in the working tree.
	dir := abs
	for {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if errors.Is(err, exec.ErrNotFound) {
		return nil, errors.New("git is not installed: install it to compare revisions, or compare two folders")
	}
	if err != nil {
		return nil, fmt.Errorf("no folder %q, and it cannot be a revision either: %s is not in a Git repository (compare two folders, or run agenda diff inside the strategy's repository)", rev, folder)
	}
	top = strings.TrimSpace(top)
	rel, err := relative(top, abs)
	if err != nil {
		return nil, err
	}
	commit, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("unknown revision %q: not a branch, tag or commit of this repository, nor a folder (in a shallow clone, fetch the history first: git fetch --unshallow, or fetch-depth: 0 in actions/checkout)", rev)
	}
	t := &Tree{Commit: strings.TrimSpace(commit), Rel: rel}
	// Paths given to ls-tree and archive are relative to the folder git
	// runs in: the top of the working tree.
	listed, err := git(top, "ls-tree", "-d", "--name-only", t.Commit, "--", rel)
	if err != nil {
		return nil, fmt.Errorf("cannot list %s at %s: %v", rel, rev, err)
	}
	if rel != "." && strings.TrimSpace(listed) == "" {
		t.Absent = true
		return t, nil
	}
	t.Dir, err = os.MkdirTemp("", "agenda-rev-")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("git", "archive", "--format=tar", t.Commit, "--", rel)
	cmd.Dir = top
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err == nil {
		err = extract(out, rel, t.Dir)
		io.Copy(io.Discard, out)
		if werr := cmd.Wait(); err == nil && werr != nil {
			err = fmt.Errorf("%v: %s", werr, strings.TrimSpace(stderr.String()))
		}
	}
	if err != nil {
		t.Close()
		return nil, fmt.Errorf("cannot read %s at %s: %v", rel, rev, err)
	}
	return t, nil
}

// relative is target's slash path inside the repository at top,
// resolving symbolic links in both (a temporary folder may be reached
// through one).
func relative(top, target string) (string, error) {
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	// The target may not exist: resolve the nearest existing parent.
	rest := ""
	dir := target
	for {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			dir = real
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
	rel, err := filepath.Rel(top, filepath.Join(dir, rest))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside the Git repository at %s", target, top)
	}
	return filepath.ToSlash(rel), nil
}

// extract writes the archive's regular files under prefix into dir.
func extract(r io.Reader, prefix, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := path.Clean(h.Name)
		if prefix != "." {
			var ok bool
			name, ok = strings.CutPrefix(name, prefix+"/")
			if !ok {
				continue
			}
		}
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			continue
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, tr)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
}

// git runs a git command in dir and returns its output.
func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", err
		}
		return "", fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}
