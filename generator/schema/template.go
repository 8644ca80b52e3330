package schema

import (
	"strings"

	"github.com/commonagenda/agenda/generator/model"
)

// Template writes a new content file of kind k: TOML front matter between
// "+++" lines in which every key of the kind is present. Required keys
// come first, set to values[key] (a TOML literal) or left empty ("" or
// []), which the checker reports until they are filled in. Optional keys
// follow, commented out, each under its doc line, so a contributor
// enables one by deleting "# ". notes[key] is appended to a key's doc
// line (for example the known category keys). today is the example for
// dates.
func Template(k Kind, values, notes map[string]string, today model.Date) string {
	var b strings.Builder
	b.WriteString("+++\n")
	b.WriteString("# Required: fill in every value below; `agenda check` reports any left empty.\n")
	var optional, tables []Field
	for _, f := range k.Fields {
		switch {
		case f.IsTable():
			tables = append(tables, f)
		case f.Required:
			b.WriteString("\n")
			comment(&b, "", f.Doc, notes[f.Key])
			v, ok := values[f.Key]
			if !ok {
				v = empty(f)
			}
			b.WriteString(f.Key + " = " + v + "\n")
		default:
			optional = append(optional, f)
		}
	}
	b.WriteString("\n# Optional: to use a key, delete the \"# \" at the start of its line.\n")
	for _, f := range optional {
		b.WriteString("\n")
		comment(&b, "", f.Doc, notes[f.Key])
		if v, ok := values[f.Key]; ok {
			b.WriteString(f.Key + " = " + v + "\n")
			continue
		}
		b.WriteString("# " + f.Key + " = " + example(f, today) + "\n")
	}
	for _, f := range tables {
		b.WriteString("\n")
		comment(&b, "", f.Doc+" Repeat the block for each one.", notes[f.Key])
		b.WriteString("# [[" + f.Key + "]]\n")
		for _, sub := range f.Fields {
			doc := sub.Doc
			if sub.Required {
				doc += " Required in each block."
			}
			comment(&b, "# ", doc, "")
			b.WriteString("# " + sub.Key + " = " + example(sub, today) + "\n")
		}
	}
	b.WriteString("+++\n\n")
	return b.String()
}

// comment writes a doc line as a TOML comment.
func comment(b *strings.Builder, prefix, doc, note string) {
	if note != "" {
		doc += " " + note
	}
	if doc == "" {
		return
	}
	b.WriteString(prefix + "# " + doc + "\n")
}

// empty is the unfilled value of a required key: the checker reports an
// empty text and a list with too few entries.
func empty(f Field) string {
	if f.Type == TextList || f.Type == TableList {
		return "[]"
	}
	return `""`
}

// example is a value of the key's type to show after "# key = ".
func example(f Field, today model.Date) string {
	switch f.Type {
	case TextList:
		return "[]"
	case Date:
		return today.String()
	case Number, Whole:
		return "0"
	case Bool:
		return "false"
	case Table:
		return inline(f.Fields, today)
	case TableList:
		return "[" + inline(f.Fields, today) + "]"
	}
	return `""`
}

// inline writes a table's fields as a TOML inline table.
func inline(fields []Field, today model.Date) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f.Key + " = " + example(f, today)
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}
