package buildcache

import (
	"os"
	"syscall"
	"testing"
)

// What PageInfo says of a page is what os.Stat says: the stage that
// links it compares its device and inode (write.identity), and a page
// it could not identify would be linked again on every build.
func TestPageInfoIsWhatStatSays(t *testing.T) {
	root, c, staged := openWithPage(t)
	k := [32]byte{7}
	c.KeepPage(k, staged, []byte("<p>one</p>"))
	if err := c.Commit(nil, nil, nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}
	c, _ = Open(root)
	p, info, ok := c.PageInfo(k)
	if !ok {
		t.Fatal("a kept page is not given back")
	}
	want, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		t.Fatalf("Sys() is %T, not *syscall.Stat_t", info.Sys())
	}
	ws := want.Sys().(*syscall.Stat_t)
	if got.Dev != ws.Dev || got.Ino != ws.Ino {
		t.Errorf("device and inode %d/%d, os.Stat says %d/%d", got.Dev, got.Ino, ws.Dev, ws.Ino)
	}
	if info.Size() != want.Size() || !info.ModTime().Equal(want.ModTime()) || info.Mode() != want.Mode() || info.IsDir() {
		t.Errorf("size, time, mode %d %v %v; os.Stat says %d %v %v", info.Size(), info.ModTime(), info.Mode(), want.Size(), want.ModTime(), want.Mode())
	}
	if info.Name() != want.Name() {
		t.Errorf("name %q, os.Stat says %q", info.Name(), want.Name())
	}
}
