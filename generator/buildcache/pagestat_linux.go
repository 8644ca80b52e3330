package buildcache

import (
	"io/fs"
	"os"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
	"time"
)

// pagesFolder is the cache's pages folder, opened once: a build asks
// about some 25,000 kept pages, and a stat relative to the open folder
// does not walk the cache's path again for each (a quarter less time).
type pagesFolder struct {
	fd int // -1 when it could not be opened
}

// openPages opens the folder dir; closed when c is no longer used.
func openPages(c *Cache, dir string) *pagesFolder {
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return &pagesFolder{fd: -1}
	}
	p := &pagesFolder{fd: fd}
	runtime.AddCleanup(c, func(fd int) { syscall.Close(fd) }, fd)
	return p
}

// stat describes the page name in the folder, or at path when the
// folder could not be opened, following links as os.Stat does.
func (p *pagesFolder) stat(name, path string) (fs.FileInfo, error) {
	if p == nil || p.fd < 0 {
		return os.Stat(path)
	}
	var st unix.Stat_t
	for {
		err := unix.Fstatat(p.fd, name, &st, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
		}
		break
	}
	// Sys is what os.Stat gives (write.identity reads it).
	s := &statInfo{name: name}
	s.sys.Dev, s.sys.Ino, s.sys.Mode, s.sys.Size = st.Dev, st.Ino, st.Mode, st.Size
	s.sys.Mtim = syscall.Timespec{Sec: st.Mtim.Sec, Nsec: st.Mtim.Nsec}
	return s, nil
}

// statInfo is what Fstatat said of a page, as os.Stat would say it for
// what the build needs: its size, time and mode, and Sys for its
// identity (the device and inode).
type statInfo struct {
	name string
	sys  syscall.Stat_t // what a build reads of it
}

func (s *statInfo) Name() string { return s.name }
func (s *statInfo) Size() int64  { return s.sys.Size }
func (s *statInfo) Mode() fs.FileMode {
	m := fs.FileMode(s.sys.Mode & 0o777)
	switch s.sys.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
		m |= fs.ModeDir
	case syscall.S_IFLNK:
		m |= fs.ModeSymlink
	case syscall.S_IFREG:
	default:
		m |= fs.ModeIrregular
	}
	return m
}
func (s *statInfo) ModTime() time.Time { return time.Unix(s.sys.Mtim.Unix()) }
func (s *statInfo) IsDir() bool        { return s.Mode().IsDir() }
func (s *statInfo) Sys() any           { return &s.sys }
