//go:build !unix

package binenc

import "os"

// mapped maps nothing where the system is not known to: the caller reads
// the file instead.
func mapped(f *os.File) (data []byte, release func(), ok bool) { return nil, nil, false }
