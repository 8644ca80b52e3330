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
// got it earlier is still reading it. Every file is still read, so a
// change the file watcher missed is still seen. One Load at a time may use
// a Cache.
type Cache struct {
	mu    sync.Mutex
	files map[string]cached // by slash path under the content folder
	seen  map[string]bool   // files met during the current Load
}

type cached struct {
	src   []byte
	item  any
	diags []diag.Diagnostic
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: map[string]cached{}}
}

// lookup returns the parse of rel when src is what was parsed last time.
func (c *Cache) lookup(rel string, src []byte) (cached, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[rel] = true
	e, ok := c.files[rel]
	return e, ok && bytes.Equal(e.src, src)
}

func (c *Cache) store(rel string, e cached) {
	c.mu.Lock()
	c.files[rel] = e
	c.mu.Unlock()
}

// begin and end bracket one Load; end forgets files that are gone.
func (c *Cache) begin() { c.seen = map[string]bool{} }

func (c *Cache) end() {
	for rel := range c.files {
		if !c.seen[rel] {
			delete(c.files, rel)
		}
	}
}
