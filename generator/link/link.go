// Package link turns a loaded strategy's references into pointers and
// fills in the reverse links its pages show.
//
// Front matter names things by id, slug or key: an objective lists its
// lead organizations, an organization the objectives it works on, a
// partnership its members. Pages need the other direction too: an
// objective's page shows every organization and partnership working on it,
// a sector's page every organization in it. Link fills every model field
// documented as "Filled by the link phase", so templates never look
// anything up:
//
//   - resolved references (Objective.CategoryRef, Partnership.MemberOrgs,
//     Commitment.Funder, ...);
//   - reverse links (Objective.Children, ListedBy, Partnerships, Funding;
//     Organization.Leads, MemberOf, FundingReceived; Sector.Organizations, ...);
//   - derived sets (Objective.Participants and its sectors present and
//     missing, Organization.Categories, Partnership.MembersBySector).
//
// Link runs after package check and trusts nothing: a reference to
// something missing is skipped, a parent cycle is cut, so it never panics on
// content that check rejected.
//
// Link never writes the strategy it is given, which the load phase parsed
// and may share between builds: it returns a new one, a copy of every
// entity and document with the links filled in and the markdown phase's
// renderings put into the documents. That copy is the build's snapshot;
// every later phase only reads it, so the dev server can start the next
// build while the last one's late work still reads its own.
//
// Every list comes out in a fixed, readable order, deduplicated: objectives
// by category display order, weight, then id in natural order
// (see CompareIDs); organizations and partnerships by title; sectors and
// categories in display order. Link also sorts the strategy's own lists
// that way.
package link

import (
	"slices"
	"sync"

	"github.com/commonagenda/agenda/generator/internal/parallel"
	"github.com/commonagenda/agenda/generator/model"
)

// Link returns a linked copy of parsed: references resolved, reverse
// links filled, bodies rendered.
func Link(parsed *model.Strategy, opts Options) *model.Strategy {
	s := snapshot(parsed)
	s.Today = opts.Today
	sortStrategy(s, opts.Orders)
	s.Index() // after sorting, so that among duplicates the same one wins on every run
	for i, o := range s.Objectives {
		o.Rank = i
	}
	for i, o := range s.Organizations {
		o.Rank = i
	}
	for i, p := range s.Partnerships {
		p.Rank = i
	}
	if opts.Sorted != nil {
		opts.Sorted(s)
	}
	l := &linker{s: s}
	// Objectives and organizations write different fields (an
	// objective's leads are on the organization as Leads, which only
	// objectives writes; its listers as ListedBy and Funding, which only
	// organizations writes), so they are linked side by side.
	var wg sync.WaitGroup
	wg.Go(l.objectives)
	l.organizations()
	wg.Wait()
	l.partnerships()
	l.participants()
	l.order()
	bodies := opts.Bodies
	if opts.WaitBodies != nil {
		bodies = opts.WaitBodies()
	}
	s.Bodies = bodies
	return s
}

// linker holds the strategy being linked.
type linker struct {
	s *model.Strategy
}

// objectives resolves each objective's category, parent, leads, related
// objectives and needed sectors, with their reverse links.
func (l *linker) objectives() {
	for _, o := range l.s.Objectives {
		if c := l.s.Category(o.Category); c != nil {
			o.CategoryRef = c
			c.Objectives = append(c.Objectives, o)
		}
		if p := l.s.Objective(o.Parent); p != o {
			o.ParentRef = p
		}
		o.LeadOrgs = l.orgs(o.Lead)
		for _, org := range o.LeadOrgs {
			org.Leads = append(org.Leads, o)
		}
		for _, r := range l.objs(o.Related) {
			if r != o {
				o.RelatedRefs = append(o.RelatedRefs, r)
				r.RelatedRefs = append(r.RelatedRefs, o)
			}
		}
		o.SectorsNeeded = l.sectors(o.Sectors)
		for _, sec := range o.SectorsNeeded {
			sec.Objectives = append(sec.Objectives, o)
		}
	}
	cutCycles(l.s.Objectives,
		func(o *model.Objective) *model.Objective { return o.ParentRef },
		func(o *model.Objective) { o.ParentRef = nil })
	for _, o := range l.s.Objectives {
		if p := o.ParentRef; p != nil {
			p.Children = append(p.Children, o)
		}
	}
}

