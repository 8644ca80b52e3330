//go:build linux

package load

import (
	"io/fs"
	"runtime"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// folder is a content folder opened once: ten thousand files are asked
// about on every build with the build cache, and asking relative to the
// open folder does not walk the folder's own path again for each.
type folder struct {
	once sync.Once
	fd   int // -1 when it could not be opened
}

func (f *folder) open(dir string) int {
	f.once.Do(func() {
		fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		if err != nil {
			f.fd = -1
			return
		}
		f.fd = fd
		runtime.AddCleanup(f, func(fd int) { syscall.Close(fd) }, fd)
	})
	return f.fd
}

// stampOf is statOf of the file name, a link not followed, as lstat
// would give it; false when it cannot be asked about.
func (d dirFS) stampOf(name string) (statStamp, bool) {
	if !fs.ValidPath(name) {
		return statStamp{}, false
	}
	fd := -1
	if d.root != nil {
		fd = d.root.open(d.dir)
	}
	if fd < 0 {
		info, err := d.lstat(name)
		if err != nil {
			return statStamp{}, false
		}
		return statOf(info), true
	}
	var st unix.Stat_t
	for {
		err := unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return statStamp{}, false
		}
		break
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return statStamp{}, true
	}
	return statStamp{
		size:   st.Size,
		mod:    st.Mtim.Nano(),
		change: st.Ctim.Nano(),
		inode:  uint64(st.Ino),
		device: uint64(st.Dev),
	}, true
}
