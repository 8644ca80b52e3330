package render

import (
	"strconv"
	"strings"
	"testing"
)

// A long list links the first and last pages and two either side of the
// current one, with the gaps marked; a short one links every page.
func TestPaginationWindow(t *testing.T) {
	show := func(p Pagination) string {
		var parts []string
		for _, l := range p.Links {
			switch {
			case l.Gap:
				parts = append(parts, "…")
			case l.Current:
				parts = append(parts, "["+strconv.Itoa(l.Number)+"]")
			default:
				parts = append(parts, strconv.Itoa(l.Number))
			}
		}
		return strings.Join(parts, " ")
	}
	for _, c := range []struct {
		n, pages int
		want     string
	}{
		{1, 1, "[1]"},
		{2, 5, "1 [2] 3 4 5"},
		{50, 100, "1 … 48 49 [50] 51 52 … 100"},
		{1, 100, "[1] 2 3 … 100"},
		{100, 100, "1 … 98 99 [100]"},
		{4, 100, "1 2 3 [4] 5 6 … 100"},
	} {
		p := pagination("/x/", c.n, c.pages)
		if got := show(p); got != c.want {
			t.Errorf("page %d of %d: %s, want %s", c.n, c.pages, got, c.want)
		}
		if (c.n > 1) != (p.Prev != "") || (c.n < c.pages) != (p.Next != "") {
			t.Errorf("page %d of %d: prev %q next %q", c.n, c.pages, p.Prev, p.Next)
		}
	}
}
