//go:build linux

package load

import (
	"os"
	"path/filepath"
	"testing"
)

// stampOf says of a file what statOf of its lstat says: of a plain file,
// a link to one (not followed) and a folder; and nothing of a missing
// file or a path that leaves the folder.
func TestStampOfIsStatOf(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "organizations"), 0o755)
	os.WriteFile(filepath.Join(dir, "organizations", "a.md"), []byte("+++\n+++\n"), 0o644)
	os.Symlink("a.md", filepath.Join(dir, "organizations", "link.md"))
	d := DirFS(dir).(dirFS)
	for _, name := range []string{"organizations/a.md", "organizations/link.md", "organizations"} {
		info, err := d.lstat(name)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := d.stampOf(name)
		if want := statOf(info); !ok || got != want {
			t.Errorf("%s: stampOf %+v, %v; statOf %+v", name, got, ok, want)
		}
	}
	if got, _ := d.stampOf("organizations/a.md"); got.size == 0 || got.inode == 0 {
		t.Errorf("a plain file's stamp is empty: %+v", got)
	}
	for _, name := range []string{"organizations/missing.md", "../outside.md", "/etc/passwd"} {
		if _, ok := d.stampOf(name); ok {
			t.Errorf("%s: a stamp", name)
		}
	}
}
