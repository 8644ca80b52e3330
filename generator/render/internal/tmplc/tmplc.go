// Package tmplc compiles escaped html/template trees into Go source: one
// function per template and type of dot, with every field, method and
// function resolved when the code is generated instead of through reflect
// on each page.
//
// What it generates must give the bytes the interpreter gives, or stop.
// Generated code never reports an error itself: where the interpreter
// would fail (a nil pointer, a function's error, a value of an unexpected
// dynamic type) it calls bail(), which panics, and the caller runs the
// interpreter again on the same page, which then gives the page or its
// error exactly as it would have. So a construct the compiler does not
// know only costs speed: Compile refuses the whole template and the
// caller keeps the interpreter for it.
//
// The generated code expects, in its package:
//
//	bail()                  panics; the caller recovers and interprets
//	ctTruth(any) bool       text/template's truth of a dynamic value
//	ctNot(any) bool         text/template's not of a dynamic value
//	ctUnwrap(reflect.Value) any
//
// and the struct of bound functions that Program.Source writes.
package tmplc

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/format"
	"go/token"
	"reflect"
	"sort"
	"strconv"
	"strings"

	texttemplate "github.com/commonagenda/agenda/generator/render/internal/texttemplate"
)

// Program accumulates the functions of several compiled entries.
type Program struct {
	// Package is the import path of the package the source is for: its
	// types are written without a qualifier.
	Package string

	imports map[string]string // path -> name
	funcs   map[string]*boundFunc
	bodies  map[string]string // function name -> source
	keys    map[string]string // template key -> function name
	order   []string
	// keyFuncs are the functions KeyFunc made, by type.
	keyFuncs map[reflect.Type]string
}

type boundFunc struct {
	name  string // the template's name for it
	field string // its field in ctFuncs
	typ   reflect.Type
	plain bool // a func(...any) string with a registered plain form
}

// NewProgram returns an empty program for the package at path pkg.
func NewProgram(pkg string) *Program {
	return &Program{Package: pkg, imports: map[string]string{}, funcs: map[string]*boundFunc{},
		bodies: map[string]string{}, keys: map[string]string{}}
}

// Compile compiles the template named name of the escaped set for a dot of
// type root and returns the name of the generated function, of type
// func(w *bytes.Buffer, f *ctFuncs, dot <root>). On error nothing of the
// entry is kept.
func (p *Program) Compile(set *texttemplate.Template, name string, root reflect.Type) (fn string, err error) {
	c := &compiler{p: p, set: set, pending: map[string]string{}, keys: map[string]string{}, imports: map[string]string{}, funcs: map[string]*boundFunc{}}
	defer func() {
		if r := recover(); r != nil {
			re, ok := r.(refusal)
			if !ok {
				panic(r)
			}
			fn, err = "", re
		}
	}()
	fn = c.template(name, root, false)
	for k, v := range c.pending {
		if _, ok := p.bodies[k]; !ok {
			p.bodies[k] = v
			p.order = append(p.order, k)
		}
	}
	for k, v := range c.keys {
		p.keys[k] = v
	}
	for k, v := range c.imports {
		p.imports[k] = v
	}
	for k, v := range c.funcs {
		if old, ok := p.funcs[k]; ok && old.typ != v.typ {
			return "", fmt.Errorf("function %s has type %v here and %v elsewhere", k, v.typ, old.typ)
		}
		p.funcs[k] = v
	}
	return fn, nil
}

// Funcs lists the names of the functions the compiled code calls, in the
// order of ctFuncs' fields.
func (p *Program) Funcs() []string {
	var names []string
	for _, f := range p.sortedFuncs() {
		names = append(names, f.name)
	}
	return names
}

func (p *Program) sortedFuncs() []*boundFunc {
	fs := make([]*boundFunc, 0, len(p.funcs))
	for _, f := range p.funcs {
		fs = append(fs, f)
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].name < fs[j].name })
	return fs
}

