package gitobj

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func needGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is needed under CI=true")
		}
		t.Skip("git is not installed")
	}
}

func git(t testing.TB, dir string, stdin io.Reader, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, stderr.Bytes())
	}
	return out
}

// testRepo makes a repository of many versions of a folder of files,
// some of them large, so that packs hold chains of deltas.
func testRepo(t testing.TB) string {
	needGit(t)
	dir := t.TempDir()
	git(t, dir, nil, "init", "-q")
	for c := range 30 {
		for f := range 40 {
			if (f+c)%7 != 0 && c > 0 {
				continue
			}
			var b strings.Builder
			for l := range 50 + f*20 {
				fmt.Fprintf(&b, "file %d line %d version %d\n", f, l, c*((l%5)/4))
			}
			p := filepath.Join(dir, "folder", fmt.Sprintf("f-%02d.md", f))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte(b.String()), 0o644)
		}
		git(t, dir, nil, "add", "-A")
		git(t, dir, nil, "commit", "-q", "-m", fmt.Sprintf("commit %d", c))
	}
	return dir
}

// allObjects are the repository's objects as git cat-file gives them.
// keepRepo copies a repository a test failed on out of the test's
// temporary folder, so that the failure can be replayed: git's packs
// differ from run to run.
func keepRepo(t testing.TB, dir string) string {
	kept, err := os.MkdirTemp("", "gitobj-failed-")
	if err == nil {
		err = os.CopyFS(kept, os.DirFS(dir))
	}
	if err != nil {
		return fmt.Sprintf(" (could not keep the repository: %v)", err)
	}
	return "; the repository is kept in " + kept
}

func allObjects(t testing.TB, dir string) map[ID]struct {
	kind string
	data []byte
} {
	list := git(t, dir, nil, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)")
	out := git(t, dir, bytes.NewReader(list), "cat-file", "--batch")
	r := bufio.NewReader(bytes.NewReader(out))
	objects := map[ID]struct {
		kind string
		data []byte
	}{}
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF {
			break
		}
		f := strings.Fields(line)
		size, _ := strconv.Atoi(f[2])
		data := make([]byte, size+1)
		io.ReadFull(r, data)
		id, _ := ParseID(f[0])
		objects[id] = struct {
			kind string
			data []byte
		}{f[1], data[:size]}
	}
	return objects
}

