package site

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/feeds"
)

// TestNewestOfIsTheSortedHead: the feed of a category or a sector merges
// its objectives' changes; it must give the first changes of all of
// them sorted newest first, one moment's by page, then as they came.
// Many changes share a moment (a commit that changed several
// objectives), and an objective may come twice.
func TestNewestOfIsTheSortedHead(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for round := range 300 {
		pages := r.IntN(8)
		var lists [][]feeds.Change
		var all []feeds.Change
		for p := range pages {
			page := fmt.Sprintf("/objectives/o-%d/", r.IntN(6)*10+p) // unique per list, in no order
			n := r.IntN(12)
			var l []feeds.Change
			for k := range n {
				l = append(l, feeds.Change{Page: page, Title: fmt.Sprintf("%d.%d", p, k),
					Date: day.Add(time.Duration(r.IntN(5)) * time.Hour)})
			}
			// An objective's changes come newest first (Story's order).
			slices.SortStableFunc(l, func(a, b feeds.Change) int { return b.Date.Compare(a.Date) })
			lists = append(lists, l)
			if r.IntN(5) == 0 {
				lists = append(lists, l) // an objective counted twice
			}
		}
		for _, l := range lists {
			all = append(all, l...)
		}
		slices.SortStableFunc(all, func(a, b feeds.Change) int {
			return cmp.Or(b.Date.Compare(a.Date), strings.Compare(a.Page, b.Page))
		})
		limit := 1 + r.IntN(20)
		want := all[:min(limit, len(all))]
		got := newestOf(slices.Clone(lists), limit)
		if len(want) == 0 {
			want = nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d, limit %d:\n got %v\nwant %v", round, limit, titles(got), titles(want))
		}
	}
}

func titles(cs []feeds.Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Page+" "+c.Title)
	}
	return out
}
