// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	texttemplate "github.com/commonagenda/agenda/generator/render/internal/texttemplate"
)

// EscapedText escapes the template named name, as ExecuteTemplate does
// before it first runs it, and returns the text/template set it then
// runs: its trees carry the escapers html/template added. The template
// compiler (../tmplc) reads them.
func (t *Template) EscapedText(name string) (*texttemplate.Template, error) {
	tmpl, err := t.lookupAndEscapeTemplate(name)
	if err != nil {
		return nil, err
	}
	return tmpl.text, nil
}

// FuncValue returns the function the escaped set calls by name, escapers
// and builtins included; ok is false when there is none.
func (t *Template) FuncValue(name string) (fn any, ok bool) {
	v, _, ok := t.text.FindFunc(name)
	if !ok {
		return nil, false
	}
	return v.Interface(), true
}

// PlainForm returns the function registered with RegisterPlain for fn, or
// nil: for an escaper, the same escaper for one string.
func PlainForm(fn any) func(string) string { return texttemplate.PlainForm(fn) }
