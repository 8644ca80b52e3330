// Package parallel runs the independent steps of a phase on every
// processor. Each step writes only what its index names, so the outcome
// does not depend on timing.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls do for 0 to n-1 in contiguous parts, one per processor, of
// at least minPart indexes: for many cheap steps of about equal cost
// (copying entities, making routes). A small n runs on the caller.
func Each(n, minPart int, do func(int)) {
	procs := runtime.GOMAXPROCS(0)
	size := max(minPart, (n+procs-1)/procs, 1)
	var wg sync.WaitGroup
	for start := 0; start < n; start += size {
		end := min(start+size, n)
		run := func() {
			for i := start; i < end; i++ {
				do(i)
			}
		}
		if end == n { // the last part on the caller
			run()
			break
		}
		wg.Go(run)
	}
	wg.Wait()
}

// Pool calls work for 0 to n-1 on one worker per processor, each taking
// the next index when done: for steps of uneven cost (rendering bodies).
func Pool(n int, work func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				work(i)
			}
		})
	}
	wg.Wait()
}
