package buildcache

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// TestProgramIDFollowsTheProgram: a cache belongs to one build of the
// generator. Two programs that differ by one constant get different IDs,
// read from the Go build ID the linker wrote; a program whose build ID
// was taken out is named by the hash of its bytes instead.
func TestProgramIDFollowsTheProgram(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the build ID is read from ELF executables")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if goBuildID(self) == "" {
		t.Fatal("the test binary has no Go build ID")
	}
	dir := t.TempDir()
	build := func(name, word string, flags ...string) string {
		src := filepath.Join(dir, name+".go")
		if err := os.WriteFile(src, []byte("package main\n\nfunc main() { println(\""+word+"\") }\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		exe := filepath.Join(dir, name)
		cmd := exec.Command("go", append(append([]string{"build", "-o", exe}, flags...), src)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		return exe
	}
	a, b := build("a", "one"), build("b", "two")
	none := build("none", "one", "-ldflags=-buildid=")
	idA, idB := goBuildID(a), goBuildID(b)
	if idA == "" || idB == "" || idA == idB {
		t.Errorf("build IDs %q and %q: want two, different", idA, idB)
	}
	if id := goBuildID(none); id != "" {
		t.Errorf("a program without a build ID is named %q by it", id)
	}
	if id := goBuildID(filepath.Join(dir, "a.go")); id != "" {
		t.Errorf("a file that is not a program has the build ID %q", id)
	}
}
