package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// A token is a word as the index sees it: lower-case letters and digits.
// Runs joined by a single '-', '.' or '_' form a compound; a compound that
// holds a digit ("pv-1.2", "2027-12-31") is an identifier and is kept
// whole as well as split, so "PV-1" finds the objective PV-1 rather than
// every page with "pv" and "1". Other compounds ("well-being") are only
// split. search.js tokenizes queries by the same rule.
type token struct {
	text  string
	ident bool // an identifier compound: never stemmed
}

// tokenize appends the tokens of s to out, in reading order. For an
// identifier compound the compound comes first, then its parts.
func tokenize(s string, out []token) []token {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start, parts := i, 0
		hasDigit := false
		j := i
		for j < len(s) {
			// one run of letters and digits
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r) {
					break
				}
				hasDigit = hasDigit || unicode.IsDigit(r)
				j += n
			}
			parts++
			if j+1 < len(s) && isJoiner(s[j]) {
				if r, _ := utf8.DecodeRuneInString(s[j+1:]); isWordRune(r) {
					j++
					continue
				}
			}
			break
		}
		compound := strings.ToLower(s[start:j])
		if parts > 1 && hasDigit {
			out = append(out, token{text: compound, ident: true})
		}
		if parts == 1 {
			out = append(out, token{text: compound})
		} else {
			for _, p := range strings.FieldsFunc(compound, func(r rune) bool { return !isWordRune(r) }) {
				out = append(out, token{text: p})
			}
		}
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isJoiner(b byte) bool { return b == '-' || b == '.' || b == '_' }

// stemmer stems words with the Snowball English (Porter2) algorithm,
// remembering each answer: a site's vocabulary is small next to its word
// count.
type stemmer map[string]string

// stem returns the key a word is indexed under. Identifiers and words
// holding digits are kept as they are.
func (st stemmer) stem(t token) string {
	if t.ident {
		return t.text
	}
	if s, ok := st[t.text]; ok {
		return s
	}
	s := t.text
	if !strings.ContainsAny(s, "0123456789") && isASCII(s) {
		s = english.Stem(s, true)
	}
	st[t.text] = s
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isStopWord reports whether a word is too common to index ("the", "of").
// Queries drop the same words: the manifest carries the list.
func isStopWord(w string) bool { return english.IsStopWord(w) }
