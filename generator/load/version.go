package load

import (
	"path"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// Version reads an earlier version of the content file at rel (a slash
// path inside the content folder), as Git kept it: the *model.Objective,
// *model.Organization or *model.Partnership it held, or nil when rel is
// no such file or that version could not be read. Nothing is reported:
// an old version's mistakes are history, not problems to fix now.
func Version(rel string, src []byte) any {
	if len(src) > maxFile {
		return nil
	}
	doc := &model.Doc{Path: rel, Rel: rel}
	slug := strings.TrimSuffix(path.Base(rel), ".md")
	var item any
	noun := ""
	switch classify(rel) {
	case kindObjective:
		item, noun = &model.Objective{Doc: doc}, "objective"
	case kindOrganization:
		item, noun = &model.Organization{Slug: slug, Doc: doc}, "organization"
	case kindPartnership:
		item, noun = &model.Partnership{Slug: slug, Doc: doc}, "partnership"
	default:
		return nil
	}
	var ignored diag.List
	if !parseMarkdown(src, doc, item, noun, &ignored) || ignored.HasErrors() {
		return nil
	}
	doc.Body = nil
	return item
}
