package render

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/commonagenda/agenda/generator/model"
)

// The fixture is a small strategy, linked by hand (linkForTest stands in
// for package link, which fills the same fields), with every kind of page
// and relation the templates show.

func date(y int, m time.Month, d int) model.Date { return model.NewDate(y, m, d) }

// doc makes a document whose rendered body is html; linkForTest puts the
// bodies of a strategy's documents into its Bodies, as package link does.
func doc(rel string, html string) *model.Doc {
	fixtureBodies.Store(rel, html)
	return &model.Doc{Path: "content/" + rel, Rel: rel}
}

var fixtureBodies sync.Map // Rel -> HTML

func ptr[T any](v T) *T { return &v }

// fixture returns a linked strategy: four Ps, eight sectors, six
// objectives (a goal → objective → action chain), five organizations, one
// partnership, a plain page with an alias, a home intro and an objectives
// intro.
func fixture() *model.Strategy {
	s := &model.Strategy{
		Site: model.Site{
			Title:       "National Strategy to Combat Human Trafficking",
			Description: "A shared strategy for every sector.",
			BaseURL:     "https://example.org/",
			Language:    "en",
			Repository:  "https://github.com/example/agenda",
			Branch:      "main",
			Currency:    "USD",
			PageSize:    50,
			Categories: []*model.Category{
				{Key: "prevention", Title: "Prevention", Description: "Stop trafficking before it starts."},
				{Key: "protection", Title: "Protection", Description: "Serve and protect survivors."},
				{Key: "prosecution", Title: "Prosecution", Description: "Hold traffickers accountable."},
				{Key: "partnership", Title: "Partnership", Description: "Work together."},
			},
			Sectors: []*model.Sector{
				{Key: "government", Title: "Government"},
				{Key: "law-enforcement", Title: "Law enforcement"},
				{Key: "victim-services", Title: "Victim services"},
				{Key: "advocacy", Title: "Advocacy"},
				{Key: "faith-based", Title: "Faith-based"},
				{Key: "business", Title: "Business"},
				{Key: "philanthropy", Title: "Philanthropy"},
				{Key: "survivor-led", Title: "Survivor-led"},
			},
		},
		Home:  &model.Page{Title: "Home", Path: "/", Doc: doc("_index.md", "<p>Welcome to the <strong>common agenda</strong>.</p>")},
		Today: date(2026, 1, 1),
		Intros: map[string]*model.Page{
			"/objectives/": {Title: "Objectives", Description: "Every goal, objective and action.", Path: "/objectives/", Doc: doc("objectives/_index.md", "<p>Objectives intro.</p>")},
		},
		Objectives: []*model.Objective{
			{
				ID: "PV-1", Title: "Reduce vulnerability to trafficking", Category: "prevention",
				Summary: "Fewer people are exposed to traffickers.", Status: "in-progress",
				Sectors: []string{"government", "faith-based", "business"}, Lead: []string{"doj"},
				Start: date(2025, 1, 1), Due: date(2030, 12, 31), Need: ptr(500000.0),
				Related: []string{"PS-1"}, Aliases: []string{"/objectives/prevention-1/"}, Updated: date(2025, 6, 1),
				Indicators: []model.Indicator{{
					Name: "People reached by awareness campaigns", Unit: "people", Source: "Annual report",
					Baseline: &model.Measure{Value: 1000, Date: date(2024, 1, 1)},
					Target:   &model.Measure{Value: 25000, Date: date(2030, 1, 1)},
					Progress: []model.Measure{{Value: 4000, Date: date(2025, 1, 1)}},
				}},
				Doc: doc("objectives/pv-1.md", "<p>Why this goal matters.</p>"),
			},
			{ID: "PV-1.1", Title: "Train frontline workers", Category: "prevention", Summary: "Workers spot the signs.", Parent: "PV-1", Lead: []string{"hope"}, Doc: doc("objectives/pv-1.1.md", "")},
			{ID: "PV-1.1.a", Title: "Publish a training kit", Category: "prevention", Summary: "A free kit.", Parent: "PV-1.1", Status: "achieved", Doc: doc("objectives/pv-1.1.a.md", "")},
			{ID: "PS-1", Title: "Expand shelter capacity", Category: "protection", Summary: "More beds for survivors.", Sectors: []string{"victim-services"}, Updated: date(2025, 9, 1), Doc: doc("objectives/ps-1.md", "")},
			{ID: "PR-1", Title: "Train prosecutors", Category: "prosecution", Summary: "Cases succeed.", Doc: doc("objectives/pr-1.md", "")},
			{ID: "PA-1", Title: "Coordinate nationally", Category: "partnership", Summary: "One table.", Status: "in-progress", Due: date(2025, 6, 30), Doc: doc("objectives/pa-1.md", "")},
		},
		Organizations: []*model.Organization{
			{
				Slug: "doj", Title: "Department of Justice", Sector: "government", Acronym: "DOJ",
				Summary: "Federal law enforcement and grants.", Objectives: []string{"PV-1"},
				Website: "https://www.justice.gov", Email: "info@justice.example", Phone: "+1 (202) 555-0100",
				Regions: []string{"National"}, Updated: date(2025, 3, 1),
				Funding: []model.Commitment{{Objective: "PV-1", Amount: 250000, Year: 2025, Recipient: "safe-harbor", Note: "Grant"}},
				Doc:     doc("organizations/doj.md", "<p>About DOJ.</p>"),
			},
			{Slug: "ovc", Title: "Office for Victims of Crime", Sector: "government", Parent: "doj", Objectives: []string{"PS-1"}, Doc: doc("organizations/ovc.md", "")},
			{Slug: "hope", Title: "Hope Survivors Network", Sector: "victim-services", SurvivorLed: true, Services: []string{"Hotline"}, Doc: doc("organizations/hope.md", "")},
			{Slug: "safe-harbor", Title: "Safe Harbor Ministries", Sector: "faith-based", Doc: doc("organizations/safe-harbor.md", "")},
			{
				Slug: "acme", Title: "Acme Logistics", Sector: "business", Objectives: []string{"PR-1"},
				Funding: []model.Commitment{{Objective: "PS-1", Amount: 1234.5, Recipient: "task-force"}},
				Doc:     doc("organizations/acme.md", ""),
			},
		},
		Partnerships: []*model.Partnership{{
			Slug: "task-force", Title: "National Anti-Trafficking Task Force",
			Members: []string{"doj", "hope", "safe-harbor"}, Objectives: []string{"PV-1", "PS-1"},
			Lead: []string{"doj"}, Funders: []string{"acme"}, Kind: "task-force", Level: "collaboration",
			Started: date(2024, 2, 1), Regions: []string{"National"}, Website: "https://taskforce.example",
			Summary: "Agencies and NGOs working cases together.", Updated: date(2025, 10, 1),
			Doc: doc("partnerships/task-force.md", "<p>How the task force works.</p>"),
		}},
		Pages: []*model.Page{
			{Title: "About", Description: "About this strategy.", Path: "/about/", Aliases: []string{"old-about"}, Doc: doc("about.md", "<p>About us.</p>")},
		},
	}
	linkForTest(s)
	return s
}

