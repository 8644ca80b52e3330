package synth

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/history"
	"github.com/commonagenda/agenda/generator/load"
)

// TestHistory makes a small strategy with a history and reads it as a
// build does: as many commits as asked, the working tree clean (the last
// commit is the files on disk), renames followed, objectives whose status
// changed over time, and the same commits for the same input.
func TestHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is needed under CI=true")
		}
		t.Skip("git is not installed")
	}
	heads := map[string]bool{}
	for range 2 {
		dir := t.TempDir()
		if err := Write(dir, ForFiles(300)); err != nil {
			t.Fatal(err)
		}
		if err := History(dir, 120); err != nil {
			t.Fatal(err)
		}
		git := func(args ...string) string {
			out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).Output()
			if err != nil {
				t.Fatalf("git %v: %v", args, err)
			}
			return string(out)
		}
		if n := strings.TrimSpace(git("rev-list", "--count", "HEAD")); n != "120" {
			t.Errorf("%s commits, want 120", n)
		}
		if st := git("status", "--porcelain"); st != "" {
			t.Errorf("the working tree differs from the last commit:\n%s", st)
		}
		if renames := git("log", "-M", "--diff-filter=R", "--format=%s"); !strings.Contains(renames, "Rename") {
			t.Errorf("no file was renamed")
		}
		heads[git("rev-parse", "HEAD")] = true

		log := history.Read(history.Options{Dir: filepath.Join(dir, "content")})
		if log.Note != "" || len(log.Commits) != 120 {
			t.Fatalf("history: %d commits, note %q", len(log.Commits), log.Note)
		}
		statuses, renamed := 0, 0
		for _, rel := range []string{"objectives", "organizations", "partnerships"} {
			entries, _ := os.ReadDir(filepath.Join(dir, "content", rel))
			for _, e := range entries {
				name := rel + "/" + e.Name()
				if tl := log.Timeline(name); len(tl) > 1 {
					statuses += len(tl) - 1
				}
				for _, ch := range log.Changes(name) {
					if ch.Kind == 'R' {
						renamed++
					}
				}
				if src, err := os.ReadFile(filepath.Join(dir, "content", name)); err == nil && rel != "objectives" && load.Version(name, src) == nil && strings.HasSuffix(name, ".md") && !strings.HasPrefix(e.Name(), "_") {
					t.Errorf("%s cannot be read as a version", name)
				}
			}
		}
		if statuses == 0 || renamed == 0 {
			t.Errorf("%d status changes and %d renames in the history, want some of each", statuses, renamed)
		}
	}
	if len(heads) != 1 {
		t.Errorf("two histories of the same input differ: %v", heads)
	}
}
