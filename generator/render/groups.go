package render

import (
	"strings"
	"sync"

	"github.com/commonagenda/agenda/generator/model"
)

// A page that shows a long list (a page of a sector's organizations, of
// Find help, of the directory) reads every entity of the list, to sort
// it and to count it, but it need not name each one: it names the list,
// a group, and a build names the group by a digest of its entities'
// URLs and digests, in order (groupDigest). A group whose name starts
// with "#" stands for the list's length alone, for a page that shows
// only how long a list is, and one whose name starts with "~" for what
// the items of its entities show (itemFields), for a page that lists
// them. Group names:
//
//	@objectives, @organizations, @partnerships      all of a kind, in the strategy's order
//	@category/<key>/<list>, @sector/<key>/<list>    a category's or a sector's list
//	@cell/<category>/<sector>/<list>                a coverage cell's list
//	@help, @help/<facet>/<value>                    the providers of Find help
//
// where <list> is objectives, organizations or partnerships.

// sawGroup records that the view being built read the group name.
func (r *renderer) sawGroup(name string) {
	if rd := r.recording(); rd != nil {
		rd.groups = append(rd.groups, name)
	}
}

// groupOf names the list of one category, sector or cell: scope is
// "category/<key>", "sector/<key>" or "cell/<category>/<sector>".
func groupOf(scope, list string) string { return "@" + scope + "/" + list }

// countOf names the length of a group.
func countOf(group string) string { return "#" + group[1:] }

// itemsOf names what the items of a group's entities show.
func itemsOf(group string) string { return "~" + group }

// groupList returns the entities of the group name in this plan; false
// when there is no such group.
func (r *renderer) groupList(name string) ([]model.Entity, bool) {
	name = strings.TrimPrefix(name, "~")
	if len(name) < 2 || name[0] != '@' && name[0] != '#' {
		return nil, false
	}
	parts := strings.Split(name[1:], "/")
	list := parts[len(parts)-1]
	switch {
	case len(parts) == 1 && list == "help":
		return entities(r.report.Help.Providers), true
	case len(parts) == 1:
		return listOf(list, r.s.Objectives, r.s.Organizations, r.s.Partnerships)
	case len(parts) == 3 && parts[0] == "help":
		if f := r.report.Help.Facet(parts[1]); f != nil {
			if v := f.Value(parts[2]); v != nil {
				return entities(v.Providers), true
			}
		}
	case len(parts) == 3 && parts[0] == "category":
		if c := r.s.Category(parts[1]); c != nil {
			return listOf(list, c.Objectives, c.Organizations, c.Partnerships)
		}
	case len(parts) == 3 && parts[0] == "sector":
		if sec := r.s.Sector(parts[1]); sec != nil {
			return listOf(list, sec.Objectives, sec.Organizations, sec.Partnerships)
		}
	case len(parts) == 4 && parts[0] == "cell":
		c, sec := r.s.Category(parts[1]), r.s.Sector(parts[2])
		if c != nil && sec != nil {
			cell := r.cell(c, sec)
			return listOf(list, nil, cell.Organizations, cell.Partnerships)
		}
	}
	return nil, false
}

// listOf picks the list called list.
func listOf(list string, objs []*model.Objective, orgs []*model.Organization, parts []*model.Partnership) ([]model.Entity, bool) {
	switch list {
	case "objectives":
		return entities(objs), true
	case "organizations":
		return entities(orgs), true
	case "partnerships":
		return entities(parts), true
	}
	return nil, false
}

func entities[T model.Entity](list []T) []model.Entity {
	return appendEntities(make([]model.Entity, 0, len(list)), list)
}

// groupSum is one group's digest, made once a plan.
type groupSum struct {
	once sync.Once
	sum  [32]byte
	ok   bool
}

// groupDigest names the group name as this plan has it: its length and
// its entities' digests, which name their URLs; false when there is no
// such group or one of its entities cannot be named.
func (r *renderer) groupDigest(name string) ([32]byte, bool) {
	v, _ := r.groupSums.LoadOrStore(name, &groupSum{})
	g := v.(*groupSum)
	g.once.Do(func() {
		list, ok := r.groupList(name)
		if !ok {
			return
		}
		w := keyWriters.Get().(*keyWriter) // a hash's 32 KB buffer, reused
		defer keyWriters.Put(w)
		k := w.Hash
		k.Reset("agenda group 1")
		k.String(name)
		k.Int(len(list))
		if name[0] == '@' || name[0] == '~' {
			digests := r.digests().byEntity
			if name[0] == '~' {
				digests = r.digests().items
			}
			for _, e := range list {
				d, ok := digests[e]
				if !ok {
					return
				}
				k.Sum32(d)
			}
		}
		g.sum, g.ok = k.Sum(), true
	})
	return g.sum, g.ok
}
