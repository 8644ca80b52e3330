package diff

import (
	"strings"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
)

// named is a key and a title, in display order.
type named struct{ key, title string }

// union lists the keys of head in order, then those only base has.
func union(base, head []named) []named {
	seen := map[string]bool{}
	var out []named
	for _, list := range [][]named{head, base} {
		for _, n := range list {
			if !seen[n.key] {
				seen[n.key] = true
				out = append(out, n)
			}
		}
	}
	return out
}

func categories(s *model.Strategy) []named {
	if s == nil {
		return nil
	}
	var out []named
	for _, c := range s.Site.Categories {
		out = append(out, named{c.Key, c.Title})
	}
	return out
}

func sectors(s *model.Strategy) []named {
	if s == nil {
		return nil
	}
	var out []named
	for _, c := range s.Site.Sectors {
		out = append(out, named{c.Key, c.Title})
	}
	return out
}

// cell is a report's cell, the zero Cell where the report has none.
func cell(r *analysis.Report, category, sector string) analysis.Cell {
	if r == nil {
		return analysis.Cell{}
	}
	c, _ := r.Coverage.Cell(category, sector)
	return c
}

func (r *Result) compareCoverage(base, head *analysis.Report) {
	var bs, hs *model.Strategy
	if r.Base != nil {
		bs = r.Base.Strategy
	}
	if r.Head != nil {
		hs = r.Head.Strategy
	}
	for _, c := range union(categories(bs), categories(hs)) {
		for _, s := range union(sectors(bs), sectors(hs)) {
			before, after := cell(base, c.key, s.key), cell(head, c.key, s.key)
			ch := CellChange{
				CategoryKey: c.key, SectorKey: s.key, Category: c.title, Sector: s.title,
				Organizations: Pair[int]{len(before.Organizations), len(after.Organizations)},
				Partnerships:  Pair[int]{len(before.Partnerships), len(after.Partnerships)},
			}
			ch.Joined, ch.Left = orgsDiff(before.Organizations, after.Organizations)
			if ch.Organizations.Before != ch.Organizations.After || ch.Partnerships.Before != ch.Partnerships.After || len(ch.Joined)+len(ch.Left) > 0 {
				r.Cells = append(r.Cells, ch)
			}
		}
	}
}

// orgsDiff names the organizations only after has (joined) and only
// before has (left), by slug, in each list's order.
func orgsDiff(before, after []*model.Organization) (joined, left []string) {
	had, has := map[string]bool{}, map[string]bool{}
	for _, o := range before {
		had[o.Slug] = true
	}
	for _, o := range after {
		has[o.Slug] = true
		if !had[o.Slug] {
			joined = append(joined, o.Title)
		}
	}
	for _, o := range before {
		if !has[o.Slug] {
			left = append(left, o.Title)
		}
	}
	return joined, left
}

// shortfall is one shortfall as the comparison counts it: a sector absent
// once per sector, an indicator off track once per indicator.
type shortfall struct {
	key string
	ShortfallChange
}

func shortfalls(s *Side, money func(float64) string) []shortfall {
	if s == nil || s.Report == nil {
		return nil
	}
	var out []shortfall
	for _, sf := range s.Report.Shortfalls {
		subject := "partnership:"
		if sf.Partnership != nil {
			subject += sf.Partnership.Slug
		} else if sf.Objective != nil {
			subject = "objective:" + strings.ToLower(sf.Objective.ID)
		}
		add := func(detail string, sf analysis.Shortfall) {
			out = append(out, shortfall{
				key:             string(sf.Kind) + "\x00" + subject + "\x00" + detail,
				ShortfallChange: ShortfallChange{Kind: sf.Kind, Subject: sf.Subject(), Reason: sf.Reason(money)},
			})
		}
		switch {
		case sf.Kind == analysis.SectorAbsent:
			for _, sec := range sf.Sectors {
				one := sf
				one.Sectors = []*model.Sector{sec}
				add(sec.Key, one)
			}
		case sf.Kind == analysis.OffTrack && sf.Indicator != nil:
			add(sf.Indicator.Indicator.Name, sf)
		default:
			add("", sf)
		}
	}
	return out
}

func (r *Result) compareShortfalls(base, head *Side) {
	money := r.Money
	before, after := shortfalls(base, money), shortfalls(head, money)
	r.Opened = missingFrom(after, before)
	r.Closed = missingFrom(before, after)
}

// missingFrom lists the shortfalls of list that other does not have, in
// list's order (by kind, then strategy order).
func missingFrom(list, other []shortfall) []ShortfallChange {
	in := map[string]bool{}
	for _, sf := range other {
		in[sf.key] = true
	}
	var out []ShortfallChange
	for _, sf := range list {
		if !in[sf.key] {
			in[sf.key] = true // a key listed twice (a duplicate id) once
			out = append(out, sf.ShortfallChange)
		}
	}
	return out
}

// Money writes an amount in the result's currency: "USD 1,250,000".
func (r *Result) Money(v float64) string {
	return r.Currency + " " + analysis.FormatAmount(v)
}

func (r *Result) compareFunding(base, head *Side) {
	type figures struct {
		name      string
		committed float64
		need      *float64
	}
	objectives := func(s *Side) ([]named, map[string]figures) {
		m := map[string]figures{}
		var order []named
		if s == nil || s.Report == nil {
			return nil, m
		}
		for _, f := range s.Report.Objectives {
			key := strings.ToLower(f.Objective.ID)
			if _, dup := m[key]; dup {
				continue
			}
			m[key] = figures{f.Objective.Name(), f.Committed, f.Need}
			order = append(order, named{key, f.Objective.ID})
		}
		return order, m
	}
	bo, bf := objectives(base)
	ho, hf := objectives(head)
	for _, o := range union(bo, ho) {
		b, h := bf[o.key], hf[o.key]
		name := h.name
		if name == "" {
			name = b.name
		}
		row := FundingRow{Key: o.title, Name: name, Committed: Pair[float64]{b.committed, h.committed}, Need: Pair[*float64]{b.need, h.need}}
		if row.Changed() {
			r.Objectives = append(r.Objectives, row)
		}
	}

	byCategory := func(s *Side) map[string]float64 {
		m := map[string]float64{}
		if s != nil && s.Report != nil {
			for _, t := range s.Report.Funding.ByCategory {
				m[t.Category.Key] = t.Amount
			}
		}
		return m
	}
	bc, hc := byCategory(base), byCategory(head)
	var bs, hs *model.Strategy
	if base != nil {
		bs = base.Strategy
	}
	if head != nil {
		hs = head.Strategy
	}
	for _, c := range union(categories(bs), categories(hs)) {
		r.Categories = append(r.Categories, FundingRow{Key: c.key, Name: c.title, Committed: Pair[float64]{bc[c.key], hc[c.key]}})
	}
	if base != nil && base.Report != nil {
		r.Total.Before = base.Report.Funding.Total
	}
	if head != nil && head.Report != nil {
		r.Total.After = head.Report.Funding.Total
	}
}
