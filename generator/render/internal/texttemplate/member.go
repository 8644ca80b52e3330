// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"maps"
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

// execFunc is what findFunction finds for a name. strings is set when the
// function is a func(...any) string that is not a builtin, which is
// called without reflect.
type execFunc struct {
	fn          reflect.Value
	strings     func(...any) string
	plain       func(string) string // strings's plain form, if registered
	builtin, ok bool
}

// findFunc is findFunction, remembering its answers in the template set
// until its functions change.
func findFunc(name string, tmpl *Template) execFunc {
	if tmpl == nil || tmpl.common == nil {
		fn, builtin, ok := findFunction(name, tmpl)
		return execFunc{fn: fn, builtin: builtin, ok: ok}
	}
	found := tmpl.found.Load()
	if found != nil {
		if f, ok := (*found)[name]; ok {
			return f
		}
	}
	// As findFunction, holding the lock Funcs takes, so that what is
	// remembered is never older than the functions.
	tmpl.muFuncs.Lock()
	defer tmpl.muFuncs.Unlock()
	var f execFunc
	if fn := tmpl.execFuncs[name]; fn.IsValid() {
		f = execFunc{fn: fn, ok: true}
		f.strings, _ = fn.Interface().(func(...any) string)
		if f.strings != nil {
			f.plain = plainForm(fn)
		}
	} else if fn := builtinFuncs()[name]; fn.IsValid() {
		f = execFunc{fn: fn, builtin: true, ok: true}
	}
	next := make(map[string]execFunc, 1)
	if found := tmpl.found.Load(); found != nil {
		next = maps.Clone(*found)
	}
	next[name] = f
	tmpl.found.Store(&next)
	return f
}
