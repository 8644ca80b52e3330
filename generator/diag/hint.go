package diag

import (
	"fmt"
	"strings"
)

// Suggest returns a hint for an unknown value: "did you mean "x"?" when one
// known value is close to got (a small edit distance, ignoring case), else
// the list of known values, shortened when it is long.
func Suggest(got string, known []string) string {
	if len(known) == 0 {
		return ""
	}
	if m := Closest(got, known); m != "" {
		return fmt.Sprintf("did you mean %q?", m)
	}
	return Known(known)
}

// Known lists the known values as a hint: "known: a, b, c".
func Known(known []string) string {
	const max = 15
	if len(known) > max {
		return "known: " + strings.Join(known[:max], ", ") + fmt.Sprintf(", and %d more", len(known)-max)
	}
	return "known: " + strings.Join(known, ", ")
}

// Closest returns the known value nearest to got when it is near enough to
// be a likely typo, or "" when none is. Comparison ignores case.
func Closest(got string, known []string) string {
	g := strings.ToLower(got)
	best, bestDist := "", -1
	for _, k := range known {
		d := distance(g, strings.ToLower(k))
		if bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	limit := 2
	if len([]rune(got)) <= 4 {
		limit = 1
	}
	if bestDist >= 0 && bestDist <= limit {
		return best
	}
	return ""
}

// distance is the Levenshtein edit distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
