package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"sync/atomic"

	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
)

// The default theme's layouts are also compiled to Go (compiled_theme.go,
// written by `go generate ./generator/render`, see compiled_test.go): a
// page whose kind's layouts are byte for byte those the code was compiled
// from is rendered by that code, several times faster than by executing
// the templates, which read every field and call every function through
// reflect. The code gives the interpreter's bytes or stops (bail): it
// never reports an error of its own. Where it stops, for a nil pointer,
// a function's error or a value of another type than it was compiled
// for, the page is executed again by the interpreter, which gives the
// page or its error as it always would. Any other theme, and any kind
// whose layouts differ, is only interpreted.

// The file is first written with nothing compiled, so that the package
// builds even when a view's field the last compilation used is gone.
//
//go:generate go run ./internal/tmplc/stub compiled_theme.go
//go:generate go test -run ^TestCompiledThemeIsCurrent$ -update .

// compiledKind is the code of one kind's layouts.
type compiledKind struct {
	// hash is hashLayouts of the layouts it was compiled from.
	hash string
	// run writes the page for view, of the type it was compiled for.
	run func(w *bytes.Buffer, f *ctFuncs, view any)
	// key writes what w.value writes of view (see pageKey).
	key func(w *keyWriter, view any) bool
}

// compiledKinds are the kinds compiled_theme.go has code for.
var compiledKinds map[string]compiledKind

// boundKind is a compiled kind with the functions of the template set it
// stands in for.
type boundKind struct {
	run   func(w *bytes.Buffer, f *ctFuncs, view any)
	key   func(w *keyWriter, view any) bool
	funcs *ctFuncs
}

// bindCompiled returns the compiled code for kind, set t parsed from
// layouts with that hash, or nil when there is none or it does not fit.
func bindCompiled(kind, hash string, t *template.Template) *boundKind {
	ck, ok := compiledKinds[kind]
	if !ok || ck.hash != hash || ck.run == nil {
		return nil
	}
	// Binding the escapers needs the set escaped, as its first execution
	// would: an error is then the interpreter's to report.
	if _, err := t.EscapedText(kindFile(kind)); err != nil {
		return nil
	}
	f, ok := ctBind(t.FuncValue, template.PlainForm)
	if !ok {
		return nil
	}
	return &boundKind{run: ck.run, key: ck.key, funcs: f}
}

// runCompiled writes the page of view into w and reports whether the
// compiled code gave it; w is then to be written again by the
// interpreter.
func (b *boundKind) runCompiled(w *bytes.Buffer, view any) (ok bool) {
	defer func() {
		if recover() != nil {
			compiledBails.Add(1)
			ok = false
		}
	}()
	b.run(w, b.funcs, view)
	compiledPages.Add(1)
	return true
}

// compiledPages and compiledBails count the pages compiled code gave and
// those it left to the interpreter, for the tests.
var compiledPages, compiledBails atomic.Int64

// hashLayouts chains the hash of the layouts read before (prev) with one
// more file: a kind's hash covers the base, the partials and its own file.
func hashLayouts(prev string, name string, text []byte) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write([]byte{0})
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write(text)
	return hex.EncodeToString(h.Sum(nil))
}

// ctBailout is what bail panics with.
type ctBailout struct{}

// bail stops compiled code: the interpreter renders the page instead.
func bail() { panic(ctBailout{}) }

// ctTruth is text/template's truth of a dynamic value in if and with,
// which stop on a value it cannot judge.
func ctTruth(v any) bool {
	t, ok := template.IsTrue(v)
	if !ok {
		bail()
	}
	return t
}

// ctNot is the builtin not: a value it cannot judge is false.
func ctNot(v any) bool {
	t, _ := template.IsTrue(v)
	return !t
}

// ctUnwrap is a function's reflect.Value result as the value it holds.
func ctUnwrap(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	if !v.CanInterface() {
		bail()
	}
	return v.Interface()
}

// CompiledStats returns how many pages compiled code has made since the
// program started, and how many it left to the interpreter.
func CompiledStats() (pages, bails int64) { return compiledPages.Load(), compiledBails.Load() }

// ctField is text/template's evalField on a value known only when the
// page is made (a field of type any, say), for a field or a method
// without arguments; anything else bails.
func ctField(v any, name string) any {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			bail()
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		bail()
	}
	ptr := rv
	if ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	if m := ptr.MethodByName(name); m.IsValid() {
		t := m.Type()
		if t.NumIn() != 0 || !(t.NumOut() == 1 || t.NumOut() == 2 && t.Out(1) == reflect.TypeFor[error]()) {
			bail()
		}
		out := m.Call(nil)
		if len(out) == 2 && !out[1].IsNil() {
			bail()
		}
		return ctUnwrap(out[0])
	}
	if rv.Kind() != reflect.Struct {
		bail()
	}
	sf, ok := rv.Type().FieldByName(name)
	if !ok || !sf.IsExported() {
		bail()
	}
	field, err := rv.FieldByIndexErr(sf.Index)
	if err != nil {
		bail()
	}
	return field.Interface()
}
