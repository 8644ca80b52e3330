package load

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// DirFS is os.DirFS(dir) for Load: a content file is read with one
// open, one status call, its reads and a close, where fs.Stat and
// fs.ReadFile would take twice the system calls (ten thousand files are
// read on every build). Only plain files are read: a folder, a link or a
// named pipe put where a file was listed is an error, never a wait.
func DirFS(dir string) fs.FS { return dirFS{os.DirFS(dir), dir, openFolder(dir)} }

type dirFS struct {
	fs.FS
	dir string
	// root is the folder, opened once for what is asked relative to it
	// (stampOf, on Linux).
	root *folder
}

func (d dirFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.FS, name) }

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }

func (d dirFS) ReadFile(name string) ([]byte, error) { return fs.ReadFile(d.FS, name) }

// lstat is os.Lstat of the file name: a link is not followed.
func (d dirFS) lstat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrInvalid}
	}
	return os.Lstat(filepath.Join(d.dir, filepath.FromSlash(name)))
}

// errTooLarge is readRegular's answer for a file larger than its limit.
var errTooLarge = errors.New("file too large")

// readRegular reads the plain file name, refusing one larger than limit
// bytes (errTooLarge) before reading it.
func (d dirFS) readRegular(name string, limit int64) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return readRegular(filepath.Join(d.dir, filepath.FromSlash(name)), limit)
}

// errNotRegular says a path is not a plain file.
var errNotRegular = errors.New("not a plain file")
