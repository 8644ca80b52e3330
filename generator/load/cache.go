package load

import (
	"bytes"
	"sync"

	"github.com/commonagenda/agenda/generator/diag"
)

// Cache remembers what each content file parsed to, so that a later Load
// parses again only the files whose contents changed. The dev server keeps
// one across rebuilds: after an edit to one file of ten thousand, reading
// every file is cheap but parsing them is not.
//
// A file's parse depends on nothing but its path and its bytes, and
// nothing writes a parsed item (the link phase links copies of them), so
// the next Load may hand out the same item again, even while a build that
// got it earlier is still reading it. A file whose size and modification
// time are what they were when it was parsed is not read again: an edit
// costs reading what changed. Every file is still looked at, so a change
// the file watcher missed is still seen. One Load at a time may use a
// Cache.
type Cache struct {
	mu    sync.RWMutex
	files map[string]cached // by slash path under the content folder
}

type cached struct {
	src   []byte
	stamp stamp
	item  any
	diags []diag.Diagnostic
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: map[string]cached{}}
}

// unchanged returns the parse of rel when its size and modification time
// are those of the bytes parsed last time. A zero stamp (unknown) never
// matches.
func (c *Cache) unchanged(rel string, st stamp) (cached, bool) {
	if st == (stamp{}) {
		return cached{}, false
	}
	c.mu.RLock()
	e, ok := c.files[rel]
	c.mu.RUnlock()
	if ok && e.stamp == st && int64(len(e.src)) == st.size {
		return e, true
	}
	return cached{}, false
}

// lookup returns the parse of rel when src is what was parsed last time,
// and notes the file's new stamp.
func (c *Cache) lookup(rel string, src []byte, st stamp) (cached, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.files[rel]
	if ok && bytes.Equal(e.src, src) {
		e.stamp = st
		c.files[rel] = e
		return e, true
	}
	return e, false
}

func (c *Cache) store(rel string, e cached) {
	c.mu.Lock()
	c.files[rel] = e
	c.mu.Unlock()
}

// keep forgets the files that are not among jobs: they are gone.
func (c *Cache) keep(jobs []job) {
	present := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		present[j.rel] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for rel := range c.files {
		if !present[rel] {
			delete(c.files, rel)
		}
	}
}
