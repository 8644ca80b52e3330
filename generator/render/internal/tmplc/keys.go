package tmplc

import (
	"fmt"
	"reflect"
	"strings"
)

// KeyFunc generates the code that names a view of type t for the build
// cache: what render's keyWriter.value writes when it walks the view by
// reflection, byte for byte, with every field read directly. It returns
// the name of a func(w *keyWriter, v *T, depth int) bool for a struct
// or array type (v T for any other), which reports false where value
// does. What the generated code cannot read (the unexported fields of
// another package's types) it hands to value.
//
// The generated code expects, in its package, maxDepth and keyWriter
// with Uint, Bool, String and value.
func (p *Program) KeyFunc(t reflect.Type) (name string, err error) {
	defer func() {
		if r := recover(); r != nil {
			re, ok := r.(refusal)
			if !ok {
				panic(r)
			}
			name, err = "", re
		}
	}()
	if p.keyFuncs == nil {
		p.keyFuncs = map[reflect.Type]string{}
	}
	if !p.nameable(t) {
		refuse("cannot name type %v", t)
	}
	return p.keyFunc(t), nil
}

// byPointer reports whether the key function of t takes a pointer.
func byPointer(t reflect.Type) bool {
	return t.Kind() == reflect.Struct || t.Kind() == reflect.Array
}

// keyArg is expr as the argument of t's key function: its address for a
// struct or array (expr must be addressable).
func keyArg(t reflect.Type, expr string) string {
	if byPointer(t) {
		return "&" + expr
	}
	return expr
}

func (p *Program) keyFunc(t reflect.Type) string {
	if name, ok := p.keyFuncs[t]; ok {
		return name
	}
	name := fmt.Sprintf("ck_%d", len(p.keyFuncs))
	p.keyFuncs[t] = name
	typ := p.typeName(t)
	param := typ
	if byPointer(t) {
		param = "*" + typ
	}
	var b strings.Builder
	fmt.Fprintf(&b, "// %s names a %s as keyWriter.value does.\n", name, typ)
	fmt.Fprintf(&b, "func %s(w *keyWriter, v %s, depth int) bool {\n\tif depth > maxDepth {\n\t\treturn false\n\t}\n", name, param)
	// call writes the code that names a value of type et, at depth+1.
	call := func(et reflect.Type, expr string) string {
		if !p.nameable(et) {
			p.imports["reflect"] = "reflect"
			return fmt.Sprintf("w.value(reflect.ValueOf(%s), depth+1)", expr)
		}
		return fmt.Sprintf("%s(w, %s, depth+1)", p.keyFunc(et), keyArg(et, expr))
	}
	switch t.Kind() {
	case reflect.Bool:
		b.WriteString("\tw.Bool(bool(v))\n")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString("\tw.Uint(uint64(int64(v)))\n")
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString("\tw.Uint(uint64(v))\n")
	case reflect.Float32, reflect.Float64:
		p.imports["math"] = "math"
		b.WriteString("\tw.Uint(math.Float64bits(float64(v)))\n")
	case reflect.String:
		b.WriteString("\tw.String(string(v))\n")
	case reflect.Slice:
		b.WriteString("\tif v == nil {\n\t\tw.Uint(0)\n\t\treturn true\n\t}\n\tw.Uint(uint64(len(v)) + 1)\n")
		if t.Elem().Kind() == reflect.String {
			b.WriteString("\tfor i := range v {\n\t\tw.String(string(v[i]))\n\t}\n")
		} else {
			fmt.Fprintf(&b, "\tfor i := range v {\n\t\tif !%s {\n\t\t\treturn false\n\t\t}\n\t}\n", call(t.Elem(), "v[i]"))
		}
	case reflect.Array:
		fmt.Fprintf(&b, "\tfor i := range v {\n\t\tif !%s {\n\t\t\treturn false\n\t\t}\n\t}\n", call(t.Elem(), "v[i]"))
	case reflect.Struct:
		if !p.fieldsReadable(t) {
			p.imports["reflect"] = "reflect"
			b.WriteString("\treturn w.value(reflect.ValueOf(*v), depth)\n}\n")
			p.bodies[name] = b.String()
			p.order = append(p.order, name)
			return name
		}
		for i := range t.NumField() {
			f := t.Field(i)
			fmt.Fprintf(&b, "\tif !%s {\n\t\treturn false\n\t}\n", call(f.Type, "v."+f.Name))
		}
	case reflect.Pointer:
		b.WriteString("\tif v == nil {\n\t\tw.Uint(0)\n\t\treturn true\n\t}\n\tw.Uint(1)\n")
		et := t.Elem()
		if p.nameable(et) && byPointer(et) {
			fmt.Fprintf(&b, "\treturn %s(w, v, depth+1)\n}\n", p.keyFunc(et))
			p.bodies[name] = b.String()
			p.order = append(p.order, name)
			return name
		}
		fmt.Fprintf(&b, "\treturn %s\n}\n", call(et, "*v"))
		p.bodies[name] = b.String()
		p.order = append(p.order, name)
		return name
	case reflect.Interface:
		p.imports["reflect"] = "reflect"
		b.WriteString("\tif v == nil {\n\t\tw.Uint(0)\n\t\treturn true\n\t}\n\tw.String(reflect.TypeOf(v).String())\n\treturn w.value(reflect.ValueOf(v), depth+1)\n}\n")
		p.bodies[name] = b.String()
		p.order = append(p.order, name)
		return name
	default: // functions, channels, maps, unsafe pointers
		b.WriteString("\treturn false\n}\n")
		p.bodies[name] = b.String()
		p.order = append(p.order, name)
		return name
	}
	b.WriteString("\treturn true\n}\n")
	p.bodies[name] = b.String()
	p.order = append(p.order, name)
	return name
}

// nameable reports whether generated code can name t.
func (p *Program) nameable(t reflect.Type) bool {
	imports := map[string]string{}
	for k, v := range p.imports {
		imports[k] = v
	}
	if _, err := typeName(t, p.Package, imports); err != nil {
		return false
	}
	p.imports = imports
	return true
}

// fieldsReadable reports whether generated code can read every field of
// the struct type t: all of them are exported, or t is the package's own.
func (p *Program) fieldsReadable(t reflect.Type) bool {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Name == "_" || !f.IsExported() && t.PkgPath() != p.Package {
			return false
		}
	}
	return true
}
