package history

import (
	"cmp"
	"errors"
	"path"
	"slices"

	"github.com/commonagenda/agenda/generator/internal/gitobj"
)

// Renames as git log -M finds them (git's diffcore-rename.c and
// diffcore-delta.c, as in git 2.44 and later): the files a commit deleted and
// added are paired first by their bytes, then by their names, then by
// how much of each added file's text the deleted one holds. Finding
// them here spares running git log -M over every commit that both adds
// and deletes files (a tree of thousands of files compared again in
// another process for each: 0.16 s of 2,000 commits).
//
// What git decides from outside the repository's objects is fixed here,
// so that a history is the same on every machine: the rename limit is
// git's default (1,000; a user's diff.renameLimit is not read), and a
// text's last line counts without a newline, as since git 2.44 (before,
// git did not count it). A text with CRLF line ends, whose CRs git drops
// or keeps by the file's attributes, is left to git (errAskGit).

const (
	maxScore     = 60000.0 // MAX_SCORE, a double in git
	minimumScore = 30000   // -M's default: half the text
	// basenameScore is what a pair of files of the same name must reach
	// to be paired before the others are compared: halfway from
	// minimumScore to all (min_basename_score).
	basenameScore = minimumScore + int(0.5*(maxScore-minimumScore))
	renameLimit   = 1000 // diff.renameLimit's default
	// candidates is how many sources each added file keeps as its best
	// (NUM_CANDIDATE_PER_DST); exactAlternatives is how many files of
	// the same bytes are weighed before one is taken.
	candidates        = 4
	exactAlternatives = 100
)

// errAskGit is a commit whose renames only git can find.
var errAskGit = errors.New("renames git must find")

// renameFile is a file a commit added (a destination) or deleted (a
// source).
type renameFile struct {
	side
	path string
	// used is set once the file is one side of a rename.
	used bool
	// size and spans, read when first compared.
	read  bool
	size  int
	spans []span
	crlf  bool
}

// span is the bytes of a file's lines (or 64-byte pieces of a long
// line) that share one hash.
type span struct{ hash, n uint32 }

func regularMode(mode uint32) bool { return mode&0o170000 == 0o100000 }

// renames finds the renames among the files a commit added and deleted
// (sides, which are changes[side.at]) as git log -M does. Each rename
// becomes an 'R' in the addition's place, as git lists it, and the
// deletion is marked for removal (kind 0). It returns errAskGit when git
// must be asked: a submodule added or deleted, a text with CRLF line
// ends to compare, or a file a partial clone does not hold.
func (w *walker) renames(changes []rawChange, sides []side) error {
	var srcs, dsts []*renameFile
	for _, sd := range sides {
		f := &renameFile{side: sd, path: changes[sd.at].new}
		if changes[sd.at].kind == 'A' {
			dsts = append(dsts, f)
		} else {
			srcs = append(srcs, f)
		}
	}
	if len(srcs) == 0 || len(dsts) == 0 {
		return nil
	}
	for _, sd := range sides {
		if !regularMode(sd.mode) && sd.mode != 0o120000 {
			return errAskGit // a submodule: what git makes of it, git says
		}
	}
	pair := func(src, dst *renameFile) {
		src.used, dst.used = true, true
		changes[dst.at].kind, changes[dst.at].old = 'R', src.path
		changes[src.at].kind = 0
	}

	// The same bytes (find_exact_renames): each added file in turn takes
	// the first unused deleted file of its bytes, one of the same name
	// if there is one.
	bySum := make(map[gitobj.ID][]*renameFile, len(srcs))
	for _, s := range srcs {
		bySum[s.id] = append(bySum[s.id], s)
	}
	for _, d := range dsts {
		var best *renameFile
		bestScore, left := -1, exactAlternatives
		for _, s := range bySum[d.id] {
			if (!regularMode(s.mode) || !regularMode(d.mode)) && s.mode != d.mode {
				continue
			}
			if s.used {
				continue
			}
			if score := 1 + basenameSame(s.path, d.path); score > bestScore {
				best, bestScore = s, score
				if score == 2 {
					break
				}
			}
			if left--; left == 0 {
				break
			}
		}
		if best != nil {
			pair(best, d)
		}
	}
	srcs = slices.DeleteFunc(srcs, func(f *renameFile) bool { return f.used })

	// The same name (find_basename_matches): a deleted file whose name
	// no other deleted file has, and an added file whose name no other
	// added file has, are paired when alike enough.
	names := func(files []*renameFile) map[string]int {
		m := map[string]int{}
		for i, f := range files {
			if f.used {
				continue
			}
			base := path.Base(f.path)
			if _, dup := m[base]; dup {
				m[base] = -1
			} else {
				m[base] = i
			}
		}
		return m
	}
	srcNames, dstNames := names(srcs), names(dsts)
	for i, s := range srcs {
		base := path.Base(s.path)
		j, ok := dstNames[base]
		if !ok || j == -1 || srcNames[base] != i || dsts[j].used {
			continue
		}
		score, err := w.similarity(s, dsts[j], basenameScore)
		if err != nil {
			return err
		}
		if score >= basenameScore {
			pair(s, dsts[j])
		}
	}
	srcs = slices.DeleteFunc(srcs, func(f *renameFile) bool { return f.used })

	// Every pair left (the matrix of diffcore_rename_extended): each
	// added file keeps its best four sources; the pairs are taken best
	// first.
	left := 0
	for _, d := range dsts {
		if !d.used {
			left++
		}
	}
	if left == 0 || len(srcs) == 0 || left*len(srcs) > renameLimit*renameLimit {
		return nil
	}
	mx := make([]diffScore, 0, candidates*left)
	for i, d := range dsts {
		if d.used {
			continue
		}
		var m [candidates]diffScore
		for k := range m {
			m[k].dst = -1
		}
		for j, s := range srcs {
			score, err := w.similarity(s, d, minimumScore)
			if err != nil {
				return err
			}
			recordIfBetter(&m, diffScore{src: j, dst: i, score: score, name: basenameSame(s.path, d.path)})
		}
		mx = append(mx, m[:]...)
	}
	slices.SortStableFunc(mx, compareScores)
	for _, m := range mx {
		if m.dst < 0 || m.score < minimumScore {
			break
		}
		if d, s := dsts[m.dst], srcs[m.src]; !d.used && !s.used {
			pair(s, d)
		}
	}
	return nil
}

