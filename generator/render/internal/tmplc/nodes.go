package tmplc

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"text/template/parse"

	texttemplate "github.com/commonagenda/agenda/generator/render/internal/texttemplate"
)

// Each method below mirrors the function of text/template's exec.go it
// is named after; the comments say where the generated code bails.

func (f *fn) printf(format string, args ...any) {
	fmt.Fprintf(f.b, format, args...)
	f.b.WriteByte('\n')
}

// tmp declares a new variable holding expr and returns its name.
func (f *fn) tmp(expr string) string {
	f.n++
	name := "v" + strconv.Itoa(f.n)
	f.printf("%s := %s", name, expr)
	f.printf("_ = %s", name)
	return name
}

func (f *fn) mark() int    { return len(f.vars) }
func (f *fn) pop(mark int) { f.vars = f.vars[:mark] }
func (f *fn) push(n string, v val) {
	f.vars = append(f.vars, variable{n, v})
}

func (f *fn) lookupVar(name string) val {
	for i := len(f.vars) - 1; i >= 0; i-- {
		if f.vars[i].name == name {
			return f.vars[i].v
		}
	}
	refuse("undefined variable %s", name)
	return val{}
}

func (f *fn) list(l *parse.ListNode, dot val) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		f.node(n, dot)
	}
}

func (f *fn) node(n parse.Node, dot val) {
	defer func() {
		r := recover()
		if re, ok := r.(refusal); ok && !re.located {
			text := n.String()
			if len(text) > 80 {
				text = text[:80] + "..."
			}
			panic(refusal{fmt.Sprintf("%s: %s", text, re.msg), true})
		} else if r != nil {
			panic(r)
		}
	}()
	switch n := n.(type) {
	case *parse.TextNode:
		if len(n.Text) > 0 {
			f.printf("w.WriteString(%s)", strconv.Quote(string(n.Text)))
		}
	case *parse.ActionNode:
		v := f.pipeline(n.Pipe, dot, true)
		if len(n.Pipe.Decl) == 0 {
			if v.typ != stringType {
				refuse("printing a %v", v.typ)
			}
			f.printf("w.WriteString(%s)", v.expr)
		}
	case *parse.IfNode:
		f.ifOrWith(false, n.Pipe, n.List, n.ElseList, dot)
	case *parse.WithNode:
		f.ifOrWith(true, n.Pipe, n.List, n.ElseList, dot)
	case *parse.RangeNode:
		f.rangeNode(n, dot)
	case *parse.TemplateNode:
		f.templateNode(n, dot)
	case *parse.ListNode:
		f.list(n, dot)
	case *parse.BreakNode:
		if f.depth == 0 {
			refuse("break outside range")
		}
		f.printf("break")
	case *parse.ContinueNode:
		if f.depth == 0 {
			refuse("continue outside range")
		}
		f.printf("continue")
	case *parse.CommentNode:
	default:
		refuse("unknown node %v", n)
	}
}

func (f *fn) ifOrWith(with bool, pipe *parse.PipeNode, list, elseList *parse.ListNode, dot val) {
	mark := f.mark()
	defer f.pop(mark)
	f.printf("{")
	v := f.pipeline(pipe, dot, true)
	f.printf("if %s {", f.truth(v, true))
	inner := f.mark()
	if with {
		f.list(list, v)
	} else {
		f.list(list, dot)
	}
	f.pop(inner)
	if elseList != nil {
		f.printf("} else {")
		f.list(elseList, dot)
		f.pop(inner)
	}
	f.printf("}")
	f.printf("}")
}

// truth is the Go condition for text/template's isTrue of v (through
// indirectInterface). strict: a value isTrue cannot judge bails, as
// if/with fail on it; not and and/or take it as false.
func (f *fn) truth(v val, strict bool) string {
	t := v.typ
	if t == nil {
		return "false"
	}
	switch t.Kind() {
	case reflect.Array:
		if t.Len() > 0 {
			return "true"
		}
		return "false"
	case reflect.Map, reflect.Slice, reflect.String:
		return "len(" + v.expr + ") > 0"
	case reflect.Bool:
		return "bool(" + v.expr + ")"
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer:
		return v.expr + " != nil"
	case reflect.Interface:
		if strict {
			return "ctTruth(" + v.expr + ")"
		}
		return "!ctNot(" + v.expr + ")"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return v.expr + " != 0"
	case reflect.Struct:
		return "true"
	}
	refuse("truth of a %v", t)
	return ""
}

