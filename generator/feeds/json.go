package feeds

import (
	"encoding/json"
	"fmt"

	"github.com/commonagenda/agenda/generator/model"
)

// StrategyJSON returns /data/strategy.json: the whole strategy, for funders
// and analysts to reuse. The schema, version 1:
//
//	{
//	  "version": 1,
//	  "generator": "Common Agenda",
//	  "site": {"title", "description", "base_url", "currency", "language"},
//	  "categories": [{"key", "title", "description", "url"}],   the four Ps, in display order
//	  "sectors":    [{"key", "title", "description", "url"}],   in display order
//	  "objectives": [{
//	    "id", "title", "category" (key), "summary",
//	    "parent" (id; omitted when none), "children" [ids],
//	    "sectors" [keys needed], "lead" [organization slugs],
//	    "status" ("planned" when not given),
//	    "start", "due", "updated" (YYYY-MM-DD; omitted when not given),
//	    "need" (number in the site currency; omitted when not given),
//	    "funding_committed" (sum of every commitment naming it, all years),
//	    "related" [ids, both directions],
//	    "indicators" [{"name", "unit", "source",
//	                   "baseline" {"value", "date"}, "target" {"value", "date"},
//	                   "progress" [{"value", "date"}]}],
//	    "organizations" [slugs of every participating organization],
//	    "partnerships" [slugs of partnerships listing it],
//	    "aliases" [old paths], "url" (absolute)
//	  }],
//	  "organizations": [{
//	    "slug", "title", "sector" (key), "acronym", "summary",
//	    "objectives" [ids it lists], "parent" (slug),
//	    "website", "email", "phone", "regions" [], "services" [],
//	    "survivor_led" (true when flagged or in the survivor-led sector),
//	    "funding" [{"objective" (id), "amount", "year", "recipient" (slug), "note"}],
//	    "partnerships" [slugs, any role], "aliases" [], "updated", "url"
//	  }],
//	  "partnerships": [{
//	    "slug", "title", "members" [slugs], "lead" [slugs], "funders" [slugs],
//	    "objectives" [ids], "kind", "level", "started", "ended",
//	    "regions" [], "website", "summary",
//	    "sectors" [members' sector keys], "categories" [objectives' category keys],
//	    "aliases" [], "updated", "url"
//	  }]
//	}
//
// Lists are always arrays, never null. Optional strings, dates and numbers
// are omitted when not given. Items come in the strategy's order. The
// output is indented by two spaces and ends with a newline.
//
// Links come from the link phase (resolved references, so objective ids
// carry their canonical case). The only error is a number JSON cannot hold
// (an infinite or NaN amount).
func StrategyJSON(s *model.Strategy, base string) ([]byte, error) {
	doc := JSONStrategy{
		Version:   1,
		Generator: "Common Agenda",
		Site: JSONSite{
			Title:       s.Site.Title,
			Description: s.Site.Description,
			BaseURL:     base,
			Currency:    orDefault(s.Site.Currency, model.DefaultCurrency),
			Language:    orDefault(s.Site.Language, model.DefaultLanguage),
		},
		Categories: mapList(s.Site.Categories, func(c *model.Category) JSONTerm {
			return JSONTerm{c.Key, c.Title, c.Description, absURL(base, c.URL())}
		}),
		Sectors:       mapList(s.Site.Sectors, func(c *model.Sector) JSONTerm { return JSONTerm{c.Key, c.Title, c.Description, absURL(base, c.URL())} }),
		Objectives:    mapList(s.Objectives, func(o *model.Objective) JSONObjective { return newJSONObjective(o, base) }),
		Organizations: mapList(s.Organizations, func(o *model.Organization) JSONOrganization { return newJSONOrganization(o, base) }),
		Partnerships:  mapList(s.Partnerships, func(p *model.Partnership) JSONPartnership { return newJSONPartnership(p, base) }),
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding strategy.json: %w", err)
	}
	return append(b, '\n'), nil
}

