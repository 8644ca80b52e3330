package load

import (
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"strings"
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
// costs reading what changed. When the caller knows what changed
// (Options.Changed, from a file watcher), the other files are not even
// looked at, and the folder is not listed again: the Cache keeps the last
// list. One Load at a time may use a Cache.
type Cache struct {
	mu    sync.RWMutex
	files map[string]cached // by slash path under the content folder
	// jobs is the last Load's list of files, in order; usable is false
	// when there is none to start from (see update).
	jobs   []job
	usable bool
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

// listed keeps the list of files a walk found, for update; usable says
// whether a later Load may start from it.
func (c *Cache) listed(jobs []job, usable bool) {
	c.jobs, c.usable = jobs, usable
}

// update returns the list of files after the changes at the paths in
// changed, from the last list: each changed file is looked at (added,
// kept or dropped), the others are marked same. It returns nil when the
// folder must be listed again instead: no usable list, a folder or
// something other than a regular file among the changes, or a path it
// cannot make sense of. removed says whether files left the list.
func (c *Cache) update(fsys fs.FS, changed []string) (jobs []job, removed bool) {
	if !c.usable {
		return nil, false
	}
	jobs = make([]job, 0, len(c.jobs)+len(changed))
	gone := map[string]bool{}
	dirty := map[string]bool{}
	for _, rel := range changed {
		if rel == "" || rel == "." || !fs.ValidPath(rel) {
			return nil, false
		}
		hidden := false
		for part := range strings.SplitSeq(rel, "/") {
			hidden = hidden || Skipped(part)
		}
		if hidden || rel == siteFile {
			continue
		}
		info, err := fs.Lstat(fsys, rel)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			gone[rel] = true
		case err != nil || !info.Mode().IsRegular():
			return nil, false // a folder, a link, something unreadable: list again
		default:
			dirty[rel] = true
		}
	}
	for _, j := range c.jobs {
		if gone[j.rel] || goneFolder(gone, j.rel) {
			removed = true
			continue
		}
		j.same = !dirty[j.rel]
		delete(dirty, j.rel)
		jobs = append(jobs, j)
	}
	for rel := range dirty { // new files
		jobs = append(jobs, job{rel: rel, kind: classify(rel)})
	}
	slices.SortFunc(jobs, func(a, b job) int { return strings.Compare(a.rel, b.rel) })
	c.jobs = jobs
	return jobs, removed
}

// goneFolder reports whether one of the folders holding rel is gone.
func goneFolder(gone map[string]bool, rel string) bool {
	if len(gone) == 0 {
		return false
	}
	for i := strings.LastIndexByte(rel, '/'); i > 0; i = strings.LastIndexByte(rel[:i], '/') {
		if gone[rel[:i]] {
			return true
		}
	}
	return false
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