func (f *fn) rangeNode(n *parse.RangeNode, dot val) {
	if n.Pipe.IsAssign {
		refuse("range with =")
	}
	mark := f.mark()
	defer f.pop(mark)
	f.printf("{")
	v := f.pipeline(n.Pipe, dot, false)
	t, expr, addr := v.typ, v.expr, v.addr
	if t == nil {
		refuse("range over nothing")
	}
	for t.Kind() == reflect.Pointer {
		expr, t, addr = f.tmp("*"+expr), t.Elem(), true
	}
	decl := n.Pipe.Decl
	bind := func(index, elem val) {
		switch len(decl) {
		case 1:
			f.push(decl[0].Ident[0], elem)
		case 2:
			f.push(decl[0].Ident[0], index)
			f.push(decl[1].Ident[0], elem)
		}
	}
	var elem val
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		f.emptyElse(expr, n.ElseList, dot)
		f.n++
		i := "i" + strconv.Itoa(f.n)
		f.printf("for %s := range %s {", i, expr)
		e := f.tmp(expr + "[" + i + "]")
		elem = val{e, t.Elem(), t.Kind() == reflect.Slice || addr}
		bind(val{i, reflect.TypeFor[int](), false}, elem)
	case reflect.Map:
		switch t.Key().Kind() {
		case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		default:
			refuse("range over a map keyed by %v", t.Key())
		}
		f.c.imports["maps"] = "maps"
		f.c.imports["slices"] = "slices"
		f.emptyElse(expr, n.ElseList, dot)
		f.n++
		k := "k" + strconv.Itoa(f.n)
		f.printf("for _, %s := range slices.Sorted(maps.Keys(%s)) {", k, expr)
		e := f.tmp(expr + "[" + k + "]")
		elem = val{e, t.Elem(), false}
		bind(val{k, t.Key(), false}, elem)
	default:
		refuse("range over a %v", t)
	}
	f.depth++
	f.list(n.List, elem)
	f.depth--
	f.printf("}")
	f.printf("}")
	f.printf("}")
}

// emptyElse opens a range over expr: its else list when expr is empty,
// then the branch the loop goes in (rangeNode closes both).
func (f *fn) emptyElse(expr string, elseList *parse.ListNode, dot val) {
	f.printf("if len(%s) == 0 {", expr)
	f.list(elseList, dot)
	f.printf("} else {")
}

func (f *fn) templateNode(n *parse.TemplateNode, dot val) {
	arg := val{"nil", nil, false}
	if n.Pipe != nil {
		if len(n.Pipe.Decl) > 0 {
			refuse("declaration in a template call")
		}
		arg = f.pipeline(n.Pipe, dot, false)
	}
	name := f.c.template(n.Name, arg.typ, arg.addr)
	f.printf("%s(w, f, %s)", name, arg.expr)
}

// pipeline is evalPipeline; with decls, its variables are declared (or
// assigned) in the current scope.
func (f *fn) pipeline(pipe *parse.PipeNode, dot val, decls bool) val {
	if pipe == nil {
		refuse("empty pipeline")
	}
	var value *val
	for _, cmd := range pipe.Cmds {
		v := f.command(dot, cmd, value)
		value = &v
	}
	if value == nil {
		refuse("empty pipeline")
	}
	if decls {
		for _, d := range pipe.Decl {
			name := d.Ident[0]
			if pipe.IsAssign {
				old := f.lookupVar(name)
				if old.typ != value.typ || old.addr != value.addr {
					refuse("%s assigned a %v, declared a %v", name, value.typ, old.typ)
				}
				f.printf("%s = %s", old.expr, value.expr)
				continue
			}
			f.push(name, val{f.tmp(value.expr), value.typ, value.addr})
		}
	}
	return *value
}

