//go:build !linux

package buildcache

import (
	"io/fs"
	"os"
)

// pagesFolder is the cache's pages folder; elsewhere than Linux each
// page is asked about by its path.
type pagesFolder struct{}

func openPages(*Cache, string) *pagesFolder { return nil }

func (*pagesFolder) stat(_, path string) (fs.FileInfo, error) { return os.Stat(path) }
