package render

import (
	"reflect"
	"runtime"
	"slices"
	"sync"

	"github.com/commonagenda/agenda/generator/internal/keyhash"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/timeline"
)

// A scoped page (see Memo) names each entity its view read by a digest
// of that entity as the renderer sees it: every field of its struct, the
// front matter's and those the link phase derived (its reverse links,
// its commitments with their amounts and parties). A field that points to
// another entity is written as that entity's URL, since reading the
// other entity's fields is a read of its own; a category or a sector is
// written as its key, since site.toml is in Later.Global; a document as
// its path and the digest of its front matter (its body is read through
// body, and named by the Memo's Bodies). The figures of an objective
// (analysis.ObjectiveFigures) are made from its own fields and the day,
// so its digest names them too.

var (
	dateType     = reflect.TypeFor[model.Date]()
	docType      = reflect.TypeFor[model.Doc]()
	categoryType = reflect.TypeFor[model.Category]()
	sectorType   = reflect.TypeFor[model.Sector]()
	entityType   = reflect.TypeFor[model.Entity]()
)

// pointerKinds says how the digest writes a pointer of each type it has
// met (see value): by following it, or by one of the names below.
var pointerKinds sync.Map // reflect.Type → pointerKind

type pointerKind int

const (
	follow pointerKind = iota
	byDoc
	byCategory
	bySector
	byURL
)

func kindOfPointer(t reflect.Type) pointerKind {
	if k, ok := pointerKinds.Load(t); ok {
		return k.(pointerKind)
	}
	k := follow
	switch {
	case t.Elem() == docType:
		k = byDoc
	case t.Elem() == categoryType:
		k = byCategory
	case t.Elem() == sectorType:
		k = bySector
	case t.Implements(entityType):
		k = byURL
	}
	pointerKinds.Store(t, k)
	return k
}

// digestTable holds the digests of the objectives, organizations and
// partnerships of a strategy, by URL (as memos name them) and by entity
// (as groups list them). An entity that cannot be named (a field of a
// kind the digest does not know) is left out, so the pages that read it
// are always built.
type digestTable struct {
	byURL    map[string][32]byte // and items by itemName(URL)
	byEntity map[model.Entity][32]byte
	items    map[model.Entity][32]byte
}

// itemFields are the fields of an organization or a partnership that
// its item (orgItem, partnershipItem), its place in a list sorted by
// title and the other short mentions of it (a funder's name, a
// partner's sector) read: a page that names one among others, without
// its own page's detail, depends on these alone, and is not built again
// when its phone number or its objectives change. Objectives have no
// items: an objective's item shows its status, lead and funding.
var itemFields = map[reflect.Type][]string{
	reflect.TypeFor[*model.Organization](): {"Slug", "Title", "Acronym", "Summary", "Sector", "SurvivorLed", "SectorRef"},
	reflect.TypeFor[*model.Partnership]():  {"Slug", "Title", "Summary", "Kind", "Level", "MemberOrgs"},
}

// itemIndexes are the places of fields in the struct type t, found once.
func itemIndexes(t reflect.Type, fields []string) []int {
	if v, ok := itemPlaces.Load(t); ok {
		return v.([]int)
	}
	var out []int
	for _, f := range fields {
		if sf, ok := t.FieldByName(f); ok && len(sf.Index) == 1 {
			out = append(out, sf.Index[0])
		} else {
			panic("render: itemFields names " + f + ", which " + t.String() + " does not have")
		}
	}
	itemPlaces.Store(t, out)
	return out
}

var itemPlaces sync.Map // reflect.Type → []int

// isMarkdownPage reports whether e is a Markdown page, not an objective, an
// organization or a partnership.
func isMarkdownPage(e model.Entity) bool {
	_, page := e.(*model.Page)
	return page
}

// itemName is the name of what an item of the entity at url shows.
func itemName(url string) string { return "~" + url }

