package gitrev

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func gitT(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// A content folder below the repository's top, read from a subfolder:
// its regular files are copied, a symbolic link is not, and the working
// tree's uncommitted edits are neither seen nor touched.
func TestOpen(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	content := filepath.Join(dir, "strategy", "content")
	os.MkdirAll(filepath.Join(content, "objectives"), 0o755)
	os.WriteFile(filepath.Join(content, "site.toml"), []byte("committed"), 0o644)
	os.WriteFile(filepath.Join(content, "objectives", "pv-1.md"), []byte("pv-1"), 0o644)
	os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("outside"), 0o644)
	os.Symlink("../../secret.txt", filepath.Join(content, "link.md"))
	gitT(t, dir, "init", "-q")
	gitT(t, dir, "add", "-A")
	gitT(t, dir, "commit", "-q", "-m", "one")
	os.WriteFile(filepath.Join(content, "site.toml"), []byte("edited"), 0o644)
	t.Chdir(filepath.Join(dir, "strategy"))

	tree, err := Open("content", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Close()
	if tree.Rel != "strategy/content" || tree.Absent || len(tree.Commit) != 40 {
		t.Errorf("tree %+v", tree)
	}
	if data, _ := os.ReadFile(filepath.Join(tree.Dir, "site.toml")); string(data) != "committed" {
		t.Errorf("site.toml at HEAD is %q", data)
	}
	if data, _ := os.ReadFile(filepath.Join(tree.Dir, "objectives", "pv-1.md")); string(data) != "pv-1" {
		t.Errorf("objectives/pv-1.md at HEAD is %q", data)
	}
	if _, err := os.Lstat(filepath.Join(tree.Dir, "link.md")); err == nil {
		t.Error("a symbolic link was copied")
	}
	if data, _ := os.ReadFile(filepath.Join(content, "site.toml")); string(data) != "edited" {
		t.Errorf("the working tree changed: %q", data)
	}
	dirName := tree.Dir
	tree.Close()
	if _, err := os.Stat(dirName); err == nil {
		t.Error("Close left the copy")
	}

	if tree, err := Open("missing", "HEAD"); err != nil || !tree.Absent {
		t.Errorf("a folder HEAD does not have: %+v, %v", tree, err)
	}
}
