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
	doc := &model.Doc{Path: rel, Rel: rel}
	item, noun := newEntity(classify(rel), strings.TrimSuffix(path.Base(rel), ".md"), doc)
	if item == nil {
		return nil
	}
	var problems diag.List // an old version's are history, not reported
	fm, err := SplitFrontMatter(src)
	if err == nil && v.item != nil && rel == v.rel && fm.Open == v.open && string(fm.TOML) == v.front {
		// The same entity, unless the file cannot be read at all.
		if _, msg, _ := encodingProblem(src); msg != "" {
			return nil
		}
		if _, problem := bodyProblem(fm.Body); problem != "" {
			return nil
		}
		return v.item
	}
	if !parseMarkdown(src, doc, item, noun, nil, &problems) || problems.HasErrors() {
		return nil
	}
	doc.Body, doc.Keys = nil, model.Keys{} // versions need neither their text nor where each key was
	v.rel, v.front, v.open, v.item = rel, string(fm.TOML), fm.Open, item
	return item
}