func (f *fn) command(dot val, cmd *parse.CommandNode, final *val) val {
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return f.fieldChain(dot, dot, n.Ident, cmd.Args, final)
	case *parse.ChainNode:
		return f.chain(dot, n, cmd.Args, final)
	case *parse.IdentifierNode:
		return f.function(dot, n.Ident, cmd.Args, final)
	case *parse.PipeNode:
		notAFunction(cmd.Args, final)
		if len(n.Decl) > 0 {
			refuse("declaration in parentheses")
		}
		return f.pipeline(n, dot, false)
	case *parse.VariableNode:
		return f.variableNode(dot, n, cmd.Args, final)
	}
	notAFunction(cmd.Args, final)
	switch n := cmd.Args[0].(type) {
	case *parse.BoolNode:
		return val{strconv.FormatBool(n.True), boolType, false}
	case *parse.DotNode:
		return dot
	case *parse.NumberNode:
		return idealConstant(n)
	case *parse.StringNode:
		return val{strconv.Quote(n.Text), stringType, false}
	}
	refuse("cannot evaluate %v", cmd.Args[0])
	return val{}
}

func notAFunction(args []parse.Node, final *val) {
	if len(args) > 1 || final != nil {
		refuse("arguments to a non-function")
	}
}

// idealConstant is a number constant without a type to fit: an int, or
// a float64 when it is written as one.
func idealConstant(n *parse.NumberNode) val {
	switch {
	case n.IsComplex:
		refuse("complex constant")
	case n.IsFloat && !isHexInt(n.Text) && !isRuneInt(n.Text) && strings.ContainsAny(n.Text, ".eEpP"):
		return val{"float64(" + strconv.FormatFloat(n.Float64, 'g', -1, 64) + ")", reflect.TypeFor[float64](), false}
	case n.IsInt:
		if int64(int(n.Int64)) != n.Int64 {
			refuse("constant overflows int")
		}
		return val{"int(" + strconv.FormatInt(n.Int64, 10) + ")", reflect.TypeFor[int](), false}
	}
	refuse("constant %s", n.Text)
	return val{}
}

func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

func (f *fn) variableNode(dot val, n *parse.VariableNode, args []parse.Node, final *val) val {
	v := f.lookupVar(n.Ident[0])
	if len(n.Ident) == 1 {
		notAFunction(args, final)
		return v
	}
	return f.fieldChain(dot, v, n.Ident[1:], args, final)
}

func (f *fn) chain(dot val, n *parse.ChainNode, args []parse.Node, final *val) val {
	if len(n.Field) == 0 {
		refuse("empty chain")
	}
	var recv val
	switch m := n.Node.(type) {
	case *parse.DotNode:
		recv = dot
	case *parse.FieldNode:
		recv = f.fieldChain(dot, dot, m.Ident, []parse.Node{m}, nil)
	case *parse.VariableNode:
		recv = f.variableNode(dot, m, nil, nil)
	case *parse.PipeNode:
		if len(m.Decl) > 0 {
			refuse("declaration in parentheses")
		}
		recv = f.pipeline(m, dot, false)
	case *parse.IdentifierNode:
		recv = f.function(dot, m.Ident, nil, nil)
	default:
		refuse("chain on %v", n.Node)
	}
	if recv.typ == nil {
		refuse("field of nothing")
	}
	return f.fieldChain(dot, recv, n.Field, args, final)
}

func (f *fn) fieldChain(dot, recv val, idents []string, args []parse.Node, final *val) val {
	for _, id := range idents[:len(idents)-1] {
		recv = f.field(dot, recv, id, nil, nil)
	}
	return f.field(dot, recv, idents[len(idents)-1], args, final)
}

// signature is a function's or method's parameters and results.
type signature struct {
	in       []reflect.Type
	out      []reflect.Type
	variadic bool
}

func funcSignature(t reflect.Type, skip int) signature {
	s := signature{variadic: t.IsVariadic()}
	for i := skip; i < t.NumIn(); i++ {
		s.in = append(s.in, t.In(i))
	}
	for i := range t.NumOut() {
		s.out = append(s.out, t.Out(i))
	}
	return s
}

