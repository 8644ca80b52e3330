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
	})
}
