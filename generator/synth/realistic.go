package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/markdown"
)

// writer writes the files of a plan; one per goroutine, each file with a
// random source of its own, so the output does not depend on the order.
type writer struct {
	p     *plan
	v     *vocabulary
	extra map[string]bool // optional organization keys the schema knows
}

func (w *writer) rng(kind, i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(kind)<<32|uint64(i), uint64(w.p.shape.Organizations)))
}

func (w *writer) prose(rng *rand.Rand, b *strings.Builder) *prose {
	return &prose{v: w.v, rng: rng, b: b}
}

// sentence is one sentence of prose on its own, for summaries and notes.
func (w *writer) sentence(rng *rand.Rand) string {
	var b strings.Builder
	pr := w.prose(rng, &b)
	pr.plain = true
	pr.sentence("")
	return b.String()
}

// Paths of the files, relative to the content folder.
func (p *plan) objectivePath(i int) string {
	return "objectives/" + strings.ToLower(p.objectives[i].id) + ".md"
}
func (p *plan) orgPath(i int) string         { return "organizations/" + p.orgs[i].slug + ".md" }
func (p *plan) partnershipPath(i int) string { return "partnerships/" + p.partnerships[i].slug + ".md" }
func relative(depth int, path string) string { return strings.Repeat("../", depth) + path }

// anchor picks a fragment for a link to a page with these headings and
// section anchors: none half the time, else one of either.
func anchor(rng *rand.Rand, headings, sections []string) string {
	switch r := rng.IntN(4); {
	case r < 2:
		return ""
	case r == 2:
		return "#" + sections[rng.IntN(len(sections))]
	default:
		return "#" + markdown.Slug(headings[rng.IntN(len(headings))])
	}
}

func (w *writer) objectiveLink(rng *rand.Rand, depth, i int) link {
	o := w.p.objectives[i]
	text := o.id
	if rng.IntN(2) == 0 {
		text = o.title
	}
	return link{text, relative(depth, w.p.objectivePath(i)) + anchor(rng, o.headings, markdown.ObjectiveSections)}
}

func (w *writer) orgLink(rng *rand.Rand, depth, i int) link {
	o := w.p.orgs[i]
	text := o.title
	if o.acronym != "" && rng.IntN(3) == 0 {
		text = o.acronym
	}
	return link{text, relative(depth, w.p.orgPath(i)) + anchor(rng, o.headings, markdown.OrganizationSections)}
}

func (w *writer) partnershipLink(rng *rand.Rand, depth, i int) link {
	pp := w.p.partnerships[i]
	return link{pp.title, relative(depth, w.p.partnershipPath(i)) + anchor(rng, pp.headings, markdown.PartnershipSections)}
}

// body writes 150 to 600 words: an introduction, then a section under
// each planned heading, with the links spread over the sentences, a list
// in some sections and now and then a table.
func (w *writer) body(rng *rand.Rand, b *strings.Builder, headings []string, links []link, table func(*prose)) {
	pr := w.prose(rng, b)
	target := 150 + rng.IntN(451)
	// A quarter of bodies cite a source on the web, as real ones do.
	if rng.IntN(4) == 0 {
		topic := pr.v.content.draw(rng)
		links = append(links, link{"the " + topic + " report", "https://" + sources[rng.IntN(len(sources))] + "/reports/" + strings.ReplaceAll(topic, " ", "-")})
	}
	rng.Shuffle(len(links), func(i, j int) { links[i], links[j] = links[j], links[i] })
	take := func(n int) []link {
		n = min(n, len(links))
		out := links[:n]
		links = links[n:]
		return out
	}
	pr.paragraph(2+rng.IntN(2), take(1+rng.IntN(2)))
	tabled := table == nil || rng.IntN(5) > 0
	for i, h := range headings {
		pr.heading(h)
		budget := (target - pr.words) / (len(headings) - i)
		start := pr.words
		switch {
		case !tabled && i == len(headings)-1:
			tabled = true
			pr.paragraph(1, take(1))
			table(pr)
		case rng.IntN(3) == 0:
			pr.paragraph(1+rng.IntN(2), take(1))
			pr.list(3 + rng.IntN(4))
		}
		for pr.words-start < budget || pr.words-start == 0 {
			pr.paragraph(1+rng.IntN(4), take(rng.IntN(2)))
		}
	}
	// Links left over close the body.
	if len(links) > 0 {
		pr.paragraph(len(links), links)
	}
	// One in twenty names a site or an address bare, for linkify.
	switch rng.IntN(40) {
	case 0:
		b.WriteString("\nMore at www." + sources[rng.IntN(len(sources))] + ".\n")
	case 1:
		b.WriteString("\nWrite to referrals@" + sources[rng.IntN(len(sources))] + " for a referral.\n")
	}
}

// sources are the sites bodies cite.
var sources = []string{"polarisproject.example.org", "state.example.gov", "ojp.example.gov", "unodc.example.org", "ilo.example.org", "freedomnetwork.example.org"}

