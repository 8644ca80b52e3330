package check

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// objectives checks each objective, then the ids and parents across them.
func (c *checker) objectives() {
	byID := map[string][]*model.Objective{}
	for _, o := range c.s.Objectives {
		c.own(o, func(c *checker) { c.objective(o); c.leaks(o, o.Doc) })
		if o.ID != "" {
			k := strings.ToLower(o.ID)
			byID[k] = append(byID[k], o)
		}
	}
	// A duplicate is reported in every file that has it, naming the
	// others: the pull request that adds one must see the error on its
	// own file, whichever sorts first.
	for _, same := range byID {
		if len(same) < 2 {
			continue
		}
		for _, o := range same {
			var others []string
			for _, p := range same {
				if p != o {
					others = append(others, p.Doc.Pos("id").String())
				}
			}
			slices.Sort(others)
			c.diags.ErrorHint(o.Doc.Pos("id"), "also in "+strings.Join(others, ", "), "duplicate objective id %q", o.ID)
		}
	}
	c.objectiveCycles()
	c.idPrefixes()
}

// idPrefixes warns about an objective whose id does not start as the
// other objectives of its category do (PT-1 among PV-1, PV-2, PV-3 in
// Prevention): usually a copied file whose category or id was not
// changed. A category's prefix is the one most of its objectives share,
// when at least two do and no other is as common.
func (c *checker) idPrefixes() {
	counts := map[string]map[string]int{} // category -> prefix -> objectives
	for _, o := range c.s.Objectives {
		if p := idPrefix(o.ID); p != "" && o.Category != "" {
			if counts[o.Category] == nil {
				counts[o.Category] = map[string]int{}
			}
			counts[o.Category][p]++
		}
	}
	usual := map[string]string{}
	for cat, byPrefix := range counts {
		best, n, tie := "", 0, false
		for p, k := range byPrefix {
			switch {
			case k > n:
				best, n, tie = p, k, false
			case k == n:
				tie = true
			}
		}
		if n >= 2 && !tie {
			usual[cat] = best
		}
	}
	for _, o := range c.s.Objectives {
		want, ok := usual[o.Category]
		if p := idPrefix(o.ID); !ok || p == "" || p == want {
			continue
		}
		hint := fmt.Sprintf("give it an id starting %s-, or check its category; agenda new objective --category %s picks the next free id", want, o.Category)
		c.diags.WarnHint(o.Doc.Pos("id"), hint, "objective id %q does not start as the other objectives of category %q do (%s-)", o.ID, o.Category, want)
	}
}

// idPrefix is the letters an objective id starts with, before its first
// "-" ("PV" of "PV-1.2"), upper-cased; "" when it has none.
func idPrefix(id string) string {
	before, _, ok := strings.Cut(id, "-")
	if !ok || before == "" {
		return ""
	}
	for _, r := range before {
		if !unicode.IsLetter(r) {
			return ""
		}
	}
	return strings.ToUpper(before)
}

// objective checks one objective's own values and references.
func (c *checker) objective(o *model.Objective) {
	d := o.Doc
	switch {
	case o.ID == "" && !present(d, "id") || model.IsID(o.ID):
	case len(o.ID) > model.MaxIDLength:
		c.diags.ErrorHint(d.Pos("id"), fmt.Sprintf("at most %d characters, like PV-1.2", model.MaxIDLength),
			"objective id of %d characters is too long", len(o.ID))
	case strings.HasSuffix(o.ID, "."):
		c.diags.ErrorHint(d.Pos("id"), "end it with a letter or digit", "objective id %q ends with a dot", o.ID)
	default:
		c.diags.ErrorHint(d.Pos("id"), `use letters, digits, ".", "_" and "-", starting with a letter or digit`,
			"invalid objective id %q", o.ID)
	}
	c.single(d, "category", c.known.categories, o.Category)
	if o.Status != "" && !slices.Contains(model.Statuses, o.Status) {
		c.diags.ErrorHint(d.Pos("status"), diag.Suggest(o.Status, model.Statuses), "unknown status %q", o.Status)
	}
	c.refs(d, "sectors", c.known.sectors, o.Sectors)
	c.refs(d, "lead", c.known.organizations, o.Lead)
	if o.Parent != "" && strings.EqualFold(o.Parent, o.ID) {
		c.diags.Errorf(d.Pos("parent"), "objective %q cannot be its own parent", o.ID)
	} else {
		c.single(d, "parent", c.known.objectives, o.Parent)
	}
	for _, i := range c.unique(d, "related", o.Related, true) {
		key := fmt.Sprintf("related.%d", i)
		if strings.EqualFold(o.Related[i], o.ID) {
			c.diags.Errorf(d.Pos(key), "objective %q cannot be related to itself", o.ID)
			continue
		}
		c.ref(d, key, "related", c.known.objectives, o.Related[i])
	}
	c.dateOrder(d, "start", o.Start, "due", o.Due)
	if o.Need != nil {
		c.amount(d, "need", *o.Need)
	}
	for i, ind := range o.Indicators {
		c.indicator(d, fmt.Sprintf("indicators.%d", i), ind)
	}
}

