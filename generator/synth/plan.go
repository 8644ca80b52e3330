package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/model"
)

// A plan is the realistic strategy before it is written: who is who and
// who links to whom, decided in one pass with one random source, so that
// every file can then be written on its own, in any order, from the plan
// and a random source of its own.
type plan struct {
	shape        Shape
	objectives   []*objectivePlan
	orgs         []*orgPlan
	partnerships []*partnershipPlan
	pages        []pagePlan
	bySector     map[string][]int // organizations of each sector, in order
	byState      [][]int          // organizations of each state
	slugs        map[string]bool  // organization and partnership slugs taken
	titles       map[string]int   // organization titles, for parents
	popular      weighted         // objectives by popularity, goals first
	byRank       []int            // the objective at each of popular's ranks
}

type objectivePlan struct {
	id, title string
	category  int
	parent    int // -1 for a goal
	depth     int // 0 goal, 1 objective, 2 action
	children  []int
	related   []int
	lead      []int
	listedBy  []int // organizations that work toward it
	partners  []int // partnerships that work on it
	headings  []string
	weight    int
}

type orgPlan struct {
	slug, title, acronym, sector string
	state                        int // -1: national
	parent                       int // -1: none
	objectives                   []int
	partnerships                 []int
	headings                     []string
}

type partnershipPlan struct {
	slug, title, kind                  string
	state                              int
	members, lead, funders, objectives []int
	headings                           []string
}

type pagePlan struct{ path, title string }

var (
	categories  = []string{"prevention", "protection", "prosecution", "partnership"}
	prefixes    = []string{"PV", "PT", "PS", "PA"}
	sectorKeys  = []string{"government", "law-enforcement", "victim-services", "advocacy", "faith-based", "business", "philanthropy", "survivor-led", "academia", "healthcare", "labor", "multilateral"}
	sectorShare = []int{13, 11, 25, 8, 9, 9, 6, 5, 4, 6, 3, 1} // percent of organizations
	// leadSectors are the sectors that usually lead objectives of each
	// category, most likely first.
	leadSectors = [][]string{
		{"government", "labor", "business", "academia", "advocacy"},
		{"victim-services", "healthcare", "government", "survivor-led", "faith-based"},
		{"law-enforcement", "government", "law-enforcement"},
		{"philanthropy", "advocacy", "government", "survivor-led"},
	}
)

func newPlan(shape Shape) *plan {
	rng := rand.New(rand.NewPCG(uint64(shape.Objectives), uint64(shape.Organizations)<<20|uint64(shape.Partnerships)))
	p := &plan{shape: shape, bySector: map[string][]int{}, byState: make([][]int, len(states)),
		slugs: map[string]bool{}, titles: map[string]int{}}
	p.planObjectives(rng)
	p.planOrganizations(rng)
	p.planPartnerships(rng)
	p.planWork(rng)
	p.planPages()
	return p
}

// planObjectives makes a goal → objective → action tree: a tenth of the
// objectives are goals, spread over the four categories.
func (p *plan) planObjectives(rng *rand.Rand) {
	n := max(p.shape.Objectives, len(categories))
	goals := max(len(categories), n/10)
	second := (n - goals) * 2 / 5
	goalsIn := make([]int, len(categories))
	add := func(parent, category, depth int) {
		i := len(p.objectives)
		var id string
		if parent < 0 {
			goalsIn[category]++
			id = fmt.Sprintf("%s-%d", prefixes[category], goalsIn[category])
		} else {
			id = fmt.Sprintf("%s.%d", p.objectives[parent].id, 1+len(p.objectives[parent].children))
			p.objectives[parent].children = append(p.objectives[parent].children, i)
		}
		p.objectives = append(p.objectives, &objectivePlan{id: id, category: category, parent: parent, depth: depth,
			title: objectiveTitle(rng, category, depth), weight: 1 + i/len(categories)})
	}
	for i := range goals {
		add(-1, i%len(categories), 0)
	}
	for i := range second {
		add(i%goals, p.objectives[i%goals].category, 1)
	}
	for i := range n - goals - second {
		parent := goals + i%max(second, 1)
		if second == 0 {
			parent = i % goals
		}
		add(parent, p.objectives[parent].category, p.objectives[parent].depth+1)
	}
	// Goals draw the most organizations, then objectives, then actions.
	order := rng.Perm(len(p.objectives))
	slices.SortStableFunc(order, func(a, b int) int { return p.objectives[a].depth - p.objectives[b].depth })
	for rank, i := range order {
		p.popular.add(p.objectives[i].id, 1_000_000/(rank+1))
	}
	p.byRank = order
	for i, o := range p.objectives {
		for range rng.IntN(3) {
			if r := rng.IntN(len(p.objectives)); r != i && !slices.Contains(o.related, r) {
				o.related = append(o.related, r)
			}
		}
		o.headings = pickHeadings(rng, objectiveHeadings, 2, 4)
	}
}