// Source writes the program: the imports it needs (besides those given),
// ctFuncs with a field for each function and ctBind, which fills it from a
// lookup and reports whether every function had the type compiled for,
// then every function. header goes first.
func (p *Program) Source(header, tail string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header)
	imports := map[string]string{"bytes": "bytes"}
	for k, v := range p.imports {
		imports[k] = v
	}
	paths := make([]string, 0, len(imports))
	for k := range imports {
		paths = append(paths, k)
	}
	sort.Strings(paths)
	b.WriteString("import (\n")
	for _, path := range paths {
		fmt.Fprintf(&b, "\t%s %q\n", imports[path], path)
	}
	b.WriteString(")\n\n")
	b.WriteString("// ctFuncs are the functions the compiled templates call, bound to one\n// template set.\ntype ctFuncs struct {\n")
	for _, f := range p.sortedFuncs() {
		fmt.Fprintf(&b, "\t%s %s // %s\n", f.field, p.typeName(f.typ), f.name)
		if f.plain {
			fmt.Fprintf(&b, "\t%s_plain func(string) string\n", f.field)
		}
	}
	b.WriteString("}\n\n")
	b.WriteString("// ctBind fills ctFuncs from look, and reports whether each function\n// is there with the type the templates were compiled for.\nfunc ctBind(look func(string) (any, bool), plain func(any) func(string) string) (*ctFuncs, bool) {\n\tf := new(ctFuncs)\n\tvar ok bool\n\tvar v any\n")
	for _, fn := range p.sortedFuncs() {
		fmt.Fprintf(&b, "\tif v, ok = look(%q); !ok {\n\t\treturn nil, false\n\t}\n", fn.name)
		fmt.Fprintf(&b, "\tif f.%s, ok = v.(%s); !ok {\n\t\treturn nil, false\n\t}\n", fn.field, p.typeName(fn.typ))
		if fn.plain {
			fmt.Fprintf(&b, "\tif f.%s_plain = plain(f.%s); f.%s_plain == nil {\n\t\treturn nil, false\n\t}\n", fn.field, fn.field, fn.field)
		}
	}
	b.WriteString("\treturn f, true\n}\n")
	b.WriteString("\n")
	b.WriteString(tail)
	names := append([]string(nil), p.order...)
	sort.Strings(names)
	for _, n := range names {
		b.WriteString("\n")
		b.WriteString(p.bodies[n])
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return b.Bytes(), err
	}
	return out, nil
}

func (p *Program) typeName(t reflect.Type) string {
	s, err := typeName(t, p.Package, p.imports)
	if err != nil {
		panic(err)
	}
	return s
}

// refusal is why a template cannot be compiled.
type refusal struct {
	msg     string
	located bool
}

func (r refusal) Error() string { return r.msg }

func refuse(format string, args ...any) { panic(refusal{msg: fmt.Sprintf(format, args...)}) }

// TypeName writes t as Go source in package pkg.
func TypeName(t reflect.Type, pkg string) (string, error) {
	return typeName(t, pkg, map[string]string{})
}

// typeName writes t as Go source in package pkg, recording imports.
func typeName(t reflect.Type, pkg string, imports map[string]string) (string, error) {
	if t == nil {
		return "", fmt.Errorf("no type")
	}
	if t.Name() != "" {
		if strings.ContainsAny(t.Name(), "[]") {
			return "", fmt.Errorf("generic type %v", t)
		}
		path := t.PkgPath()
		if path != "" && path != pkg && !token.IsExported(t.Name()) {
			return "", fmt.Errorf("unexported type %v", t)
		}
		if path == "" || path == pkg {
			if path == "" && t.Kind() == reflect.Interface && t.NumMethod() == 0 {
				return "any", nil
			}
			return t.Name(), nil
		}
		name := path[strings.LastIndex(path, "/")+1:]
		if name == "htmltemplate" {
			name = "template"
		}
		for p, n := range imports {
			if n == name && p != path {
				return "", fmt.Errorf("two packages named %s", name)
			}
		}
		imports[path] = name
		return name + "." + t.Name(), nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		s, err := typeName(t.Elem(), pkg, imports)
		return "*" + s, err
	case reflect.Slice:
		s, err := typeName(t.Elem(), pkg, imports)
		return "[]" + s, err
	case reflect.Array:
		s, err := typeName(t.Elem(), pkg, imports)
		return "[" + strconv.Itoa(t.Len()) + "]" + s, err
	case reflect.Map:
		k, err := typeName(t.Key(), pkg, imports)
		if err != nil {
			return "", err
		}
		v, err := typeName(t.Elem(), pkg, imports)
		return "map[" + k + "]" + v, err
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "any", nil
		}
	case reflect.Func:
		var b strings.Builder
		b.WriteString("func(")
		for i := range t.NumIn() {
			if i > 0 {
				b.WriteString(", ")
			}
			in := t.In(i)
			if t.IsVariadic() && i == t.NumIn()-1 {
				b.WriteString("...")
				in = in.Elem()
			}
			s, err := typeName(in, pkg, imports)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		}
		b.WriteString(")")
		if t.NumOut() > 0 {
			b.WriteString(" (")
			for i := range t.NumOut() {
				if i > 0 {
					b.WriteString(", ")
				}
				s, err := typeName(t.Out(i), pkg, imports)
				if err != nil {
					return "", err
				}
				b.WriteString(s)
			}
			b.WriteString(")")
		}
		return b.String(), nil
	}
	return "", fmt.Errorf("cannot name type %v", t)
}