// dateOrder reports a start date after an end date, at the start.
func (c *checker) dateOrder(d *model.Doc, startKey string, start model.Date, endKey string, end model.Date) {
	if !start.IsZero() && !end.IsZero() && start.After(end.Time) {
		c.diags.Errorf(d.Pos(startKey), "%s %s is after %s %s", startKey, start, endKey, end)
	}
}

// amount reports a figure that is negative or not a number.
func (c *checker) amount(d *model.Doc, key string, v float64) {
	if !finite(v) {
		c.diags.Errorf(d.Pos(key), "%s must be a number", lastPart(key))
	} else if v < 0 {
		c.diags.Errorf(d.Pos(key), "%s must be 0 or more, got %s", lastPart(key), number(v))
	} else if v > model.MaxAmount {
		c.diags.ErrorHint(d.Pos(key), "write the whole amount in the site's currency, like 250000",
			"%s %g is more than any strategy holds (at most 1,000,000,000,000,000)", lastPart(key), v)
	}
}

// indicator checks that baseline and target are usable figures in date
// order and that every progress value has a date, in order.
func (c *checker) indicator(d *model.Doc, key string, ind model.Indicator) {
	for _, m := range []struct {
		name string
		m    *model.Measure
	}{{"baseline", ind.Baseline}, {"target", ind.Target}} {
		switch {
		case m.m == nil:
		case !finite(m.m.Value):
			c.diags.Errorf(d.Pos(key+"."+m.name+".value"), "%s value must be a number", m.name)
		case math.Abs(m.m.Value) > model.MaxFigure:
			c.diags.Errorf(d.Pos(key+"."+m.name+".value"), "%s value %g is beyond what an indicator can show (%s)", m.name, m.m.Value, figureRange)
		}
	}
	if b, t := ind.Baseline, ind.Target; b != nil && t != nil && !b.Date.IsZero() && !t.Date.IsZero() && !b.Date.Before(t.Date.Time) {
		c.diags.Errorf(d.Pos(key+".target.date"), "target date %s must be after baseline date %s", t.Date, b.Date)
	}
	var prev model.Date
	for j, p := range ind.Progress {
		pk := fmt.Sprintf("%s.progress.%d", key, j)
		if !finite(p.Value) {
			c.diags.Errorf(d.Pos(pk+".value"), "progress value must be a number")
		} else if math.Abs(p.Value) > model.MaxFigure {
			c.diags.Errorf(d.Pos(pk+".value"), "progress value %g is beyond what an indicator can show (%s)", p.Value, figureRange)
		}
		switch {
		case p.Date.IsZero():
			// A date that is there but not a date (quoted, say) was
			// reported when the file was read.
			if !present(d, pk+".date") {
				c.diags.ErrorHint(d.Pos(pk), "write {date = 2025-01-01, value = 10}", "progress value %s has no date", number(p.Value))
			}
			continue
		case !c.s.Today.IsZero() && p.Date.After(c.s.Today.Time):
			c.diags.WarnHint(d.Pos(pk+".date"), "progress records values already measured; put a value hoped for in target",
				"progress value dated %s, after today (%s)", p.Date, c.s.Today)
		case prev.IsZero():
		case p.Date.Equal(prev.Time):
			c.diags.Warnf(d.Pos(pk+".date"), "two progress values on %s", p.Date)
		case p.Date.Before(prev.Time):
			c.diags.Warnf(d.Pos(pk+".date"), "progress dates out of order: %s comes after %s", p.Date, prev)
		}
		prev = p.Date
	}
}

// objectiveCycles reports each parent cycle once at every member's parent
// key, showing the chain from that member round to itself.
func (c *checker) objectiveCycles() {
	parent := func(o *model.Objective) *model.Objective {
		if p := c.s.Objective(o.Parent); p != o {
			return p
		}
		return nil
	}
	for _, cycle := range model.ParentCycles(c.s.Objectives, parent) {
		c.parentCycle(len(cycle), func(i int) (string, *model.Doc) { return cycle[i].ID, cycle[i].Doc })
	}
}

// maxCycleShown is the longest parent cycle reported at every member's
// parent key; a longer one is one mistake, reported once.
const maxCycleShown = 8

// parentCycle reports a cycle of n members, member(i) giving the name
// and file of each: at every member's parent key, showing the chain from
// it round to itself; a long one once, at its first member, shortened.
func (c *checker) parentCycle(n int, member func(i int) (string, *model.Doc)) {
	chain := func(from, shown int) string {
		names := make([]string, 0, shown+2)
		for j := range shown {
			name, _ := member((from + j) % n)
			names = append(names, name)
		}
		if shown < n {
			names = append(names, fmt.Sprintf("… (%d more)", n-shown))
		}
		first, _ := member(from)
		return strings.Join(append(names, first), " -> ")
	}
	if n > maxCycleShown {
		_, d := member(0)
		c.diags.ErrorHint(d.Pos("parent"), "change one of their parents to break it",
			"parent cycle of %d: %s", n, chain(0, maxCycleShown))
		return
	}
	for i := range n {
		_, d := member(i)
		c.diags.Errorf(d.Pos("parent"), "parent cycle: %s", chain(i, n))
	}
}

// figureRange says which figures an indicator can show.
const figureRange = "from -1,000,000,000,000,000 to 1,000,000,000,000,000"

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// number formats a figure the way it was most likely written.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func lastPart(key string) string { return key[strings.LastIndexByte(key, '.')+1:] }