func (p *plan) objective(rng *rand.Rand) int {
	return p.byRank[p.popular.index(rng)]
}

// planOrganizations opens with the national departments and their
// offices, then draws each organization's sector and state and a name
// that fits them.
func (p *plan) planOrganizations(rng *rand.Rand) {
	n := max(p.shape.Organizations, 4)
	for _, d := range departments {
		if len(p.orgs) >= n/4 {
			break
		}
		parent := p.addOrg(d.name, d.acronym, d.sector, -1, -1)
		for _, office := range d.offices {
			if len(p.orgs) < n/4 {
				p.addOrg(d.name+" — "+office, "", d.sector, -1, parent)
			}
		}
	}
	var sectors weighted
	for i, s := range sectorKeys {
		sectors.add(s, sectorShare[i])
	}
	var places weighted
	for _, st := range states {
		places.add(st.name, len(st.cities))
	}
	for len(p.orgs) < n {
		sector := sectors.draw(rng)
		si := places.index(rng)
		st := &states[si]
		title, parent := "", -1
		if us := units[sector]; us != nil && rng.IntN(4) == 0 {
			if pool := p.bySector[sector]; len(pool) > 0 {
				parent = pool[rng.IntN(len(pool))]
				title = p.orgs[parent].title + " — " + us[rng.IntN(len(us))]
				if p.orgs[parent].parent >= 0 || strings.Contains(p.orgs[parent].title, " — ") {
					parent, title = -1, ""
				} else if ps := p.orgs[parent].state; ps >= 0 {
					si, st = ps, &states[ps]
				}
			}
		}
		if title == "" {
			patterns := orgPatterns[sector]
			title = fill(rng, patterns[rng.IntN(len(patterns))], st)
		}
		title = p.uniqueTitle(rng, title, st)
		ac := ""
		if chance := map[string]int{"government": 60, "law-enforcement": 50}[sector] + 15; rng.IntN(100) < chance {
			ac = acronym(title)
		}
		p.addOrg(title, ac, sector, si, parent)
	}
	for _, o := range p.orgs {
		o.headings = pickHeadings(rng, organizationHeadings, 2, 4)
	}
}

// uniqueTitle returns title, or title with its state or a number added,
// whichever is first not taken.
func (p *plan) uniqueTitle(rng *rand.Rand, title string, st *state) string {
	if !p.slugs[model.Slugify(title)] {
		return title
	}
	place := " (" + st.name + ")"
	if strings.Contains(title, st.name) {
		place = " — " + st.cities[rng.IntN(len(st.cities))] + " Office"
	}
	if t := title + place; !p.slugs[model.Slugify(t)] {
		return t
	}
	for n := 2; ; n++ {
		if t := fmt.Sprintf("%s %d", title, n); !p.slugs[model.Slugify(t)] {
			return t
		}
	}
}

func (p *plan) addOrg(title, acronym, sector string, state, parent int) int {
	i := len(p.orgs)
	slug := model.Slugify(strings.ReplaceAll(title, "'", ""))
	for n := 2; p.slugs[slug]; n++ {
		slug = fmt.Sprintf("%s-%d", model.Slugify(strings.ReplaceAll(title, "'", "")), n)
	}
	p.slugs[slug] = true
	p.slugs[model.Slugify(title)] = true
	p.titles[title] = i
	p.orgs = append(p.orgs, &orgPlan{slug: slug, title: title, acronym: acronym, sector: sector, state: state, parent: parent})
	p.bySector[sector] = append(p.bySector[sector], i)
	if state >= 0 {
		p.byState[state] = append(p.byState[state], i)
	}
	return i
}

