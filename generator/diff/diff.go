// Package diff says what a change does to a strategy: it compares two
// strategies, each read, checked, linked and analysed by the pipeline
// (site.Read), and returns the differences as a value, which Markdown
// writes for a pull request.
//
//	entities   objectives (by id), organizations and partnerships (by
//	           slug) added, removed, and changed: which front-matter keys,
//	           the body, the file
//	coverage   the category × sector cells whose organizations or
//	           partnerships changed
//	shortfalls opened (in the new strategy, not the old) and closed; a
//	           sector absent counts once per sector, an indicator off
//	           track once per indicator
//	funding    committed and need of every objective whose figures
//	           changed; the totals of every P and the grand total
//
// Compare reads nothing but its two sides and is deterministic: every list
// is in a fixed order (entities by kind, then key; figures in the new
// strategy's display order, then what only the old one had).
package diff

import (
	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// Side is one of the two strategies compared.
type Side struct {
	// Label names it for people: a folder as given, or a Git revision.
	Label string
	// Strategy and Report are what site.Read made of it; both nil when
	// there was nothing to read (Absent, or a folder that could not be
	// read at all).
	Strategy *model.Strategy
	Report   *analysis.Report
	// Errors are its content errors (warnings left out). The comparison
	// covers what could be read despite them.
	Errors []diag.Diagnostic
	// Absent says the content folder did not exist in this revision:
	// everything in the other side is added (or removed).
	Absent bool
}

// Pair is a figure before and after the change.
type Pair[T any] struct{ Before, After T }

// Kind is a kind of entity.
type Kind string

const (
	Objective    Kind = "objective"
	Organization Kind = "organization"
	Partnership  Kind = "partnership"
)

// Entity names an objective, organization or partnership.
type Entity struct {
	Kind Kind
	// Key is an objective's id or a slug.
	Key string
	// Name is what people call it: "PV-1 Reduce ..." or a title.
	Name string
}

// Change is an entity present on both sides whose file says something
// different.
type Change struct {
	Entity
	// Fields are the front-matter keys whose values differ, in the order
	// of the schema, then "body" when the text below the front matter
	// differs and "file" when an objective moved to another file.
	Fields []string
	// Values are, for a field that holds one value (a text, a number, a
	// date, a yes or no), what it said before and after, as written.
	Values map[string][2]string
}

// Unreadable is an entity that one side holds and the other has a file
// for that could not be read (a TOML error): neither added nor removed.
type Unreadable struct {
	Entity
	// In is the side whose file could not be read: "old" or "new".
	In string
}

// CellChange is a cell of the coverage matrix whose counts changed.
type CellChange struct {
	CategoryKey, SectorKey string
	Category, Sector       string // titles
	Organizations          Pair[int]
	Partnerships           Pair[int]
	// Joined and Left are the organizations now counted in the cell and
	// no longer counted, by name.
	Joined, Left []string
}

// ShortfallChange is a shortfall opened or closed by the change.
type ShortfallChange struct {
	Kind analysis.Kind
	// Subject is the objective's or partnership's name.
	Subject string
	// Reason says why it is (or was) a shortfall, as the site says it.
	Reason string
}

// FundingRow is the money of one objective or one P, before and after.
type FundingRow struct {
	// Key is an objective's id or a category key; Name its name.
	Key, Name string
	Committed Pair[float64]
	// Need is an objective's need, nil where not set (always nil for Ps).
	Need Pair[*float64]
}

// Changed reports whether the row's figures differ.
func (r FundingRow) Changed() bool {
	return r.Committed.Before != r.Committed.After || !sameNeed(r.Need.Before, r.Need.After)
}

func sameNeed(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// Result is everything a change does to the strategy.
type Result struct {
	Base, Head *Side
	// Currency is the code amounts are in (the new side's, else the old).
	Currency string

	Added, Removed []Entity
	Changed        []Change
	Unreadable     []Unreadable

	Cells []CellChange

	Opened, Closed []ShortfallChange

	// Objectives are the objectives whose committed funding or need
	// changed, including those added or removed.
	Objectives []FundingRow
	// Categories are every P's committed funding, changed or not.
	Categories []FundingRow
	Total      Pair[float64]
}

// Empty reports whether the change does nothing to entities or figures.
func (r *Result) Empty() bool {
	return len(r.Added)+len(r.Removed)+len(r.Changed)+len(r.Unreadable)+len(r.Cells)+len(r.Opened)+len(r.Closed)+len(r.Objectives) == 0 &&
		r.Total.Before == r.Total.After && !r.categoriesChanged()
}

// FundingChanged reports whether any committed amount or need changed.
func (r *Result) FundingChanged() bool {
	return len(r.Objectives) > 0 || r.Total.Before != r.Total.After || r.categoriesChanged()
}

func (r *Result) categoriesChanged() bool {
	for _, c := range r.Categories {
		if c.Changed() {
			return true
		}
	}
	return false
}

// Compare says what changes from base to head.
func Compare(base, head *Side) *Result {
	r := &Result{Base: base, Head: head, Currency: model.DefaultCurrency}
	for _, s := range []*Side{base, head} {
		if s.Strategy != nil && s.Strategy.Site.Currency != "" {
			r.Currency = s.Strategy.Site.Currency
		}
	}
	r.compareEntities(base.Strategy, head.Strategy)
	r.compareCoverage(base.Report, head.Report)
	r.compareShortfalls(base, head)
	r.compareFunding(base, head)
	return r
}
