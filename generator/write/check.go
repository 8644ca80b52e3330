package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// CheckOutput refuses an output folder whose replacement by Write would
// destroy something other than a previous build, or whose output would be
// read back as content:
//
//   - the root of a file system ("/", `C:\`);
//   - an existing file that is not a folder;
//   - the home folder or a folder containing it;
//   - the current folder or a folder containing it;
//   - the source folder, a folder containing it, or a folder inside it;
//   - a folder that is not empty and holds no earlier build: every build
//     carries the Marker (builds made before it existed are known by their
//     404.html and search/manifest.json).
//
// Paths are compared after making them absolute and following symbolic
// links where they exist, and by file identity, so "./content/..", a link
// to the source or a differently-cased name on a case-insensitive system
// are caught too. The error is written for people:
//
//	refusing to write to "content": it is the source folder
func CheckOutput(out, source string) error {
	if out == "" {
		return errors.New("refusing to write: no output folder given")
	}
	o, err := resolve(out)
	if err != nil {
		return fmt.Errorf("refusing to write to %q: %v", out, err)
	}
	refuse := func(why string, args ...any) error {
		return fmt.Errorf("refusing to write to %q: %s", out, fmt.Sprintf(why, args...))
	}
	if filepath.Dir(o) == o {
		return refuse("it is the root of the file system")
	}
	if fi, err := os.Stat(o); err == nil && !fi.IsDir() {
		return refuse("it is a file, not a folder")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if h, err := resolve(home); err == nil && within(h, o) {
			if sameFile(h, o) {
				return refuse("it is your home folder")
			}
			return refuse("it contains your home folder")
		}
	}
	if wd, err := os.Getwd(); err == nil {
		if w, err := resolve(wd); err == nil && within(w, o) {
			if sameFile(w, o) {
				return refuse("it is the current folder")
			}
			return refuse("it contains the current folder")
		}
	}
	if source != "" {
		src, err := resolve(source)
		if err != nil {
			return fmt.Errorf("refusing to write to %q: source %q: %v", out, source, err)
		}
		switch {
		case sameFile(o, src):
			return refuse("it is the source folder")
		case within(src, o):
			return refuse("it contains the source folder %q", source)
		case within(o, src):
			return refuse("it is inside the source folder %q, so the built site would be read back as content", source)
		}
	}
	if entries, err := os.ReadDir(o); err == nil && len(entries) > 0 && !marked(o) && !previousBuild(o) {
		return refuse("it is not empty and holds no earlier build of the site, and a build replaces the folder whole (empty it, or choose another --out)")
	}
	return nil
}

// previousBuild reports whether the folder dir holds a build of the site.
func previousBuild(dir string) bool {
	for _, f := range []string{"404.html", filepath.Join("search", "manifest.json")} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || !fi.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// resolve makes p absolute and follows symbolic links in the longest part
// of it that exists, so a folder not yet created still compares correctly
// with its existing parents.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for cur := abs; ; {
		real, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur || !errors.Is(err, fs.ErrNotExist) {
			return abs, nil
		}
		rest = append([]string{filepath.Base(cur)}, rest...)
		cur = parent
	}
}

// within reports whether path p is dir or lies inside it, by walking up
// from p and comparing each ancestor with dir.
func within(p, dir string) bool {
	for {
		if sameFile(p, dir) {
			return true
		}
		parent := filepath.Dir(p)
		if parent == p {
			return false
		}
		p = parent
	}
}

// sameFile reports whether a and b name the same folder: the same file
// when both exist, else the same cleaned path.
func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}
