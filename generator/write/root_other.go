//go:build !linux

package write

import (
	"io"
	"os"
)

// root is unused elsewhere than Linux: the staging folder's files are
// named by their paths.
type root struct{ fd int }

func openRoot(string) root { return root{-1} }

func (root) close() {}

func (st *Stage) writeFile(rel string, data []byte) error {
	return os.WriteFile(st.at(rel), data, filePerm)
}

func (st *Stage) createFile(rel string) (io.WriteCloser, error) {
	return os.OpenFile(st.at(rel), os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
}

func (st *Stage) makeDir(rel string) error { return os.Mkdir(st.at(rel), dirPerm) }

func (st *Stage) remove(rel string) error { return os.Remove(st.at(rel)) }

func (st *Stage) link(src, rel string) error { return os.Link(src, st.at(rel)) }