var (
	reflectValueType = reflect.TypeFor[reflect.Value]()
	errorType        = reflect.TypeFor[error]()
	stringType       = reflect.TypeFor[string]()
	boolType         = reflect.TypeFor[bool]()
	anyType          = reflect.TypeFor[any]()
)

// val is a value in generated code: a Go variable or constant expression,
// its static type, and whether text/template would see it as addressable.
type val struct {
	expr string
	typ  reflect.Type
	addr bool
}

type variable struct {
	name string // in the template, with $
	v    val
}

type compiler struct {
	p       *Program
	set     *texttemplate.Template
	pending map[string]string // function name -> body
	keys    map[string]string
	imports map[string]string
	funcs   map[string]*boundFunc
}

// fn is the state of one function being written.
type fn struct {
	c    *compiler
	b    *strings.Builder
	n    int
	vars []variable
	// depth is the number of range loops around the current point.
	depth int
}

func (c *compiler) typeName(t reflect.Type) string {
	s, err := typeName(t, c.p.Package, c.imports)
	if err != nil {
		refuse("%v", err)
	}
	return s
}

// template returns the function for the template name with dot of type
// root, generating it (and what it calls) when it is new.
func (c *compiler) template(name string, root reflect.Type, addr bool) string {
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Root == nil {
		refuse("no template %q", name)
	}
	key := c.templateKey(name, root, addr)
	if f, ok := c.keys[key]; ok {
		return f
	}
	if f, ok := c.p.keys[key]; ok {
		return f
	}
	fname := "ct_" + key[:16]
	c.keys[key] = fname
	f := &fn{c: c, b: new(strings.Builder)}
	f.vars = []variable{{"$", val{"dot", root, addr}}}
	defer func() {
		r := recover()
		if re, ok := r.(refusal); ok {
			re.msg = fmt.Sprintf("template %q (dot %v): %s", name, root, re.msg)
			panic(re)
		} else if r != nil {
			panic(r)
		}
	}()
	f.list(t.Root, val{"dot", root, addr})
	var b strings.Builder
	rootName := "any"
	if root != nil {
		rootName = c.typeName(root)
	}
	fmt.Fprintf(&b, "// %s is {{template %q}} for a dot of type %s.\n", fname, name, rootName)
	fmt.Fprintf(&b, "func %s(w *bytes.Buffer, f *ctFuncs, dot %s) {\n\t_, _ = f, dot\n", fname, rootName)
	b.WriteString(f.b.String())
	b.WriteString("}\n")
	c.pending[fname] = b.String()
	return fname
}

// templateKey names a template for a type of dot by everything its
// output depends on: its text and that of every template it may call.
func (c *compiler) templateKey(name string, root reflect.Type, addr bool) string {
	seen := map[string]bool{}
	var names []string
	var visit func(string)
	visit = func(n string) {
		if seen[n] {
			return
		}
		seen[n] = true
		names = append(names, n)
		t := c.set.Lookup(n)
		if t == nil || t.Root == nil {
			return
		}
		walkTemplates(t.Root, visit)
	}
	visit(name)
	sort.Strings(names)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%v\x00%v\x00", name, root, addr)
	if root != nil {
		fmt.Fprintf(h, "%s\x00", root.PkgPath())
	}
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00", n)
		if t := c.set.Lookup(n); t != nil && t.Root != nil {
			fmt.Fprintf(h, "%s\x00", t.Root.String())
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
