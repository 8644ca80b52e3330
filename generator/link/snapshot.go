package link

import (
	"maps"
	"slices"

	"github.com/commonagenda/agenda/generator/internal/parallel"
	"github.com/commonagenda/agenda/generator/model"
)

// Options are the inputs of a build that are not in the parsed files.
type Options struct {
	// Bodies are the markdown phase's renderings, which the linked
	// strategy holds (Strategy.Bodies).
	Bodies model.Bodies
	// WaitBodies, when set, is called for Bodies once everything else is
	// linked, so that the markdown phase may still be running meanwhile.
	WaitBodies func() model.Bodies
	// Today is the date overdue checks compare against.
	Today model.Date
	// Orders, when set, is the order the last Link of the same content
	// put things in, which this one checks before sorting, and updates.
	Orders *Orders
	// Sorted, when set, is called with the new strategy once its lists
	// are in order and before anything is linked: it may start work
	// that reads only the entities' own front matter (and Rank) on
	// other goroutines, since linking writes only the fields the link
	// phase fills.
	Sorted func(*model.Strategy)
}

// snapshot makes the new strategy a build links: a copy of every entity,
// document, category and sector of parsed, which it never writes. The
// copies' link fields start empty because parsed's are (nothing ever fills
// them there), so no field list has to be kept in step with the model.
// Values link never writes (front-matter slices, key positions, the
// site's settings) are shared.
func snapshot(parsed *model.Strategy) *model.Strategy {
	s := &model.Strategy{
		Site:          parsed.Site,
		Files:         parsed.Files,
		Unreadable:    parsed.Unreadable,
		Objectives:    make([]*model.Objective, len(parsed.Objectives)),
		Organizations: make([]*model.Organization, len(parsed.Organizations)),
		Partnerships:  make([]*model.Partnership, len(parsed.Partnerships)),
		Pages:         make([]*model.Page, len(parsed.Pages)),
		Intros:        make(map[string]*model.Page, len(parsed.Intros)),
	}
	s.Site.Categories = copyAll(parsed.Site.Categories, func(c model.Category) *model.Category { return &c })
	s.Site.Sectors = copyAll(parsed.Site.Sectors, func(c model.Sector) *model.Sector { return &c })
	doc := func(d *model.Doc) *model.Doc {
		if d == nil {
			return nil
		}
		c := *d
		// Only the markdown phase reads the Markdown; without it a
		// build holds its content once, not twice.
		c.Body = nil
		return &c
	}
	page := func(p model.Page) *model.Page { p.Doc = doc(p.Doc); return &p }
	s.Objectives = copyAll(parsed.Objectives, func(o model.Objective) *model.Objective { o.Doc = doc(o.Doc); return &o })
	s.Organizations = copyAll(parsed.Organizations, func(o model.Organization) *model.Organization {
		o.Doc = doc(o.Doc)
		// Link fills each commitment's funder, objective and recipient.
		o.Funding = slices.Clone(o.Funding)
		return &o
	})
	s.Partnerships = copyAll(parsed.Partnerships, func(p model.Partnership) *model.Partnership { p.Doc = doc(p.Doc); return &p })
	s.Pages = copyAll(parsed.Pages, page)
	if parsed.Home != nil {
		s.Home = page(*parsed.Home)
	}
	for _, k := range slices.Sorted(maps.Keys(parsed.Intros)) {
		s.Intros[k] = page(*parsed.Intros[k])
	}
	return s
}

// copyAll copies each item with copy, which receives the item by value.
func copyAll[T any](list []*T, copy func(T) *T) []*T {
	if list == nil {
		return nil
	}
	out := make([]*T, len(list))
	// Copies are independent: a large list is copied on every processor.
	parallel.Each(len(list), 512, func(i int) { out[i] = copy(*list[i]) })
	return out
}
