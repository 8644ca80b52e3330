//go:build unix

package buildcache

import (
	"os"
	"syscall"
)

// mapRegion maps n bytes of f from off into memory, read-only, for the
// rest of the process; false when they cannot be mapped.
func mapRegion(f *os.File, off, n int64) ([]byte, bool) {
	page := int64(os.Getpagesize())
	from := off - off%page
	if n <= 0 || int64(int(off-from+n)) != off-from+n {
		return nil, false
	}
	data, err := syscall.Mmap(int(f.Fd()), from, int(off-from+n), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, false
	}
	return data[off-from:], true
}
