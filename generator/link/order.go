package link

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/commonagenda/agenda/generator/model"
)

// CompareIDs orders objective ids naturally: runs of digits compare as
// numbers and everything else ignoring case, so PV-2 < PV-10 < PV-10.1 and
// pv-3 equals PV-3. It returns -1, 0 or +1 like strings.Compare.
func CompareIDs(a, b string) int {
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			na, nb := digitRun(a), digitRun(b)
			if c := compareNumbers(na, nb); c != 0 {
				return c
			}
			a, b = a[len(na):], b[len(nb):]
			continue
		}
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if c := cmp.Compare(unicode.ToLower(ra), unicode.ToLower(rb)); c != 0 {
			return c
		}
		a, b = a[sa:], b[sb:]
	}
	return cmp.Compare(len(a), len(b))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digitRun returns the digits s starts with.
func digitRun(s string) string {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i]
}

// compareNumbers compares two runs of digits by value, however long.
func compareNumbers(x, y string) int {
	x, y = strings.TrimLeft(x, "0"), strings.TrimLeft(y, "0")
	return cmp.Or(cmp.Compare(len(x), len(y)), strings.Compare(x, y))
}

// compareObjectives orders objectives by their category's display order
// (unknown categories last), then weight, then id.
func compareObjectives(s *model.Strategy) func(a, b *model.Objective) int {
	// The strategy is not indexed yet: its categories are few.
	category := func(o *model.Objective) int {
		for i, c := range s.Site.Categories {
			if c.Key == o.Category {
				return i
			}
		}
		return len(s.Site.Categories)
	}
	return func(a, b *model.Objective) int {
		return cmp.Or(
			cmp.Compare(category(a), category(b)),
			cmp.Compare(a.Weight, b.Weight),
			CompareIDs(a.ID, b.ID),
		)
	}
}

// CompareOrganizations is the order of organizations in every list: by
// title ignoring case, then by slug, the way a reader scans a directory.
func CompareOrganizations(a, b *model.Organization) int {
	return compareTitles(a.Title, a.Slug, b.Title, b.Slug)
}

// ComparePartnerships orders partnerships like organizations.
func ComparePartnerships(a, b *model.Partnership) int {
	return compareTitles(a.Title, a.Slug, b.Title, b.Slug)
}

func compareTitles(titleA, slugA, titleB, slugB string) int {
	return cmp.Or(
		compareLower(titleA, titleB),
		strings.Compare(titleA, titleB),
		strings.Compare(slugA, slugB),
	)
}

// sortStrategy puts the strategy's own lists in reading order. The sort
// of objectives is stable, so that of two with the same id the same one
// comes first on every run; organizations and partnerships are each named
// by a file in one folder, so no two have the same slug and their order
// is total.
func sortStrategy(s *model.Strategy, orders *Orders) {
	var lastOrgs, lastParts *order
	if orders != nil {
		orders.mu.Lock()
		lastOrgs, lastParts = orders.organizations, orders.partnerships
		orders.mu.Unlock()
	}
	var next struct{ organizations, partnerships *order }
	var wg sync.WaitGroup
	wg.Go(func() {
		slices.SortStableFunc(s.Objectives, compareObjectives(s))
		next.partnerships = sortByTitleAgain(s.Partnerships, lastParts, func(p *model.Partnership) (string, string) { return p.Title, p.Slug })
	})
	next.organizations = sortByTitleAgain(s.Organizations, lastOrgs, func(o *model.Organization) (string, string) { return o.Title, o.Slug })
	wg.Wait()
	if orders != nil {
		orders.mu.Lock()
		orders.organizations, orders.partnerships = next.organizations, next.partnerships
		orders.mu.Unlock()
	}
}

// Orders remembers the order a Link put organizations and partnerships
// in, so that the next Link of the same files can check that order
// rather than sort again: after an edit that changes no title, checking
// that each item comes after the one before is a comparison per item
// instead of a sort. The dev server keeps one between builds; any
// difference in the files, or an order no longer right, means a sort.
type Orders struct {
	mu                          sync.Mutex
	organizations, partnerships *order
}

// order is a list's order as a permutation of the parsed list: the i-th
// item in order is the parsed list's perm[i]-th, whose file was rels[i].
type order struct {
	rels []string // the parsed list's files, in its own order
	perm []int32
}

