package check

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// objectives checks each objective, then the ids and parents across them.
func (c *checker) objectives() {
	byID := map[string][]*model.Objective{}
	for _, o := range c.s.Objectives {
		c.own(o, func(c *checker) { c.objective(o) })
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
}

// objective checks one objective's own values and references.
func (c *checker) objective(o *model.Objective) {
	d := o.Doc
	if (o.ID != "" || present(d, "id")) && !model.IsID(o.ID) {
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
	}
}

// indicator checks that baseline and target are usable figures in date
// order and that every progress value has a date, in order.
func (c *checker) indicator(d *model.Doc, key string, ind model.Indicator) {
	for _, m := range []struct {
		name string
		m    *model.Measure
	}{{"baseline", ind.Baseline}, {"target", ind.Target}} {
		if m.m != nil && !finite(m.m.Value) {
			c.diags.Errorf(d.Pos(key+"."+m.name+".value"), "%s value must be a number", m.name)
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
		}
		switch {
		case p.Date.IsZero():
			c.diags.ErrorHint(d.Pos(pk), "write {date = 2025-01-01, value = 10}", "progress value %s has no date", number(p.Value))
			continue
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
		for i, o := range cycle {
			chain := make([]string, 0, len(cycle)+1)
			for j := range len(cycle) + 1 {
				chain = append(chain, cycle[(i+j)%len(cycle)].ID)
			}
			c.diags.Errorf(o.Doc.Pos("parent"), "parent cycle: %s", strings.Join(chain, " -> "))
		}
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// number formats a figure the way it was most likely written.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func lastPart(key string) string { return key[strings.LastIndexByte(key, '.')+1:] }
