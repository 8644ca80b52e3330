// agenda: this file is not in the standard library; see ../README.md.

package template

import "reflect"

// FindFunc returns the function a template of the set calls by name: one
// given to Funcs, else a builtin (builtin is then true). ok is false when
// there is none. The template compiler (../tmplc) uses it to learn the
// types of the functions a template calls.
func (t *Template) FindFunc(name string) (fn reflect.Value, builtin, ok bool) {
	f := findFunc(name, t)
	return f.fn, f.builtin, f.ok
}

// PlainForm returns the function registered with RegisterPlain for fn, or
// nil.
func PlainForm(fn any) func(string) string {
	v := reflect.ValueOf(fn)
	if v.Kind() != reflect.Func || v.IsNil() {
		return nil
	}
	return plainForm(v)
}