func readsAsGit(t *testing.T, dir string) {
	t.Helper()
	want := allObjects(t, dir)
	s, err := Open(filepath.Join(dir, ".git", "objects"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for id, o := range want {
		kind, data, err := s.Read(id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if kind.String() != o.kind || !bytes.Equal(data, o.data) {
			t.Fatalf("%s: a %s of %d bytes, want a %s of %d", id, kind, len(data), o.kind, len(o.data))
		}
		s.Release()
	}
	if len(want) < 100 {
		t.Fatalf("only %d objects", len(want))
	}
	if _, _, err := s.Read(ID{1, 2, 3}); err == nil {
		t.Error("an object the repository does not have was read")
	}
}

// TestStoreReadsWhatGitReads reads every object of a repository, loose,
// then packed with deep chains of deltas, and requires what git
// cat-file gives.
func TestStoreReadsWhatGitReads(t *testing.T) {
	dir := testRepo(t)
	readsAsGit(t, dir)
	git(t, dir, nil, "repack", "-a", "-d", "-q", "--depth=50", "--window=20")
	readsAsGit(t, dir)
	packs, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("%d packs", len(packs))
	}
	// The pack has deltas of deltas.
	verify := git(t, dir, nil, "verify-pack", "-v", strings.TrimSuffix(packs[0], ".pack")+".idx")
	if !bytes.Contains(verify, []byte("chain length = 5")) {
		t.Fatalf("no chain of deltas five long:\n%s", verify[max(0, len(verify)-600):])
	}
}

// TestDamagedPackIsAnError reads every object of a pack with a byte
// changed, 64 times: an error or bytes, never a crash or a hang (zlib's
// checksums see most damage; package history compares what it reads
// with git log in its tests, not here).
func TestDamagedPackIsAnError(t *testing.T) {
	dir := testRepo(t)
	git(t, dir, nil, "repack", "-a", "-d", "-q", "--depth=50", "--window=20")
	want := allObjects(t, dir)
	packs, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("%d packs", len(packs))
	}
	good, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 64; i++ {
		bad := bytes.Clone(good)
		at := 12 + (i*7919)%(len(bad)-32)
		bad[at] ^= byte(1 + i%255)
		if err := os.WriteFile(packs[0], bad, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(filepath.Join(dir, ".git", "objects"))
		if err != nil {
			continue
		}
		for id, o := range want {
			// An error, or the right bytes: never a crash, never
			// other bytes (zlib's checksums, the sizes of objects
			// and deltas, and the bases' sizes see the damage).
			kind, data, err := s.Read(id)
			if err == nil && (kind.String() != o.kind || !bytes.Equal(data, o.data)) {
				t.Errorf("damage at %d: %s read as a %s of %d bytes, not a %s of %d", at, id, kind, len(data), o.kind, len(o.data))
			}
			s.Release()
		}
		s.Close()
	}
}

// encodeDelta makes a delta from base to target as Git's format has
// it: a copy of the bytes they start with alike, then target's other
// bytes inserted, 127 at most an instruction.
func encodeDelta(base, target []byte) []byte {
	d := binary.AppendUvarint(nil, uint64(len(base)))
	d = binary.AppendUvarint(d, uint64(len(target)))
	same := 0
	for same < min(len(base), len(target), 0xffff) && base[same] == target[same] {
		same++
	}
	if same > 0 {
		// Offset 0 (no offset bytes), size in two bytes.
		d = append(d, 0x80|0x10|0x20, byte(same), byte(same>>8))
	}
	for rest := target[same:]; len(rest) > 0; {
		n := min(len(rest), 127)
		d = append(append(d, byte(n)), rest[:n]...)
		rest = rest[n:]
	}
	return d
}

// FuzzApplyDelta applies a delta made from base to target, which must
// give target, and any bytes as a delta, which must give an error or
// bytes of the size the delta names, never a crash.
func FuzzApplyDelta(f *testing.F) {
	f.Add([]byte("hello, world"), []byte("hello, there"), []byte{12, 5, 0x91, 7, 5})
	f.Add([]byte("abc"), []byte("abcd"), []byte{3, 4, 4, 'w', 'x', 'y', 'z'})
	f.Add([]byte{}, []byte{}, []byte{0, 0})
	alloc := func(n int) []byte { return make([]byte, 0, n) }
	f.Fuzz(func(t *testing.T, base, target, delta []byte) {
		out, err := applyDelta(base, encodeDelta(base, target), alloc)
		if err != nil || !bytes.Equal(out, target) {
			t.Fatalf("delta from %q to %q gave %q, %v", base, target, out, err)
		}
		out, err = applyDelta(base, delta, alloc)
		if err == nil {
			_, n := binary.Uvarint(delta)
			if size, _ := binary.Uvarint(delta[n:]); uint64(len(out)) != size {
				t.Fatalf("a delta naming %d bytes gave %d", size, len(out))
			}
		}
		// Made as a rope, of a base in one piece or cut into several,
		// a delta gives the same bytes, or an error when applyDelta
		// gives one.
		for _, r := range []*rope{flatRope(base), cutRope(base, uint64(len(delta))*2654435761)} {
			made, _, rerr := applyDeltaRope(r, delta, new([]piece), func(n int) []piece { return make([]piece, 0, n) })
			if (rerr == nil) != (err == nil) {
				t.Fatalf("applyDelta said %v, applyDeltaRope %v", err, rerr)
			}
			if rerr == nil {
				checkRope(t, made)
				if !bytes.Equal(made.flat(), out) {
					t.Fatalf("applyDeltaRope gave %q, applyDelta %q", made.flat(), out)
				}
			}
		}
	})
}

// cutRope is a rope of b cut into pieces where the bits of cuts say.
func cutRope(b []byte, cuts uint64) *rope {
	r := &rope{size: len(b)}
	start := 0
	for i := 1; i < len(b); i++ {
		if cuts>>(i%64)&1 == 1 {
			r.pieces = append(r.pieces, piece{b[start:i:i], start})
			start = i
		}
	}
	if start < len(b) {
		r.pieces = append(r.pieces, piece{b[start:], start})
	}
	return r
}

// checkRope fails when r's pieces are not in order, end to end, none
// empty.
func checkRope(t *testing.T, r *rope) {
	t.Helper()
	at := 0
	for _, pc := range r.pieces {
		if pc.at != at || len(pc.b) == 0 {
			t.Fatalf("a piece at %d of %d bytes, want at %d and some bytes", pc.at, len(pc.b), at)
		}
		at += len(pc.b)
	}
	if at != r.size {
		t.Fatalf("pieces of %d bytes in a rope of %d", at, r.size)
	}
}

// sharingRope is b as a rope whose bytes are a's memory where the two
// start and end alike, as a delta from a makes it.
func sharingRope(a, b []byte) *rope {
	pre := samePrefix(a, b)
	end := min(sameEnd(a, b), len(a)-pre, len(b)-pre)
	r := &rope{size: len(b)}
	r.pieces = appendPiece(r.pieces, 0, a[:pre])
	r.pieces = appendPiece(r.pieces, pre, bytes.Clone(b[pre:len(b)-end]))
	r.pieces = appendPiece(r.pieces, len(b)-end, a[len(a)-end:])
	return r
}

func FuzzDiffTrees(f *testing.F) {
	entry := func(mode, name string, id byte) []byte {
		e := []byte(mode + " " + name + "\x00")
		return append(e, bytes.Repeat([]byte{id}, 20)...)
	}
	a := slicesConcat(entry("100644", "a.md", 1), entry("100644", "b.md", 2), entry("100644", "c.md", 3))
	b := slicesConcat(entry("100644", "a.md", 1), entry("100755", "b.md", 2), entry("100644", "d.md", 4))
	f.Add(a, b, uint64(0))
	f.Add(a, a[:len(a)-1], uint64(0x5555555555555555))
	f.Fuzz(func(t *testing.T, a, b []byte, cuts uint64) {
		s := &Store{cache: cache{budget: 1 << 20, items: map[cacheKey]*cacheItem{}}}
		// The trees are given with their entries known (the zero ID
		// would be the empty tree): compare through treeDiff directly.
		ia, err := entryStarts(flatRope(a))
		if err != nil {
			return
		}
		diff := func(x, y *rope) ([]Change, []int32, error) {
			var changes []Change
			d := treeDiff{s: s, x: x, y: y, ix: ia, emit: func(c Change) { changes = append(changes, c) }}
			err := d.run()
			return changes, d.iy, err
		}
		changes, iy, err := diff(flatRope(a), flatRope(b))
		// The same trees as ropes of several pieces, and b made of a's
		// memory where they are alike, as a delta makes it, give the
		// same changes, or the same error.
		for _, ropes := range [][2]*rope{{cutRope(a, cuts), cutRope(b, cuts>>7|cuts<<57)}, {cutRope(a, cuts), sharingRope(a, b)}} {
			checkRope(t, ropes[1])
			rc, riy, rerr := diff(ropes[0], ropes[1])
			if (rerr == nil) != (err == nil) || fmt.Sprint(rc) != fmt.Sprint(changes) {
				t.Fatalf("as ropes: %v, %v; in one piece: %v, %v", rc, rerr, changes, err)
			}
			if err == nil && fmt.Sprint(riy) != fmt.Sprint(iy) {
				t.Fatalf("as ropes, b's entries at %v; in one piece at %v", riy, iy)
			}
		}
		if err != nil {
			return
		}
		// What was made of b's entries is where they are.
		ib, err := entryStarts(flatRope(b))
		if err != nil {
			t.Fatalf("b was read, yet its entries are not: %v", err)
		}
		if fmt.Sprint(ib) != fmt.Sprint(iy) && !(len(ib) == 0 && len(iy) == 0) {
			t.Fatalf("entries of b at %v, found at %v", ib, iy)
		}
		if bytes.Equal(a, b) && len(changes) > 0 {
			t.Fatalf("the same trees differ: %v", changes)
		}
	})
}

func slicesConcat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// TestDeltaClaimingMuchIsRefused gives a delta of a few bytes that says
// it makes half a gigabyte: an error, before that memory is asked for.
func TestDeltaClaimingMuchIsRefused(t *testing.T) {
	delta := binary.AppendUvarint([]byte{3}, 1<<29)
	delta = append(delta, 0x91, 0, 3)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := applyDelta([]byte("abc"), delta, func(n int) []byte { return make([]byte, 0, n) })
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("a delta of 6 bytes made half a gigabyte")
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Fatalf("%d bytes taken before the delta was refused", grew)
	}
}

// TestDamagedLooseObjectIsAnError: a loose object cut short, with a
// header that names another size or type, with bytes after its end, or
// not compressed at all is an error, never a crash; one read twice gives
// the same bytes (the second time from the cache).
func TestDamagedLooseObjectIsAnError(t *testing.T) {
	dir := t.TempDir()
	objects := filepath.Join(dir, "objects")
	write := func(id ID, raw []byte) {
		p := filepath.Join(objects, id.String()[:2], id.String()[2:])
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	deflate := func(b []byte) []byte {
		var buf bytes.Buffer
		w := zlib.NewWriter(&buf)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	body := bytes.Repeat([]byte("100644 name\x00aaaaaaaaaaaaaaaaaaaa"), 5000)
	whole := append([]byte(fmt.Sprintf("tree %d\x00", len(body))), body...)
	good := ID{1}
	write(good, deflate(whole))
	cases := map[string][]byte{
		"cut":          deflate(whole)[:len(deflate(whole))/2],
		"larger":       deflate(append([]byte(fmt.Sprintf("tree %d\x00", len(body)+1)), body...)),
		"smaller":      deflate(append([]byte(fmt.Sprintf("tree %d\x00", len(body)-1)), body...)),
		"huge":         deflate([]byte("blob 99999999999999999999\x00x")),
		"negative":     deflate([]byte("blob -1\x00")),
		"kind":         deflate(append([]byte(fmt.Sprintf("frog %d\x00", len(body))), body...)),
		"no header":    deflate(bytes.Repeat([]byte("x"), 100)),
		"not deflated": whole,
		"empty":        {},
	}
	ids := map[string]ID{}
	n := byte(2)
	for name, raw := range cases {
		ids[name] = ID{n}
		write(ID{n}, raw)
		n++
	}
	s, err := Open(objects)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for name, id := range ids {
		if _, _, err := s.Read(id); err == nil {
			t.Errorf("%s: read without an error", name)
		}
	}
	for range 2 {
		kind, data, err := s.Read(good)
		if err != nil || kind != Tree || !bytes.Equal(data, body) {
			t.Fatalf("a whole loose object: %v, %s of %d bytes", err, kind, len(data))
		}
	}
}

// TestTreesAsRopes reads the versions of a large folder, packed with
// deep chains of deltas, as ropes (see rope): each is the tree git reads,
// and comparing each version with the one before gives what comparing
// their bytes gives. The folder's tree is 75 KB; ropes are made whole
// past 16 pieces here, so that both happen often; a cache of 1 MB lets
// go of the memory ropes are made of, which must not be used again
// while a rope refers to it.
// A rope made from an object the cache had just let go of (the clock
// lets go of a new object before those asked for again) refers to its
// memory: that memory is not used for another object after a Release.
// TestRopePiecesWaitForRelease: the list of pieces of a rope the cache
// let go of may still be read (a tree being compared), so it is handed
// out for another rope only after a Release.
func TestRopePiecesWaitForRelease(t *testing.T) {
	s := &Store{cache: cache{budget: 4096, items: map[cacheKey]*cacheItem{}}}
	c := &s.cache
	first := &rope{pieces: c.pieces(40)}
	c.putRope(cacheKey{off: 0}, Tree, first, 1000)
	for i := 1; i < 8; i++ {
		c.putRope(cacheKey{off: int64(i)}, Tree, &rope{pieces: c.pieces(40)}, 1000)
	}
	if _, ok := c.items[cacheKey{off: 0}]; ok {
		t.Fatal("the test expects the cache to let go of the first rope")
	}
	mine := func(p []piece) bool { return unsafe.SliceData(p) == unsafe.SliceData(first.pieces) }
	for range 8 {
		if mine(c.pieces(40)) {
			t.Fatal("the pieces of a rope let go of were handed out before a Release")
		}
	}
	s.Release()
	found := false
	for range 8 {
		found = found || mine(c.pieces(40))
	}
	if !found {
		t.Error("after a Release, the pieces of a rope let go of are not used again")
	}
}

func TestPinnedMemoryIsNotUsedAgain(t *testing.T) {
	c := cache{budget: 4 * minReuse, items: map[cacheKey]*cacheItem{}}
	obj := func(i int) []byte { return bytes.Repeat([]byte{byte(i)}, minReuse) }
	for i := range 4 {
		c.put(cacheKey{off: int64(i)}, Tree, obj(i))
		c.get(cacheKey{off: int64(i)})
	}
	last := obj(4)
	c.put(cacheKey{off: 4}, Tree, last)
	if _, ok := c.items[cacheKey{off: 4}]; ok || len(c.evicted) != 1 {
		t.Fatal("the test expects the cache to let go of the newest object")
	}
	c.pin(cacheKey{off: 4}, last)
	c.epoch++
	c.free, c.evicted = append(c.free, c.evicted...), nil
	for range 8 {
		if b := c.buffer(minReuse); sameMemory(b[:1], last) {
			t.Fatal("the memory a rope refers to was handed out for another object")
		}
	}
}

func TestTreesAsRopes(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	git(t, dir, nil, "init", "-q")
	write := func(f, version int) {
		p := filepath.Join(dir, "folder", fmt.Sprintf("file-%04d.md", f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(fmt.Sprintf("file %d, version %d\n", f, version)), 0o644)
	}
	for f := range 1800 {
		write(f, 0)
	}
	git(t, dir, nil, "add", "-A")
	git(t, dir, nil, "commit", "-q", "-m", "start")
	for c := 1; c <= 120; c++ {
		for i := range 1 + c%4 {
			f := (c*37 + i*101) % 1850
			if c%9 == 0 && i == 0 {
				os.Remove(filepath.Join(dir, "folder", fmt.Sprintf("file-%04d.md", f)))
				continue
			}
			write(f, c)
		}
		git(t, dir, nil, "add", "-A")
		git(t, dir, nil, "commit", "-q", "--allow-empty", "-m", fmt.Sprintf("commit %d", c))
	}
	git(t, dir, nil, "-c", "gc.auto=0", "repack", "-a", "-d", "-q", "--depth=50", "--window=10")
	folders := strings.Fields(string(git(t, dir, nil, "log", "--format=%T")))
	for i, root := range folders {
		folders[i] = strings.Fields(string(git(t, dir, nil, "rev-parse", root+":folder")))[0]
	}
	want := allObjects(t, dir)
	defer func(r, p int) { minRope, maxPieces = r, p }(minRope, maxPieces)
	changesOf := func(ropes bool, budget int) []string {
		if ropes {
			maxPieces = 16
		} else {
			minRope = 1 << 30
		}
		s, err := Open(filepath.Join(dir, ".git", "objects"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		s.cache.budget = budget
		var said []string
		pieces := 0
		for i := range folders {
			id, _ := ParseID(folders[i])
			r, err := s.readTree(id)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(r.flat(), want[id].data) {
				t.Fatalf("version %d of the folder (%s), read with ropes=%v in %d pieces, is not the tree git reads%s",
					i, folders[i], ropes, len(r.pieces), keepRepo(t, dir))
			}
			pieces = max(pieces, len(r.pieces))
			if i+1 < len(folders) {
				older, _ := ParseID(folders[i+1])
				err := s.DiffTrees(older, id, "", func(c Change) { said = append(said, fmt.Sprint(i, c)) })
				if err != nil {
					t.Fatal(err)
				}
			}
			s.Release()
		}
		if ropes && pieces < 2 {
			t.Fatal("no version of the folder was read as a rope")
		}
		return said
	}
	// A small budget makes the cache let go of objects ropes are
	// about to refer to.
	ropes, small := changesOf(true, 1<<20), changesOf(true, 300<<10)
	whole := changesOf(false, 1<<20)
	if strings.Join(small, "\n") != strings.Join(ropes, "\n") {
		t.Error("read as ropes with a small cache, the versions differ")
	}
	if len(whole) < 200 {
		t.Fatalf("only %d changes", len(whole))
	}
	if strings.Join(ropes, "\n") != strings.Join(whole, "\n") {
		t.Errorf("read as ropes, the versions differ by\n%s\nread whole, by\n%s", strings.Join(ropes, "\n"), strings.Join(whole, "\n"))
	}
}
