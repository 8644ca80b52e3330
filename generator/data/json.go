package data

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
)

// StrategyJSON returns /data/strategy.json: the whole strategy with its
// figures, for funders and analysts to reuse. The format is described
// field by field by the doc tags of JSONStrategy and the types it holds,
// which the /data/ page lists (see Fields).
//
// Lists are always arrays, never null. Optional strings, dates and numbers
// are omitted when not given. Items come in the strategy's order. The
// output is compact JSON (a tenth of the strategy.json of a large
// strategy would be spaces) and ends with a newline; references
// are ids, slugs and keys as the link phase resolved them (so objective
// ids carry their canonical case). The only error is a number JSON cannot
// hold (an infinite or NaN amount).
func StrategyJSON(s *model.Strategy, rep *analysis.Report, base string) ([]byte, error) {
	var b bytes.Buffer
	if err := WriteStrategyJSON(&b, s, rep, base); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteStrategyJSON writes StrategyJSON's bytes to w as they are made:
// the objectives, organizations and partnerships one at a time, never
// all in memory.
func WriteStrategyJSON(w io.Writer, s *model.Strategy, rep *analysis.Report, base string) error {
	doc, e := strategyDoc(s, rep, base)
	j := newJSONWriter(w)
	j.object(doc, map[string]func(emit func(any)){
		"objectives":    func(emit func(any)) { emitEach(s.Objectives, e.objective, emit) },
		"organizations": func(emit func(any)) { emitEach(s.Organizations, e.organization, emit) },
		"partnerships":  func(emit func(any)) { emitEach(s.Partnerships, e.partnership, emit) },
	})
	j.raw("\n")
	if err := j.flush(); err != nil {
		return fmt.Errorf("encoding strategy.json: %w", err)
	}
	return nil
}

// strategyDoc is strategy.json but for its objectives, organizations and
// partnerships, which the encoder it returns makes one at a time.
func strategyDoc(s *model.Strategy, rep *analysis.Report, base string) (JSONStrategy, *encoder) {
	e := newEncoder(s, rep, base)
	doc := JSONStrategy{
		Version:   Version,
		Generator: "Common Agenda",
		AsOf:      s.Today.String(),
		Site: JSONSite{
			Title:       s.Site.Title,
			Description: s.Site.Description,
			BaseURL:     base,
			Currency:    e.currency,
			Language:    cmp.Or(s.Site.Language, model.DefaultLanguage),
		},
		Categories: mapList(s.Site.Categories, func(c *model.Category) JSONTerm {
			return JSONTerm{c.Key, c.Title, c.Description, absURL(base, c.URL())}
		}),
		Sectors:  mapList(s.Site.Sectors, func(c *model.Sector) JSONTerm { return JSONTerm{c.Key, c.Title, c.Description, absURL(base, c.URL())} }),
		Coverage: []JSONCell{},
		Funding:  e.funding(),
	}
	for _, row := range rep.Coverage.Rows {
		for _, c := range row.Cells {
			doc.Coverage = append(doc.Coverage, JSONCell{
				Category: row.Category.Key, Sector: c.Sector.Key,
				Organizations: orgSlugs(c.Organizations), Partnerships: partnershipSlugs(c.Partnerships),
			})
		}
	}
	return doc, e
}

// emitEach emits what f makes of each of in, in order.
func emitEach[T, U any](in []T, f func(T) U, emit func(any)) {
	for _, v := range in {
		u := f(v)
		emit(&u)
	}
}

// ObjectiveJSON returns an objective's index.json.
func ObjectiveJSON(s *model.Strategy, rep *analysis.Report, base string, o *model.Objective) ([]byte, error) {
	e := newEncoder(s, rep, base)
	return marshal(JSONObjectiveFile{
		Version: Version, Generator: "Common Agenda", AsOf: s.Today.String(), Currency: e.currency,
		Strategy: absURL(base, "/data/strategy.json"), Objective: e.objective(o),
	}, "index.json of "+o.ID)
}

func marshal(v any, what string) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding %s: %w", what, err)
	}
	return append(b, '\n'), nil
}

// encoder turns model values and their figures into the JSON types.
type encoder struct {
	s        *model.Strategy
	rep      *analysis.Report
	base     string
	currency string
	// ofPartnership are the report's shortfalls by partnership, in
	// report order, made on first use.
	ofPartnership map[*model.Partnership][]analysis.Shortfall
}

func newEncoder(s *model.Strategy, rep *analysis.Report, base string) *encoder {
	return &encoder{s: s, rep: rep, base: base, currency: cmp.Or(s.Site.Currency, model.DefaultCurrency)}
}

// money writes an amount for a shortfall's reason: "150,000.50 USD".
func (e *encoder) money(v float64) string {
	return analysis.FormatAmount(v) + " " + e.currency
}

