package write

import (
	"io"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// root is the staging folder, open: a build writes some 25,000 files and
// 13,000 folders into it, each named relative to the open folder rather
// than by a path walked from the file system's root, and written with
// the system calls a file needs (os.WriteFile also registers each file
// with the network poller, which a plain file refuses: four calls lost).
type root struct{ fd int } // -1 when the folder could not be opened

func openRoot(dir string) root {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return root{-1}
	}
	return root{fd}
}

func (r root) close() {
	if r.fd >= 0 {
		unix.Close(r.fd)
	}
}

func retry(f func() error) error {
	for {
		if err := f(); err != unix.EINTR {
			return err
		}
	}
}

// writeFile writes data as the file rel (a new one, or one cut to
// nothing), as os.WriteFile does.
func (st *Stage) writeFile(rel string, data []byte) error {
	if st.fs.fd < 0 {
		return os.WriteFile(st.at(rel), data, filePerm)
	}
	var fd int
	err := retry(func() (err error) {
		fd, err = unix.Openat(st.fs.fd, rel, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, filePerm)
		return err
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: st.at(rel), Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		err = retry(func() (err error) {
			n, err = unix.Write(fd, data)
			return err
		})
		if err == nil && n <= 0 {
			err = io.ErrShortWrite
		}
		data = data[max(n, 0):]
	}
	if cerr := unix.Close(fd); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return &fs.PathError{Op: "write", Path: st.at(rel), Err: err}
	}
	return nil
}

// createFile makes the file rel, which must not be there.
func (st *Stage) createFile(rel string) (io.WriteCloser, error) {
	if st.fs.fd < 0 {
		return os.OpenFile(st.at(rel), os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
	}
	var fd int
	err := retry(func() (err error) {
		fd, err = unix.Openat(st.fs.fd, rel, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, filePerm)
		return err
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: st.at(rel), Err: err}
	}
	return os.NewFile(uintptr(fd), st.at(rel)), nil
}

// makeDir makes the folder rel, as os.Mkdir does.
func (st *Stage) makeDir(rel string) error {
	if st.fs.fd < 0 {
		return os.Mkdir(st.at(rel), dirPerm)
	}
	if err := retry(func() error { return unix.Mkdirat(st.fs.fd, rel, dirPerm) }); err != nil {
		return &fs.PathError{Op: "mkdir", Path: st.at(rel), Err: err}
	}
	return nil
}

// remove removes the file or empty folder rel, as os.Remove does.
func (st *Stage) remove(rel string) error {
	if st.fs.fd < 0 {
		return os.Remove(st.at(rel))
	}
	err := retry(func() error { return unix.Unlinkat(st.fs.fd, rel, 0) })
	if err == unix.EISDIR || err == unix.EPERM {
		err = retry(func() error { return unix.Unlinkat(st.fs.fd, rel, unix.AT_REMOVEDIR) })
	}
	if err != nil {
		return &fs.PathError{Op: "remove", Path: st.at(rel), Err: err}
	}
	return nil
}

// link makes rel a link to the file src, as os.Link does.
func (st *Stage) link(src, rel string) error {
	if st.fs.fd < 0 {
		return os.Link(src, st.at(rel))
	}
	if err := retry(func() error { return unix.Linkat(unix.AT_FDCWD, src, st.fs.fd, rel, 0) }); err != nil {
		return &os.LinkError{Op: "link", Old: src, New: st.at(rel), Err: err}
	}
	return nil
}
