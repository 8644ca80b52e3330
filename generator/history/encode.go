package history

import (
	"errors"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/commonagenda/agenda/generator/internal/binenc"
	"github.com/commonagenda/agenda/generator/model"
)

// storedFormat names the layout Encode writes; it changes whenever the
// layout or what it holds does (3: binenc; an objective file's events in
// the order Events returns them; 4: dates as year, month and day).
const storedFormat = "agenda history 4"

// Encode writes a whole history (one without a Note) for a later build
// to start from (Options.Since); it refuses any other. Commits are
// written once and named by their place in Commits after.
func (l *Log) Encode(w io.Writer) error {
	if !l.complete() {
		return errors.New("only a whole history is kept")
	}
	e := binenc.NewEncoder(w, storedFormat)
	e.String(l.Head)
	e.Uint(uint64(len(l.Commits)))
	for _, c := range l.Commits {
		e.String(c.Hash)
		e.Int(c.Date.Unix())
		e.String(c.Subject)
	}
	commit := func(c *Commit) { e.Uint(uint64(l.order[c])) }
	writeLists(e, l.files, func(rel string, ch Change) {
		commit(ch.Commit)
		e.Uint(uint64(ch.Kind))
		e.String(ch.blob)
		if ch.path == rel {
			e.String("") // the usual case: today's name
		} else {
			e.String(ch.path)
		}
	})
	writeLists(e, l.fileEvents, func(_ string, ev Event) {
		commit(ev.Commit)
		for _, s := range []string{string(ev.Kind), ev.Objective, ev.From, ev.To, ev.Who, ev.WhoURL, ev.Indicator, ev.Unit} {
			e.String(s)
		}
		e.Float(ev.Value)
		// A date is a day (model.NewDate makes every one).
		e.Bool(ev.Date.IsZero())
		if !ev.Date.IsZero() {
			y, m, d := ev.Date.Date()
			e.Int(int64(y))
			e.Uint(uint64(m))
			e.Uint(uint64(d))
		}
		e.Float(ev.Amount)
		e.Float(ev.OldAmount)
		e.Int(int64(ev.Year))
	})
	writeLists(e, l.timelines, func(_ string, p StatusPoint) {
		commit(p.Commit)
		e.String(p.Status)
	})
	return e.Close()
}

// Decode reads a history Encode wrote. Anything else, or anything
// damaged, is an error: the caller reads the history anew.
func Decode(r io.Reader) (*Log, error) {
	d, err := binenc.NewDecoder(r, storedFormat)
	if err != nil {
		return nil, err
	}
	l := newLog()
	l.Head = d.String()
	commits := make([]*Commit, d.Len(3))
	for i := range commits {
		c := &Commit{Hash: d.String(), Date: time.Unix(d.Int(), 0).UTC(), Subject: d.String()}
		if c.Hash == "" {
			d.Fail()
		}
		commits[i] = c
	}
	if l.Head == "" || d.Err() != nil {
		return nil, binenc.ErrDamaged
	}
	l.setCommits(commits)
	commit := func() *Commit {
		i := d.Uint()
		if i >= uint64(len(commits)) {
			d.Fail()
			return nil
		}
		return commits[i]
	}
	l.files = readLists(d, 4, func(rel string) Change {
		ch := Change{Commit: commit(), Kind: byte(d.Uint()), blob: d.String(), path: d.String()}
		if ch.path == "" {
			ch.path = rel
		}
		return ch
	})
	l.fileEvents = readLists(d, 14, func(string) Event {
		ev := Event{Commit: commit(), Kind: EventKind(d.String()), Objective: d.String(), From: d.String(), To: d.String(),
			Who: d.String(), WhoURL: d.String(), Indicator: d.String(), Unit: d.String(), Value: d.Float()}
		if !d.Bool() {
			y, m, day := d.Int(), d.Uint(), d.Uint()
			if m < 1 || m > 12 || day < 1 || day > 31 || y < -1e6 || y > 1e6 {
				d.Fail()
			}
			ev.Date = model.NewDate(int(y), time.Month(m), int(day))
		}
		ev.Amount, ev.OldAmount, ev.Year = d.Float(), d.Float(), int(d.Int())
		return ev
	})
	l.timelines = readLists(d, 2, func(string) StatusPoint { return StatusPoint{Commit: commit(), Status: d.String()} })
	if err := d.Done(); err != nil {
		return nil, err
	}
	return l, nil
}

// writeLists writes a map of lists, by name in order: each name, its
// list's length and each item (item writes it).
func writeLists[T any](e *binenc.Encoder, m map[string][]T, item func(name string, v T)) {
	e.Uint(uint64(len(m)))
	for _, name := range slices.Sorted(maps.Keys(m)) {
		e.String(name)
		e.Uint(uint64(len(m[name])))
		for _, v := range m[name] {
			item(name, v)
		}
	}
}

// readLists reads what writeLists wrote; an item takes at least min
// bytes.
func readLists[T any](d *binenc.Decoder, min int, item func(name string) T) map[string][]T {
	n := d.Len(2)
	m := make(map[string][]T, n)
	for range n {
		name := d.String()
		list := make([]T, d.Len(min))
		for i := range list {
			list[i] = item(name)
		}
		m[name] = list
	}
	return m
}
