// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"fmt"
	"maps"
	"reflect"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// agendaCommon holds a template set's caches. forkgen adds it to common
// as the field agenda, and makes Funcs and associate forget what they
// change, so that a cache is never older than what it caches. Readers
// take no lock: a cache is a map replaced whole, by CompareAndSwap, so
// that an entry computed before a change is never stored after it.
type agendaCommon struct {
	funcs  atomic.Pointer[map[string]execFunc]  // see findFunc
	tmpls  atomic.Pointer[map[string]*Template] // see lookupFast
	chains sync.Map                             // see fastFields
}

// forgetFuncs is called by Funcs.
func (c *agendaCommon) forgetFuncs() { c.funcs.Store(new(map[string]execFunc)) }

// forgetTemplates is called by associate, when a template is added.
func (c *agendaCommon) forgetTemplates() { c.tmpls.Store(new(map[string]*Template)) }

// store adds key: v to a copy of the map *old and puts the copy in
// cache, unless cache no longer holds old: a concurrent Funcs or
// associate may have emptied it since old was read, and v is stale.
func store[V any](cache *atomic.Pointer[map[string]V], old *map[string]V, key string, v V) {
	var next map[string]V
	if old != nil {
		next = maps.Clone(*old)
	}
	if next == nil {
		next = make(map[string]V, 1)
	}
	next[key] = v
	cache.CompareAndSwap(old, &next)
}

// lookupFast is Lookup without a lock, for {{template}}.
func (t *Template) lookupFast(name string) *Template {
	if t.common == nil {
		return nil
	}
	old := t.agenda.tmpls.Load()
	if old != nil {
		if tmpl, ok := (*old)[name]; ok {
			return tmpl
		}
	}
	tmpl := t.Lookup(name)
	store(&t.agenda.tmpls, old, name, tmpl)
	return tmpl
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

// findFunction is upstream's findFunction (findFunctionUpstream) without
// its lock.
func findFunction(name string, tmpl *Template) (v reflect.Value, isBuiltin, ok bool) {
	f := findFunc(name, tmpl)
	return f.fn, f.builtin, f.ok
}

// findFunc is findFunction, remembering its answers in the template set
// until its functions change.
func findFunc(name string, tmpl *Template) execFunc {
	if tmpl == nil || tmpl.common == nil {
		return newExecFunc(findFunctionUpstream(name, tmpl))
	}
	old := tmpl.agenda.funcs.Load()
	if old != nil {
		if f, ok := (*old)[name]; ok {
			return f
		}
	}
	f := newExecFunc(findFunctionUpstream(name, tmpl))
	store(&tmpl.agenda.funcs, old, name, f)
	return f
}

func newExecFunc(fn reflect.Value, builtin, ok bool) execFunc {
	f := execFunc{fn: fn, builtin: builtin, ok: ok}
	if ok && !builtin {
		f.strings, _ = fn.Interface().(func(...any) string)
		if f.strings != nil {
			f.plain = plainForm(fn)
		}
	}
	return f
}

// evalFunction calls html/template's escapers, one or more per action,
// all of type func(...any) string, without reflect: this is most of the
// speed of this copy. Other functions take upstream's path
// (evalFunctionUpstream).
func (s *state) evalFunction(dot reflect.Value, node *parse.IdentifierNode, cmd parse.Node, args []parse.Node, final reflect.Value) reflect.Value {
	if f := findFunc(node.Ident, s.tmpl); f.strings != nil {
		s.at(node)
		return s.callStrings(dot, f.strings, cmd, node.Ident, args, final)
	}
	return s.evalFunctionUpstream(dot, node, cmd, args, final)
}

// callStrings is evalCall for a func(...any) string, with the same
// arguments, checks and errors.
func (s *state) callStrings(dot reflect.Value, fn func(...any) string, node parse.Node, name string, args []parse.Node, final reflect.Value) reflect.Value {
	if args != nil {
		args = args[1:] // Zeroth arg is function name/node; not passed to function.
	}
	if isMissing(final) {
		return reflect.ValueOf(s.callString(dot, fn, node, name, args, nil, false))
	}
	last := interfaceOf(s.validateType(final, emptyInterfaceType))
	return reflect.ValueOf(s.callString(dot, fn, node, name, args, last, true))
}

// callString calls fn with args evaluated as evalCall would, followed by
// final when hasFinal, reporting a panic or error at node.
func (s *state) callString(dot reflect.Value, fn func(...any) string, node parse.Node, name string, args []parse.Node, final any, hasFinal bool) string {
	n := len(args)
	if hasFinal {
		n++
	}
	var one [1]any
	argv := one[:0]
	if n > 1 {
		argv = make([]any, 0, n)
	}
	for _, arg := range args {
		argv = append(argv, interfaceOf(s.evalArg(dot, emptyInterfaceType, arg)))
	}
	if hasFinal {
		argv = append(argv, final)
	}
	out, err := safeCallStrings(fn, argv)
	if err != nil {
		s.at(node)
		s.errorf("error calling %s: %w", name, err)
	}
	return out
}

// interfaceOf is the value reflect.Call would pass for v as an argument
// of type any.
func interfaceOf(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// safeCallStrings is safeCall for a func(...any) string.
func safeCallStrings(fn func(...any) string, args []any) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	return fn(args...), nil
}

var (
	stringType         = reflect.TypeFor[string]()
	emptyInterfaceType = reflect.TypeFor[any]()
)
