package synth

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// History makes the strategy written under dir (dir/content) a Git
// repository whose commits tell how it came to be, as a strategy kept in
// Git for two years would: about half the files arrive in the first
// commit and the rest over time, objectives change status and gain
// indicator values, bodies grow a paragraph at a time, and a few files are
// renamed. The last commit's files are the ones on disk, byte for byte,
// so the working tree is clean. Dates and subjects are deterministic for
// the same files and number of commits. It needs git on the PATH; the
// commits are written with one git fast-import, so thousands take
// seconds, then packed as a clone's are.
func History(dir string, commits int) error {
	if commits < 1 {
		return fmt.Errorf("synth: at least one commit")
	}
	files, err := readTree(dir)
	if err != nil {
		return err
	}
	plan := planHistory(files, commits)
	var stream bytes.Buffer
	plan.write(&stream)
	git := func(stdin []byte, args ...string) error {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if stdin != nil {
			cmd.Stdin = bytes.NewReader(stdin)
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %v: %s", args[0], err, out)
		}
		return nil
	}
	if err := git(nil, "init", "-q", "-b", "main"); err != nil {
		return err
	}
	if err := git(stream.Bytes(), "fast-import", "--quiet"); err != nil {
		return err
	}
	// Packed again as a clone's objects are (fast-import's pack is
	// quick to write, not to read: Git's log reads a third faster after).
	if err := git(nil, "repack", "-a", "-d", "-f", "-q"); err != nil {
		return err
	}
	return git(nil, "reset", "-q", "main")
}

// readTree reads every file under dir/content, by its path from dir
// (slashes), in order.
func readTree(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	return files, err
}

// change is one file's version arriving in a commit: its content, or
// its removal (data nil), or a rename from an earlier path.
type change struct {
	path string
	from string // renamed from (the file's content is data)
	data []byte
}

type historyPlan struct {
	commits [][]change
	subject []string
}

// planHistory spreads the files' versions over the commits.
func planHistory(files map[string][]byte, commits int) *historyPlan {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	rng := rand.New(rand.NewPCG(uint64(len(paths)), uint64(commits)))
	h := &historyPlan{commits: make([][]change, commits), subject: make([]string, commits)}
	type life struct {
		path    string
		at      []int // the commits that change it, the first adds it
		renamed bool
	}
	lives := make([]life, 0, len(paths))
	busy := make([]int, commits)
	for _, p := range paths {
		added := 0
		if commits > 1 && rng.IntN(2) == 0 && !strings.HasSuffix(p, "site.toml") {
			added = 1 + rng.IntN(commits-1)
		}
		edits := 0
		if commits-added > 1 {
			switch {
			case strings.Contains(p, "/objectives/"):
				edits = rng.IntN(7)
			case rng.IntN(4) == 0:
				edits = 1 + rng.IntN(2)
			}
			edits = min(edits, commits-added-1)
		}
		at := []int{added}
		for range edits {
			at = append(at, added+1+rng.IntN(commits-added-1))
		}
		for _, c := range at {
			busy[c]++
		}
		// A few organizations and pages first had another name.
		renamed := edits > 0 && !strings.Contains(p, "/objectives/") && rng.IntN(20) == 0
		lives = append(lives, life{p, at, renamed})
	}
	// Every commit changes something: a commit nothing was planned for
	// edits a file that exists by then.
	for c := 1; c < commits && len(lives) > 0; c++ {
		for busy[c] == 0 {
			l := &lives[rng.IntN(len(lives))]
			if l.at[0] < c {
				l.at = append(l.at, c)
				busy[c]++
			}
		}
	}
	what := make([][]string, commits)
	for _, l := range lives {
		p, at, renamed := l.path, l.at, l.renamed
		slices.Sort(at)
		final := files[p]
		name := strings.TrimSuffix(pathBase(p), ".md")
		for j, c := range at {
			v := earlier(final, len(at)-1-j)
			ch := change{path: p, data: v}
			switch {
			case renamed && j == 0:
				ch.path = pathDir(p) + "/old-" + pathBase(p)
				what[c] = append(what[c], "add "+name)
			case renamed && j == 1:
				ch.from = pathDir(p) + "/old-" + pathBase(p)
				what[c] = append(what[c], "rename "+name)
			case j == 0:
				what[c] = append(what[c], "add "+name)
			default:
				what[c] = append(what[c], "update "+name)
			}
			h.commits[c] = append(h.commits[c], ch)
		}
	}
	for i, w := range what {
		switch {
		case i == 0:
			h.subject[i] = "First draft of the strategy"
		case len(w) == 1:
			h.subject[i] = strings.ToUpper(w[0][:1]) + w[0][1:]
		default:
			h.subject[i] = fmt.Sprintf("%s%s and %d more", strings.ToUpper(w[0][:1]), w[0][1:], len(w)-1)
		}
	}
	return h
}

func pathBase(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }
func pathDir(p string) string  { return p[:max(strings.LastIndexByte(p, '/'), 0)] }

var (
	statusLine   = regexp.MustCompile(`(?m)^status = "([a-z-]+)"$`)
	progressLine = regexp.MustCompile(`(?m)^  \{ date = [0-9-]+, value = [^}]*\},\n`)
)

// statusBefore is the status an objective most likely had before.
var statusBefore = map[string]string{
	"in-progress":  "planned",
	"at-risk":      "in-progress",
	"achieved":     "in-progress",
	"discontinued": "at-risk",
}

// earlier is the content k versions before final: each step back undoes
// one change, the last indicator value added, the last status change or
// the last paragraph written, in turn.
func earlier(final []byte, k int) []byte {
	v := final
	for step := range k {
		switch step % 3 {
		case 0:
			if loc := lastMatch(progressLine, v); loc != nil {
				v = slices.Concat(v[:loc[0]], v[loc[1]:])
				continue
			}
			fallthrough
		case 1:
			if m := statusLine.FindSubmatchIndex(v); m != nil {
				if before, ok := statusBefore[string(v[m[2]:m[3]])]; ok {
					v = slices.Concat(v[:m[2]], []byte(before), v[m[3]:])
					continue
				}
			}
			fallthrough
		default:
			if i := bytes.LastIndex(bytes.TrimRight(v, "\n"), []byte("\n\n")); i > 0 && bytes.Count(v[:i], []byte("\n\n")) > 2 {
				v = append(slices.Clip(v[:i]), '\n')
			}
		}
	}
	return v
}

func lastMatch(re *regexp.Regexp, b []byte) []int {
	all := re.FindAllIndex(b, -1)
	if len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}

// write writes the plan as a git fast-import stream: one commit every
// few hours from 2024-01-01, by one of a few contributors.
func (h *historyPlan) write(buf *bytes.Buffer) {
	w := bufio.NewWriter(buf)
	defer w.Flush()
	people := []string{"Ana Ruiz <ana@example.org>", "Sam Okafor <sam@example.org>", "Lee Chen <lee@example.org>", "Maria Silva <maria@example.org>"}
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	step := 2 * 365 * 24 * time.Hour / time.Duration(len(h.commits))
	for i, changes := range h.commits {
		when := start.Add(time.Duration(i) * step).Unix()
		who := people[i%len(people)]
		fmt.Fprintf(w, "commit refs/heads/main\nauthor %s %d +0000\ncommitter %s %d +0000\ndata %d\n%s\n", who, when, who, when, len(h.subject[i]), h.subject[i])
		for _, c := range changes {
			if c.from != "" {
				fmt.Fprintf(w, "D %s\n", c.from)
			}
			fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n", c.path, len(c.data))
			w.Write(c.data)
			w.WriteByte('\n')
		}
	}
}
