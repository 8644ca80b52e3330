package check

import (
	"crypto/sha256"
	"io"
	"maps"
	"path"
	"slices"
	"strconv"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/internal/binenc"
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
	// A cache kept between builds (ReadCache) knows entities by their
	// contents, not by the parsed item: kept are the problems it read,
	// by ownKey, found against the vocabularies whose checksum is
	// keptVocab; made are this run's, for Save.
	persistent bool
	keptVocab  [32]byte
	kept, made map[string][]diag.Diagnostic
	changed    bool // made differs from kept
}

// Changed reports whether Save would write other problems than were read.
func (c *Cache) Changed() bool { return c.changed }

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{own: map[any][]diag.Diagnostic{}} }

// ownKey names an entity by what its own problems are made from: its
// kind, its file as shown and as kept, and the checksums of its front
// matter and body (model.Doc.FrontSum, BodySum); "" when the body's
// checksum is not known.
func ownKey(e any) string {
	var kind string
	var d *model.Doc
	switch e := e.(type) {
	case *model.Objective:
		kind, d = "objective", e.Doc
	case *model.Organization:
		kind, d = "organization", e.Doc
	case *model.Partnership:
		kind, d = "partnership", e.Doc
	}
	if d == nil || d.BodySum == ([32]byte{}) {
		return ""
	}
	return kind + "\x00" + d.Rel + "\x00" + d.Path + "\x00" + string(d.FrontSum[:]) + string(d.BodySum[:])
}

// cacheFormat names the layout Save writes.
const cacheFormat = "agenda check cache 1"

// Save writes the problems this run found, for ReadCache.
func (c *Cache) Save(w io.Writer) error {
	e := binenc.NewEncoder(w, cacheFormat)
	e.String(string(c.keptVocab[:]))
	keys := slices.Sorted(maps.Keys(c.made))
	e.Uint(uint64(len(keys)))
	for _, k := range keys {
		e.String(k)
		diag.Encode(e, c.made[k])
	}
	return e.Close()
}

// ReadCache reads what Save wrote, for a build that keeps its cache
// between runs; anything else, or anything damaged, is an error, and the
// caller starts with an empty one (NewPersistentCache).
func ReadCache(r io.Reader) (*Cache, error) {
	d, err := binenc.NewDecoder(r, cacheFormat)
	if err != nil {
		return nil, err
	}
	c := NewPersistentCache()
	d.Fixed(c.keptVocab[:])
	for range d.Len(2) {
		k := d.String()
		ds := diag.Decode(d, d.String)
		if d.Err() != nil {
			break
		}
		c.kept[k] = ds
	}
	if err := d.Done(); err != nil {
		return nil, err
	}
	return c, nil
}

// NewPersistentCache returns an empty cache to keep between builds
// (Save, ReadCache).
func NewPersistentCache() *Cache {
	return &Cache{own: map[any][]diag.Diagnostic{}, persistent: true, kept: map[string][]diag.Diagnostic{}}
}

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
	// The site's settings are on every page (its title, the notice, the
	// Ps' and sectors' names and descriptions).
	c.leaks(&s.Site, s.Site.Doc)
	c.objectives()
	c.organizations()
	c.partnerships()
	c.aliases()
	pages := s.Pages
	if s.Home != nil {
		pages = append([]*model.Page{s.Home}, pages...)
	}
	for _, p := range pages {
		c.leaks(p, p.Doc)
	}
	for _, f := range s.Files {
		at := f.Rel
		if s.Site.Doc != nil {
			at = path.Join(path.Dir(s.Site.Doc.Path), f.Rel) // as the content files are named
		}
		c.leakInName(diag.Pos{Path: at}, f.Rel)
	}
	if c.cache != nil {
		c.cache.own = c.found
		if c.cache.persistent {
			c.cache.changed = c.changedKept || len(c.made) != len(c.cache.kept) || c.reuseKept == nil
			c.cache.made = c.made
		}
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
	// Each text is searched for the confidential addresses; a
	// reference to a draft is said to be one.
	vocab = append(vocab, c.leak.vocab()...)
	for _, d := range s.Drafts {
		vocab = append(vocab, "\x00draft "+d.Kind+" "+d.Rel)
		vocab = append(vocab, d.Names...)
	}
	if slices.Equal(vocab, cache.vocab) {
		c.reuse = cache.own
	}
	cache.vocab = vocab
	c.cache = cache
	c.found = make(map[any][]diag.Diagnostic, len(s.Objectives)+len(s.Organizations)+len(s.Partnerships))
	if cache.persistent {
		h := sha256.New()
		for _, v := range vocab {
			h.Write([]byte(strconv.Itoa(len(v))))
			h.Write([]byte{0})
			h.Write([]byte(v))
		}
		sum := [32]byte(h.Sum(nil))
		if sum == cache.keptVocab {
			c.reuseKept = cache.kept
		}
		cache.keptVocab = sum
		c.made = make(map[string][]diag.Diagnostic, len(c.found))
	}
}

// own runs check, the checks of entity e alone, on a checker of its own,
// or takes e's problems from the cache.
func (c *checker) own(e any, check func(*checker)) {
	if c.cache == nil {
		check(c)
		return
	}
	found, ok := c.reuse[e]
	var key string
	if c.made != nil {
		key = ownKey(e)
	}
	if !ok && key != "" {
		found, ok = c.reuseKept[key]
	}
	if key != "" && !ok {
		c.mu.Lock()
		c.changedKept = true
		c.mu.Unlock()
	}
	if !ok {
		sub := &checker{s: c.s, diags: &diag.List{}, known: c.known, leak: c.leak}
		check(sub)
		found = sub.diags.Items()
	}
	for _, d := range found {
		c.diags.Add(d)
	}
	c.mu.Lock()
	c.found[e] = found
	if key != "" {
		c.made[key] = found
	}
	c.mu.Unlock()
}