// diffScore is how alike a source and a destination are: score out of
// maxScore, and name 1 when their names are the same.
type diffScore struct {
	src, dst    int
	score, name int
}

// compareScores puts the best pair first, the slots never filled
// (dst < 0) last (score_compare).
func compareScores(a, b diffScore) int {
	if a.dst < 0 {
		if b.dst >= 0 {
			return 1
		}
		return 0
	}
	if b.dst < 0 {
		return -1
	}
	return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(b.name, a.name))
}

// recordIfBetter puts o in place of the worst of m when o is better.
func recordIfBetter(m *[candidates]diffScore, o diffScore) {
	worst := 0
	for i := 1; i < candidates; i++ {
		if compareScores(m[i], m[worst]) > 0 {
			worst = i
		}
	}
	if compareScores(m[worst], o) > 0 {
		m[worst] = o
	}
}

// basenameSame is 1 when two paths end in the same name.
func basenameSame(a, b string) int {
	i, j := len(a), len(b)
	for i > 0 && j > 0 {
		i--
		j--
		if a[i] != b[j] {
			return 0
		}
		if a[i] == '/' {
			return 1
		}
	}
	if (i == 0 || a[i-1] == '/') && (j == 0 || b[j-1] == '/') {
		return 1
	}
	return 0
}

// similarity is how much of the destination's text the source holds,
// out of maxScore (estimate_similarity): 0 for links, and for files whose
// sizes differ too much to reach least.
func (w *walker) similarity(src, dst *renameFile, least int) (int, error) {
	if !regularMode(src.mode) || !regularMode(dst.mode) {
		return 0, nil
	}
	for _, f := range [2]*renameFile{src, dst} {
		if err := w.readSpans(f); err != nil {
			return 0, err
		}
	}
	maxSize, baseSize := max(src.size, dst.size), min(src.size, dst.size)
	if float64(maxSize)*(maxScore-float64(least)) < float64(maxSize-baseSize)*maxScore {
		return 0, nil
	}
	if src.crlf || dst.crlf {
		return 0, errAskGit
	}
	if dst.size == 0 {
		return 0, nil
	}
	return int(float64(copiedBytes(src.spans, dst.spans)) * maxScore / float64(maxSize)), nil
}

// readSpans reads a file's size and spans, once.
func (w *walker) readSpans(f *renameFile) error {
	if f.read {
		return nil
	}
	data, err := w.store.ReadKind(f.id, gitobj.Blob)
	if errors.Is(err, gitobj.ErrMissing) {
		return errAskGit // a partial clone: git fetches what it lacks
	}
	if err != nil {
		return err
	}
	f.read, f.size = true, len(data)
	for i := 0; i+1 < len(data); i++ {
		if data[i] == '\r' && data[i+1] == '\n' {
			f.crlf = true
			return nil // git decides (see similarity)
		}
	}
	f.spans = spansOf(data)
	return nil
}

// spanBase is the number the spans' hashes are taken modulo (HASHBASE).
const spanBase = 107927

// spansOf cuts data into lines, and lines longer than 64 bytes into
// pieces of 64, and counts the bytes of each hash (hash_chars; data has
// no CRLF, whose CRs git would not count). The spans are in the order
// of their hashes.
func spansOf(data []byte) []span {
	counts := map[uint32]uint32{}
	var accum1, accum2, n uint32
	for _, c := range data {
		old1 := accum1
		accum1 = (accum1 << 7) ^ (accum2 >> 25)
		accum2 = (accum2 << 7) ^ (old1 >> 25)
		accum1 += uint32(c)
		n++
		if n < 64 && c != '\n' {
			continue
		}
		counts[(accum1+accum2*0x61)%spanBase] += n
		n, accum1, accum2 = 0, 0, 0
	}
	if n > 0 {
		counts[(accum1+accum2*0x61)%spanBase] += n
	}
	spans := make([]span, 0, len(counts))
	for h, n := range counts {
		spans = append(spans, span{h, n})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.hash, b.hash) })
	return spans
}

// copiedBytes is how many of the destination's bytes the source holds:
// of each hash, the fewer bytes of the two (diffcore_count_changes'
// src_copied).
func copiedBytes(src, dst []span) int {
	copied := 0
	for len(src) > 0 && len(dst) > 0 {
		switch s, d := src[0], dst[0]; {
		case s.hash < d.hash:
			src = src[1:]
		case s.hash > d.hash:
			dst = dst[1:]
		default:
			copied += int(min(s.n, d.n))
			src, dst = src[1:], dst[1:]
		}
	}
	return copied
}
