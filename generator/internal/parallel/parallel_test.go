package parallel

import (
	"sync/atomic"
	"testing"
)

// Every index is visited exactly once, whatever n and the part size.
func TestEachAndPoolVisitEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 512, 513, 5000} {
		for name, run := range map[string]func(int, func(int)){
			"Each":  func(n int, do func(int)) { Each(n, 512, do) },
			"Each1": func(n int, do func(int)) { Each(n, 1, do) },
			"Pool":  Pool,
		} {
			seen := make([]atomic.Int32, n)
			run(n, func(i int) { seen[i].Add(1) })
			for i := range seen {
				if c := seen[i].Load(); c != 1 {
					t.Fatalf("%s(%d): index %d visited %d times", name, n, i, c)
				}
			}
		}
	}
}