func (f *fn) field(dot, recv val, name string, args []parse.Node, final *val) val {
	t := recv.typ
	if t == nil {
		refuse("field %s of nothing", name)
	}
	var methods, base reflect.Type
	addr := recv.addr
	switch t.Kind() {
	case reflect.Interface:
		if len(args) > 1 || final != nil {
			refuse("method %s with arguments of an interface", name)
		}
		return val{f.tmp("ctField(" + recv.expr + ", " + strconv.Quote(name) + ")"), anyType, false}
	case reflect.Pointer:
		if k := t.Elem().Kind(); k == reflect.Pointer || k == reflect.Interface {
			refuse("field %s through two pointers", name)
		}
		methods, base, addr = t, t.Elem(), true
	default:
		methods, base = t, t
		if recv.addr {
			methods = reflect.PointerTo(t)
		}
	}
	if m, ok := methods.MethodByName(name); ok && m.IsExported() {
		return f.call(dot, recv.expr+"."+name, funcSignature(m.Type, 1), name, args, final)
	}
	if len(args) > 1 || final != nil {
		refuse("field %s with arguments", name)
	}
	if base.Kind() != reflect.Struct {
		refuse("field %s of a %v", name, base)
	}
	sf, ok := base.FieldByName(name)
	if !ok || !sf.IsExported() {
		refuse("no field %s in %v", name, base)
	}
	return val{f.tmp(recv.expr + "." + name), sf.Type, addr}
}

// function is evalFunction: a call of a function of the template set.
func (f *fn) function(dot val, name string, args []parse.Node, final *val) val {
	fv, builtin, ok := f.c.set.FindFunc(name)
	if !ok {
		refuse("no function %s", name)
	}
	if builtin {
		switch name {
		case "and", "or":
			return f.andOr(dot, name == "or", args, final)
		case "not":
			var v val
			switch {
			case len(args) == 2 && final == nil:
				v = f.emptyInterface(dot, args[1])
			case len(args) == 1 && final != nil:
				v = *final
			default:
				refuse("not with %d arguments", len(args))
			}
			return val{f.tmp("!(" + f.truth(v, false) + ")"), boolType, false}
		case "call":
			refuse("call")
		case "index":
			if v, ok := f.index(dot, args, final); ok {
				return v
			}
		}
	}
	b, ok := f.c.funcs[name]
	if !ok {
		b = &boundFunc{name: name, field: "fn_" + goName(name), typ: fv.Type()}
		if fv.Type() == stringsType && texttemplate.PlainForm(fv.Interface()) != nil {
			b.plain = true
		}
		f.c.funcs[name] = b
	}
	if b.typ != fv.Type() {
		refuse("function %s changed type", name)
	}
	if _, err := typeName(b.typ, f.c.p.Package, f.c.imports); err != nil {
		refuse("%v", err)
	}
	// A plain string through an escaper with a plain form.
	if b.plain && len(args) <= 2 {
		var v val
		switch {
		case len(args) == 2 && final == nil:
			v = f.emptyInterface(dot, args[1])
		case len(args) <= 1 && final != nil:
			v = *final
		default:
			v.typ = nil
		}
		if v.typ == stringType {
			return val{f.tmp("f." + b.field + "_plain(" + v.expr + ")"), stringType, false}
		}
		if v.typ != nil {
			return val{f.tmp("f." + b.field + "(" + v.expr + ")"), stringType, false}
		}
	}
	return f.call(dot, "f."+b.field, funcSignature(fv.Type(), 0), name, args, final)
}

var stringsType = reflect.TypeFor[func(...any) string]()

func goName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// andOr is the builtin and/or: the first argument that decides, unevaluated
// arguments after it.
func (f *fn) andOr(dot val, or bool, args []parse.Node, final *val) val {
	type part struct {
		code string
		v    val
	}
	var parts []part
	saved := f.b
	for _, a := range args[1:] {
		f.b = new(strings.Builder)
		v := f.emptyInterface(dot, a)
		parts = append(parts, part{f.b.String(), v})
	}
	f.b = saved
	if final != nil {
		parts = append(parts, part{"", *final})
	}
	if len(parts) == 0 {
		refuse("and/or without arguments")
	}
	typ := parts[0].v.typ
	for _, p := range parts {
		if p.v.typ != typ || p.v.typ == nil {
			typ = anyType
		}
	}
	f.n++
	res := "r" + strconv.Itoa(f.n)
	f.printf("var %s %s", res, f.c.typeName(typ))
	for i, p := range parts {
		f.b.WriteString(p.code)
		f.printf("%s = %s", res, p.v.expr)
		if i < len(parts)-1 {
			cond := f.truth(p.v, false)
			if !or {
				cond = "!(" + cond + ")"
			}
			f.printf("if !(%s) {", cond)
		}
	}
	for range len(parts) - 1 {
		f.printf("}")
	}
	f.printf("_ = %s", res)
	return val{res, typ, false}
}

