package link

import (
	"cmp"
	"slices"
	"strings"
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
	category := func(o *model.Objective) int {
		if c := s.Category(o.Category); c != nil {
			return c.Index
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

// sortStrategy puts the strategy's own lists in reading order. The sorts
// are stable, so sorting sorted lists changes nothing.
func sortStrategy(s *model.Strategy) {
	slices.SortStableFunc(s.Objectives, compareObjectives(s))
	slices.SortStableFunc(s.Organizations, func(a, b *model.Organization) int {
		return compareTitles(a.Title, a.Slug, b.Title, b.Slug)
	})
	slices.SortStableFunc(s.Partnerships, func(a, b *model.Partnership) int {
		return compareTitles(a.Title, a.Slug, b.Title, b.Slug)
	})
}

// ranks numbers items by their place in a sorted list, so derived lists
// can be put in the same order cheaply.
func ranks[T comparable](list []T) map[T]int {
	m := make(map[T]int, len(list))
	for i, v := range list {
		m[v] = i
	}
	return m
}

// sortUnique sorts list by rank and drops repeats. Every distinct item has
// a distinct rank, so repeats end up side by side.
func sortUnique[T comparable](list []T, rank func(T) int) []T {
	if len(list) < 2 {
		return list
	}
	// Each item's rank is looked up once, not once per comparison: the
	// lists of a category or a sector hold thousands of organizations.
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
