//go:build !linux

package buildcache

import (
	"io/fs"
	"os"
)

// pagesFolder is the cache's pages folder; elsewhere than Linux each
// page is asked about by its path.
type pagesFolder struct{}

func openPages(string) *pagesFolder { return nil }

func statPage(_ *pagesFolder, _, path string) (fs.FileInfo, error) { return os.Stat(path) }
