package check

import (
	"slices"
	"strings"
	"testing"
)

// FuzzFindAddresses holds findAddresses to the regular expression it
// stands for: the same matches, at the same places, on any text.
func FuzzFindAddresses(f *testing.F) {
	for _, s := range []string{
		"We meet at 12 Harbor Lane, Suite 4, every week.",
		"PO Box 77 and P.O. Box 8; 1200 Old Mill Road.",
		"a12 Main St, _3 Oak Ave, 7B Elm Street. 99 First Ave.",
		"Unit #5, Apt 12, Suite 300 in 2024 Calle Luna",
		"In 2026 the 3 teams met on Main Street and 4 O’Brien Way",
		"",
		"1 St",
		"Suite",
		"éé 12 Rue Haute Avenue ü 5 Pl",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := streetAddress.FindAllIndex([]byte(s), -1)
		got := findAddresses([]byte(s))
		if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
			t.Fatalf("%q: findAddresses %v, regexp %v", s, got, want)
		}
		if first := streetAddress.FindString(s); firstAddress(s) != first {
			t.Fatalf("%q: firstAddress %q, regexp %q", s, firstAddress(s), first)
		}
	})
}

// TestFindAddressesOnProse runs the comparison on long texts made of the
// words addresses are made of, which random inputs rarely put together.
func TestFindAddressesOnProse(t *testing.T) {
	words := strings.Fields("12 4B 300 7 Harbor Old Mill Main O’Brien St St. Street Ave Lane Road Way Pl Suite Apt Unit #5 P.O. PO Box and in the, x_ 2026 Calle Avenida Sq")
	seps := []string{" ", "  ", "\n", ", ", ". ", "\t", "-", "_"}
	var b strings.Builder
	state := uint64(1)
	next := func(n int) int {
		state = state*6364136223846793005 + 1442695040888963407
		return int(state>>33) % n
	}
	for range 20000 {
		b.WriteString(words[next(len(words))])
		b.WriteString(seps[next(len(seps))])
	}
	text := []byte(b.String())
	want := streetAddress.FindAllIndex(text, -1)
	got := findAddresses(text)
	if len(want) < 100 {
		t.Fatalf("only %d addresses in the text: it tests little", len(want))
	}
	if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
		t.Fatalf("findAddresses found %d, the regexp %d, or at other places", len(got), len(want))
	}
}
