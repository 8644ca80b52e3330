package write

import (
	"encoding/binary"
	"io/fs"
	"syscall"
)

// list fills e with what the folder root holds, reading each folder's
// entries with getdents(2) relative to its parent's descriptor: the type
// and inode number of an entry come with its name, so nothing is stat'ed,
// and a folder costs four system calls. Any failure falls back to the
// portable listing.
func list(root string, e *earlier) {
	var st syscall.Stat_t
	fd, err := syscall.Open(root, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err == nil {
		if err = syscall.Fstat(fd, &st); err == nil {
			e.dev = uint64(st.Dev)
			buf := make([]byte, 64<<10)
			var l listing
			if err = listFD(fd, "", &l, buf); err == nil {
				l.into(e)
			}
		}
		syscall.Close(fd)
	}
	if err != nil {
		clear(e.files)
		clear(e.dirs)
		e.dev = 0
		listPortably(root, e)
	}
}

// listFD lists the open folder fd, at slash path rel (root: ""), and the
// folders in it.
func listFD(fd int, rel string, e *listing, buf []byte) error {
	var subdirs []string
	for {
		n, err := syscall.Getdents(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		if n <= 0 {
			break
		}
		for b := buf[:n]; len(b) >= 19; {
			// struct linux_dirent64: ino u64, off s64, reclen u16,
			// type u8, name (NUL-terminated).
			ino := binary.NativeEndian.Uint64(b[0:8])
			reclen := int(binary.NativeEndian.Uint16(b[16:18]))
			if reclen < 19 || reclen > len(b) {
				return syscall.EINVAL
			}
			typ := b[18]
			name := b[19:reclen]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			b = b[reclen:]
			if string(name) == "." || string(name) == ".." {
				continue
			}
			// A name from the system is never empty, ".", ".." or
			// holds a "/": joined as it is, not cleaned.
			p := string(name)
			if rel != "" {
				p = rel + "/" + p
			}
			switch typ {
			case syscall.DT_DIR:
				e.dirs = append(e.dirs, p)
				subdirs = append(subdirs, string(name))
			case syscall.DT_UNKNOWN:
				// Some file systems do not say: the portable listing
				// asks about each entry.
				return syscall.ENOTSUP
			default:
				e.files = append(e.files, listed{p, ino})
			}
		}
	}
	for _, name := range subdirs {
		fd2, err := syscall.Openat(fd, name, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
		if err != nil {
			return err
		}
		sub := name
		if rel != "" {
			sub = rel + "/" + name
		}
		err = listFD(fd2, sub, e, buf)
		syscall.Close(fd2)
		if err != nil {
			return err
		}
	}
	return nil
}

// listing is what listFD found, gathered before the maps of an earlier
// are made the size they need (25,000 files and 13,000 folders at 10,000
// pages: grown one entry at a time, the maps were rebuilt 28 times).
type listing struct {
	files []listed
	dirs  []string
}

// listed is a file and its inode number.
type listed struct {
	rel string
	ino uint64
}

// into puts what l found into e's maps.
func (l *listing) into(e *earlier) {
	e.files = make(map[string]uint64, len(l.files))
	for _, f := range l.files {
		e.files[f.rel] = f.ino
	}
	e.dirs = make(map[string]bool, len(l.dirs))
	for _, d := range l.dirs {
		e.dirs[d] = true
	}
}

// identity is the device and inode of a file os.Stat or os.Lstat
// described.
func identity(info fs.FileInfo) (dev, ino uint64, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return uint64(st.Dev), st.Ino, true
}