// planPartnerships gathers members mostly from one state, as task forces
// and coalitions do, with the odd national member.
func (p *plan) planPartnerships(rng *rand.Rand) {
	for i := range p.shape.Partnerships {
		si := rng.IntN(len(states))
		st := &states[si]
		pat := partnershipPatterns[rng.IntN(len(partnershipPatterns))]
		title := fill(rng, pat.pattern, st)
		for tries := 0; p.slugs[model.Slugify(title)] && tries < 5; tries++ {
			pat = partnershipPatterns[rng.IntN(len(partnershipPatterns))]
			title = fill(rng, pat.pattern, st)
		}
		if p.slugs[model.Slugify(title)] {
			title += " — " + st.cities[rng.IntN(len(st.cities))] + " Chapter"
		}
		base := title
		for n := 2; p.slugs[model.Slugify(title)]; n++ {
			title = fmt.Sprintf("%s %d", base, n)
		}
		slug := model.Slugify(title)
		p.slugs[slug] = true
		pp := &partnershipPlan{slug: slug, title: title, kind: pat.kind, state: si}
		size := 2 + min(int(rng.ExpFloat64()*4), 28)
		pool := p.byState[si]
		for tries := 0; len(pp.members) < size && tries < 4*size; tries++ {
			m := rng.IntN(len(p.orgs))
			if len(pool) > 0 && rng.IntN(5) > 0 {
				m = pool[rng.IntN(len(pool))]
			}
			if !slices.Contains(pp.members, m) {
				pp.members = append(pp.members, m)
			}
		}
		for m := 0; len(pp.members) < 2; m++ {
			if !slices.Contains(pp.members, m) {
				pp.members = append(pp.members, m)
			}
		}
		pp.lead = pp.members[:1+rng.IntN(min(2, len(pp.members)))]
		if funders := p.bySector["philanthropy"]; len(funders) > 0 && rng.IntN(5) < 2 {
			pp.funders = append(pp.funders, funders[rng.IntN(len(funders))])
		}
		for range 1 + rng.IntN(3) {
			if o := p.objective(rng); !slices.Contains(pp.objectives, o) {
				pp.objectives = append(pp.objectives, o)
			}
		}
		for _, m := range pp.members {
			p.orgs[m].partnerships = append(p.orgs[m].partnerships, i)
		}
		for _, o := range pp.objectives {
			p.objectives[o].partners = append(p.objectives[o].partners, i)
		}
		pp.headings = pickHeadings(rng, partnershipHeadings, 2, 4)
		p.partnerships = append(p.partnerships, pp)
	}
}

// planWork gives each organization the objectives it works toward (the
// popular ones most often) and each objective its leads.
func (p *plan) planWork(rng *rand.Rand) {
	for i, o := range p.orgs {
		for range 1 + rng.IntN(4) {
			if obj := p.objective(rng); !slices.Contains(o.objectives, obj) {
				o.objectives = append(o.objectives, obj)
				p.objectives[obj].listedBy = append(p.objectives[obj].listedBy, i)
			}
		}
	}
	for _, o := range p.objectives {
		for range 1 + rng.IntN(2) {
			sectors := leadSectors[o.category]
			pool := p.bySector[sectors[rng.IntN(len(sectors))]]
			if len(pool) == 0 {
				continue
			}
			// The first organizations of a sector (national ones) lead most.
			lead := pool[min(int(rng.ExpFloat64()*float64(len(pool))/8), len(pool)-1)]
			if !slices.Contains(o.lead, lead) {
				o.lead = append(o.lead, lead)
			}
		}
	}
}

func (p *plan) planPages() {
	named := []pagePlan{{"about.md", "About the strategy"}, {"glossary.md", "Glossary"},
		{"methodology.md", "How objectives and indicators are set"}, {"get-help.md", "How to get help"},
		{"reporting.md", "Reporting on progress"}}
	for i := range p.shape.Pages {
		if i < len(named) {
			p.pages = append(p.pages, named[i])
		} else {
			p.pages = append(p.pages, pagePlan{fmt.Sprintf("resources/resource-%d.md", i-len(named)+1),
				fmt.Sprintf("Resource note %d", i-len(named)+1)})
		}
	}
}

// Headings bodies choose from. None is a section anchor of its kind of
// page (indicators, funding, members, ...), so each keeps its plain id.
var (
	objectiveHeadings = []string{"Why it matters", "What success looks like", "Approach", "What we will do",
		"Milestones", "Risks", "Who is involved", "Lessons so far", "Measuring progress", "Survivor input",
		"Costs and resources", "Background", "Next steps", "Open questions"}
	organizationHeadings = []string{"About us", "What we do", "Who we serve", "How to get help", "Referrals",
		"Our approach", "Training offered", "Eligibility", "History", "Languages and access", "Work with partners",
		"Commitments", "Contact"}
	partnershipHeadings = []string{"Purpose", "How we work", "Governance", "Meetings", "Shared protocols",
		"Data sharing", "Results so far", "Membership", "Next steps", "Background"}
)

// pickHeadings returns between lo and hi distinct headings, in the
// list's order.
func pickHeadings(rng *rand.Rand, list []string, lo, hi int) []string {
	idx := rng.Perm(len(list))[:lo+rng.IntN(hi-lo+1)]
	slices.Sort(idx)
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = list[j]
	}
	return out
}
