package render

import (
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
	"github.com/commonagenda/agenda/generator/schema"
)

// fieldsURL is the field reference for contributors.
const fieldsURL = routes.Fields

// FieldsView is the field reference page (kind "fields"): every key of
// every kind of content file, from the same schema the loader decodes
// with (package schema), so the page cannot drift from the checker.
type FieldsView struct {
	Meta
	Kinds []FieldKind
}

// FieldKind is one kind of content file in the reference.
type FieldKind struct {
	// ID is the section's anchor: "objective".
	ID, Title, Files, About string
	Fields                  []schema.Row
}

// fieldsView is /contribute/fields/.
func (r *renderer) fieldsView() any {
	m := r.meta(fieldsURL, "Field reference", "Every key a content file may use, its type, whether it is required and what it means.", nil)
	m.JSONLD = r.jsonLD(m, r.webPage("WebPage", m, model.Date{}))
	v := FieldsView{Meta: m}
	for _, k := range schema.Kinds() {
		v.Kinds = append(v.Kinds, FieldKind{ID: k.Name, Title: k.Title, Files: "content/" + k.Files, About: k.About, Fields: schema.Rows(k.Fields)})
	}
	return v
}
