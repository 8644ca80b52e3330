//go:build linux

package load

import (
	"io/fs"

	"github.com/commonagenda/agenda/generator/internal/dirfd"
	"golang.org/x/sys/unix"
)

// folder is a content folder, opened once (see package dirfd).
type folder = dirfd.Folder

func openFolder(dir string) *folder { return dirfd.Open(dir) }

// stampOf is statOf of the file name, a link not followed, as lstat
// would give it; false when it cannot be asked about.
func (d dirFS) stampOf(name string) (statStamp, bool) {
	if !fs.ValidPath(name) {
		return statStamp{}, false
	}
	fd := d.root.FD()
	if fd < 0 {
		info, err := d.lstat(name)
		if err != nil {
			return statStamp{}, false
		}
		return statOf(info), true
	}
	st, err := dirfd.Stat(fd, name, unix.AT_SYMLINK_NOFOLLOW)
	if err != nil {
		return statStamp{}, false
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
