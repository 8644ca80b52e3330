// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"io"
	"reflect"
	"strconv"
	"sync"
	"text/template/parse"
)

// Most actions html/template executes read a field, .A or .A.B, and pass
// it to one to three escapers. printStrings runs the escapers on strings,
// and, when the value is a plain string or number and every escaper has a
// plain form, escapes it without boxing any value in an interface.

// walk is upstream's walk (walkUpstream), except for actions that
// printStrings prints.
func (s *state) walk(dot reflect.Value, node parse.Node) {
	if action, ok := node.(*parse.ActionNode); ok {
		s.at(node)
		if s.printStrings(dot, action) {
			return
		}
	}
	s.walkUpstream(dot, node)
}

// printValue is upstream's printValue (printValueUpstream), except that a
// string, which every html/template escaper returns, is written as it is;
// fmt.Fprint would print it the same way.
func (s *state) printValue(n parse.Node, v reflect.Value) {
	if v.IsValid() && v.Type() == stringType {
		s.at(n)
		if _, err := io.WriteString(s.wr, v.String()); err != nil {
			s.writeError(err)
		}
		return
	}
	s.printValueUpstream(n, v)
}

// printStrings does what walk does for an action that declares no
// variables and whose last commands are functions of type
// func(...any) string (in html/template, almost every action ends in one
// to three escapers), passing strings from one to the next and printing
// the last one's without making reflect.Values of them. It reports
// whether it did.
func (s *state) printStrings(dot reflect.Value, node *parse.ActionNode) bool {
	pipe := node.Pipe
	if len(pipe.Decl) != 0 || len(pipe.Cmds) < 2 {
		return false
	}
	// The functions run in order: pipe.Cmds[start:]. Only the first may
	// have arguments of its own.
	var fns [4]execFunc
	start := len(pipe.Cmds)
	for start > 1 && len(pipe.Cmds)-start < len(fns) {
		cmd := pipe.Cmds[start-1]
		ident, ok := cmd.Args[0].(*parse.IdentifierNode)
		if !ok {
			break
		}
		f := findFunc(ident.Ident, s.tmpl)
		if f.strings == nil {
			break
		}
		start--
		fns[len(fns)-(len(pipe.Cmds)-start)] = f
		if len(cmd.Args) > 1 {
			break
		}
	}
	if start == len(pipe.Cmds) {
		return false
	}
	run := fns[len(fns)-(len(pipe.Cmds)-start):]
	// As evalPipeline, up to the first of them.
	s.at(pipe)
	value := missingVal
	for _, cmd := range pipe.Cmds[:start] {
		value = s.evalCommand(dot, cmd, value)
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	// A plain string or number through escapers that all have plain
	// forms.
	if out, ok := plainText(value); ok && plainRun(pipe.Cmds[start:], run) {
		for _, f := range run {
			out = f.plain(out)
		}
		s.at(node)
		if _, err := io.WriteString(s.wr, out); err != nil {
			s.writeError(err)
		}
		return true
	}
	// As evalCommand, evalFunction and callStrings for each of them.
	final := interfaceOf(s.validateType(value, emptyInterfaceType))
	var out string
	for i, cmd := range pipe.Cmds[start:] {
		ident := cmd.Args[0].(*parse.IdentifierNode)
		s.at(ident)
		out = s.callString(dot, run[i].strings, cmd, ident.Ident, cmd.Args[1:], final, true)
		if start+i < len(pipe.Cmds)-1 {
			final = out
		}
	}
	// As printValue.
	s.at(node)
	if _, err := io.WriteString(s.wr, out); err != nil {
		s.writeError(err)
	}
	return true
}

// plainRun reports whether the functions of cmds can run on a string in
// their plain forms: none has arguments of its own, and each has one.
func plainRun(cmds []*parse.CommandNode, run []execFunc) bool {
	for i, cmd := range cmds {
		if len(cmd.Args) > 1 || run[i].plain == nil {
			return false
		}
	}
	return true
}

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
