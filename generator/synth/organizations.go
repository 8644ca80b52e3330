package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// organization writes one organization: contact details that pass the
// checker (phone numbers in the fictional 555-01xx range, addresses under
// example.org), services and people served that fit its sector, and for
// funders, commitments with amounts.
func (w *writer) organization(i int) string {
	rng := w.rng(2, i)
	p, o := w.p, w.p.orgs[i]
	st := &states[max(o.state, 0)]
	var b strings.Builder
	fm := frontMatter{&b}
	b.WriteString("+++\n")
	fm.str("title", o.title)
	fm.str("acronym", o.acronym)
	fm.str("sector", o.sector)
	fm.str("summary", w.sentence(rng))
	var objectives []string
	for _, k := range o.objectives {
		objectives = append(objectives, p.objectives[k].id)
	}
	fm.strs("objectives", objectives)
	if o.parent >= 0 {
		fm.str("parent", p.orgs[o.parent].slug)
	}
	host := o.slug + ".example.org"
	if rng.IntN(10) > 0 {
		fm.str("website", "https://"+host+"/")
	}
	fm.str("email", pick(rng, "info", "contact", "help", "referrals", "office")+"@"+host)
	area := st.area
	if o.state < 0 {
		area = "202"
	}
	fm.str("phone", fmt.Sprintf("+1 (%s) 555-01%02d", area, rng.IntN(100)))
	regions := []string{st.name}
	switch {
	case o.state < 0:
		regions = []string{"National"}
	case rng.IntN(5) == 0:
		if other := states[rng.IntN(len(states))].name; other != st.name {
			regions = append(regions, other)
		}
	}
	fm.strs("regions", regions)
	offered := services[o.sector]
	shelter := false
	var svc []string
	for _, k := range rng.Perm(len(offered))[:1+rng.IntN(min(5, len(offered)))] {
		svc = append(svc, offered[k])
		shelter = shelter || offered[k] == "Emergency shelter"
	}
	fm.strs("services", svc)
	if o.sector == "survivor-led" || o.sector == "victim-services" && rng.IntN(10) == 0 {
		fm.raw("survivor_led", true)
	}
	w.reach(rng, fm, o.sector, st, shelter, slices.Contains(svc, "24-hour hotline"))
	fm.raw("updated", date{2025 + rng.IntN(2), 1 + rng.IntN(12), 1 + rng.IntN(28)})
	w.funding(rng, &b, o.sector)
	b.WriteString("+++\n\n")

	var links []link
	if o.parent >= 0 {
		links = append(links, w.orgLink(rng, 1, o.parent))
	}
	for _, k := range o.objectives {
		links = append(links, w.objectiveLink(rng, 1, k))
	}
	for _, k := range sample(rng, o.partnerships, 2) {
		links = append(links, w.partnershipLink(rng, 1, k))
	}
	if o.state >= 0 && rng.IntN(2) == 0 {
		pool := p.byState[o.state]
		if peer := pool[rng.IntN(len(pool))]; peer != i {
			links = append(links, w.orgLink(rng, 1, peer))
		}
	}
	w.body(rng, &b, o.headings, links, func(pr *prose) {
		var rows [][]string
		for _, s := range svc {
			rows = append(rows, []string{s, pick(rng, populations...), pick(rng, hours...)})
		}
		pr.table([]string{"Service", "Who it serves", "When"}, rows)
	})
	return b.String()
}

