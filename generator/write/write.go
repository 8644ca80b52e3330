// Package write puts a built site on disk so that nothing is ever lost
// (SPEC section 5): a failed build leaves the previous output untouched, a
// successful one replaces it whole, and nothing is written outside the
// output folder.
//
// Write and Stage build the complete site in a temporary folder next to
// the output (same parent, so renaming is atomic on one file system), then
// swap it in:
//
//	public/                  the previous build, served until the swap
//	.public.tmp-123/         the new build, written in full first (or the
//	                         build before last, brought up to date)
//	.public.old-456/         the previous build for a moment during the swap
//	.public.kept-789/        the build before last, kept for the next stage
//	                         when the build links a build cache's pages
//	                         (NewStageReusing)
//
// If anything fails before the swap, the temporary folder is removed and
// the previous output is not touched. Folders left over by a crashed run
// (same prefixes) are removed by the next run.
//
// CheckOutput refuses output folders whose replacement would destroy
// something that is not a build: the file-system root, the home folder, the
// current folder, the source folder, or any folder containing them. Call it
// before Write.
package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Permissions of the written site: readable by the web server.
const (
	filePerm = 0o644
	dirPerm  = 0o755
)

// Write replaces the folder out with exactly the given files. The keys of
// files are slash paths relative to out ("objectives/pv-1/index.html").
// An invalid key is an error and nothing is written.
func Write(out string, files map[string][]byte) error {
	keys, err := validKeys(files)
	if err != nil {
		return err
	}
	st, err := NewStage(out)
	if err != nil {
		return err
	}
	if err := parallel(len(keys), func(i int) error { return st.Add(keys[i], files[keys[i]]) }); err != nil {
		st.Abort()
		return err
	}
	return st.Commit()
}

// tempPrefix and backupPrefix name the sibling folders of the output folder
// base; removeLeftovers recognises them by these prefixes.
func tempPrefix(base string) string   { return "." + base + ".tmp-" }
func backupPrefix(base string) string { return "." + base + ".old-" }

// keptPrefix names the output before last, kept for a reusing stage.
func keptPrefix(base string) string { return "." + base + ".kept-" }

// keptOutputs are the folders of out kept for a reusing stage
// (NewStageReusing), marked as builds.
func keptOutputs(parent, base string) []string {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	var kept []string
	for _, e := range entries {
		dir := filepath.Join(parent, e.Name())
		if e.IsDir() && ours(e.Name(), keptPrefix(base)) && marked(dir) {
			kept = append(kept, dir)
		}
	}
	return kept
}

// reserveName returns a new name in parent starting with prefix, not
// taken, for a folder about to be renamed to it.
func reserveName(parent, prefix string) (string, error) {
	name, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return "", err
	}
	// Only the unique name was wanted: rename needs the target to be
	// absent on some systems.
	return name, os.Remove(name)
}

