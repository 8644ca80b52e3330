package link

import (
	"strings"
	"testing"
)

func FuzzCompareLower(f *testing.F) {
	for _, s := range [][2]string{{"Abc", "abd"}, {"ÉCOLE", "école"}, {"a\xffb", "A\uFFFDB"}, {"İstanbul", "istanbul"}, {"Zeta", "alpha"}, {"", "a"}, {"ab", "a"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := compareLower(a, b); got != want {
			t.Errorf("compareLower(%q, %q) = %d, want %d", a, b, got, want)
		}
		if got := strings.Compare(lowerKey(a), lowerKey(b)); got != want {
			t.Errorf("keys of %q and %q compare %d, want %d", a, b, got, want)
		}
	})
}

// lowerKey orders titles as compareLower does, for every pair.
func TestLowerKeyOrdersAsCompareLower(t *testing.T) {
	titles := []string{"", "a", "A", "ab", "Ab", "aB", "b", "Zeta", "zeta", "Éclair", "éclair", "eclair",
		"İstanbul", "istanbul", "Straße", "STRASSE", "Ωmega", "ωmega", "a b", "a-b", "A1", "a10", "a2", "\u212a", "k"}
	for _, a := range titles {
		for _, b := range titles {
			if got, want := strings.Compare(lowerKey(a), lowerKey(b)), compareLower(a, b); got != want {
				t.Errorf("%q vs %q: keys compare %d, compareLower %d", a, b, got, want)
			}
		}
	}
}