// reach writes the keys that say how to reach an organization and whom
// it serves, where the schema has them (they came after the first
// version of the checker): languages, populations, hotline, hours,
// address or confidential, verified.
func (w *writer) reach(rng *rand.Rand, fm frontMatter, sector string, st *state, shelter, hotline bool) {
	if w.extra["languages"] {
		langs := []string{"English"}
		for range rng.IntN(4) {
			if l := pick(rng, languages...); !slices.Contains(langs, l) {
				langs = append(langs, l)
			}
		}
		fm.strs("languages", langs)
	}
	if w.extra["populations"] && (sector == "victim-services" || sector == "survivor-led" || sector == "healthcare" || sector == "faith-based") {
		var pops []string
		for _, k := range rng.Perm(len(populations))[:1+rng.IntN(4)] {
			pops = append(pops, populations[k])
		}
		fm.strs("populations", pops)
	}
	if hotline && w.extra["hotline"] {
		fm.str("hotline", fmt.Sprintf("+1 (888) 555-01%02d", rng.IntN(100)))
	}
	if w.extra["hours"] && rng.IntN(2) == 0 {
		fm.str("hours", pick(rng, hours...))
	}
	switch {
	case shelter && rng.IntN(5) < 3:
		if w.extra["confidential"] {
			fm.raw("confidential", true)
		}
	case w.extra["address"] && rng.IntN(3) > 0:
		fm.str("address", fmt.Sprintf("%d %s, %s, %s %05d", 10+rng.IntN(9000), pick(rng, streets...),
			pick(rng, st.cities...), st.abbr, 10000+rng.IntN(89999)))
	}
	if w.extra["verified"] && rng.IntN(3) > 0 {
		fm.raw("verified", date{2026, 1 + rng.IntN(11), 1 + rng.IntN(28)}) // before December 2026, within a year of the checks' day (TestAgendaCheck)
	}
}

// funding writes the commitments of funders, of some government bodies
// and the odd business or congregation.
func (w *writer) funding(rng *rand.Rand, b *strings.Builder, sector string) {
	n := 0
	switch sector {
	case "philanthropy":
		n = 1 + rng.IntN(4)
	case "government":
		n = max(0, rng.IntN(5)-2)
	case "business", "faith-based":
		if rng.IntN(6) == 0 {
			n = 1
		}
	}
	fm := frontMatter{b}
	recipients := w.p.bySector["victim-services"]
	for range n {
		b.WriteString("\n[[funding]]\n")
		fm.str("objective", w.p.objectives[w.p.objective(rng)].id)
		fm.raw("amount", roundAmount(rng, 3.7, 6.7))
		fm.raw("year", 2024+rng.IntN(5))
		switch r := rng.IntN(4); {
		case r == 0 && len(w.p.partnerships) > 0:
			fm.str("recipient", w.p.partnerships[rng.IntN(len(w.p.partnerships))].slug)
		case r < 3 && len(recipients) > 0:
			fm.str("recipient", w.p.orgs[recipients[rng.IntN(len(recipients))]].slug)
		}
		if rng.IntN(3) == 0 {
			fm.str("note", w.sentence(rng))
		}
	}
}

func (w *writer) partnership(i int) string {
	rng := w.rng(3, i)
	p, pp := w.p, w.p.partnerships[i]
	slugs := func(idx []int) []string {
		var out []string
		for _, k := range idx {
			out = append(out, p.orgs[k].slug)
		}
		return out
	}
	var b strings.Builder
	fm := frontMatter{&b}
	b.WriteString("+++\n")
	fm.str("title", pp.title)
	fm.strs("members", slugs(pp.members))
	fm.strs("lead", slugs(pp.lead))
	fm.strs("funders", slugs(pp.funders))
	var objectives []string
	for _, k := range pp.objectives {
		objectives = append(objectives, p.objectives[k].id)
	}
	fm.strs("objectives", objectives)
	fm.str("kind", pp.kind)
	fm.str("level", pick(rng, "cooperation", "coordination", "coordination", "collaboration"))
	started := date{2012 + rng.IntN(14), 1 + rng.IntN(12), 1}
	fm.raw("started", started)
	if rng.IntN(7) == 0 {
		fm.raw("ended", monthEnd(started.y+1+rng.IntN(4), 1+rng.IntN(12)))
	}
	fm.strs("regions", []string{states[pp.state].name})
	if rng.IntN(3) == 0 {
		fm.str("website", "https://"+pp.slug+".example.org/")
	}
	fm.str("summary", w.sentence(rng))
	fm.raw("updated", date{2025 + rng.IntN(2), 1 + rng.IntN(12), 1 + rng.IntN(28)})
	b.WriteString("+++\n\n")

	var links []link
	for _, m := range pp.lead {
		links = append(links, w.orgLink(rng, 1, m))
	}
	for _, m := range sample(rng, pp.members[len(pp.lead):], 3) {
		links = append(links, w.orgLink(rng, 1, m))
	}
	for _, k := range pp.objectives {
		links = append(links, w.objectiveLink(rng, 1, k))
	}
	for _, f := range pp.funders {
		links = append(links, w.orgLink(rng, 1, f))
	}
	w.body(rng, &b, pp.headings, links, func(pr *prose) {
		var rows [][]string
		for _, m := range pp.members[:min(len(pp.members), 6)] {
			l := w.orgLink(rng, 1, m)
			role := "Member"
			if slices.Contains(pp.lead, m) {
				role = "Lead"
			}
			rows = append(rows, []string{"[" + l.text + "](" + l.target + ")", sectorTitle(p.orgs[m].sector), role})
		}
		pr.table([]string{"Member", "Sector", "Role"}, rows)
	})
	return b.String()
}

