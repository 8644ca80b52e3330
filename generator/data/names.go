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
// partnership by its title, with its id or slug, in the strategy's
// order, for the forms that write a new file
// (themes/default/static/js/propose.js). They offer these as choices for
// references, check that a new file's name is free and choose an
// objective's next id from them; the file is fetched by the forms alone,
// rather than thousands of options in each form page.
//
// It is made small, as a strategy of ten thousand files has eight
// thousand organizations: each entry is an array, not an object, and an
// organization's or partnership's slug is left out when it is what the
// forms would make of its title (model.Slugify, which the script
// repeats), as it nearly always is; an empty acronym is left out too.
//
//	{"objectives":    [["PV-1", "Title", "prevention"], ...],
//	 "organizations": [["Title"], ["Title", "ACRONYM"], ["Title", "", "slug"], ...],
//	 "partnerships":  [["Title"], ["Title", "slug"], ...]}
func Names(s *model.Strategy) ([]byte, error) {
	doc := struct {
		Objectives    [][3]string `json:"objectives"`
		Organizations [][]string  `json:"organizations"`
		Partnerships  [][]string  `json:"partnerships"`
	}{
		Objectives:    make([][3]string, 0, len(s.Objectives)),
		Organizations: make([][]string, 0, len(s.Organizations)),
		Partnerships:  make([][]string, 0, len(s.Partnerships)),
	}
	for _, o := range s.Objectives {
		doc.Objectives = append(doc.Objectives, [3]string{o.ID, o.Title, o.Category})
	}
	for _, o := range s.Organizations {
		e := []string{o.Title, o.Acronym}
		if model.Slugify(o.Title) != o.Slug {
			e = append(e, o.Slug)
		} else if o.Acronym == "" {
			e = e[:1]
		}
		doc.Organizations = append(doc.Organizations, e)
	}
	for _, p := range s.Partnerships {
		e := []string{p.Title}
		if model.Slugify(p.Title) != p.Slug {
			e = append(e, p.Slug)
		}
		doc.Partnerships = append(doc.Partnerships, e)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
