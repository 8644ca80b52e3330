package load

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A site.toml that is a named pipe, a link or huge is refused at once,
// never read: a pipe would wait for ever, a link may lead outside the
// content folder or to /dev/zero (issue 14).
func TestSpecialSiteFilesAreRefused(t *testing.T) {
	cases := map[string]func(dir string) error{
		"named pipe": func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "site.toml"), 0o644) },
		"link":       func(dir string) error { return os.Symlink("/dev/zero", filepath.Join(dir, "site.toml")) },
		"huge": func(dir string) error {
			f, err := os.Create(filepath.Join(dir, "site.toml"))
			if err != nil {
				return err
			}
			defer f.Close()
			return f.Truncate(maxFile + 1)
		},
	}
	for name, setup := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := setup(dir); err != nil {
				t.Skip(err)
			}
			done := make(chan string, 1)
			go func() {
				_, diags := Load(os.DirFS(dir), "content", Options{})
				var msgs []string
				for _, d := range diags.Items() {
					msgs = append(msgs, d.String())
				}
				done <- strings.Join(msgs, "\n")
			}()
			select {
			case got := <-done:
				if !strings.HasPrefix(got, "content/site.toml: site.toml ") {
					t.Errorf("diagnostics:\n%s", got)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Load did not return")
			}
		})
	}
}

// A content file too large to be a strategy's is reported, not read.
func TestHugeContentFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.toml"), smallSite["site.toml"].Data, 0o644)
	f, err := os.Create(filepath.Join(dir, "big.md"))
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(maxFile + 1)
	f.Close()
	_, diags := Load(os.DirFS(dir), "content", Options{})
	if items := diags.Items(); len(items) != 1 || !strings.Contains(items[0].String(), "content/big.md: the file is larger than") {
		t.Errorf("diagnostics: %v", items)
	}
}
