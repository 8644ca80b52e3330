package history

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"time"
)

// The stored form of a Log: commits by their place in Commits.
type (
	storedLog struct {
		Format    int
		Head      string
		Commits   []storedCommit
		Files     map[string][]storedChange
		Events    map[string][]storedEvent
		Timelines map[string][]storedPoint
	}
	storedCommit struct {
		Hash    string
		Unix    int64
		Subject string
	}
	storedChange struct {
		Commit     int
		Kind       byte
		Blob, Path string
	}
	storedEvent struct {
		Commit int
		Event  Event // without its Commit
	}
	storedPoint struct {
		Commit int
		Status string
	}
)

// storedFormat changes whenever storedLog or Event does.
const storedFormat = 1

// Encode writes a whole history (one without a Note) for a later build
// to start from (Options.Since); it refuses any other.
func (l *Log) Encode(w io.Writer) error {
	if !l.complete() {
		return errors.New("only a whole history is kept")
	}
	st := storedLog{Format: storedFormat, Head: l.Head, Files: map[string][]storedChange{},
		Events: map[string][]storedEvent{}, Timelines: map[string][]storedPoint{}}
	for _, c := range l.Commits {
		st.Commits = append(st.Commits, storedCommit{Hash: c.Hash, Unix: c.Date.Unix(), Subject: c.Subject})
	}
	for rel, chs := range l.files {
		for _, ch := range chs {
			st.Files[rel] = append(st.Files[rel], storedChange{Commit: l.order[ch.Commit], Kind: ch.Kind, Blob: ch.blob, Path: ch.path})
		}
	}
	for rel, evs := range l.fileEvents {
		for _, e := range evs {
			i := l.order[e.Commit]
			e.Commit = nil
			st.Events[rel] = append(st.Events[rel], storedEvent{Commit: i, Event: e})
		}
	}
	for rel, tl := range l.timelines {
		for _, p := range tl {
			st.Timelines[rel] = append(st.Timelines[rel], storedPoint{Commit: l.order[p.Commit], Status: p.Status})
		}
	}
	return gob.NewEncoder(w).Encode(st)
}

// Decode reads a history Encode wrote. Anything else, or anything
// damaged, is an error: the caller reads the history anew.
func Decode(r io.Reader) (log *Log, err error) {
	defer func() {
		if p := recover(); p != nil {
			log, err = nil, fmt.Errorf("damaged history: %v", p)
		}
	}()
	var st storedLog
	if err := gob.NewDecoder(r).Decode(&st); err != nil {
		return nil, err
	}
	if st.Format != storedFormat || st.Head == "" {
		return nil, errors.New("not a history of this version")
	}
	l := newLog()
	l.Head = st.Head
	commits := make([]*Commit, len(st.Commits))
	for i, c := range st.Commits {
		if c.Hash == "" {
			return nil, errors.New("damaged history: a commit without its hash")
		}
		commits[i] = &Commit{Hash: c.Hash, Date: time.Unix(c.Unix, 0).UTC(), Subject: c.Subject}
	}
	l.setCommits(commits)
	commit := func(i int) (*Commit, error) {
		if i < 0 || i >= len(commits) {
			return nil, errors.New("damaged history: a change of an unknown commit")
		}
		return commits[i], nil
	}
	for rel, chs := range st.Files {
		for _, ch := range chs {
			c, err := commit(ch.Commit)
			if err != nil {
				return nil, err
			}
			l.files[rel] = append(l.files[rel], Change{Commit: c, Kind: ch.Kind, blob: ch.Blob, path: ch.Path})
		}
	}
	for rel, evs := range st.Events {
		for _, e := range evs {
			c, err := commit(e.Commit)
			if err != nil {
				return nil, err
			}
			e.Event.Commit = c
			l.fileEvents[rel] = append(l.fileEvents[rel], e.Event)
		}
	}
	for rel, tl := range st.Timelines {
		for _, p := range tl {
			c, err := commit(p.Commit)
			if err != nil {
				return nil, err
			}
			l.timelines[rel] = append(l.timelines[rel], StatusPoint{Commit: c, Status: p.Status})
		}
	}
	l.index()
	return l, nil
}
