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
	var v Versions
	return v.Version(rel, src)
}

// Versions reads the versions of one file, one after another (in either
// order): a version whose front matter is the one before's, at the same
// path, is the same entity, which is not parsed again (most edits change
// the text, not the front matter). Its zero value is ready to use.
type Versions struct {
	rel, front string
	open       int
	item       any
}

// Known tells v that the version at rel whose bytes are src is item (the
// file as the build parsed it), so that a version the same in front
// matter is item again.
func (v *Versions) Known(rel string, src []byte, item any) {
	if fm, err := SplitFrontMatter(src); err == nil && item != nil {
		v.rel, v.front, v.open, v.item = rel, string(fm.TOML), fm.Open, item
	}
}

// Version is Version, reusing the last version's entity where it can.
func (v *Versions) Version(rel string, src []byte) any {
	if len(src) > maxFile {
		return nil
	}
	var item any
	noun := ""
	doc := &model.Doc{Path: rel, Rel: rel}
	slug := strings.TrimSuffix(path.Base(rel), ".md")
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
	if _, msg, _ := encodingProblem(src); msg != "" {
		return nil
	}
	fm, err := SplitFrontMatter(src)
	if err != nil {
		return nil
	}
	if _, problem := bodyProblem(fm.Body); problem != "" {
		return nil
	}
	if v.item != nil && rel == v.rel && fm.Open == v.open && string(fm.TOML) == v.front {
		return v.item
	}
	doc.Open = diag.Pos{Path: rel, Line: fm.Open, Col: 1}
	doc.Front = frontHash(fm.Open, fm.TOML)
	var ignored diag.List
	if _, ok := decodeTOML(fm.TOML, doc, item, noun, nil, &ignored); !ok || ignored.HasErrors() {
		return nil
	}
	doc.Keys = model.Keys{} // where each key was: for problems, which versions do not have
	v.rel, v.front, v.open, v.item = rel, string(fm.TOML), fm.Open, item
	return item
}
