//go:build unix

package model

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// mapFile maps the first size bytes of f into memory, read-only, for
// the rest of the process.
func mapFile(f *os.File, size int64) ([]byte, bool) {
	if size <= 0 || int64(int(size)) != size {
		return nil, false
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, false
	}
	return data, true
}

// releaseMapped drops the pages of a shared mapping of a file from the
// process: the file keeps them, and they are read back when touched.
func releaseMapped(data []byte) {
	unix.Madvise(data, unix.MADV_DONTNEED)
}
