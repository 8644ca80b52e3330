package check

import (
	"fmt"
	"slices"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// partnerships checks each partnership.
func (c *checker) partnerships() {
	for _, p := range c.s.Partnerships {
		c.own(p, func(c *checker) { c.partnership(p); c.leaks(p, p.Doc) })
	}
}

// partnership checks one partnership's slug, members, leads, funders,
// objectives and values.
func (c *checker) partnership(p *model.Partnership) {
	d := p.Doc
	c.slug(d, "partnership", p.Slug)

	members := c.refs(d, "members", c.known.organizations, p.Members)
	if n := len(distinct(p.Members)); n < 2 && (n > 0 || present(d, "members")) {
		c.diags.Errorf(d.Pos("members"), "a partnership needs at least two members, found %d", n)
	}
	c.refs(d, "objectives", c.known.objectives, p.Objectives)
	if len(p.Objectives) == 0 && present(d, "objectives") {
		c.diags.Errorf(d.Pos("objectives"), "a partnership needs at least one objective")
	}
	for _, i := range c.unique(d, "lead", p.Lead, false) {
		key := fmt.Sprintf("lead.%d", i)
		if c.ref(d, key, "lead", c.known.organizations, p.Lead[i]) && !unread(d, "members") && !slices.Contains(members, p.Lead[i]) {
			c.diags.ErrorHint(d.Pos(key), "add it to members", "lead %q is not a member", p.Lead[i])
		}
	}
	c.refs(d, "funders", c.known.organizations, p.Funders)
	if p.Kind != "" && !slices.Contains(model.Kinds, p.Kind) {
		c.diags.ErrorHint(d.Pos("kind"), diag.Suggest(p.Kind, model.Kinds), "unknown kind %q", p.Kind)
	}
	if p.Level != "" && !slices.Contains(model.Levels, p.Level) {
		c.diags.ErrorHint(d.Pos("level"), diag.Suggest(p.Level, model.Levels), "unknown level %q", p.Level)
	}
	c.dateOrder(d, "started", p.Started, "ended", p.Ended)
	c.website(d, p.Website)
	c.unique(d, "regions", p.Regions, false)
}

// distinct returns the values each once, in order.
func distinct(values []string) []string {
	var out []string
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
