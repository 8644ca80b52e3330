// Package synth writes large synthetic strategies for benchmarks: a valid
// content folder with a given number of files, cross-linked the way real
// strategies are (leads, partnerships, funding, parents, relative links).
//
// The output is deterministic for a given size, so benchmark runs compare
// like with like.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Shape is how many of each kind of file to write.
type Shape struct {
	Objectives, Organizations, Partnerships, Pages int
}

// ForFiles splits a total number of content files the way a large real
// strategy would: mostly organizations and objectives.
func ForFiles(n int) Shape {
	obj := max(n*3/10, 4)
	orgs := max(n*5/10, 4)
	parts := max(n*15/100, 1)
	pages := max(n-obj-orgs-parts, 1)
	return Shape{obj, orgs, parts, pages}
}

var (
	categories = []string{"prevention", "protection", "prosecution", "partnership"}
	prefixes   = []string{"PV", "PT", "PS", "PA"}
	sectors    = []string{"government", "law-enforcement", "victim-services", "advocacy", "faith-based",
		"business", "philanthropy", "survivor-led", "academia", "healthcare", "labor", "multilateral"}
	words = strings.Fields(`trafficking survivors shelter recruitment labor supply chain prevention
		protection prosecution partnership hotline training investigation restitution housing
		health legal outreach awareness screening data funding coordination community youth
		migrant workers employers inspection victims services advocacy policy research`)
)

// Write writes a strategy of the given shape under dir (dir/content).
func Write(dir string, shape Shape) error {
	rng := rand.New(rand.NewPCG(1, 2))
	content := filepath.Join(dir, "content")
	for _, sub := range []string{"objectives", "organizations", "partnerships", "pages"} {
		if err := os.MkdirAll(filepath.Join(content, sub), 0o755); err != nil {
			return err
		}
	}
	files := map[string]string{"site.toml": siteTOML(), "_index.md": "+++\ntitle = \"Synthetic strategy\"\n+++\n" + prose(rng, 3)}
	for i := range shape.Objectives {
		files[fmt.Sprintf("objectives/%s.md", strings.ToLower(objectiveID(i)))] = objective(rng, i, shape)
	}
	for i := range shape.Organizations {
		files[fmt.Sprintf("organizations/org-%d.md", i)] = organization(rng, i, shape)
	}
	for i := range shape.Partnerships {
		files[fmt.Sprintf("partnerships/partnership-%d.md", i)] = partnership(rng, i, shape)
	}
	for i := range shape.Pages {
		files[fmt.Sprintf("pages/page-%d.md", i)] = fmt.Sprintf("+++\ntitle = \"Page %d\"\n+++\n## Background\n\n%s\n\nSee [an organization](../organizations/org-%d.md).\n",
			i, prose(rng, 4), rng.IntN(shape.Organizations))
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(content, filepath.FromSlash(name)), []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func objectiveID(i int) string {
	return fmt.Sprintf("%s-%d", prefixes[i%4], i/4+1)
}

func siteTOML() string {
	var b strings.Builder
	b.WriteString("title = \"Synthetic Strategy\"\nbase_url = \"https://example.org/\"\npage_size = 50\n")
	for _, c := range categories {
		fmt.Fprintf(&b, "\n[[categories]]\nkey = %q\ntitle = %q\n", c, strings.ToUpper(c[:1])+c[1:])
	}
	for _, s := range sectors {
		fmt.Fprintf(&b, "\n[[sectors]]\nkey = %q\ntitle = %q\n", s, s)
	}
	return b.String()
}

func objective(rng *rand.Rand, i int, sh Shape) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\nid = %q\ntitle = %q\ncategory = %q\nsummary = %q\n",
		objectiveID(i), title(rng), categories[i%4], sentence(rng))
	if i >= 8 && i%3 != 0 {
		fmt.Fprintf(&b, "parent = %q\n", objectiveID(i%8))
	}
	first := rng.IntN(len(sectors))
	second := (first + 1 + rng.IntN(len(sectors)-1)) % len(sectors)
	fmt.Fprintf(&b, "sectors = [%q, %q]\nlead = [\"org-%d\"]\nstatus = \"in-progress\"\ndue = 2027-12-31\nneed = %d\n",
		sectors[first], sectors[second], rng.IntN(sh.Organizations), 1000*(1+rng.IntN(900)))
	related := (i + 1 + rng.IntN(sh.Objectives-1)) % sh.Objectives
	fmt.Fprintf(&b, "related = [%q]\nupdated = 2026-0%d-1%d\n", objectiveID(related), 1+rng.IntN(9), rng.IntN(10))
	b.WriteString("\n[[indicators]]\nname = \"People reached\"\nbaseline = { value = 10, date = 2025-01-01 }\ntarget = { value = 100, date = 2028-01-01 }\nprogress = [{ date = 2026-01-01, value = 30 }]\n+++\n")
	fmt.Fprintf(&b, "## Why it matters\n\n%s\n\n## Approach\n\n%s See [a related objective](%s.md).\n",
		prose(rng, 3), prose(rng, 2), strings.ToLower(objectiveID(rng.IntN(sh.Objectives))))
	return b.String()
}

func organization(rng *rand.Rand, i int, sh Shape) string {
	var b strings.Builder
	first := rng.IntN(sh.Objectives)
	second := (first + 1 + rng.IntN(sh.Objectives-1)) % sh.Objectives
	fmt.Fprintf(&b, "+++\ntitle = \"Organization %d %s\"\nsector = %q\nsummary = %q\nobjectives = [%q, %q]\nregions = [\"National\"]\nwebsite = \"https://example.org/org-%d\"\n",
		i, title(rng), sectors[i%len(sectors)], sentence(rng), objectiveID(first), objectiveID(second), i)
	if i%len(sectors) == 6 { // philanthropy
		fmt.Fprintf(&b, "\n[[funding]]\nobjective = %q\namount = %d\nyear = 2026\nrecipient = \"org-%d\"\n",
			objectiveID(rng.IntN(sh.Objectives)), 1000*(1+rng.IntN(500)), rng.IntN(sh.Organizations))
	}
	fmt.Fprintf(&b, "+++\n%s\n", prose(rng, 2))
	return b.String()
}

func partnership(rng *rand.Rand, i int, sh Shape) string {
	a, c := rng.IntN(sh.Organizations), rng.IntN(sh.Organizations)
	if a == c {
		c = (c + 1) % sh.Organizations
	}
	return fmt.Sprintf("+++\ntitle = \"Partnership %d %s\"\nmembers = [\"org-%d\", \"org-%d\"]\nlead = [\"org-%d\"]\nobjectives = [%q]\nkind = \"coalition\"\nlevel = \"coordination\"\n+++\n%s\n",
		i, title(rng), a, c, a, objectiveID(rng.IntN(sh.Objectives)), prose(rng, 2))
}

func title(rng *rand.Rand) string {
	w := make([]string, 3)
	for i := range w {
		w[i] = words[rng.IntN(len(words))]
	}
	return strings.ToUpper(w[0][:1]) + w[0][1:] + " " + w[1] + " " + w[2]
}

func sentence(rng *rand.Rand) string {
	n := 8 + rng.IntN(10)
	w := make([]string, n)
	for i := range w {
		w[i] = words[rng.IntN(len(words))]
	}
	return strings.ToUpper(w[0][:1]) + w[0][1:] + " " + strings.Join(w[1:], " ") + "."
}

func prose(rng *rand.Rand, sentences int) string {
	s := make([]string, sentences)
	for i := range s {
		s[i] = sentence(rng)
	}
	return strings.Join(s, " ")
}
