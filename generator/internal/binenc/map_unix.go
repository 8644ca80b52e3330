//go:build unix

package binenc

import (
	"os"
	"syscall"
)

// mapped maps the file f into memory, read-only; release lets go of it.
// ok is false when it cannot be mapped (the caller reads it instead).
func mapped(f *os.File) (data []byte, release func(), ok bool) {
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() == 0 || int64(int(info.Size())) != info.Size() {
		return nil, nil, false
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(info.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, false
	}
	return data, func() { syscall.Munmap(data) }, true
}
