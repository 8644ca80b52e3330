// Package schema describes the keys of every kind of content file, read
// from the model's struct tags: the same tags the load phase decodes front
// matter with, so a description produced here cannot drift from what the
// checker accepts.
//
// # Where it is used
//
//	agenda new           Template writes a new file with every key present
//	/contribute/fields/  the field reference page (package render)
//	CONTRIBUTING.md      the "Field reference" section, Markdown; a test
//	                     keeps it equal to Markdown's output
//	/contribute/KIND/    the forms that write a new file in the browser
//	                     (package render, themes/default/static/js/propose.js)
//
// # The tags
//
//	toml:"key"          the key; "-" (or no tag) for fields filled later
//	agenda:"required"   the key must be present
//	doc:"..."           one line for contributors
//	values:"..."        the vocabulary a value comes from (see Vocabulary)
//	format:"..."        the form of a text: id, web, email, phone
//	min:"n"             the least number, or the fewest entries of a list
//	form:"-"            not asked for by the site's forms for new files
//
// Types are described for people: "text", "list of text", "date",
// "number", "whole number", "true or false", "table", "list of tables".
// Tables (such as an objective's indicators) carry their own fields.
package schema

import (
	"reflect"
	"strconv"

	"github.com/commonagenda/agenda/generator/model"
)

// Field is one front-matter key.
type Field struct {
	Key      string
	Type     Type
	Required bool
	Doc      string
	// Values names the vocabulary the value, or each value of a list,
	// comes from: one of the Vocabulary constants, or "".
	Values Vocabulary
	// Format is the form a text must have: "id", "web", "email",
	// "phone", or "".
	Format string
	// Min is the least a number may be, or the fewest entries a list
	// may have; MinSet says whether there is one.
	Min    float64
	MinSet bool
	// Form is false for keys a form for a new file leaves out.
	Form bool
	// Fields are the keys of a table or of each table in a list.
	Fields []Field
}

// Vocabulary names a set of values a key takes.
type Vocabulary string

// The vocabularies: the site's categories and sectors (site.toml), the
// fixed lists of the specification (Fixed), and references to the
// strategy's own objectives (by id), organizations (by slug) and
// recipients (an organization's or a partnership's slug).
const (
	CategoryKeys      Vocabulary = "categories"
	SectorKeys        Vocabulary = "sectors"
	StatusValues      Vocabulary = "statuses"
	KindValues        Vocabulary = "kinds"
	LevelValues       Vocabulary = "levels"
	ObjectiveIDs      Vocabulary = "objectives"
	OrganizationSlugs Vocabulary = "organizations"
	RecipientSlugs    Vocabulary = "recipients"
)

// Fixed returns the values of a vocabulary the specification fixes
// (statuses, kinds, levels), or nil for one that comes from the strategy.
func Fixed(v Vocabulary) []string {
	switch v {
	case StatusValues:
		return model.Statuses
	case KindValues:
		return model.Kinds
	case LevelValues:
		return model.Levels
	}
	return nil
}

// Known reports whether v is one of the vocabularies above.
func (v Vocabulary) Known() bool {
	switch v {
	case CategoryKeys, SectorKeys, StatusValues, KindValues, LevelValues, ObjectiveIDs, OrganizationSlugs, RecipientSlugs:
		return true
	}
	return false
}

// Type is the shape of a key's value.
type Type int

const (
	Text Type = iota
	TextList
	Date
	Number
	Whole
	Bool
	Table
	TableList
)

// String names the type for people.
func (t Type) String() string {
	return [...]string{"text", "list of text", "date", "number", "whole number", "true or false", "table", "list of tables"}[t]
}

// Kind is one kind of content file: where it lives and its keys.
type Kind struct {
	// Name is what `agenda new` calls it: "objective".
	Name string
	// Title heads its section of the reference: "Objectives".
	Title string
	// Files is where such files live, relative to the content folder.
	Files string
	// About says in one or two sentences what the file is and how it is
	// named.
	About  string
	Fields []Field
}

// Kinds lists every kind of content file, in the order the reference
// presents them.
func Kinds() []Kind {
	return []Kind{
		{Name: "objective", Title: "Objectives", Files: "objectives/*.md",
			About:  "One objective each. The page is /objectives/ID/ with the id in lower case, built from the id, so renaming the file or changing the title never breaks a link.",
			Fields: Of(reflect.TypeFor[model.Objective]())},
		{Name: "organization", Title: "Organizations", Files: "organizations/SLUG.md",
			About:  "One organization each. The slug is the file name without .md (lower-case letters, digits and hyphens); the page is /organizations/SLUG/.",
			Fields: Of(reflect.TypeFor[model.Organization]())},
		{Name: "partnership", Title: "Partnerships", Files: "partnerships/SLUG.md",
			About:  "One partnership each, named like organizations; the page is /partnerships/SLUG/. Its sectors are its members' sectors, its categories its objectives'.",
			Fields: Of(reflect.TypeFor[model.Partnership]())},
		{Name: "page", Title: "Plain pages", Files: "**/*.md",
			About:  "Any other Markdown file is a page at its path: about.md is /about/. _index.md introduces the home page, and objectives/_index.md (and so on) the list pages.",
			Fields: Of(reflect.TypeFor[model.Page]())},
		{Name: "site", Title: "Site settings", Files: "site.toml",
			About:  "Plain TOML, no +++ lines: the strategy's name, address and vocabularies.",
			Fields: Of(reflect.TypeFor[model.Site]())},
	}
}

// Lookup returns the kind with this name.
func Lookup(name string) (Kind, bool) {
	for _, k := range Kinds() {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}

var dateType = reflect.TypeFor[model.Date]()

// Of lists the front-matter keys of struct type t in declaration order.
func Of(t reflect.Type) []Field {
	var out []Field
	for i := range t.NumField() {
		f := t.Field(i)
		key := f.Tag.Get("toml")
		if key == "" || key == "-" || !f.IsExported() {
			continue
		}
		typ, elem := typeOf(f.Type)
		field := Field{Key: key, Type: typ, Required: f.Tag.Get("agenda") == "required", Doc: f.Tag.Get("doc"),
			Values: Vocabulary(f.Tag.Get("values")), Format: f.Tag.Get("format"), Form: f.Tag.Get("form") != "-"}
		if m, ok := f.Tag.Lookup("min"); ok {
			field.Min, _ = strconv.ParseFloat(m, 64)
			field.MinSet = true
		}
		if elem != nil {
			field.Fields = Of(elem)
		}
		out = append(out, field)
	}
	return out
}

// typeOf describes a Go field type, returning the struct type of a table
// (or of a list's tables) for its fields.
func typeOf(t reflect.Type) (Type, reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == dateType:
		return Date, nil
	case t.Kind() == reflect.Struct:
		return Table, t
	case t.Kind() == reflect.Slice:
		e := t.Elem()
		for e.Kind() == reflect.Pointer {
			e = e.Elem()
		}
		if e.Kind() == reflect.Struct && e != dateType {
			return TableList, e
		}
		return TextList, nil
	case t.Kind() == reflect.Bool:
		return Bool, nil
	case t.Kind() == reflect.Float64 || t.Kind() == reflect.Float32:
		return Number, nil
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return Whole, nil
	}
	return Text, nil
}

// IsTable reports whether the field is written as a TOML table section
// ([[key]]), which must come after the plain keys.
func (f Field) IsTable() bool { return f.Type == TableList }
