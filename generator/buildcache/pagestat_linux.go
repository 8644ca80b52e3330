package buildcache

import (
	"io/fs"
	"os"
	"syscall"
	"time"

	"github.com/commonagenda/agenda/generator/internal/dirfd"
)

// pagesFolder is the cache's pages folder, opened once: a build asks
// about some 25,000 kept pages (see package dirfd).
type pagesFolder = dirfd.Folder

// openPages opens the folder dir when first asked about; closed when it
// is no longer used.
func openPages(dir string) *pagesFolder { return dirfd.Open(dir) }

// statPage describes the page name in the folder p, or at path when the
// folder could not be opened, following links as os.Stat does.
func statPage(p *pagesFolder, name, path string) (fs.FileInfo, error) {
	fd := p.FD()
	if fd < 0 {
		return os.Stat(path)
	}
	st, err := dirfd.Stat(fd, name, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
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
