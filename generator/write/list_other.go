//go:build !linux

package write

import "io/fs"

// list fills e with what the folder root holds.
func list(root string, e *earlier) { listPortably(root, e) }

// identity is unknown here: files are compared with os.SameFile.
func identity(fs.FileInfo) (dev, ino uint64, ok bool) { return 0, 0, false }
