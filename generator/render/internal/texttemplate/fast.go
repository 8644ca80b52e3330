// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"maps"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// Most actions html/template executes read a field, .A or .A.B, and pass
// it to one to three escapers. Field chains are read with fastFields, and
// printStrings, when the value is a plain string or number and every
// escaper has a plain form, escapes it without boxing any value in an
// interface.

// plainForms maps a func(...any) string, by its code pointer, to a
// function giving the same result for one argument of type string.
var plainForms sync.Map // uintptr -> func(string) string

// RegisterPlain records that fn(s), for any string s, equals plain(s).
// fn must be a top-level function: closures of one function literal
// share a code pointer. html/template registers its escapers.
func RegisterPlain(fn func(...any) string, plain func(string) string) {
	plainForms.Store(reflect.ValueOf(fn).Pointer(), plain)
}

func plainForm(fn reflect.Value) func(string) string {
	if p, ok := plainForms.Load(fn.Pointer()); ok {
		return p.(func(string) string)
	}
	return nil
}

// plainText is the text fmt.Sprint gives for v, which every escaper
// starts from, when v is a string, int or float64 (not of a named type,
// which may have a String method). ok is false for anything else.
func plainText(v reflect.Value) (text string, ok bool) {
	if !v.IsValid() {
		return "", false
	}
	switch v.Type() {
	case stringType:
		return v.String(), true
	case float64Type:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64), true
	case intType:
		return strconv.FormatInt(v.Int(), 10), true
	}
	return "", false
}

var (
	float64Type = reflect.TypeFor[float64]()
	intType     = reflect.TypeFor[int]()
)

// lookupFast is Lookup, remembering its answers in the template set
// until a template is added to it.
func (t *Template) lookupFast(name string) *Template {
	if t.common == nil {
		return nil
	}
	found := t.foundTmpl.Load()
	if found != nil {
		if tmpl, ok := (*found)[name]; ok {
			return tmpl
		}
	}
	t.muTmpl.Lock()
	defer t.muTmpl.Unlock()
	tmpl := t.tmpl[name]
	next := make(map[string]*Template, 1)
	if found := t.foundTmpl.Load(); found != nil {
		next = maps.Clone(*found)
	}
	next[name] = tmpl
	t.foundTmpl.Store(&next)
	return tmpl
}

// chainEntry is where the fields of one FieldNode were found the last
// time it was evaluated: for each name, the struct type it was read from
// (after indirection), whether that value was addressable (which decides
// the method set evalField looks at) and the field's index.
type chainEntry struct {
	names []string
	types []reflect.Type
	addr  []bool
	index [][]int
}

// chainCache holds a field or variable node's last chainEntry.
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

// chainCache returns the cache of a field or variable node, kept with the
// template set so that it lasts as long as the node.
func (t *Template) chainCache(node parse.Node) *chainCache {
	if c, ok := t.common.chains.Load(node); ok {
		return c.(*chainCache)
	}
	c, _ := t.common.chains.LoadOrStore(node, new(chainCache))
	return c.(*chainCache)
}
