package synth

// The legacy corpus: the first synthetic strategy, kept so that figures
// taken on it can be compared with new ones. Thirty-six words drawn
// uniformly at random, 30% objectives, 50% organizations, 15%
// partnerships and 5% plain pages, bodies of a few sentences.

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// legacyShape splits n files the way the first corpus did.
func legacyShape(n int) Shape {
	obj := max(n*3/10, 4)
	orgs := max(n*5/10, 4)
	parts := max(n*15/100, 1)
	pages := max(n-obj-orgs-parts, 1)
	return Shape{Objectives: obj, Organizations: orgs, Partnerships: parts, Pages: pages, Corpus: Legacy}
}

var words = strings.Fields(`trafficking survivors shelter recruitment labor supply chain prevention
	protection prosecution partnership hotline training investigation restitution housing
	health legal outreach awareness screening data funding coordination community youth
	migrant workers employers inspection victims services advocacy policy research`)

// legacyFiles returns the files of the legacy corpus by path.
func legacyFiles(shape Shape) map[string]string {
	rng := rand.New(rand.NewPCG(1, 2))
	files := map[string]string{"site.toml": legacySite(), "_index.md": "+++\ntitle = \"Synthetic strategy\"\n+++\n" + legacyProse(rng, 3)}
	for i := range shape.Objectives {
		files[fmt.Sprintf("objectives/%s.md", strings.ToLower(objectiveID(i)))] = legacyObjective(rng, i, shape)
	}
	for i := range shape.Organizations {
		files[fmt.Sprintf("organizations/org-%d.md", i)] = legacyOrganization(rng, i, shape)
	}
	for i := range shape.Partnerships {
		files[fmt.Sprintf("partnerships/partnership-%d.md", i)] = legacyPartnership(rng, i, shape)
	}
	for i := range shape.Pages {
		files[fmt.Sprintf("pages/page-%d.md", i)] = fmt.Sprintf("+++\ntitle = \"Page %d\"\n+++\n## Background\n\n%s\n\nSee [an organization](../organizations/org-%d.md).\n",
			i, legacyProse(rng, 4), rng.IntN(shape.Organizations))
	}
	return files
}

func objectiveID(i int) string {
	return fmt.Sprintf("%s-%d", prefixes[i%4], i/4+1)
}

func legacySite() string {
	var b strings.Builder
	b.WriteString("title = \"Synthetic Strategy\"\nbase_url = \"https://example.org/\"\npage_size = 50\n")
	for _, c := range categories {
		fmt.Fprintf(&b, "\n[[categories]]\nkey = %q\ntitle = %q\n", c, strings.ToUpper(c[:1])+c[1:])
	}
	for _, s := range sectorKeys {
		fmt.Fprintf(&b, "\n[[sectors]]\nkey = %q\ntitle = %q\n", s, s)
	}
	return b.String()
}

func legacyObjective(rng *rand.Rand, i int, sh Shape) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\nid = %q\ntitle = %q\ncategory = %q\nsummary = %q\n",
		objectiveID(i), legacyTitle(rng), categories[i%4], legacySentence(rng))
	if i >= 8 && i%3 != 0 {
		fmt.Fprintf(&b, "parent = %q\n", objectiveID(i%8))
	}
	first := rng.IntN(len(sectorKeys))
	second := (first + 1 + rng.IntN(len(sectorKeys)-1)) % len(sectorKeys)
	fmt.Fprintf(&b, "sectors = [%q, %q]\nlead = [\"org-%d\"]\nstatus = \"in-progress\"\ndue = 2027-12-31\nneed = %d\n",
		sectorKeys[first], sectorKeys[second], rng.IntN(sh.Organizations), 1000*(1+rng.IntN(900)))
	related := (i + 1 + rng.IntN(sh.Objectives-1)) % sh.Objectives
	fmt.Fprintf(&b, "related = [%q]\nupdated = 2026-0%d-1%d\n", objectiveID(related), 1+rng.IntN(9), rng.IntN(10))
	b.WriteString("\n[[indicators]]\nname = \"People reached\"\nbaseline = { value = 10, date = 2025-01-01 }\ntarget = { value = 100, date = 2028-01-01 }\nprogress = [{ date = 2026-01-01, value = 30 }]\n+++\n")
	fmt.Fprintf(&b, "## Why it matters\n\n%s\n\n## Approach\n\n%s See [a related objective](%s.md).\n",
		legacyProse(rng, 3), legacyProse(rng, 2), strings.ToLower(objectiveID(rng.IntN(sh.Objectives))))
	return b.String()
}

func legacyOrganization(rng *rand.Rand, i int, sh Shape) string {
	var b strings.Builder
	first := rng.IntN(sh.Objectives)
	second := (first + 1 + rng.IntN(sh.Objectives-1)) % sh.Objectives
	fmt.Fprintf(&b, "+++\ntitle = \"Organization %d %s\"\nsector = %q\nsummary = %q\nobjectives = [%q, %q]\nregions = [\"National\"]\nwebsite = \"https://example.org/org-%d\"\n",
		i, legacyTitle(rng), sectorKeys[i%len(sectorKeys)], legacySentence(rng), objectiveID(first), objectiveID(second), i)
	if i%len(sectorKeys) == 6 { // philanthropy
		objective, amount, recipient := objectiveID(rng.IntN(sh.Objectives)), 1000*(1+rng.IntN(500)), rng.IntN(sh.Organizations)
		if recipient == i {
			recipient = (i + 1) % sh.Organizations // never itself
		}
		fmt.Fprintf(&b, "\n[[funding]]\nobjective = %q\namount = %d\nyear = 2026\nrecipient = \"org-%d\"\n", objective, amount, recipient)
	}
	fmt.Fprintf(&b, "+++\n%s\n", legacyProse(rng, 2))
	return b.String()
}

func legacyPartnership(rng *rand.Rand, i int, sh Shape) string {
	a, c := rng.IntN(sh.Organizations), rng.IntN(sh.Organizations)
	if a == c {
		c = (c + 1) % sh.Organizations
	}
	return fmt.Sprintf("+++\ntitle = \"Partnership %d %s\"\nmembers = [\"org-%d\", \"org-%d\"]\nlead = [\"org-%d\"]\nobjectives = [%q]\nkind = \"coalition\"\nlevel = \"coordination\"\n+++\n%s\n",
		i, legacyTitle(rng), a, c, a, objectiveID(rng.IntN(sh.Objectives)), legacyProse(rng, 2))
}

func legacyTitle(rng *rand.Rand) string {
	w := make([]string, 3)
	for i := range w {
		w[i] = words[rng.IntN(len(words))]
	}
	return strings.ToUpper(w[0][:1]) + w[0][1:] + " " + w[1] + " " + w[2]
}

func legacySentence(rng *rand.Rand) string {
	n := 8 + rng.IntN(10)
	w := make([]string, n)
	for i := range w {
		w[i] = words[rng.IntN(len(words))]
	}
	return strings.ToUpper(w[0][:1]) + w[0][1:] + " " + strings.Join(w[1:], " ") + "."
}

func legacyProse(rng *rand.Rand, sentences int) string {
	s := make([]string, sentences)
	for i := range s {
		s[i] = legacySentence(rng)
	}
	return strings.Join(s, " ")
}