// addOnce appends v to list unless it is there already.
func addOnce[T comparable](list *[]T, v T) {
	if !slices.Contains(*list, v) {
		*list = append(*list, v)
	}
}

// linkForTest fills the link phase's fields the way package link
// documents them in generator/model.
func linkForTest(s *model.Strategy) {
	s.Index()
	s.Bodies = model.Bodies{}
	for _, d := range s.Documents() {
		if html, ok := fixtureBodies.Load(d.Rel); ok {
			s.Bodies[d.Rel] = model.Rendered{HTML: html.(string)}
		}
	}
	for _, o := range s.Objectives {
		o.CategoryRef = s.Category(o.Category)
		o.CategoryRef.Objectives = append(o.CategoryRef.Objectives, o)
		if p := s.Objective(o.Parent); p != nil {
			o.ParentRef = p
			p.Children = append(p.Children, o)
		}
		for _, slug := range o.Lead {
			org := s.Organization(slug)
			o.LeadOrgs = append(o.LeadOrgs, org)
			org.Leads = append(org.Leads, o)
		}
		for _, k := range o.Sectors {
			sec := s.Sector(k)
			o.SectorsNeeded = append(o.SectorsNeeded, sec)
			sec.Objectives = append(sec.Objectives, o)
		}
		for _, id := range o.Related {
			r := s.Objective(id)
			addOnce(&o.RelatedRefs, r)
			addOnce(&r.RelatedRefs, o)
		}
	}
	for _, org := range s.Organizations {
		org.SectorRef = s.Sector(org.Sector)
		org.SectorRef.Organizations = append(org.SectorRef.Organizations, org)
		for _, id := range org.Objectives {
			o := s.Objective(id)
			org.ObjectiveRefs = append(org.ObjectiveRefs, o)
			o.ListedBy = append(o.ListedBy, org)
		}
		if p := s.Organization(org.Parent); p != nil {
			org.ParentRef = p
			p.Children = append(p.Children, org)
		}
		for i := range org.Funding {
			c := &org.Funding[i]
			c.Index, c.Funder, c.ObjectiveRef = i, org, s.Objective(c.Objective)
			org.FundingGiven = append(org.FundingGiven, c)
			c.ObjectiveRef.Funding = append(c.ObjectiveRef.Funding, c)
			if r := s.Organization(c.Recipient); r != nil {
				c.RecipientOrganization = r
				r.FundingReceived = append(r.FundingReceived, c)
			}
			if r := s.Partnership(c.Recipient); r != nil {
				c.RecipientPartnership = r
				r.FundingReceived = append(r.FundingReceived, c)
			}
		}
	}
	for _, p := range s.Partnerships {
		linkPartnership(s, p)
	}
	for _, o := range s.Objectives {
		for _, org := range slices.Concat(o.LeadOrgs, o.ListedBy) {
			addOnce(&o.Participants, org)
		}
		for _, p := range o.Partnerships {
			for _, m := range p.MemberOrgs {
				addOnce(&o.Participants, m)
			}
		}
		for _, org := range o.Participants {
			addOnce(&o.SectorsPresent, org.SectorRef)
			addOnce(&o.CategoryRef.Organizations, org)
			addOnce(&org.Categories, o.CategoryRef)
		}
		for _, sec := range o.SectorsNeeded {
			if !slices.Contains(o.SectorsPresent, sec) {
				o.SectorsMissing = append(o.SectorsMissing, sec)
			}
		}
	}
	for _, org := range s.Organizations {
		slices.SortFunc(org.Categories, func(a, b *model.Category) int { return a.Index - b.Index })
	}
}