// page writes a plain page that points into the strategy.
func (w *writer) page(i int) string {
	rng := w.rng(4, i)
	pg := w.p.pages[i]
	depth := strings.Count(pg.path, "/")
	var b strings.Builder
	fm := frontMatter{&b}
	b.WriteString("+++\n")
	fm.str("title", pg.title)
	fm.str("description", w.sentence(rng))
	fm.raw("weight", i+1)
	b.WriteString("+++\n\n")
	var links []link
	for range 3 {
		links = append(links, w.objectiveLink(rng, depth, w.p.objective(rng)))
		links = append(links, w.orgLink(rng, depth, rng.IntN(len(w.p.orgs))))
	}
	w.body(rng, &b, pickHeadings(rng, objectiveHeadings, 2, 3), links, nil)
	return b.String()
}

// home writes content/_index.md, which introduces the strategy.
func (w *writer) home() string {
	rng := w.rng(5, 0)
	var b strings.Builder
	b.WriteString("+++\ntitle = \"National Strategy to Combat Human Trafficking\"\n+++\n\n")
	var links []link
	for k := range min(4, len(w.p.objectives)) {
		links = append(links, w.objectiveLink(rng, 0, k))
	}
	w.prose(rng, &b).paragraph(4, links)
	return b.String()
}

var sectorTitles = []string{"Government", "Law enforcement", "Victim services", "Advocacy", "Faith-based",
	"Business", "Philanthropy", "Survivor-led", "Academia", "Healthcare", "Labor", "Multilateral"}

func sectorTitle(key string) string { return sectorTitles[slices.Index(sectorKeys, key)] }

// realisticSite is the realistic corpus's site.toml.
func realisticSite() string {
	var b strings.Builder
	b.WriteString(`title = "National Strategy to Combat Human Trafficking"
description = "A synthetic national strategy for benchmarks: shared objectives, who works on each, and where the work is thin."
base_url = "https://example.org/"
language = "en"
currency = "USD"
page_size = 50
`)
	descriptions := []string{
		"Stopping trafficking before it starts: awareness, screening, safer recruitment and supply chains.",
		"Finding and supporting survivors: identification, shelter, health care, legal help and a path to stability.",
		"Holding traffickers to account: investigation, prosecution and restitution, led with survivors' safety in mind.",
		"Working across sectors: shared objectives, shared data and coordinated funding.",
	}
	for i, c := range categories {
		fmt.Fprintf(&b, "\n[[categories]]\nkey = %q\ntitle = %q\ndescription = %q\n", c, strings.ToUpper(c[:1])+c[1:], descriptions[i])
	}
	for i, s := range sectorKeys {
		fmt.Fprintf(&b, "\n[[sectors]]\nkey = %q\ntitle = %q\n", s, sectorTitles[i])
	}
	return b.String()
}
