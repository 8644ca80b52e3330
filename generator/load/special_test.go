package load

import (
	"errors"
	"io/fs"
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
	for name, fsys := range map[string]fs.FS{"os.DirFS": os.DirFS(dir), "DirFS": DirFS(dir)} {
		_, diags := Load(fsys, "content", Options{})
		if items := diags.Items(); len(items) != 1 || !strings.Contains(items[0].String(), "content/big.md: the file is larger than") {
			t.Errorf("%s: diagnostics: %v", name, items)
		}
	}
}

// DirFS reads what os.DirFS reads, and refuses what is not a plain file
// at once, even when it was one when the folder was listed.
func TestDirFSReadsPlainFilesOnly(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.toml"), smallSite["site.toml"].Data, 0o644)
	os.MkdirAll(filepath.Join(dir, "objectives"), 0o755)
	text := "+++\nid = \"PV-1\"\ntitle = \"Screening\"\ncategory = \"prevention\"\n+++\nBody.\n"
	os.WriteFile(filepath.Join(dir, "objectives", "pv-1.md"), []byte(text), 0o644)
	s, diags := Load(DirFS(dir), "content", Options{})
	if len(s.Objectives) != 1 {
		t.Fatalf("read %d objectives, %v", len(s.Objectives), diags.Items())
	}
	// The body keeps its lines where they were in the file.
	if o := s.Objectives[0]; o.Title != "Screening" || strings.TrimLeft(string(o.Doc.Body), "\n") != "Body.\n" {
		t.Fatalf("read %q %q", o.Title, o.Doc.Body)
	}
	d := DirFS(dir).(dirFS)
	if data, err := d.readRegular("objectives/pv-1.md", maxFile); err != nil || string(data) != text {
		t.Errorf("read %q, %v", data, err)
	}
	if _, err := d.readRegular("objectives/pv-1.md", 10); !errors.Is(err, errTooLarge) {
		t.Errorf("a file over the limit: %v", err)
	}
	if _, err := d.readRegular("../x.md", maxFile); err == nil {
		t.Error("a path outside the folder was read")
	}
	os.Symlink("pv-1.md", filepath.Join(dir, "objectives", "link.md"))
	if _, err := d.readRegular("objectives/link.md", maxFile); err == nil {
		t.Error("a link was followed")
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "objectives", "pipe.md"), 0o644); err == nil {
		done := make(chan error, 1)
		go func() { _, err := d.readRegular("objectives/pipe.md", maxFile); done <- err }()
		select {
		case err := <-done:
			if err == nil {
				t.Error("a named pipe was read")
			}
		case <-time.After(5 * time.Second):
			t.Fatal("reading a named pipe waits")
		}
	}
}
