package synth

import (
	"math/rand/v2"
	"strings"
)

// prose writes Markdown text in the field's vocabulary: sentences made of
// noun phrases, verbs and prepositional phrases, so that the words fall
// in roughly the places they take in real prose, and counts the words it
// writes so that a body can stop at its planned length.
type prose struct {
	v     *vocabulary
	rng   *rand.Rand
	b     *strings.Builder
	words int
	// upper says the next word starts a sentence.
	upper bool
	// plain leaves out emphasis, for front matter.
	plain bool
}

// link is a relative link a body weaves into its sentences.
type link struct{ text, target string }

func (p *prose) chance(f float64) bool { return p.rng.Float64() < f }

func (p *prose) word(s string) {
	if p.b.Len() > 0 {
		last := p.b.String()[p.b.Len()-1]
		if last != ' ' && last != '\n' && last != '(' {
			p.b.WriteByte(' ')
		}
	}
	if p.upper && s[0] >= 'a' && s[0] <= 'z' {
		p.b.WriteByte(s[0] - 'a' + 'A')
		s = s[1:]
	}
	p.upper = false
	p.b.WriteString(s)
	p.words += strings.Count(s, " ") + 1
}

// nounPhrase writes [determiner] [modifier] head; emphasis, when asked,
// falls on the head.
func (p *prose) nounPhrase(emphasis bool) {
	det := ""
	if p.chance(0.55) {
		det = p.v.determiners.draw(p.rng)
	}
	var mod string
	if p.chance(0.35) {
		mod = p.v.content.draw(p.rng)
	}
	head := p.v.content.draw(p.rng)
	first := head
	if mod != "" {
		first = mod
	}
	if det == "a" && strings.ContainsRune("aeiou", rune(first[0])) {
		det = "an"
	}
	if det != "" {
		p.word(det)
	}
	if mod != "" {
		p.word(mod)
	}
	if emphasis {
		mark := "*"
		if p.chance(0.3) {
			mark = "**"
		}
		head = mark + head + mark
	}
	p.word(head)
}

func (p *prose) verbPhrase() {
	base := p.v.verbs.draw(p.rng)
	if p.chance(0.5) {
		p.word(p.v.modals.draw(p.rng))
		p.word(base)
	} else {
		p.word(p.v.past[base])
	}
}

func (p *prose) prepPhrase() {
	p.word(p.v.prepositions.draw(p.rng))
	p.nounPhrase(false)
}

// clause writes subject, verb, object and up to two prepositional
// phrases; subject, when not empty, is written instead of a noun phrase.
func (p *prose) clause(subject string) {
	if subject != "" {
		p.word(subject)
	} else {
		p.nounPhrase(false)
	}
	p.verbPhrase()
	p.nounPhrase(!p.plain && p.chance(0.04))
	for range p.rng.IntN(3) {
		p.prepPhrase()
	}
}

// sentence writes one sentence; subject is a Markdown link or "".
func (p *prose) sentence(subject string) {
	p.upper = true
	switch r := p.rng.IntN(10); {
	case r < 2 && subject == "":
		p.prepPhrase()
		p.b.WriteByte(',')
		p.clause("")
	case r < 5:
		p.clause(subject)
		p.b.WriteByte(',')
		p.word(p.v.conjunctions.draw(p.rng))
		p.clause("")
	default:
		p.clause(subject)
	}
	p.b.WriteByte('.')
}

// paragraph writes n sentences; each link becomes one sentence's subject.
func (p *prose) paragraph(n int, links []link) {
	for i := range n {
		subject := ""
		if i < len(links) {
			subject = "[" + links[i].text + "](" + links[i].target + ")"
		}
		if i > 0 {
			p.b.WriteByte(' ')
		}
		p.sentence(subject)
	}
	p.b.WriteString("\n\n")
}

// heading writes a level-2 heading.
func (p *prose) heading(text string) {
	p.b.WriteString("## ")
	p.b.WriteString(text)
	p.b.WriteString("\n\n")
	p.words += strings.Count(text, " ") + 1
}

// list writes a bullet list of imperative items: "Train the hotline staff
// in rural communities".
func (p *prose) list(n int) {
	for range n {
		p.b.WriteString("- ")
		p.upper = true
		p.word(p.v.verbs.draw(p.rng))
		p.nounPhrase(!p.plain && p.chance(0.05))
		if p.chance(0.6) {
			p.prepPhrase()
		}
		p.b.WriteString("\n")
	}
	p.b.WriteString("\n")
}

// phrase returns a short capitalized noun phrase, for table cells and
// titles.
func (p *prose) phrase() string {
	saved, words := p.b, p.words
	var b strings.Builder
	p.b = &b
	p.nounPhrase(false)
	if p.chance(0.3) {
		p.prepPhrase()
	}
	p.b, p.words = saved, words+strings.Count(b.String(), " ")+1
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// table writes a GitHub table with a header row and rows of cells.
func (p *prose) table(header []string, rows [][]string) {
	row := func(cells []string) {
		p.b.WriteString("|")
		for _, c := range cells {
			p.b.WriteString(" ")
			p.b.WriteString(c)
			p.b.WriteString(" |")
		}
		p.b.WriteString("\n")
	}
	row(header)
	p.b.WriteString("|")
	for range header {
		p.b.WriteString("---|")
	}
	p.b.WriteString("\n")
	for _, r := range rows {
		row(r)
	}
	p.b.WriteString("\n")
}
