package load

import (
	"io/fs"
	"syscall"
)

// readRegular reads the plain file at p with system calls alone: the
// standard library's os.Open also tries each file with the network
// poller, which a plain file refuses (five calls lost per file).
func readRegular(p string, limit int64) ([]byte, error) {
	fd, err := open(p)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: p, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, &fs.PathError{Op: "read", Path: p, Err: errNotRegular}
	}
	if st.Size > limit {
		return nil, errTooLarge
	}
	buf := make([]byte, st.Size+1) // one more, to see the end at once
	n := 0
	for {
		if n == len(buf) {
			if int64(n) > limit {
				return nil, errTooLarge // it grew while read
			}
			buf = append(buf, 0)[:len(buf)]
			buf = buf[:cap(buf)]
		}
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: p, Err: err}
		}
		if m <= 0 {
			break
		}
		n += m
	}
	if int64(n) > limit {
		return nil, errTooLarge
	}
	return buf[:n:n], nil
}

// open opens p for reading without following a final link and without
// waiting on a named pipe.
func open(p string) (int, error) {
	for {
		fd, err := syscall.Open(p, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