// sortByTitleAgain sorts list (copies of the parsed list, in its order)
// as sortByTitle does, trying last's order first, and returns the order
// it found.
func sortByTitleAgain[T interface {
	comparable
	Document() *model.Doc
}](list []T, last *order, names func(T) (title, slug string)) *order {
	next := &order{rels: make([]string, len(list)), perm: make([]int32, len(list))}
	for i, v := range list {
		if d := v.Document(); d != nil {
			next.rels[i] = d.Rel
		}
	}
	if last != nil && slices.Equal(last.rels, next.rels) && !slices.Contains(next.rels, "") {
		sorted := make([]T, len(list))
		for i, j := range last.perm {
			sorted[i] = list[j]
		}
		ok := true
		for i := 1; i < len(sorted) && ok; i++ {
			ta, sa := names(sorted[i-1])
			tb, sb := names(sorted[i])
			ok = compareTitles(ta, sa, tb, sb) < 0
		}
		if ok {
			copy(list, sorted)
			next.perm = last.perm
			return next
		}
	}
	index := make(map[T]int32, len(list))
	for i, v := range list {
		index[v] = int32(i)
	}
	sortByTitle(list, names)
	for i, v := range list {
		next.perm[i] = index[v]
	}
	return next
}

// sortByTitle sorts list in the order of compareTitles, lowering each
// title's case once rather than in every comparison.
func sortByTitle[T any](list []T, names func(T) (title, slug string)) {
	type keyed struct {
		lower, title, slug string
		item               T
	}
	ks := make([]keyed, len(list))
	for i, v := range list {
		title, slug := names(v)
		ks[i] = keyed{lowerKey(title), title, slug, v}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		return cmp.Or(strings.Compare(a.lower, b.lower), strings.Compare(a.title, b.title), strings.Compare(a.slug, b.slug))
	})
	for i := range ks {
		list[i] = ks[i].item
	}
}

// lowerKey is s with each letter lowered as compareLower lowers it, so
// that strings.Compare of two keys is compareLower of the titles.
func lowerKey(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.Map(unicode.ToLower, s)
		}
	}
	return s
}

// sortUnique puts list in the order of all, the sorted list of its kind,
// and drops repeats; rank is an item's place in all. Every distinct item
// has a distinct rank, so repeats end up side by side.
func sortUnique[T comparable](list []T, rank func(T) int, all []T) []T {
	if len(list) < 2 {
		return list
	}
	// A long list (a category's or a sector's organizations, with
	// repeats) is put in order by marking the ranks present and reading
	// them back, in time linear in the two lists.
	if len(list) > 64 && len(list) >= len(all)/16 {
		seen := make([]bool, len(all))
		dense := true
		for _, v := range list {
			r := rank(v)
			if r < 0 || r >= len(all) || all[r] != v {
				dense = false // not from all: sort it below
				break
			}
			seen[r] = true
		}
		if dense {
			out := list[:0]
			for r, ok := range seen {
				if ok {
					out = append(out, all[r])
				}
			}
			return out
		}
	}
	// Each item's rank is looked up once, not once per comparison.
	type ranked struct {
		rank int
		item T
	}
	rs := make([]ranked, len(list))
	for i, v := range list {
		rs[i] = ranked{rank(v), v}
	}
	// Equal ranks are the same item, so the sort need not be stable.
	slices.SortFunc(rs, func(a, b ranked) int { return cmp.Compare(a.rank, b.rank) })
	for i := range rs {
		list[i] = rs[i].item
	}
	return slices.Compact(list)
}

// compareLower is strings.Compare(strings.ToLower(a), strings.ToLower(b))
// without making the lower-case copies: lists are sorted, and checked to
// be sorted, by title on every page that shows one.
func compareLower(a, b string) int {
	for a != "" && b != "" {
		ra, wa := utf8.DecodeRuneInString(a)
		rb, wb := utf8.DecodeRuneInString(b)
		if ra < utf8.RuneSelf && rb < utf8.RuneSelf {
			if 'A' <= ra && ra <= 'Z' {
				ra += 'a' - 'A'
			}
			if 'A' <= rb && rb <= 'Z' {
				rb += 'a' - 'A'
			}
		} else {
			ra, rb = unicode.ToLower(ra), unicode.ToLower(rb)
		}
		if ra != rb {
			return cmp.Compare(ra, rb)
		}
		a, b = a[wa:], b[wb:]
	}
	return cmp.Compare(len(a), len(b))
}