func (e *encoder) objective(o *model.Objective) JSONObjective {
	j := JSONObjective{
		ID:             o.ID,
		Title:          o.Title,
		Category:       o.Category,
		Summary:        o.Summary,
		Parent:         o.Parent,
		Children:       ids(o.Children),
		Sectors:        keys(o.SectorsNeeded),
		SectorsMissing: keys(o.SectorsMissing),
		Lead:           orgSlugs(o.LeadOrgs),
		Status:         o.StatusOrDefault(),
		Overdue:        analysis.IsOverdue(o, e.s.Today),
		Start:          o.Start.String(),
		Due:            o.Due.String(),
		Need:           o.Need,
		Funding: mapList(o.Funding, func(c *model.Commitment) JSONCommitment {
			j := newJSONCommitment(*c)
			if c.Funder != nil {
				j.Funder = c.Funder.Slug
			}
			return j
		}),
		Related:       ids(o.RelatedRefs),
		Indicators:    mapList(o.Indicators, newJSONIndicator),
		Organizations: orgSlugs(o.Participants),
		Partnerships:  partnershipSlugs(o.Partnerships),
		Shortfalls:    []JSONShortfall{},
		Aliases:       list(o.Aliases),
		Updated:       o.Updated.String(),
		URL:           absURL(e.base, o.URL()),
	}
	if o.ParentRef != nil {
		j.Parent = o.ParentRef.ID
	}
	if o.CategoryRef != nil {
		j.Category = o.CategoryRef.Key
	}
	if f := e.rep.Objective(o); f != nil {
		j.FundingCommitted = f.Committed
		if o.Need != nil {
			j.FundingGap = &f.Gap
		}
		for i, st := range f.Indicators {
			if st.Assessed {
				j.Indicators[i].Expected, j.Indicators[i].OffTrack = &st.Expected, &st.OffTrack
			}
		}
		j.Shortfalls = mapList(f.Shortfalls, e.shortfall)
	}
	return j
}

func (e *encoder) shortfall(sf analysis.Shortfall) JSONShortfall {
	j := JSONShortfall{Kind: string(sf.Kind), Title: sf.Kind.Info().Title, Reason: sf.Reason(e.money), Sectors: keys(sf.Sectors)}
	if sf.Gap > 0 {
		j.Gap = &sf.Gap
	}
	if len(j.Sectors) == 0 {
		j.Sectors = nil
	}
	if sf.Indicator != nil {
		j.Indicator = sf.Indicator.Indicator.Name
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

func (e *encoder) organization(o *model.Organization) JSONOrganization {
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
		Hotline:      o.Hotline,
		Hours:        o.Hours,
		Languages:    list(o.Languages),
		Populations:  list(o.Populations),
		Address:      o.PublicAddress(),
		Confidential: o.Confidential,
		Verified:     o.Verified.String(),
		Regions:      list(o.Regions),
		Services:     list(o.Services),
		SurvivorLed:  o.IsSurvivorLed(),
		Funding:      mapList(o.Funding, newJSONCommitment),
		Partnerships: partnershipSlugs(o.Partnerships),
		Aliases:      list(o.Aliases),
		Updated:      o.Updated.String(),
		URL:          absURL(e.base, o.URL()),
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

func (e *encoder) partnership(p *model.Partnership) JSONPartnership {
	j := JSONPartnership{
		Slug:          p.Slug,
		Title:         p.Title,
		Members:       orgSlugs(p.MemberOrgs),
		Lead:          orgSlugs(p.LeadOrgs),
		Funders:       orgSlugs(p.FunderOrgs),
		Objectives:    ids(p.ObjectiveRefs),
		Kind:          p.Kind,
		Level:         p.Level,
		Started:       p.Started.String(),
		Ended:         p.Ended.String(),
		Regions:       list(p.Regions),
		Website:       p.Website,
		Summary:       p.Summary,
		Sectors:       keys(p.Sectors),
		Categories:    mapList(p.Categories, func(c *model.Category) string { return c.Key }),
		SurvivorVoice: analysis.HasSurvivorVoice(p),
		Shortfalls:    []JSONShortfall{},
		Aliases:       list(p.Aliases),
		Updated:       p.Updated.String(),
		URL:           absURL(e.base, p.URL()),
	}
	if e.ofPartnership == nil {
		e.ofPartnership = map[*model.Partnership][]analysis.Shortfall{}
		for _, sf := range e.rep.Shortfalls {
			if sf.Partnership != nil {
				e.ofPartnership[sf.Partnership] = append(e.ofPartnership[sf.Partnership], sf)
			}
		}
	}
	for _, sf := range e.ofPartnership[p] {
		j.Shortfalls = append(j.Shortfalls, e.shortfall(sf))
	}
	return j
}

func (e *encoder) funding() JSONFunding {
	f := e.rep.Funding
	total := func(t analysis.Total) JSONTotal {
		j := JSONTotal{Amount: t.Amount, Commitments: t.Commitments}
		switch {
		case t.Organization != nil:
			j.Key = t.Organization.Slug
		case t.Partnership != nil:
			j.Key = t.Partnership.Slug
		case t.Category != nil:
			j.Key = t.Category.Key
		}
		return j
	}
	return JSONFunding{
		Total: f.Total, Commitments: f.Count,
		ByCategory: mapList(f.ByCategory, total), ByFunder: mapList(f.ByFunder, total), ByRecipient: mapList(f.ByRecipient, total),
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

// list is in, or an empty list for none: never null in the JSON. The
// encoded values are only read, so in is not copied.
func list(in []string) []string {
	if in == nil {
		return []string{}
	}
	return in
}

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
