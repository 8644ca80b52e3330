//go:build linux

package load

import (
	"io/fs"
	"syscall"
)

// statOf is what the system says of a file that tells whether it may
// have changed (see Stamps), or the zero stamp where it does not say it.
func statOf(info fs.FileInfo) statStamp {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok || !info.Mode().IsRegular() {
		return statStamp{}
	}
	return statStamp{
		size:   info.Size(),
		mod:    info.ModTime().UnixNano(),
		change: st.Ctim.Nano(),
		inode:  uint64(st.Ino),
		device: uint64(st.Dev),
	}
}
