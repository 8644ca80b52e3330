package dirfd

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// A folder is opened once and asked about relative to it; a folder that
// cannot be opened, and a nil Folder, give no descriptor.
func TestFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a"), []byte("abc"), 0o644)
	f := Open(dir)
	fd := f.FD()
	if fd < 0 || f.FD() != fd {
		t.Fatalf("descriptors %d, %d", fd, f.FD())
	}
	if st, err := Stat(fd, "a", unix.AT_SYMLINK_NOFOLLOW); err != nil || st.Size != 3 {
		t.Errorf("Stat = %d, %v", st.Size, err)
	}
	if _, err := Stat(fd, "missing", 0); err == nil {
		t.Error("a missing file was stat'ed")
	}
	if Open(filepath.Join(dir, "a")).FD() != -1 || Open(filepath.Join(dir, "none")).FD() != -1 {
		t.Error("a file, or nothing, opened as a folder")
	}
	var none *Folder
	if none.FD() != -1 {
		t.Error("a nil Folder has a descriptor")
	}
}
