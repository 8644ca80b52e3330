package diff

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/model"
)

// kindOrder is the order entities are listed in.
var kindOrder = map[Kind]int{Objective: 0, Organization: 1, Partnership: 2}

// item is an entity with the struct its file was read into.
type item struct {
	Entity
	value reflect.Value // the struct (not a pointer)
	doc   *model.Doc
	body  string // the rendered body
}

// items lists a strategy's entities by kind and entityKey, each key's
// holders in the strategy's order: a key held twice (an error the check
// phase reports), "PV-1" and "pv-1" too, has two (see pair).
func items(s *model.Strategy) map[Kind]map[string][]item {
	out := map[Kind]map[string][]item{Objective: {}, Organization: {}, Partnership: {}}
	if s == nil {
		return out
	}
	put := func(it item) {
		key := entityKey(it.Kind, it.Key)
		out[it.Kind][key] = append(out[it.Kind][key], it)
	}
	for _, o := range s.Objectives {
		put(item{Entity{Objective, o.ID, o.Name()}, reflect.ValueOf(o).Elem(), o.Doc, s.Body(o.Doc).Markup()})
	}
	for _, o := range s.Organizations {
		put(item{Entity{Organization, o.Slug, o.Title}, reflect.ValueOf(o).Elem(), o.Doc, s.Body(o.Doc).Markup()})
	}
	for _, p := range s.Partnerships {
		put(item{Entity{Partnership, p.Slug, p.Title}, reflect.ValueOf(p).Elem(), p.Doc, s.Body(p.Doc).Markup()})
	}
	return out
}

// entityKey is how an entity is known on both sides: ids are unique
// without regard to case, so PV-1 and pv-1 are the same objective.
func entityKey(k Kind, key string) string {
	if k == Objective {
		return strings.ToLower(key)
	}
	return key
}

func (r *Result) compareEntities(base, head *model.Strategy) {
	before, after := items(base), items(head)
	// An entity whose file one side could not read is not added or
	// removed: its file has an error on that side.
	unread := func(s *model.Strategy, side string, e Entity) bool {
		if s == nil || !s.Claimed(string(e.Kind), e.Key) {
			return false
		}
		r.Unreadable = append(r.Unreadable, Unreadable{Entity: e, In: side})
		return true
	}
	for _, k := range []Kind{Objective, Organization, Partnership} {
		old := before[k]
		seen := map[string]bool{}
		for ek, holders := range after[k] {
			seen[ek] = true
			was, it, ok := pair(old[ek], holders)
			if !ok {
				if !unread(base, "old", it.Entity) {
					r.Added = append(r.Added, it.Entity)
				}
				continue
			}
			if fields, values := changed(was, it); len(fields) > 0 {
				r.Changed = append(r.Changed, Change{Entity: it.Entity, Fields: fields, Values: values})
			}
		}
		for ek, holders := range old {
			if it := holders[0]; !seen[ek] && !unread(head, "new", it.Entity) {
				r.Removed = append(r.Removed, it.Entity)
			}
		}
	}
	sortEntities(r.Added)
	sortEntities(r.Removed)
	slices.SortFunc(r.Unreadable, func(a, b Unreadable) int { return compareEntity(a.Entity, b.Entity) })
	slices.SortFunc(r.Changed, func(a, b Change) int { return compareEntity(a.Entity, b.Entity) })
}

// pair chooses the versions of one entity to compare from its holders on
// each side (in the strategy's order; two or more only when a key is held
// twice, an error): the two in files of the same name, else each side's
// first, the same on every run. ok is false when the old side has none;
// it is then the new side's first.
func pair(old, now []item) (was, it item, ok bool) {
	if len(old) == 0 {
		return item{}, now[0], false
	}
	for _, n := range now {
		for _, o := range old {
			if o.doc != nil && n.doc != nil && o.doc.Rel == n.doc.Rel {
				return o, n, true
			}
		}
	}
	return old[0], now[0], true
}

func sortEntities(es []Entity) { slices.SortFunc(es, compareEntity) }

func compareEntity(a, b Entity) int {
	if a.Kind != b.Kind {
		return kindOrder[a.Kind] - kindOrder[b.Kind]
	}
	return naturalCompare(entityKey(a.Kind, a.Key), entityKey(b.Kind, b.Key))
}

// naturalCompare orders keys with their numbers as numbers: pv-2 before
// pv-10.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) - len(nb)
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digits(s string) int {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	return n
}

// changed is what differs between two versions of an entity: its
// front-matter keys (only those: what the link phase derived from other
// files shows as coverage, shortfalls and funding), its body, and for an
// objective its file; and, for each key of one value, the two values as
// written.
func changed(before, after item) (fields []string, values map[string][2]string) {
	t := before.value.Type()
	for i := range t.NumField() {
		key := tomlKey(t.Field(i))
		if key == "" || equalValues(before.value.Field(i), after.value.Field(i)) {
			continue
		}
		fields = append(fields, key)
		was, ok1 := scalar(before.value.Field(i))
		now, ok2 := scalar(after.value.Field(i))
		if ok1 && ok2 {
			if values == nil {
				values = map[string][2]string{}
			}
			values[key] = [2]string{was, now}
		}
	}
	if before.body != after.body {
		fields = append(fields, "body")
	}
	if before.Kind == Objective && before.doc != nil && after.doc != nil && before.doc.Rel != after.doc.Rel {
		fields = append(fields, "file")
	}
	return fields, values
}

// scalar writes a value of one item as front matter would: text as it
// is, numbers in full, dates as days; false for lists and tables.
func scalar(v reflect.Value) (string, bool) {
	if v.Type() == dateType {
		return v.Interface().(model.Date).String(), true
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return "", true // left out
		}
		if v.Elem().Kind() == reflect.Struct && v.Elem().Type() != dateType {
			return "", false
		}
		return scalar(v.Elem())
	case reflect.String:
		return v.String(), true
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), true
	case reflect.Int, reflect.Int64, reflect.Int32:
		return strconv.FormatInt(v.Int(), 10), true
	case reflect.Float64, reflect.Float32:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64), true
	}
	return "", false
}

// tomlKey is a struct field's front-matter key, "" for fields the load
// phase does not read.
func tomlKey(f reflect.StructField) string {
	key := f.Tag.Get("toml")
	if key == "-" || !f.IsExported() {
		return ""
	}
	return key
}

var dateType = reflect.TypeFor[model.Date]()

// equalValues compares what two values say in front matter: structs by
// their front-matter keys only (a commitment's resolved funder is a
// pointer into its own strategy), dates by day, lists item by item.
func equalValues(a, b reflect.Value) bool {
	switch {
	case a.Type() == dateType:
		return a.Interface().(model.Date).Equal(b.Interface().(model.Date).Time)
	case a.Kind() == reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return equalValues(a.Elem(), b.Elem())
	case a.Kind() == reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !equalValues(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case a.Kind() == reflect.Struct:
		t := a.Type()
		for i := range t.NumField() {
			if tomlKey(t.Field(i)) != "" && !equalValues(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}