// entityDigests makes the digestTable of s.
func entityDigests(s *model.Strategy) digestTable {
	defer timeline.Begin("pages: entity digests")()
	all := slices.DeleteFunc(s.Entities(), isMarkdownPage) // Later.Global names the pages
	sums := make([][32]byte, len(all))
	itemSums := make([][32]byte, len(all))
	named := make([]bool, len(all))
	workers := min(runtime.GOMAXPROCS(0), 1+len(all)/500)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			d := digester{keyhash.New("")}
			for i := w; i < len(all); i += workers {
				sums[i], named[i] = d.entity(all[i])
				if named[i] {
					itemSums[i], named[i] = d.item(all[i])
				}
			}
		})
	}
	wg.Wait()
	t := digestTable{byURL: make(map[string][32]byte, 2*len(all)), byEntity: make(map[model.Entity][32]byte, len(all)),
		items: make(map[model.Entity][32]byte, len(all))}
	for i, e := range all {
		if named[i] {
			t.byURL[e.URL()] = sums[i]
			t.byEntity[e] = sums[i]
			if _, ok := itemFields[reflect.TypeOf(e)]; ok {
				t.byURL[itemName(e.URL())] = itemSums[i]
				t.items[e] = itemSums[i]
			} else {
				t.items[e] = sums[i]
			}
		}
	}
	return t
}

// digester writes an entity's values into a hash.
type digester struct{ *keyhash.Hash }

// entity is e's digest, false when it holds what cannot be named.
func (d digester) entity(e model.Entity) ([32]byte, bool) {
	d.Reset("agenda entity 1")
	v := reflect.ValueOf(e)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return [32]byte{}, false
	}
	d.String(v.Type().String())
	d.String(e.URL())
	if !d.value(v.Elem(), 0) {
		return [32]byte{}, false
	}
	return d.Sum(), true
}

// item is the digest of what an item of e shows (itemFields); e's own
// digest for a kind without items.
func (d digester) item(e model.Entity) ([32]byte, bool) {
	fields, ok := itemFields[reflect.TypeOf(e)]
	if !ok {
		return d.entity(e)
	}
	d.Reset("agenda item 1")
	d.String(e.URL())
	v := reflect.ValueOf(e).Elem()
	for _, i := range itemIndexes(v.Type(), fields) {
		if !d.value(v.Field(i), 1) {
			return [32]byte{}, false
		}
	}
	return d.Sum(), true
}

// value writes v as writeValue does, but for what named writes.
func (d digester) value(v reflect.Value, depth int) bool {
	return writeValue(d.Hash, v, depth, named)
}

// named writes a date, and a pointer to a document, a category, a sector
// or another entity, by what names it (see the comment at the top of the
// file); it leaves any other value to writeValue.
func named(h *keyhash.Hash, v reflect.Value) (handled, ok bool) {
	if v.Kind() == reflect.Struct {
		if v.Type() != dateType {
			return false, false
		}
		t := v.Interface().(model.Date)
		h.Bool(t.IsZero())
		h.Uint(uint64(t.Unix()))
		h.Uint(uint64(t.Nanosecond()))
		h.String(t.Location().String())
		return true, true
	}
	switch kindOfPointer(v.Type()) {
	case byDoc:
		doc := v.Interface().(*model.Doc)
		h.String(doc.Rel)
		h.Bytes(doc.FrontSum[:])
	case byCategory:
		h.String(v.Interface().(*model.Category).Key)
	case bySector:
		h.String(v.Interface().(*model.Sector).Key)
	case byURL:
		// The URL, without making it: a kind and what names it.
		switch e := v.Interface().(type) {
		case *model.Objective:
			h.String("/objectives/")
			h.String(e.ID)
		case *model.Organization:
			h.String("/organizations/")
			h.String(e.Slug)
		case *model.Partnership:
			h.String("/partnerships/")
			h.String(e.Slug)
		default:
			h.String(e.(model.Entity).URL())
		}
	default:
		return false, false
	}
	return true, true
}