// organizations resolves each organization's sector, objectives, parent
// and funding commitments, with their reverse links.
func (l *linker) organizations() {
	// Each organization's own references first, on every processor;
	// then the reverse links, which many organizations share, in order.
	eachPart(l.s.Organizations, func(org *model.Organization) {
		org.SectorRef = l.s.Sector(org.Sector)
		org.ObjectiveRefs = l.objs(org.Objectives)
		if p := l.s.Organization(org.Parent); p != org {
			org.ParentRef = p
		}
		for i := range org.Funding {
			l.commitment(org, i)
		}
	})
	for _, org := range l.s.Organizations {
		if sec := org.SectorRef; sec != nil {
			sec.Organizations = append(sec.Organizations, org)
		}
		for _, o := range org.ObjectiveRefs {
			o.ListedBy = append(o.ListedBy, org)
		}
		for _, c := range org.FundingGiven {
			if o := c.ObjectiveRef; o != nil {
				o.Funding = append(o.Funding, c)
			}
			if r := c.RecipientOrganization; r != nil {
				r.FundingReceived = append(r.FundingReceived, c)
			} else if p := c.RecipientPartnership; p != nil {
				p.FundingReceived = append(p.FundingReceived, c)
			}
		}
	}
	cutCycles(l.s.Organizations,
		func(o *model.Organization) *model.Organization { return o.ParentRef },
		func(o *model.Organization) { o.ParentRef = nil })
	for _, org := range l.s.Organizations {
		if p := org.ParentRef; p != nil {
			p.Children = append(p.Children, org)
		}
	}
}

// commitment resolves the i-th funding entry of org: its funder,
// objective and recipient; it writes nothing but the entry and org's
// FundingGiven. A recipient slug naming both an organization and a
// partnership means the organization (check warns about it).
func (l *linker) commitment(org *model.Organization, i int) {
	c := &org.Funding[i]
	c.Funder, c.Index = org, i
	c.ObjectiveRef = l.s.Objective(c.Objective)
	org.FundingGiven = append(org.FundingGiven, c)
	if r := l.s.Organization(c.Recipient); r != nil {
		c.RecipientOrganization = r
	} else if p := l.s.Partnership(c.Recipient); p != nil {
		c.RecipientPartnership = p
	}
}

// partnerships resolves each partnership's members, leads, funders and
// objectives, with their reverse links, and derives its sectors and
// categories.
func (l *linker) partnerships() {
	eachPart(l.s.Partnerships, func(p *model.Partnership) {
		p.MemberOrgs = l.orgs(p.Members)
		p.LeadOrgs = l.orgs(p.Lead)
		p.FunderOrgs = l.orgs(p.Funders)
		p.ObjectiveRefs = l.objs(p.Objectives)
		for _, org := range p.MemberOrgs {
			if sec := org.SectorRef; sec != nil {
				p.Sectors = append(p.Sectors, sec)
			}
		}
		for _, o := range p.ObjectiveRefs {
			if c := o.CategoryRef; c != nil {
				p.Categories = append(p.Categories, c)
			}
		}
	})
	for _, p := range l.s.Partnerships {
		for _, org := range p.MemberOrgs {
			org.MemberOf = append(org.MemberOf, p)
			if sec := org.SectorRef; sec != nil {
				sec.Partnerships = append(sec.Partnerships, p)
			}
		}
		for _, org := range p.LeadOrgs {
			org.LeadOf = append(org.LeadOf, p)
		}
		for _, org := range p.FunderOrgs {
			org.FunderOf = append(org.FunderOf, p)
		}
		for _, o := range p.ObjectiveRefs {
			o.Partnerships = append(o.Partnerships, p)
			if c := o.CategoryRef; c != nil {
				c.Partnerships = append(c.Partnerships, p)
			}
		}
	}
	eachPart(l.s.Organizations, func(org *model.Organization) {
		org.Partnerships = slices.Concat(org.MemberOf, org.LeadOf, org.FunderOf)
	})
}

