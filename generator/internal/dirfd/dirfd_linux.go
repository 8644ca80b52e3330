package dirfd

import (
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// Folder is a folder opened when first asked for; its descriptor is
// closed when the Folder is no longer used.
type Folder struct {
	once sync.Once
	path string
	fd   int
}

// Open returns the folder at path, not opened yet.
func Open(path string) *Folder { return &Folder{path: path} }

// FD is the open folder's descriptor, -1 when it cannot be opened (the
// caller then asks by path). A nil Folder has none.
func (f *Folder) FD() int {
	if f == nil {
		return -1
	}
	f.once.Do(func() {
		fd, err := unix.Open(f.path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			f.fd = -1
			return
		}
		f.fd = fd
		runtime.AddCleanup(f, func(fd int) { unix.Close(fd) }, fd)
	})
	return f.fd
}

// Stat is fstatat(2) of name in the open folder fd, with flags (0, or
// unix.AT_SYMLINK_NOFOLLOW), asked again when interrupted.
func Stat(fd int, name string, flags int) (unix.Stat_t, error) {
	var st unix.Stat_t
	for {
		err := unix.Fstatat(fd, name, &st, flags)
		if err != unix.EINTR {
			return st, err
		}
	}
}