func (w *writer) objective(i int) string {
	rng := w.rng(1, i)
	p, o := w.p, w.p.objectives[i]
	var b strings.Builder
	fm := frontMatter{&b}
	b.WriteString("+++\n")
	fm.str("id", o.id)
	fm.str("title", o.title)
	fm.str("category", categories[o.category])
	fm.str("summary", w.sentence(rng))
	if o.parent >= 0 {
		fm.str("parent", p.objectives[o.parent].id)
	}
	var sectors []string
	for _, l := range o.lead {
		if s := p.orgs[l].sector; !slices.Contains(sectors, s) {
			sectors = append(sectors, s)
		}
	}
	for range 1 + rng.IntN(4) {
		if s := sectorKeys[rng.IntN(len(sectorKeys))]; !slices.Contains(sectors, s) {
			sectors = append(sectors, s)
		}
	}
	fm.strs("sectors", sectors)
	var leads []string
	for _, l := range o.lead {
		leads = append(leads, p.orgs[l].slug)
	}
	fm.strs("lead", leads)
	fm.str("status", pick(rng, "planned", "in-progress", "in-progress", "in-progress", "at-risk", "achieved", "discontinued", "in-progress", "planned"))
	start := date{2023 + rng.IntN(4), 1 + rng.IntN(12), 1}
	due := monthEnd(start.y+2+rng.IntN(4), 12)
	fm.raw("start", start)
	fm.raw("due", due)
	fm.raw("need", roundAmount(rng, 4.5, 7.5))
	var related []string
	for _, r := range o.related {
		related = append(related, p.objectives[r].id)
	}
	fm.strs("related", related)
	fm.raw("updated", date{2025 + rng.IntN(2), 1 + rng.IntN(12), 1 + rng.IntN(28)})
	fm.raw("weight", o.weight)
	names := indicatorNames[o.category]
	for _, k := range rng.Perm(len(names))[:1+rng.IntN(3)] {
		w.indicator(rng, &b, names[k], start, due)
	}
	b.WriteString("+++\n\n")

	var links []link
	for _, l := range o.lead {
		links = append(links, w.orgLink(rng, 1, l))
	}
	if o.parent >= 0 {
		links = append(links, w.objectiveLink(rng, 1, o.parent))
	}
	for _, c := range o.children[:min(len(o.children), 3)] {
		links = append(links, w.objectiveLink(rng, 1, c))
	}
	for _, r := range o.related {
		links = append(links, w.objectiveLink(rng, 1, r))
	}
	for _, pp := range sample(rng, o.partners, 2) {
		links = append(links, w.partnershipLink(rng, 1, pp))
	}
	for _, org := range sample(rng, o.listedBy, 3) {
		links = append(links, w.orgLink(rng, 1, org))
	}
	w.body(rng, &b, o.headings, links, func(pr *prose) {
		var rows [][]string
		for y := range 3 + rng.IntN(3) {
			lead := pr.phrase()
			if len(o.lead) > 0 {
				l := w.orgLink(rng, 1, o.lead[rng.IntN(len(o.lead))])
				lead = "[" + l.text + "](" + l.target + ")"
			}
			rows = append(rows, []string{pr.phrase(), lead, fmt.Sprint(start.y + y)})
		}
		pr.table([]string{"Milestone", "Lead", "Year"}, rows)
	})
	return b.String()
}

func (w *writer) indicator(rng *rand.Rand, b *strings.Builder, name [2]string, start, due date) {
	fm := frontMatter{b}
	b.WriteString("\n[[indicators]]\n")
	fm.str("name", name[0])
	fm.str("unit", name[1])
	if rng.IntN(2) == 0 {
		fm.str("source", pick(rng, indicatorSources...))
	}
	base := float64(rng.IntN(200))
	target := base + float64(10+rng.IntN(1000))
	if name[1] == "percent" {
		base, target = float64(rng.IntN(60)), float64(70+rng.IntN(31))
	}
	fmt.Fprintf(b, "baseline = { value = %v, date = %v }\n", base, start)
	fmt.Fprintf(b, "target = { value = %v, date = %v }\n", target, due)
	if n := rng.IntN(5); n > 0 {
		b.WriteString("progress = [\n")
		d := start
		for k := range n {
			d = monthEnd(d.y+(d.m+5)/12, (d.m+5)%12+1)
			if !d.before(date{2026, 9, 1}) || !d.before(due) {
				break
			}
			v := base + (target-base)*float64(k+1)/float64(n+2)*(0.6+rng.Float64()*0.5)
			fmt.Fprintf(b, "  { date = %v, value = %v },\n", d, float64(int(v)))
		}
		b.WriteString("]\n")
	}
}

// roundAmount is 10^x for x drawn between lo and hi, to two significant
// figures: 34000, 1200000.
func roundAmount(rng *rand.Rand, lo, hi float64) int {
	x := lo + rng.Float64()*(hi-lo)
	v := 1.0
	for range int(x) {
		v *= 10
	}
	frac := x - float64(int(x))
	v *= 1 + frac*9 // 1 to 10, close enough to 10^frac for amounts
	unit := 1
	for int(v)/unit >= 100 {
		unit *= 10
	}
	return int(v) / unit * unit
}

func pick(rng *rand.Rand, list ...string) string { return list[rng.IntN(len(list))] }

// sample returns up to n items of list, drawn at random.
func sample(rng *rand.Rand, list []int, n int) []int {
	if len(list) <= n {
		return list
	}
	out := make([]int, 0, n)
	for _, k := range rng.Perm(len(list))[:n] {
		out = append(out, list[k])
	}
	return out
}
