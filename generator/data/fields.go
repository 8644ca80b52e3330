package data

import (
	"reflect"
	"strings"
)

// Field documents one field of a JSON format.
type Field struct {
	// Path names the field from the top of the file: "objectives[].id",
	// "objectives[].indicators[].baseline.value".
	Path string
	// Type is "text", "number", "whole number", "true or false",
	// "object", or "list of" one of those.
	Type string
	// Optional fields are left out when they have no value.
	Optional bool
	// Doc says what it means.
	Doc string
}

// StrategyFields documents strategy.json, field by field, from the doc
// tags of its types.
func StrategyFields() []Field { return Fields(reflect.TypeFor[JSONStrategy]()) }

// ObjectiveFileFields documents an objective's index.json.
func ObjectiveFileFields() []Field { return Fields(reflect.TypeFor[JSONObjectiveFile]()) }

// Fields documents the JSON encoding of a struct type: every field with a
// json tag, depth first, nested objects and lists of objects expanded
// under their field's path. A type met again further down (the objective
// inside index.json) is expanded each time: the formats have no cycles.
func Fields(t reflect.Type) []Field {
	var out []Field
	walkFields(t, "", &out)
	return out
}

func walkFields(t reflect.Type, prefix string, out *[]Field) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		path := prefix + name
		ft := f.Type
		*out = append(*out, Field{Path: path, Type: typeName(ft), Optional: strings.Contains(opts, "omitempty"), Doc: f.Tag.Get("doc")})
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft.Kind() == reflect.Struct:
			walkFields(ft, path+".", out)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			walkFields(ft.Elem(), path+"[].", out)
		}
	}
}

// typeName names a field's JSON type for people.
func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return typeName(t.Elem())
	case reflect.String:
		return "text"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.Struct:
		return "object"
	case reflect.Slice:
		return "list of " + typeName(t.Elem())
	}
	return t.Kind().String()
}