// validKeys returns the keys of files in sorted order, or an error listing
// every key that could escape the output folder or is not a clean path,
// and every file that would have to be a folder for another file.
func validKeys(files map[string][]byte) ([]string, error) {
	keys := make([]string, 0, len(files))
	for k := range files {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	var errs []error
	dirs := make(map[string]bool)
	for _, k := range keys {
		if reason := badKey(k); reason != "" {
			errs = append(errs, fmt.Errorf("cannot write %q: %s", k, reason))
			continue
		}
		for d := path.Dir(k); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	for _, k := range keys {
		if dirs[k] {
			errs = append(errs, fmt.Errorf("cannot write %q: it is both a file and a folder of other files", k))
		}
	}
	return keys, errors.Join(errs...)
}

// badKey says why k is not a safe output path, or returns "".
func badKey(k string) string {
	// The usual path, checked once without splitting it (fs.ValidPath
	// refuses "", ".", "..", empty parts and a leading "/").
	if fs.ValidPath(k) && k != "." && !strings.ContainsAny(k, "\\\x00") && filepath.IsLocal(filepath.FromSlash(k)) {
		return ""
	}
	switch {
	case k == "" || k == ".":
		return "empty path"
	case strings.ContainsRune(k, 0):
		return "path contains a NUL byte"
	case strings.Contains(k, `\`):
		return "path contains a backslash"
	case strings.HasPrefix(k, "/") || filepath.IsAbs(k):
		return "path is absolute"
	case slices.Contains(strings.Split(k, "/"), ".."):
		return `path contains ".."`
	case !fs.ValidPath(k) || !filepath.IsLocal(filepath.FromSlash(k)):
		return "path is not a clean relative path"
	}
	return ""
}

// realOutput makes out absolute and, when it is a symbolic link to a
// folder, follows it, so the swap replaces the folder the link points to.
// An empty path, a file-system root and an existing output that is not a
// folder are refused whether or not the caller ran CheckOutput.
func realOutput(out string) (string, error) {
	if out == "" {
		return "", errors.New("refusing to write: no output folder given")
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if filepath.Dir(abs) == abs {
		return "", fmt.Errorf("refusing to write to %q: it is the root of the file system", out)
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return abs, nil
	case err != nil:
		return "", err
	case !fi.IsDir():
		return "", fmt.Errorf("refusing to write to %q: it is a file, not a folder", out)
	}
	return abs, nil
}

// removeLeftovers deletes temporary and backup folders of out that an
// interrupted run left in parent: only folders named as this package names
// them (the prefix, then the digits os.MkdirTemp adds) and carrying the
// Marker, so ".public.old-mybackup" or a folder someone named like ours
// stays. When the output folder itself is missing and a
// backup of it is there, a run was stopped between the two renames of a
// swap: the backup is the last good site, and is put back first. Other
// failures are ignored: the folders are only clutter, and the next run
// tries again.
func removeLeftovers(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	out := filepath.Join(parent, base)
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		var backups []string
		for _, e := range entries {
			if e.IsDir() && ours(e.Name(), backupPrefix(base)) {
				backups = append(backups, e.Name())
			}
		}
		if len(backups) == 1 && marked(filepath.Join(parent, backups[0])) { // with several, which was last is unknown
			os.Rename(filepath.Join(parent, backups[0]), out)
			entries, _ = os.ReadDir(parent)
		}
	}
	for _, e := range entries {
		name := e.Name()
		dir := filepath.Join(parent, name)
		if e.IsDir() && (ours(name, tempPrefix(base)) || ours(name, backupPrefix(base))) && marked(dir) {
			os.RemoveAll(dir)
		}
	}
}

// Marker is the file every build and staging folder carries at its root:
// a folder is replaced or removed as a build's only when it has it (or is
// an earlier build, see CheckOutput).
const Marker = ".agenda-build"

const markerText = "This folder is a build of Common Agenda's site generator: the next\nagenda build replaces it whole. Do not keep anything else in it.\n"

// mark writes the marker into a new staging folder.
func mark(dir string) error {
	p := filepath.Join(dir, Marker)
	// A new file, never one written through: in a reused folder, what
	// is there may be anything someone put there.
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.WriteFile(p, []byte(markerText), filePerm)
}

// marked reports whether the folder dir carries the marker.
func marked(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, Marker))
	return err == nil && fi.Mode().IsRegular()
}

// ours reports whether name is prefix followed by digits only, as
// os.MkdirTemp names the folders this package makes.
func ours(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
}

// workers is how many file system calls run at once: more than the
// processors, as a call may wait on the disk.
var workers = min(4*runtime.GOMAXPROCS(0), 16)

// parallel runs do(0) ... do(n-1) on several goroutines and returns the
// first error in index order, so the message does not depend on
// scheduling. Workers stop taking new indexes once one has failed.
func parallel(n int, do func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var failed sync.Once
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				if err := do(i); err != nil {
					errs[i] = err
					failed.Do(func() { close(stop) })
				}
			}
		})
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-stop:
			break feed
		}
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// removeAll removes the folder dir and everything in it, its top-level
// entries in parallel.
func removeAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	err = parallel(len(entries), func(i int) error {
		return os.RemoveAll(filepath.Join(dir, entries[i].Name()))
	})
	if err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// swap puts the finished folder tmp in place of out. The previous output,
// if any, is first moved aside to a backup and restored should the second
// rename fail; once the new output is in place the backup is deleted.
func swap(tmp, out, parent, base string) error {
	backup, err := swapKeeping(tmp, out, parent, base)
	if backup != "" {
		removeAll(backup)
	}
	return err
}

// swapKeeping is swap, returning the backup of the previous output for
// the caller to remove ("" when there was none).
func swapKeeping(tmp, out, parent, base string) (string, error) {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(tmp, out)
	}
	backup, err := reserveName(parent, backupPrefix(base))
	if err != nil {
		return "", err
	}
	if err := os.Rename(out, backup); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, out); err != nil {
		if rerr := os.Rename(backup, out); rerr != nil {
			return "", fmt.Errorf("%w; the previous output is kept in %s", err, backup)
		}
		return "", err
	}
	// The new site is in place; a backup that cannot be removed is
	// removed by the next run.
	return backup, nil
}
