package render

import (
	"hash/maphash"
	"strings"
	"sync"

	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
)

// A list item, such as an objective's line or an organization's card,
// appears on many pages: its category and sector pages, the pages of the
// organizations and partnerships working on it, its parent's page. Most of
// a large site's template work is rendering the same items again, so the
// theme can ask for a shared block once per item with
//
//	{{cached "objective-line" .URL .}}
//
// which executes the block "objective-line" with the data the first time a
// key is seen during a rendering and reuses the result after. The key must
// identify the data completely (an item's URL does); blocks used this way
// must depend on nothing but their data. The cache lasts one rendering
// pass over a snapshot (Plan.RenderTo); a page rendered on its own
// (Plan.Page, in the dev server) executes its blocks without one.

// fragmentCache holds the blocks rendered during one pass: in maps of
// their own type, each behind its own lock (a sync.Map hashed each key as
// an interface, and found it in a tree: 140 ns a look, half a million
// looks a 10,000-file strategy).
type fragmentCache struct {
	partials *template.Template // the shared set: base and partials
	seed     maphash.Seed
	shards   [fragmentShards]fragmentShard
}

const fragmentShards = 16

type fragmentShard struct {
	mu   sync.RWMutex
	done map[fragmentKey]template.HTML
	_    [64]byte // a shard's lock away from its neighbour's
}

func newFragmentCache(partials *template.Template) *fragmentCache {
	return &fragmentCache{partials: partials, seed: maphash.MakeSeed()}
}

func (c *fragmentCache) shard(k fragmentKey) *fragmentShard {
	return &c.shards[maphash.Comparable(c.seed, k)%fragmentShards]
}

// fragmentKey names one rendering of a block.
type fragmentKey struct{ name, key string }

// cached is the template function: see above.
func (r *renderer) cached(name, key string, data any) (template.HTML, error) {
	c := r.fragments
	if c == nil {
		// A single page, rendered on request: nothing to share with.
		var b strings.Builder
		err := r.partials.ExecuteTemplate(&b, name, data)
		return template.HTML(b.String()), err
	}
	k := fragmentKey{name, key}
	sh := c.shard(k)
	sh.mu.RLock()
	v, ok := sh.done[k]
	sh.mu.RUnlock()
	if ok {
		return v, nil
	}
	var b strings.Builder
	if err := c.partials.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	// Two workers may render the same item at once; both results are the
	// same, so whichever is stored first wins.
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if v, ok := sh.done[k]; ok {
		return v, nil
	}
	if sh.done == nil {
		sh.done = map[fragmentKey]template.HTML{}
	}
	v = template.HTML(b.String())
	sh.done[k] = v
	return v, nil
}
