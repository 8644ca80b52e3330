// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"maps"
	"reflect"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// evalField is upstream's evalField (evalFieldUpstream) for a struct,
// where the name is found (a method of the pointer type when the struct
// is addressable, else a field) being looked up once per type. Anything
// else, and every error, takes upstream's path.
func (s *state) evalField(dot reflect.Value, fieldName string, node parse.Node, args []parse.Node, final, receiver reflect.Value) reflect.Value {
	if receiver.IsValid() {
		if r, _ := indirect(receiver); r.Kind() == reflect.Struct {
			ptr := r
			if ptr.CanAddr() {
				ptr = ptr.Addr()
			}
			switch m := lookupMember(ptr.Type(), r.Type(), fieldName); {
			case m.method >= 0:
				return s.evalCall(dot, ptr.Method(m.method), false, node, fieldName, args, final)
			case m.field != nil && m.exported && len(args) <= 1 && isMissing(final):
				if field, err := r.FieldByIndexErr(m.field); err == nil {
					return field
				}
			}
		}
	}
	return s.evalFieldUpstream(dot, fieldName, node, args, final, receiver)
}

// evalFieldChain is upstream's evalFieldChain (evalFieldChainUpstream),
// except that a chain of fields without arguments is read with
// fastFields when it can be.
func (s *state) evalFieldChain(dot, receiver reflect.Value, node parse.Node, ident []string, args []parse.Node, final reflect.Value) reflect.Value {
	if len(ident) > 0 && len(args) <= 1 && isMissing(final) {
		if v, ok := s.fastFields(receiver, node, ident); ok {
			return v
		}
	}
	return s.evalFieldChainUpstream(dot, receiver, node, ident, args, final)
}

// member is where a name used as .Name is found in a struct type: a
// method of the type evalField looks methods up on (the pointer type when
// the value is addressable), else a field.
type member struct {
	method   int   // method index, or -1
	field    []int // field index path, or nil
	exported bool
}

// typeMembers are the members of one type looked up so far, replaced
// whole when a name is added, so reading needs no lock.
type typeMembers struct {
	mu    sync.Mutex
	names atomic.Pointer[map[string]member]
}

var members sync.Map // reflect.Type (methods) -> *typeMembers

// lookupMember finds name as evalField does, with MethodByName on
// methods and then FieldByName on fields, remembering the answer. methods
// is fields or a pointer to it.
func lookupMember(methods, fields reflect.Type, name string) member {
	v, ok := members.Load(methods)
	if !ok {
		v, _ = members.LoadOrStore(methods, new(typeMembers))
	}
	tm := v.(*typeMembers)
	if names := tm.names.Load(); names != nil {
		if m, ok := (*names)[name]; ok {
			return m
		}
	}
	m := member{method: -1}
	if meth, ok := methods.MethodByName(name); ok {
		m.method = meth.Index
	} else if f, ok := fields.FieldByName(name); ok {
		m.field, m.exported = f.Index, f.IsExported()
	}
	tm.mu.Lock()
	defer tm.mu.Unlock()
	next := map[string]member{name: m}
	if names := tm.names.Load(); names != nil {
		next = maps.Clone(*names)
		next[name] = m
	}
	tm.names.Store(&next)
	return m
}

// chainEntry is where the fields of one field chain were found the last
// time it was evaluated: for each name, the struct type it was read from
// (after indirection), whether that value was addressable (which decides
// the method set evalField looks at) and the field's index.
type chainEntry struct {
	names []string
	types []reflect.Type
	addr  []bool
	index [][]int
}

// chainCache holds a field, variable or chain node's last chainEntry.
type chainCache struct{ last atomic.Pointer[chainEntry] }

// fastFields evaluates the field chain names of node (.A.B, or $x.A.B
// without the $x) on v as evalFieldChain would, when every name is an
// exported field of a struct reached through non-nil pointers and
// interfaces. Otherwise it reports false, having called nothing, and the
// caller evaluates the node the usual way, which also reports any error.
func (s *state) fastFields(v reflect.Value, node parse.Node, names []string) (reflect.Value, bool) {
	c := s.tmpl.chainCache(node)
	e := c.last.Load()
	hit := e != nil && len(e.names) == len(names)
	var fresh *chainEntry
	for i, name := range names {
		if !v.IsValid() {
			return reflect.Value{}, false
		}
		r, isNil := indirect(v)
		if isNil || r.Kind() != reflect.Struct {
			return reflect.Value{}, false
		}
		t, addr := r.Type(), r.CanAddr()
		var index []int
		if hit && e.types[i] == t && e.addr[i] == addr && e.names[i] == name {
			index = e.index[i]
		} else {
			methods := t
			if addr {
				methods = reflect.PointerTo(t)
			}
			m := lookupMember(methods, t, name)
			if m.method >= 0 || m.field == nil || !m.exported {
				return reflect.Value{}, false
			}
			index = m.field
			if fresh == nil {
				n := len(names)
				fresh = &chainEntry{names: names, types: make([]reflect.Type, n), addr: make([]bool, n), index: make([][]int, n)}
				if hit { // the names before this one were found in e
					copy(fresh.types, e.types[:i])
					copy(fresh.addr, e.addr[:i])
					copy(fresh.index, e.index[:i])
				}
			}
		}
		if fresh != nil {
			fresh.types[i], fresh.addr[i], fresh.index[i] = t, addr, index
		}
		hit = hit && fresh == nil
		f, err := r.FieldByIndexErr(index)
		if err != nil {
			return reflect.Value{}, false
		}
		v = f
	}
	if fresh != nil {
		c.last.Store(fresh)
	}
	return v, true
}

// chainCache returns the cache of a node, kept with the template set so
// that it lasts as long as the node.
func (t *Template) chainCache(node parse.Node) *chainCache {
	if c, ok := t.agenda.chains.Load(node); ok {
		return c.(*chainCache)
	}
	c, _ := t.agenda.chains.LoadOrStore(node, new(chainCache))
	return c.(*chainCache)
}
