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
	rel   string
	front [32]byte // the last version's front matter, as model.Doc.FrontSum names it
	item  any
}

// Known tells v that the version at rel whose front matter front names
// (model.Doc.FrontSum) is item, the file as the build parsed it: a
// version the same in front matter is item again.
func (v *Versions) Known(rel string, front [32]byte, item any) {
	if item != nil {
		v.rel, v.front, v.item = rel, front, item
	}
}

// Version is Version, reusing the last version's entity where it can.
func (v *Versions) Version(rel string, src []byte) any {
	if len(src) > maxFile {
		return nil
	}
	doc := &model.Doc{Path: rel, Rel: rel}
	item, noun := newEntity(classify(rel), strings.TrimSuffix(path.Base(rel), ".md"), doc)
	if item == nil {
		return nil
	}
	var problems diag.List // an old version's are history, not reported
	fm, err := splitFront(src, false)
	if err != nil {
		return nil
	}
	setFront(doc, fm.Open, fm.TOML)
	// As parseFile reads a file, but for its body's text and places.
	if _, msg, _ := encodingProblem(src); msg != "" {
		return nil
	}
	if _, problem := bodyProblem(fm.Body); problem != "" {
		return nil
	}
	if v.item != nil && rel == v.rel && doc.FrontSum == v.front {
		return v.item // the same entity
	}
	if _, ok := decodeTOML(fm.TOML, doc, item, noun, nil, &problems, false); !ok || problems.HasErrors() {
		return nil
	}
	doc.Keys = model.Keys{} // versions need no places of keys
	v.rel, v.front, v.item = rel, doc.FrontSum, item
	return item
}
