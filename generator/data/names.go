package data

import (
	"encoding/json"
	"strings"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// NamesFile is the path of the names the forms offer, in the output.
var NamesFile = strings.TrimPrefix(routes.Names, "/")

// Names is contribute/names.json: every objective, organization and
// partnership by its id or slug and title, in the strategy's order, for
// the forms that write a new file (themes/default/static/js/propose.js).
// They offer these as choices for references, check that a new file's
// name is free and choose an objective's next id from them, so the file
// is a separate one, fetched by the forms alone, rather than thousands
// of options in each form page.
//
// Each entry is an array, not an object, as a strategy of ten thousand
// files would spend a third of the file on repeated key names:
//
//	{"objectives":    [["PV-1", "Title", "prevention"], ...],
//	 "organizations": [["slug", "Title", "ACRONYM"], ...],
//	 "partnerships":  [["slug", "Title"], ...]}
func Names(s *model.Strategy) ([]byte, error) {
	doc := struct {
		Objectives    [][3]string `json:"objectives"`
		Organizations [][3]string `json:"organizations"`
		Partnerships  [][2]string `json:"partnerships"`
	}{
		Objectives:    make([][3]string, 0, len(s.Objectives)),
		Organizations: make([][3]string, 0, len(s.Organizations)),
		Partnerships:  make([][2]string, 0, len(s.Partnerships)),
	}
	for _, o := range s.Objectives {
		doc.Objectives = append(doc.Objectives, [3]string{o.ID, o.Title, o.Category})
	}
	for _, o := range s.Organizations {
		doc.Organizations = append(doc.Organizations, [3]string{o.Slug, o.Title, o.Acronym})
	}
	for _, p := range s.Partnerships {
		doc.Partnerships = append(doc.Partnerships, [2]string{p.Slug, p.Title})
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
