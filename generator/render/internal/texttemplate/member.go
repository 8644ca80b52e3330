// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"reflect"
	"sync"
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

type memberKey struct {
	methods, fields reflect.Type
	name            string
}

var members sync.Map // memberKey -> member

// lookupMember finds name as evalField does, with MethodByName on
// methods and then FieldByName on fields, remembering the answer.
func lookupMember(methods, fields reflect.Type, name string) member {
	k := memberKey{methods, fields, name}
	if m, ok := members.Load(k); ok {
		return m.(member)
	}
	m := member{method: -1}
	if meth, ok := methods.MethodByName(name); ok {
		m.method = meth.Index
	} else if f, ok := fields.FieldByName(name); ok {
		m.field, m.exported = f.Index, f.IsExported()
	}
	members.Store(k, m)
	return m
}
