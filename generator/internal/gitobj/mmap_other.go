//go:build !unix

package gitobj

import "os"

// mapFile reads the file at name: without mmap, the whole of it.
func mapFile(name string) ([]byte, func() error, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, nil, err
	}
	return data, func() error { return nil }, nil
}