// participants derives, for each objective, the organizations working on
// it (leads, organizations listing it, members of partnerships listing
// it), the sectors they cover and miss, and the categories and category
// pages those organizations appear under.
func (l *linker) participants() {
	// Each objective gathers hundreds of organizations: a few hundred
	// objectives are shared out one at a time.
	parallel.Pool(len(l.s.Objectives), func(i int) {
		o := l.s.Objectives[i]
		orgs := slices.Concat(o.LeadOrgs, o.ListedBy)
		for _, p := range o.Partnerships {
			orgs = append(orgs, p.MemberOrgs...)
		}
		o.Participants = l.uniqueOrgs(orgs)
		for _, org := range o.Participants {
			if sec := org.SectorRef; sec != nil {
				o.SectorsPresent = append(o.SectorsPresent, sec)
			}
		}
		o.SectorsPresent = l.uniqueSectors(o.SectorsPresent)
		for _, sec := range o.SectorsNeeded {
			if !slices.Contains(o.SectorsPresent, sec) {
				o.SectorsMissing = append(o.SectorsMissing, sec)
			}
		}
	})
	for _, o := range l.s.Objectives {
		if c := o.CategoryRef; c != nil {
			for _, org := range o.Participants {
				org.Categories = append(org.Categories, c)
				c.Organizations = append(c.Organizations, org)
			}
		}
	}
}

// objs resolves objective ids, skipping unknown ones.
func (l *linker) objs(ids []string) []*model.Objective {
	var out []*model.Objective
	for _, id := range ids {
		if o := l.s.Objective(id); o != nil {
			out = append(out, o)
		}
	}
	return l.uniqueObjs(out)
}

// orgs resolves organization slugs, skipping unknown ones.
func (l *linker) orgs(slugs []string) []*model.Organization {
	var out []*model.Organization
	for _, slug := range slugs {
		if o := l.s.Organization(slug); o != nil {
			out = append(out, o)
		}
	}
	return l.uniqueOrgs(out)
}

// sectors resolves sector keys, skipping unknown ones.
func (l *linker) sectors(keys []string) []*model.Sector {
	var out []*model.Sector
	for _, k := range keys {
		if sec := l.s.Sector(k); sec != nil {
			out = append(out, sec)
		}
	}
	return l.uniqueSectors(out)
}

// The unique functions put a list in the order of the strategy's own
// list of its kind, without repeats (see sortUnique).
func (l *linker) uniqueObjs(list []*model.Objective) []*model.Objective {
	return sortUnique(list, func(o *model.Objective) int { return o.Rank }, l.s.Objectives)
}

func (l *linker) uniqueOrgs(list []*model.Organization) []*model.Organization {
	return sortUnique(list, func(o *model.Organization) int { return o.Rank }, l.s.Organizations)
}

func (l *linker) uniqueParts(list []*model.Partnership) []*model.Partnership {
	return sortUnique(list, func(p *model.Partnership) int { return p.Rank }, l.s.Partnerships)
}

func (l *linker) uniqueSectors(list []*model.Sector) []*model.Sector {
	return sortUnique(list, func(s *model.Sector) int { return s.Index }, l.s.Site.Sectors)
}

func (l *linker) uniqueCategories(list []*model.Category) []*model.Category {
	return sortUnique(list, func(c *model.Category) int { return c.Index }, l.s.Site.Categories)
}

// cutCycles clears the parent link of every member of a parent cycle, so
// that pages walking up to the root always stop (check reports the cycles).
func cutCycles[T any](nodes []*T, parent func(*T) *T, clear func(*T)) {
	for _, cycle := range model.ParentCycles(nodes, parent) {
		for _, m := range cycle {
			clear(m)
		}
	}
}