// call is evalCall for a function or method with the signature sig.
func (f *fn) call(dot val, callee string, sig signature, name string, args []parse.Node, final *val) val {
	if args != nil {
		args = args[1:]
	}
	numIn := len(args)
	if final != nil {
		numIn++
	}
	numFixed := len(args)
	if sig.variadic {
		numFixed = len(sig.in) - 1
		if numIn < numFixed {
			refuse("too few arguments for %s", name)
		}
	} else if numIn != len(sig.in) {
		refuse("wrong number of arguments for %s", name)
	}
	switch {
	case len(sig.out) == 1:
	case len(sig.out) == 2 && sig.out[1] == errorType:
	default:
		refuse("%s does not return one value or a value and an error", name)
	}
	var exprs []string
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		exprs = append(exprs, f.arg(dot, sig.in[i], args[i]))
	}
	if sig.variadic {
		et := sig.in[len(sig.in)-1].Elem()
		for ; i < len(args); i++ {
			exprs = append(exprs, f.arg(dot, et, args[i]))
		}
	}
	if final != nil {
		t := sig.in[len(sig.in)-1]
		if sig.variadic {
			if numIn-1 < numFixed {
				t = sig.in[numIn-1]
			} else {
				t = t.Elem()
			}
		}
		exprs = append(exprs, f.validate(*final, t))
	}
	call := callee + "(" + strings.Join(exprs, ", ") + ")"
	var res string
	if len(sig.out) == 2 {
		f.n++
		res = "v" + strconv.Itoa(f.n)
		f.printf("%s, err%d := %s", res, f.n, call)
		f.printf("if err%d != nil {\nbail()\n}", f.n)
		f.printf("_ = %s", res)
	} else {
		res = f.tmp(call)
	}
	if sig.out[0] == reflectValueType {
		f.c.imports["reflect"] = "reflect"
		return val{f.tmp("ctUnwrap(" + res + ")"), anyType, false}
	}
	return val{res, sig.out[0], false}
}