// linkPartnership fills one partnership's references and the reverse
// links they imply.
func linkPartnership(s *model.Strategy, p *model.Partnership) {
	for _, slug := range p.Members {
		m := s.Organization(slug)
		p.MemberOrgs = append(p.MemberOrgs, m)
		addOnce(&m.Partnerships, p)
		m.MemberOf = append(m.MemberOf, p)
		addOnce(&p.Sectors, m.SectorRef)
		addOnce(&m.SectorRef.Partnerships, p)
	}
	for _, slug := range p.Lead {
		m := s.Organization(slug)
		p.LeadOrgs = append(p.LeadOrgs, m)
		m.LeadOf = append(m.LeadOf, p)
	}
	for _, slug := range p.Funders {
		m := s.Organization(slug)
		p.FunderOrgs = append(p.FunderOrgs, m)
		addOnce(&m.Partnerships, p)
		m.FunderOf = append(m.FunderOf, p)
	}
	for _, id := range p.Objectives {
		o := s.Objective(id)
		p.ObjectiveRefs = append(p.ObjectiveRefs, o)
		o.Partnerships = append(o.Partnerships, p)
		addOnce(&p.Categories, o.CategoryRef)
		addOnce(&o.CategoryRef.Partnerships, p)
	}
	for _, sec := range s.Site.Sectors {
		var g model.SectorGroup
		for _, m := range p.MemberOrgs {
			if m.SectorRef == sec {
				g.Sector = sec
				g.Organizations = append(g.Organizations, m)
			}
		}
		if g.Sector != nil {
			p.MembersBySector = append(p.MembersBySector, g)
		}
	}
}

// hostile is the text an attacker would put in front matter.
const hostile = `<script>alert(1)</script>`

// hostileFixture is the fixture with script in titles, summaries and
// acronyms, and a javascript: website.
func hostileFixture() *model.Strategy {
	s := fixture()
	s.Site.Title += hostile
	o := s.Objectives[0]
	o.Title, o.Summary = hostile, hostile+`" onmouseover="alert(1)`
	o.Indicators[0].Name, o.Indicators[0].Unit = hostile, hostile
	org := s.Organizations[0]
	org.Title, org.Summary, org.Acronym = hostile, hostile, hostile
	org.Website, org.Email, org.Phone = "javascript:alert(1)", `a@b.org"><script>alert(1)</script>`, "javascript:alert(1)"
	org.Regions = []string{hostile}
	org.Funding[0].Note = hostile
	p := s.Partnerships[0]
	p.Title, p.Website, p.Kind = hostile, "javascript:alert(1)", hostile
	s.Pages[0].Title = strings.ToUpper(hostile)
	s.Site.Categories[0].Title = hostile
	s.Site.Sectors[0].Title = hostile
	return s
}
