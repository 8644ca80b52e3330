package history

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/internal/gitobj"
)

// TestRenamesAreGits makes commits that delete and add many files at
// once, alike to every degree (files renamed with small and large edits,
// files of one name in two folders, several deleted files of the same
// bytes, files whose sizes differ past what git compares, long lines,
// no last newline, empty files, links, bytes that are not text), and
// requires the walk to find the renames git log -M finds without asking
// git, except for the one commit whose files have CRLF line ends.
func TestRenamesAreGits(t *testing.T) {
	r := newRepo(t)
	rng := rand.New(rand.NewPCG(3, 5))
	line := func() string {
		n := 2 + rng.IntN(8)
		if rng.IntN(10) == 0 {
			n = 20 + rng.IntN(30) // longer than 64 bytes: hashed in pieces
		}
		return randomWords(rng, n)
	}
	text := func(lines int) []string {
		out := make([]string, lines)
		for i := range out {
			out[i] = line()
		}
		return out
	}
	// edit changes a share of the lines of a text, and sometimes adds or
	// cuts some.
	edit := func(lines []string) []string {
		out := slices.Clone(lines)
		share := []float64{0, 0.05, 0.2, 0.4, 0.5, 0.6, 0.9}[rng.IntN(7)]
		for i := range out {
			if rng.Float64() < share {
				out[i] = line()
			}
		}
		switch rng.IntN(5) {
		case 0:
			out = append(out, text(1+rng.IntN(len(out)+1))...)
		case 1:
			out = out[:len(out)-rng.IntN(len(out)/2+1)]
		}
		return out
	}
	lastLine := gitCountsLastLine(t) // see TestRenameScenarios
	join := func(lines []string) string {
		s := strings.Join(lines, "\n")
		if !lastLine || rng.IntN(6) != 0 {
			s += "\n"
		}
		return s
	}
	live := map[string][]string{} // path → its lines
	folders := []string{"content/organizations/", "content/partnerships/", "content/objectives/", "content/objectives/pv/"}
	newPath := func() string {
		// Few names, so that names meet in two folders.
		return folders[rng.IntN(len(folders))] + fmt.Sprintf("f-%d.md", rng.IntN(40))
	}
	put := func(p string, lines []string) {
		live[p] = lines
		r.write(p, join(lines))
	}
	for range 60 {
		p := newPath()
		put(p, text(3+rng.IntN(30)))
	}
	r.commit("2025-01-01", "Start")
	paths := func() []string {
		ps := make([]string, 0, len(live))
		for p := range live {
			ps = append(ps, p)
		}
		slices.Sort(ps)
		return ps
	}
	remove := func(p string) {
		delete(live, p)
		if err := os.Remove(filepath.Join(r.dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	for c := range 50 {
		ps := paths()
		rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		n := 1 + rng.IntN(min(8, len(ps)))
		var deleted [][]string
		for _, p := range ps[:n] {
			deleted = append(deleted, live[p])
			remove(p)
		}
		// Each deleted file comes back once or twice, elsewhere, edited
		// or not; some new files come too.
		for _, lines := range deleted {
			for range 1 + rng.IntN(2) {
				p := newPath()
				if _, taken := live[p]; taken {
					continue
				}
				if rng.IntN(4) == 0 {
					put(p, lines)
				} else {
					put(p, edit(lines))
				}
			}
		}
		for range rng.IntN(3) {
			if p := newPath(); live[p] == nil {
				put(p, text(1+rng.IntN(20)))
			}
		}
		if c%10 == 3 {
			// Several deleted files of the same bytes, one added back.
			same := text(5)
			put("content/organizations/same-a.md", same)
			put("content/partnerships/same-b.md", same)
			r.commit("2025-02-01", "Twins")
			remove("content/organizations/same-a.md")
			remove("content/partnerships/same-b.md")
			put("content/objectives/same-c.md", same)
		}
		r.commit(fmt.Sprintf("2025-03-%02d", 1+c%28), fmt.Sprintf("Move %d", c))
	}
	// Empty files, links, bytes that are not text.
	r.write("content/organizations/empty-1.md", "")
	r.write("content/organizations/empty-2.md", "")
	os.Symlink("f-1.md", filepath.Join(r.dir, "content/organizations/link.md"))
	r.write("content/organizations/binary.md", "a\x00b\nc\n"+strings.Repeat("bytes\n", 40))
	r.commit("2025-04-01", "Odd files")
	r.git("mv", "content/organizations/empty-1.md", "content/partnerships/empty-1.md")
	os.Remove(filepath.Join(r.dir, "content/organizations/empty-2.md"))
	r.write("content/objectives/empty-3.md", "")
	r.git("mv", "content/organizations/link.md", "content/partnerships/link.md")
	os.Remove(filepath.Join(r.dir, "content/organizations/binary.md"))
	r.write("content/partnerships/binary.md", "a\x00b\nc\n"+strings.Repeat("bytes\n", 38))
	r.commit("2025-04-02", "Odd files moved")
	// CRLF line ends: git drops or keeps the CRs by the files'
	// attributes, so git is asked.
	crlf := strings.Repeat("a line of the agreement\r\n", 30)
	r.write("content/organizations/crlf.md", crlf)
	r.commit("2025-05-01", "CRLF")
	os.Remove(filepath.Join(r.dir, "content/organizations/crlf.md"))
	r.write("content/partnerships/crlf.md", crlf+"one more\r\n")
	r.commit("2025-05-02", "CRLF moved")
	// Submodules (links to commits of other repositories): one added
	// alone leaves nothing to pair; one added as a file is deleted is
	// left to git.
	other := strings.TrimSpace(r.git("rev-parse", "HEAD~1"))
	r.git("update-index", "--add", "--cacheinfo", "160000,"+other+",content/organizations/sub")
	r.git("commit", "-q", "-m", "A submodule")
	r.git("rm", "-q", "--cached", paths()[0])
	r.git("update-index", "--add", "--cacheinfo", "160000,"+other+",content/partnerships/sub")
	r.git("commit", "-q", "-m", "A file for a submodule")

	sameAsGitLog(t, r.content)
	head := strings.TrimSpace(r.git("rev-parse", "HEAD"))
	w, err := newWalker(r.content, "git", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.store.Close()
	start, err := gitobj.ParseID(head)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.walk(r.content, "git", start); err != nil {
		t.Fatal(err)
	}
	var asked []string
	for _, c := range w.asked {
		asked = append(asked, c.Subject)
	}
	if !slices.Equal(asked, []string{"A file for a submodule", "CRLF moved"}) {
		t.Errorf("git was asked about %q, want only the commit with CRLF and the one that deletes a file and adds a submodule", asked)
	}
	// The history has what the test is about: renames of every degree,
	// between files of one name and of different names.
	log := r.git("log", "--raw", "-M", "--format=%s", "--relative=content")
	scores := regexp.MustCompile(` R(\d+)\t(\S+)\t(\S+)`).FindAllStringSubmatch(log, -1)
	var exact, edited, renamed, low int
	for _, m := range scores {
		switch {
		case m[1] == "100":
			exact++
		case m[1] < "60":
			low++
			fallthrough
		default:
			edited++
		}
		if filepath.Base(m[2]) != filepath.Base(m[3]) {
			renamed++
		}
	}
	if exact < 10 || edited < 20 || low < 3 || renamed < 20 {
		t.Errorf("renames: %d exact, %d edited (%d under 60 %%), %d to another name", exact, edited, low, renamed)
	}
	for _, want := range []string{"R100\torganizations/link.md\tpartnerships/link.md", "R100\torganizations/empty-2.md\tpartnerships/empty-1.md",
		"\torganizations/binary.md\tpartnerships/binary.md"} {
		if !strings.Contains(log, want) {
			t.Errorf("the history has no %q", want)
		}
	}
}

// TestSpans: a text's bytes are counted by line, a long line by pieces
// of 64 bytes (two pieces alike are one hash), and what two texts share
// is the bytes of the lines they share.
func TestSpans(t *testing.T) {
	a := []byte("first line of text\nsecond line of text\nthird line\n")
	b := []byte("first line of text\nsecond line of text\nanother one")
	if copied, want := copiedBytes(spansOf(a), spansOf(b)), len("first line of text\nsecond line of text\n"); copied != want {
		t.Errorf("copied %d bytes, want %d", copied, want)
	}
	var n []uint32
	for _, s := range spansOf([]byte(strings.Repeat("x", 150))) {
		n = append(n, s.n)
	}
	slices.Sort(n)
	if !slices.Equal(n, []uint32{22, 128}) {
		t.Errorf("spans of a line of 150 bytes: %v, want 22 and 128", n)
	}
}

// TestRenameScenarios compares, case by case, what the walk makes of two
// trees with what git diff-tree -M makes of them, and the similarity it
// gives each rename git found by likeness with the score git reports.
// The cases are made to reach each of git's steps: pairs of the same
// bytes, of the same name (alike enough, and not quite), pairs left to
// the comparison of all with all (ties among sources, a source others
// want more, more candidates than a destination keeps), lines repeated,
// lines longer than 64 bytes, sizes near the limit past which git does
// not compare.
func TestRenameScenarios(t *testing.T) {
	r := newRepo(t)
	rng := rand.New(rand.NewPCG(17, 19))
	collision := spanCollision(rng)
	line := func() string {
		n := 1 + rng.IntN(9)
		if rng.IntN(8) == 0 {
			n = 15 + rng.IntN(40)
		}
		return randomWords(rng, n)
	}
	text := func() []string {
		out := make([]string, 1+rng.IntN(25))
		for i := range out {
			out[i] = line()
			if i > 0 && rng.IntN(6) == 0 {
				out[i] = out[rng.IntN(i)] // a line again
			}
		}
		return out
	}
	edit := func(lines []string) []string {
		out := slices.Clone(lines)
		share := rng.Float64()
		for i := range out {
			if rng.Float64() < share {
				out[i] = line()
			}
		}
		switch rng.IntN(4) {
		case 0:
			out = append(out, out[:rng.IntN(len(out)+1)]...)
		case 1:
			out = out[:len(out)-rng.IntN(len(out)/2+1)]
		}
		return out
	}
	// Git before 2.44 does not count a last line without a newline (the
	// walk does, as git does since): there, every line ends in one.
	lastLine := gitCountsLastLine(t)
	join := func(lines []string) string {
		s := strings.Join(lines, "\n")
		if !lastLine || rng.IntN(5) != 0 {
			s += "\n"
		}
		return s
	}
	folders := []string{"a/", "b/", "b/c/", ""}
	names := []string{"x.md", "y.md", "z.md", "w.md", "v.md"}
	type file struct{ path, text string }
	before, after := make([][]file, 120), make([][]file, 120)
	for c := range before {
		taken := map[string]bool{}
		free := func(name string) string {
			for {
				n := name
				if n == "" || rng.IntN(4) == 0 {
					n = names[rng.IntN(len(names))]
				}
				if p := folders[rng.IntN(len(folders))] + n; !taken[p] {
					taken[p] = true
					return p
				}
			}
		}
		n := 1 + rng.IntN(6)
		var sources [][]string
		for range n {
			lines := text()
			if len(sources) > 0 && rng.IntN(5) == 0 {
				lines = sources[rng.IntN(len(sources))] // two sources alike
			}
			sources = append(sources, lines)
			before[c] = append(before[c], file{free(""), join(lines)})
		}
		// A file in the same place would be changed, not added.
		taken = map[string]bool{}
		for _, f := range before[c] {
			taken[f.path] = true
		}
		for range 1 + rng.IntN(6) {
			i := rng.IntN(len(sources))
			lines := sources[i]
			if rng.IntN(5) != 0 {
				lines = edit(lines)
			}
			name := "" // often the source's name, in another folder
			if rng.IntN(2) == 0 {
				name = path.Base(before[c][i].path)
			}
			after[c] = append(after[c], file{free(name), join(lines)})
		}
	}
	// Cases made for one step each.
	lines := func(from, to int) string {
		var b strings.Builder
		for i := from; i < to; i++ {
			fmt.Fprintf(&b, "line %d of the agreement between the partners\n", i)
		}
		return b.String()
	}
	other := func(n int) string { return strings.Repeat("something else entirely, said at length\n", n) }
	fixed := [][2][]file{
		// A file of the same name, alike (60 %) but not enough to be
		// paired by its name (75 %), loses to a source more alike.
		{{{"a/x.md", lines(0, 6) + other(4)}, {"b/y.md", lines(0, 9) + other(1)}}, {{"b/c/x.md", lines(0, 10)}}},
		// Five sources alike to one file: it keeps the first four, and
		// takes the first.
		{{{"a/v.md", lines(0, 8)}, {"a/w.md", lines(0, 8)}, {"a/x.md", lines(0, 8)}, {"a/y.md", lines(0, 8)}, {"a/z.md", lines(0, 8)}},
			{{"b/q.md", lines(0, 10)}}},
		// Two lines whose hashes are one: git counts them as the same.
		{{{"a/x.md", lines(0, 4) + collision[0] + collision[0]}}, {{"b/y.md", lines(0, 4) + collision[1] + collision[1]}}},
	}
	for _, f := range fixed {
		before, after = append(before, f[0]), append(after, f[1])
	}
	cases := len(before)
	writeCase := func(c int, files []file) {
		for _, f := range files {
			r.write(fmt.Sprintf("content/s%03d/%s", c, f.path), f.text)
		}
	}
	trees := func() map[string]string {
		r.git("add", "-A")
		root := strings.TrimSpace(r.git("write-tree"))
		out := map[string]string{}
		for _, l := range strings.Split(strings.TrimSpace(r.git("ls-tree", root+":content")), "\n") {
			f := strings.Fields(l)
			out[f[3]] = f[2]
		}
		return out
	}
	for c := range cases {
		writeCase(c, before[c])
	}
	treesBefore := trees()
	if err := os.RemoveAll(filepath.Join(r.dir, "content")); err != nil {
		t.Fatal(err)
	}
	for c := range cases {
		writeCase(c, after[c])
	}
	treesAfter := trees()
	r.commit("2025-01-01", "Objects")

	w, err := newWalker(r.content, "git", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.store.Close()
	var kinds [4]int // exact, by name, by likeness, not paired
	for c := range cases {
		name := fmt.Sprintf("s%03d", c)
		a, _ := gitobj.ParseID(treesBefore[name])
		b, _ := gitobj.ParseID(treesAfter[name])
		got, err := w.diff(a, b, &Commit{}, nil)
		if err != nil {
			t.Fatalf("case %d: %v", c, err)
		}
		var gotLines []string
		for _, ch := range got {
			gotLines = append(gotLines, fmt.Sprintf("%c %s %s", ch.kind, ch.old, ch.new))
		}
		raw := r.git("diff-tree", "-r", "-M", "--raw", "--no-abbrev", treesBefore[name], treesAfter[name])
		var wantLines []string
		for _, l := range strings.Split(strings.TrimSpace(raw), "\n") {
			meta, paths, _ := strings.Cut(l, "\t")
			f := strings.Fields(meta)
			ps := strings.Split(paths, "\t")
			if f[4][0] != 'R' {
				wantLines = append(wantLines, fmt.Sprintf("%c  %s", f[4][0], ps[0]))
				kinds[3]++
				continue
			}
			wantLines = append(wantLines, fmt.Sprintf("R %s %s", ps[0], ps[1]))
			if f[4] == "R100" && f[2] == f[3] {
				kinds[0]++
				continue
			}
			// git's score, as a percentage, is the walk's similarity.
			src, dst := &renameFile{side: side{mode: 0o100644}}, &renameFile{side: side{mode: 0o100644}}
			src.id, _ = gitobj.ParseID(f[2])
			dst.id, _ = gitobj.ParseID(f[3])
			score, err := w.similarity(src, dst, minimumScore)
			if err != nil {
				t.Fatal(err)
			}
			if pct := fmt.Sprintf("R%03d", int(float64(score)*100/maxScore)); pct != f[4] {
				t.Errorf("case %d: %s → %s: similarity %s, git says %s", c, ps[0], ps[1], pct, f[4])
			}
			if basenameSame(ps[0], ps[1]) == 1 {
				kinds[1]++
			} else {
				kinds[2]++
			}
		}
		if !slices.Equal(gotLines, wantLines) {
			t.Errorf("case %d:\n%s\ngit diff-tree -M:\n%s", c, strings.Join(gotLines, "\n"), strings.Join(wantLines, "\n"))
		}
	}
	t.Logf("renames: %d exact, %d of one name, %d of two; %d files not paired", kinds[0], kinds[1], kinds[2], kinds[3])
	if kinds[0] < 20 || kinds[1] < 20 || kinds[2] < 40 || kinds[3] < 40 {
		t.Errorf("the cases reach too little: %v", kinds)
	}
}

// spanCollision finds two lines of the same length whose spans' hashes
// are the same.
func spanCollision(rng *rand.Rand) [2]string {
	seen := map[uint32]string{}
	for {
		b := make([]byte, 40)
		for i := range b {
			b[i] = 'a' + byte(rng.IntN(26))
		}
		line := string(b) + "\n"
		h := spansOf([]byte(line))[0].hash
		if prev, ok := seen[h]; ok && prev != line {
			return [2]string{prev, line}
		}
		seen[h] = line
	}
}

// gitCountsLastLine reports whether git, when it compares texts for
// renames, counts a last line that has no newline: since git 2.44.
func gitCountsLastLine(t *testing.T) bool {
	out, err := exec.Command("git", "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	var major, minor int
	if _, err := fmt.Sscanf(string(out), "git version %d.%d", &major, &minor); err != nil {
		t.Fatalf("git version: %q", out)
	}
	if major < 2 || major == 2 && minor < 44 {
		t.Logf("%s: its renames are compared on texts that end in a newline", strings.TrimSpace(string(out)))
		return false
	}
	return true
}

// renameWords are the words the rename tests' texts are made of.
var renameWords = strings.Fields("trafficking survivors shelter services labor prosecution partners funding outreach hotline training screening referral housing legal counsel victims data")

// randomWords is a line of n words of renameWords.
func randomWords(rng *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(renameWords[rng.IntN(len(renameWords))])
	}
	return b.String()
}
