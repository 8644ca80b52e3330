package render

import (
	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
	"strings"
	"sync"
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

// fragmentCache holds the blocks rendered during one pass.
type fragmentCache struct {
	partials *template.Template // the shared set: base and partials
	done     sync.Map           // fragmentKey -> template.HTML
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
	if v, ok := c.done.Load(k); ok {
		return v.(template.HTML), nil
	}
	var b strings.Builder
	if err := c.partials.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	// Two workers may render the same item at once; both results are the
	// same, so whichever is stored first wins.
	v, _ := c.done.LoadOrStore(k, template.HTML(b.String()))
	return v.(template.HTML), nil
}
