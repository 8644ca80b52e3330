package check

import (
	"slices"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// Cache keeps, between runs of Check in one process (the dev server),
// each objective's, organization's and partnership's own problems: those
// that depend on nothing but the entity and the vocabularies it is checked
// against (the categories, sectors, objective ids and slugs that exist).
// The load phase hands out the same parsed entity for a file whose bytes
// did not change, and nothing writes it, so while the vocabularies stay
// the same, an entity met again has the problems it had. Checks across
// entities (duplicate ids, parent cycles, aliases, the site's settings)
// run every time. One Check at a time may use a Cache.
type Cache struct {
	vocab []string
	own   map[any][]diag.Diagnostic
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{own: map[any][]diag.Diagnostic{}} }

// CheckCached is Check reusing from cache (which may be nil) the problems
// of every entity that cannot have changed.
func CheckCached(s *model.Strategy, cache *Cache) *diag.List {
	if !s.Indexed() {
		s.Index()
	}
	c := newChecker(s)
	if cache != nil {
		c.use(cache)
	}
	c.site()
	c.objectives()
	c.organizations()
	c.partnerships()
	c.aliases()
	if c.cache != nil {
		c.cache.own = c.found
	}
	return c.diags
}

// use sets the checker to reuse the cache's problems, if they were found
// against the same vocabularies, and to keep this run's for the next.
func (c *checker) use(cache *Cache) {
	s := c.s
	vocab := slices.Concat(s.CategoryKeys(), []string{"\x00"}, s.SectorKeys(), []string{"\x00"},
		s.ObjectiveIDs(), []string{"\x00"}, s.OrganizationSlugs(), []string{"\x00"}, s.PartnershipSlugs())
	// Hints name organizations by title and acronym (organizationNamed);
	// progress is checked against today.
	vocab = append(vocab, "\x00", s.Today.String())
	for _, o := range s.Organizations {
		vocab = append(vocab, o.Title, o.Acronym)
	}
	for _, claim := range s.Unreadable {
		vocab = append(vocab, "\x00"+claim.Kind)
		vocab = append(vocab, claim.Names...)
	}
	if slices.Equal(vocab, cache.vocab) {
		c.reuse = cache.own
	}
	cache.vocab = vocab
	c.cache = cache
	c.found = make(map[any][]diag.Diagnostic, len(s.Objectives)+len(s.Organizations)+len(s.Partnerships))
}

// own runs check, the checks of entity e alone, on a checker of its own,
// or takes e's problems from the cache.
func (c *checker) own(e any, check func(*checker)) {
	if c.cache == nil {
		check(c)
		return
	}
	found, ok := c.reuse[e]
	if !ok {
		sub := &checker{s: c.s, diags: &diag.List{}, known: c.known}
		check(sub)
		found = sub.diags.Items()
	}
	for _, d := range found {
		c.diags.Add(d)
	}
	c.mu.Lock()
	c.found[e] = found
	c.mu.Unlock()
}