// arg is evalArg: the argument n for a parameter of type typ.
func (f *fn) arg(dot val, typ reflect.Type, n parse.Node) string {
	switch a := n.(type) {
	case *parse.DotNode:
		return f.validate(dot, typ)
	case *parse.NilNode:
		switch typ.Kind() {
		case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
			return "(" + f.c.typeName(typ) + ")(nil)"
		}
		refuse("nil for a %v", typ)
	case *parse.FieldNode:
		return f.validate(f.fieldChain(dot, dot, a.Ident, []parse.Node{n}, nil), typ)
	case *parse.VariableNode:
		return f.validate(f.variableNode(dot, a, nil, nil), typ)
	case *parse.PipeNode:
		if len(a.Decl) > 0 {
			refuse("declaration in parentheses")
		}
		return f.validate(f.pipeline(a, dot, false), typ)
	case *parse.IdentifierNode:
		return f.validate(f.function(dot, a.Ident, nil, nil), typ)
	case *parse.ChainNode:
		return f.validate(f.chain(dot, a, nil, nil), typ)
	}
	switch typ.Kind() {
	case reflect.Bool:
		if b, ok := n.(*parse.BoolNode); ok {
			return f.c.typeName(typ) + "(" + strconv.FormatBool(b.True) + ")"
		}
	case reflect.Float32, reflect.Float64:
		if c, ok := n.(*parse.NumberNode); ok && c.IsFloat {
			return f.c.typeName(typ) + "(" + strconv.FormatFloat(c.Float64, 'g', -1, 64) + ")"
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if c, ok := n.(*parse.NumberNode); ok && c.IsInt {
			return f.c.typeName(typ) + "(" + strconv.FormatInt(c.Int64, 10) + ")"
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if c, ok := n.(*parse.NumberNode); ok && c.IsUint {
			return f.c.typeName(typ) + "(" + strconv.FormatUint(c.Uint64, 10) + ")"
		}
	case reflect.String:
		if s, ok := n.(*parse.StringNode); ok {
			return f.c.typeName(typ) + "(" + strconv.Quote(s.Text) + ")"
		}
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return f.emptyInterface(dot, n).expr
		}
	case reflect.Struct:
		if typ == reflectValueType {
			f.c.imports["reflect"] = "reflect"
			return "reflect.ValueOf(" + f.emptyInterface(dot, n).expr + ")"
		}
	}
	refuse("cannot pass %v as a %v", n, typ)
	return ""
}

// emptyInterface is evalEmptyInterface: n as a value of any type.
func (f *fn) emptyInterface(dot val, n parse.Node) val {
	switch a := n.(type) {
	case *parse.BoolNode:
		return val{strconv.FormatBool(a.True), boolType, false}
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return f.fieldChain(dot, dot, a.Ident, []parse.Node{n}, nil)
	case *parse.IdentifierNode:
		return f.function(dot, a.Ident, nil, nil)
	case *parse.NumberNode:
		return idealConstant(a)
	case *parse.StringNode:
		return val{strconv.Quote(a.Text), stringType, false}
	case *parse.VariableNode:
		return f.variableNode(dot, a, nil, nil)
	case *parse.PipeNode:
		if len(a.Decl) > 0 {
			refuse("declaration in parentheses")
		}
		return f.pipeline(a, dot, false)
	}
	refuse("cannot evaluate %v", n)
	return val{}
}

// validate is validateType: v as a value of type typ.
func (f *fn) validate(v val, typ reflect.Type) string {
	if v.typ == nil {
		refuse("no value for a %v", typ)
	}
	switch {
	case typ == reflectValueType && v.typ != reflectValueType:
		f.c.imports["reflect"] = "reflect"
		return "reflect.ValueOf(" + v.expr + ")"
	case v.typ.AssignableTo(typ):
		return v.expr
	case v.typ.Kind() == reflect.Interface:
		return v.expr + ".(" + f.c.typeName(typ) + ")"
	case v.typ.Kind() == reflect.Pointer && v.typ.Elem().AssignableTo(typ):
		return "(*" + v.expr + ")"
	case reflect.PointerTo(v.typ).AssignableTo(typ) && v.addr && isIdent(v.expr):
		return "(&" + v.expr + ")"
	}
	refuse("a %v is not a %v", v.typ, typ)
	return ""
}

func isIdent(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// walkTemplates calls visit with the name of every template n calls.
func walkTemplates(n parse.Node, visit func(string)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, m := range n.Nodes {
			walkTemplates(m, visit)
		}
	case *parse.IfNode:
		walkTemplates(n.List, visit)
		if n.ElseList != nil {
			walkTemplates(n.ElseList, visit)
		}
	case *parse.WithNode:
		walkTemplates(n.List, visit)
		if n.ElseList != nil {
			walkTemplates(n.ElseList, visit)
		}
	case *parse.RangeNode:
		walkTemplates(n.List, visit)
		if n.ElseList != nil {
			walkTemplates(n.ElseList, visit)
		}
	case *parse.TemplateNode:
		visit(n.Name)
	}
}

// index is the builtin index on a slice, array or map whose type is
// known, with indexes of fitting types; ok is false for anything else,
// which goes through the builtin itself.
func (f *fn) index(dot val, args []parse.Node, final *val) (val, bool) {
	if final != nil || len(args) < 3 {
		return val{}, false
	}
	item := f.emptyInterface(dot, args[1])
	for _, a := range args[2:] {
		t := item.typ
		if t == nil {
			return val{}, false
		}
		x := f.emptyInterface(dot, a)
		if x.typ == nil {
			return val{}, false
		}
		switch t.Kind() {
		case reflect.Slice, reflect.Array:
			switch x.typ.Kind() {
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
				reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			default:
				return val{}, false
			}
			item = val{f.tmp(item.expr + "[" + x.expr + "]"), t.Elem(), t.Kind() == reflect.Slice || item.addr}
		case reflect.Map:
			if !x.typ.AssignableTo(t.Key()) {
				return val{}, false
			}
			item = val{f.tmp(item.expr + "[" + x.expr + "]"), t.Elem(), false}
		default:
			return val{}, false
		}
	}
	return item, true
}
