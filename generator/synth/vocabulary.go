package synth

import (
	_ "embed"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// The realistic corpus draws its words from two lists: words.txt, counted
// in essays on the field, and terms.txt, the field's technical terms and
// phrases. Both give each entry a count; words are drawn in proportion to
// it, which keeps the real texts' Zipf-like shape: "the", "and",
// "trafficking" on nearly every page, a long tail of words seen once.
var (
	//go:embed words.txt
	wordsText string
	//go:embed terms.txt
	termsText string
)

// weighted draws strings in proportion to their weights.
type weighted struct {
	items []string
	cum   []uint32 // running totals of the weights
}

func (w *weighted) add(item string, weight int) {
	total := uint32(0)
	if n := len(w.cum); n > 0 {
		total = w.cum[n-1]
	}
	w.items = append(w.items, item)
	w.cum = append(w.cum, total+uint32(max(weight, 1)))
}

func (w *weighted) draw(rng *rand.Rand) string { return w.items[w.index(rng)] }

// index draws the position of an item.
func (w *weighted) index(rng *rand.Rand) int {
	r := rng.Uint32N(w.cum[len(w.cum)-1])
	i, _ := slices.BinarySearch(w.cum, r+1)
	return i
}

// counts parses "count word or phrase" lines, skipping # comments.
func counts(text string, into map[string]int) {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		n, word, _ := strings.Cut(line, " ")
		c, err := strconv.Atoi(n)
		if err != nil {
			panic("synth: bad vocabulary line " + strconv.Quote(line))
		}
		into[word] += c
	}
}

// vocabulary is the realistic corpus's words by the part they play in a
// sentence. Function words and verbs come from short lists below, weighted
// by their counts in the texts; every other word or phrase of the texts is
// content (nouns, adjectives, adverbs alike).
type vocabulary struct {
	content, determiners, prepositions, conjunctions, modals, verbs weighted
	past                                                            map[string]string
}

var (
	determiners  = strings.Fields("the a this these each every all some many other such more most their its our those several both any")
	prepositions = strings.Fields("of in for on with by from at between among across through within into against without about after before during under around toward")
	conjunctions = []string{"and", "but", "while", "because", "although", "as", "so that", "when", "and", "and"}
	modals       = strings.Fields("will must can should may could would")
	// stopwords are never content words: function words the grammar
	// places itself, pronouns and adverbs it has no place for.
	stopwords = strings.Fields(`is are be been was were being have has had do does did not it they them we us
		who whom whose which that what there then than this also so if when where while how why very just only as
		all any both each few more most other some such no nor too own same again further here once about above
		after before below between into through during under over out up down off on in of to for with by from and
		or but because although though however yet since until unless whether either neither even still already
		always never often sometimes rather quite much many well one two three themselves itself ourselves someone
		anyone everyone something anything everything these those its their our an a the will must can should may
		could would might let say said says ought else etc`)
	// verbs are the field's actions as base:past; a missing past is made
	// by the regular rule.
	verbs = strings.Fields(`coordinate fund train screen refer:referred identify investigate prosecute support protect
		serve:served lead:led share expand strengthen improve increase reduce prevent address develop build:built
		establish provide ensure connect convene assess measure report track monitor review publish:published
		recruit hire house shelter counsel:counseled represent advocate mobilize engage partner align map:mapped
		document collect analyze evaluate pilot scale adopt require certify inspect audit enforce sanction
		compensate restore reintegrate educate inform raise:raised reach translate interpret open close commit:committed
		plan:planned launch host invest target prioritize streamline standardize integrate link recognize
		bring:brought find:found give:gave keep:kept meet:met set:set take:took make:made hold:held seek:sought
		teach:taught spend:spent send:sent begin:began grow:grew understand:understood write:wrote see:saw`)
)

func newVocabulary() *vocabulary {
	all := map[string]int{}
	counts(wordsText, all)
	counts(termsText, all)
	v := &vocabulary{past: map[string]string{}}
	weight := func(w string) int { return max(all[w], 3) }
	for _, w := range determiners {
		v.determiners.add(w, weight(w))
	}
	for _, w := range prepositions {
		v.prepositions.add(w, weight(w))
	}
	for _, w := range conjunctions {
		v.conjunctions.add(w, weight(w))
	}
	for _, w := range modals {
		v.modals.add(w, weight(w))
	}
	for _, vb := range verbs {
		base, past, ok := strings.Cut(vb, ":")
		if !ok {
			past = regularPast(base)
		}
		v.past[base] = past
		v.verbs.add(base, weight(base)+weight(past))
	}
	skip := map[string]bool{}
	for _, list := range [][]string{stopwords, determiners, prepositions, conjunctions, modals} {
		for _, w := range list {
			skip[w] = true
		}
	}
	// Sorted, so that the same seed draws the same words.
	keys := make([]string, 0, len(all))
	for w := range all {
		if !skip[w] {
			keys = append(keys, w)
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := all[b] - all[a]; c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	for _, w := range keys {
		v.content.add(w, all[w])
	}
	return v
}

func regularPast(base string) string {
	switch {
	case strings.HasSuffix(base, "e"):
		return base + "d"
	case strings.HasSuffix(base, "y") && !strings.ContainsRune("aeiou", rune(base[len(base)-2])):
		return base[:len(base)-1] + "ied"
	}
	return base + "ed"
}
