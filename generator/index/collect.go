package index

import (
	"cmp"
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/model"
)

// Kinds are the values of the kind facet, in display order; the index
// numbers documents in this order.
var Kinds = []string{"objective", "organization", "partnership", "page"}

// record is one searchable page, gathered from the model.
type record struct {
	url, title, summary string
	// facts are short listed values worth finding a page by: an
	// organization's services and regions ("Hotline", "Washington").
	facts               string
	kind                int
	ids                 []string // objective id or organization acronym
	categories, sectors []int    // indexes into the site's vocabularies
	// body is split into sections when the record is indexed and when
	// its fragment is written (sections), not before: a large strategy's
	// text is read from where the build keeps it a record at a time.
	body model.Rendered
}

// sections splits the record's body (see splitSections).
func (r *record) sections() []section { return splitSections(r.body) }

// section is a part of a body: the text before the first heading
// (section 0, no anchor), then one per heading.
type section struct {
	anchor, heading, text string
}

// collect turns the strategy into records, ordered by kind, then by first
// category and sector, so each facet value covers long runs of document
// numbers and its file stays small.
func collect(s *model.Strategy) []record {
	var out []record
	for _, o := range s.Objectives {
		r := record{url: o.URL(), title: o.Name(), summary: o.Summary, kind: 0, ids: []string{o.ID}}
		if o.CategoryRef != nil {
			r.categories = []int{o.CategoryRef.Index}
		}
		r.sectors = sectorIndexes(o.SectorsNeeded)
		r.body = s.Body(o.Doc)
		out = append(out, r)
	}
	for _, o := range s.Organizations {
		r := record{url: o.URL(), title: o.Title, summary: o.Summary, kind: 1,
			facts: strings.Join(slices.Concat(o.Services, o.Regions, o.Languages, o.Populations), ", ")}
		if o.Acronym != "" {
			r.ids = []string{o.Acronym}
		}
		for _, c := range o.Categories {
			r.categories = append(r.categories, c.Index)
		}
		if o.SectorRef != nil {
			r.sectors = []int{o.SectorRef.Index}
		}
		r.body = s.Body(o.Doc)
		out = append(out, r)
	}
	for _, p := range s.Partnerships {
		r := record{url: p.URL(), title: p.Title, summary: p.Summary, kind: 2, facts: strings.Join(p.Regions, ", ")}
		for _, c := range p.Categories {
			r.categories = append(r.categories, c.Index)
		}
		r.sectors = sectorIndexes(p.Sectors)
		r.body = s.Body(p.Doc)
		out = append(out, r)
	}
	pages := s.Pages
	if s.Home != nil {
		pages = append([]*model.Page{s.Home}, pages...)
	}
	for _, p := range pages {
		out = append(out, record{url: p.URL(), title: p.Title, summary: p.Description, kind: 3, body: s.Body(p.Doc)})
	}
	// Stable: in the strategy's own order within each group. The
	// records are large, so their keys are sorted, and each record is
	// moved once.
	type key struct{ kind, category, sector, at int }
	keys := make([]key, len(out))
	for i, r := range out {
		keys[i] = key{r.kind, first(r.categories), first(r.sectors), i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.category, b.category),
			cmp.Compare(a.sector, b.sector), cmp.Compare(a.at, b.at))
	})
	sorted := make([]record, len(out))
	for i, k := range keys {
		sorted[i] = out[k.at]
	}
	return sorted
}

func sectorIndexes(secs []*model.Sector) []int {
	out := make([]int, 0, len(secs))
	for _, s := range secs {
		out = append(out, s.Index)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func first(xs []int) int {
	if len(xs) == 0 {
		return 1 << 30
	}
	return slices.Min(xs)
}

// splitSections splits a body's plain text at its headings. The markdown
// phase keeps each heading's text as one run of Rendered.Text, in order,
// and notes where (Heading.At); a rendering made otherwise (by hand, in
// tests) is split where each heading is found after the previous one.
func splitSections(d model.Rendered) []section {
	text := d.PlainText()
	out := []section{{}}
	at := 0 // where the current section's text starts
	for _, h := range d.Headings {
		i := h.At
		if h.Text == "" || i < at || i > len(text)-len(h.Text) || text[i:i+len(h.Text)] != h.Text {
			i = findRun(text, h.Text, at)
		}
		if i < 0 {
			continue // a heading without text: its section stays in the previous one
		}
		out[len(out)-1].text = strings.TrimSpace(text[at:i])
		out = append(out, section{anchor: h.ID, heading: h.Text})
		at = i + len(h.Text)
	}
	out[len(out)-1].text = strings.TrimSpace(text[at:])
	return out
}

// findRun finds run in text at or after from, as a whole run: at the start
// or after a space, and at the end or before a space.
func findRun(text, run string, from int) int {
	if run == "" {
		return -1
	}
	for from <= len(text) {
		i := strings.Index(text[from:], run)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(run)
		if (i == 0 || text[i-1] == ' ') && (end == len(text) || text[end] == ' ') {
			return i
		}
		from = i + 1
	}
	return -1
}