func newJSONObjective(o *model.Objective, base string) JSONObjective {
	var committed float64
	for _, c := range o.Funding {
		committed += c.Amount
	}
	j := JSONObjective{
		ID:               o.ID,
		Title:            o.Title,
		Category:         o.Category,
		Summary:          o.Summary,
		Parent:           o.Parent,
		Children:         ids(o.Children),
		Sectors:          keys(o.SectorsNeeded),
		Lead:             orgSlugs(o.LeadOrgs),
		Status:           o.StatusOrDefault(),
		Start:            o.Start.String(),
		Due:              o.Due.String(),
		Need:             o.Need,
		FundingCommitted: committed,
		Related:          ids(o.RelatedRefs),
		Indicators:       mapList(o.Indicators, newJSONIndicator),
		Organizations:    orgSlugs(o.Participants),
		Partnerships:     partnershipSlugs(o.Partnerships),
		Aliases:          list(o.Aliases),
		Updated:          o.Updated.String(),
		URL:              absURL(base, o.URL()),
	}
	if o.ParentRef != nil {
		j.Parent = o.ParentRef.ID
	}
	if o.CategoryRef != nil {
		j.Category = o.CategoryRef.Key
	}
	return j
}

func newJSONIndicator(in model.Indicator) JSONIndicator {
	return JSONIndicator{
		Name:     in.Name,
		Unit:     in.Unit,
		Source:   in.Source,
		Baseline: newJSONMeasure(in.Baseline),
		Target:   newJSONMeasure(in.Target),
		Progress: mapList(in.Progress, func(m model.Measure) JSONMeasure { return *newJSONMeasure(&m) }),
	}
}

func newJSONMeasure(m *model.Measure) *JSONMeasure {
	if m == nil {
		return nil
	}
	return &JSONMeasure{Value: m.Value, Date: m.Date.String()}
}

func newJSONOrganization(o *model.Organization, base string) JSONOrganization {
	j := JSONOrganization{
		Slug:         o.Slug,
		Title:        o.Title,
		Sector:       o.Sector,
		Acronym:      o.Acronym,
		Summary:      o.Summary,
		Objectives:   ids(o.ObjectiveRefs),
		Parent:       o.Parent,
		Website:      o.Website,
		Email:        o.Email,
		Phone:        o.Phone,
		Regions:      list(o.Regions),
		Services:     list(o.Services),
		SurvivorLed:  o.IsSurvivorLed(),
		Funding:      mapList(o.Funding, newJSONCommitment),
		Partnerships: partnershipSlugs(o.Partnerships),
		Aliases:      list(o.Aliases),
		Updated:      o.Updated.String(),
		URL:          absURL(base, o.URL()),
	}
	if o.ParentRef != nil {
		j.Parent = o.ParentRef.Slug
	}
	return j
}

func newJSONCommitment(c model.Commitment) JSONCommitment {
	j := JSONCommitment{Objective: c.Objective, Amount: c.Amount, Year: c.Year, Recipient: c.Recipient, Note: c.Note}
	if c.ObjectiveRef != nil {
		j.Objective = c.ObjectiveRef.ID
	}
	return j
}

func newJSONPartnership(p *model.Partnership, base string) JSONPartnership {
	return JSONPartnership{
		Slug:       p.Slug,
		Title:      p.Title,
		Members:    orgSlugs(p.MemberOrgs),
		Lead:       orgSlugs(p.LeadOrgs),
		Funders:    orgSlugs(p.FunderOrgs),
		Objectives: ids(p.ObjectiveRefs),
		Kind:       p.Kind,
		Level:      p.Level,
		Started:    p.Started.String(),
		Ended:      p.Ended.String(),
		Regions:    list(p.Regions),
		Website:    p.Website,
		Summary:    p.Summary,
		Sectors:    keys(p.Sectors),
		Categories: mapList(p.Categories, func(c *model.Category) string { return c.Key }),
		Aliases:    list(p.Aliases),
		Updated:    p.Updated.String(),
		URL:        absURL(base, p.URL()),
	}
}

// mapList applies f to every item, returning an empty (not nil) slice for
// no items so the JSON has [] rather than null.
func mapList[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

func list(in []string) []string { return mapList(in, func(s string) string { return s }) }

func ids(in []*model.Objective) []string {
	return mapList(in, func(o *model.Objective) string { return o.ID })
}

func orgSlugs(in []*model.Organization) []string {
	return mapList(in, func(o *model.Organization) string { return o.Slug })
}

func partnershipSlugs(in []*model.Partnership) []string {
	return mapList(in, func(p *model.Partnership) string { return p.Slug })
}

func keys(in []*model.Sector) []string {
	return mapList(in, func(s *model.Sector) string { return s.Key })
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
