// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"reflect"
	"sync"
	"sync/atomic"
)

var (
	stringType         = reflect.TypeFor[string]()
	emptyInterfaceType = reflect.TypeFor[any]()
)

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
		for k, v := range *names {
			next[k] = v
		}
	}
	tm.names.Store(&next)
	return m
}
