// Package timeline records when a build's phases start and end, for the
// person looking for where a build's time goes: AGENDA_TIMELINE=1 agenda
// build prints each phase's start and end, in milliseconds from the
// start of the program, when the build is done. Phases overlap: the
// timeline shows which of them a build waits for.
//
// Recording is off unless Enable was called; Begin then costs a load of
// one atomic value.
package timeline

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

type span struct {
	name       string
	start, end time.Duration
}

type recorder struct {
	origin time.Time
	mu     sync.Mutex
	spans  []span
}

var current atomic.Pointer[recorder]

// Enable starts recording, with times counted from now.
func Enable() { current.Store(&recorder{origin: time.Now()}) }

// Enabled reports whether a timeline is being recorded.
func Enabled() bool { return current.Load() != nil }

// Begin marks the start of a phase; the function it returns marks its end.
func Begin(name string) func() {
	r := current.Load()
	if r == nil {
		return func() {}
	}
	start := time.Since(r.origin)
	return func() {
		end := time.Since(r.origin)
		r.mu.Lock()
		r.spans = append(r.spans, span{name, start, end})
		r.mu.Unlock()
	}
}

// Write prints the phases recorded so far in the order they started, one
// a line: start, end and length in milliseconds, then the name.
func Write(w io.Writer) {
	r := current.Load()
	if r == nil {
		return
	}
	r.mu.Lock()
	spans := slices.Clone(r.spans)
	r.mu.Unlock()
	slices.SortStableFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	for _, s := range spans {
		fmt.Fprintf(w, "%8.1f %8.1f %8.1f  %s\n", ms(s.start), ms(s.end), ms(s.end-s.start), s.name)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
