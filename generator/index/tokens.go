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

// Classes of bytes, for eachToken.
const (
	wordClass  = 1    // an ASCII letter or digit
	digitClass = 2    // an ASCII digit
	upperClass = 0x20 // an ASCII upper-case letter: c | upperClass lowers it
	highClass  = 0x80 // part of a character beyond ASCII
)

var byteClass = func() (c [256]uint8) {
	for b := '0'; b <= '9'; b++ {
		c[b] = wordClass | digitClass
	}
	for b := 'a'; b <= 'z'; b++ {
		c[b] = wordClass
		c[b-'a'+'A'] = wordClass | upperClass
	}
	for b := utf8.RuneSelf; b < 256; b++ {
		c[b] = highClass
	}
	return c
}()

// eachToken calls f with the tokens of s, as tokenize finds them, without
// allocating: the text is lower-cased into buf, which it returns to be
// used again, and is only valid during the call. Compounds holding
// characters beyond ASCII, which lower-casing may change in length or
// kind (İ is i and a combining dot), go through tokenize itself.
func eachToken(s string, buf []byte, f func(text []byte, ident bool)) []byte {
	if cap(buf) < len(s) {
		buf = make([]byte, len(s))
	}
	buf = buf[:len(s)] // the lower-cased compound at s[i:j] is buf[i:j]
	for i := 0; i < len(s); {
		if c := byteClass[s[i]]; c&wordClass == 0 {
			if c != highClass {
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				i += n
				continue
			}
		}
		start, j, parts, all, ascii := i, i, 1, uint8(0), true
	scan:
		for {
			for j < len(s) {
				c := s[j]
				k := byteClass[c]
				if k&wordClass == 0 {
					break
				}
				all |= k
				buf[j] = c | k&upperClass
				j++
			}
			if j == len(s) {
				break
			}
			if c := s[j]; c >= utf8.RuneSelf {
				if r, _ := utf8.DecodeRuneInString(s[j:]); isWordRune(r) {
					ascii = false
					break scan
				}
				break
			}
			if j+1 < len(s) && isJoiner(s[j]) {
				switch k := byteClass[s[j+1]]; {
				case k&wordClass != 0:
					buf[j] = s[j]
					j++
					parts++
					continue
				case k == highClass:
					if r, _ := utf8.DecodeRuneInString(s[j+1:]); isWordRune(r) {
						ascii = false
						break scan
					}
				}
			}
			break
		}
		if !ascii {
			j = compoundEnd(s, start)
			for _, tok := range tokenize(s[start:j], nil) {
				f(append(buf[:0], tok.text...), tok.ident)
			}
			i = j
			continue
		}
		i = j
		b := buf[start:j]
		if parts == 1 {
			f(b, false)
			continue
		}
		if all&digitClass != 0 {
			f(b, true)
		}
		from := 0
		for k := 0; k <= len(b); k++ {
			if k == len(b) || isJoiner(b[k]) {
				f(b[from:k], false)
				from = k + 1
			}
		}
	}
	return buf
}

// compoundEnd returns the end of the compound that starts at i, as
// tokenize finds it.
func compoundEnd(s string, i int) int {
	j := i
	for j < len(s) {
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) {
				break
			}
			j += n
		}
		if j+1 < len(s) && isJoiner(s[j]) {
			if r, _ := utf8.DecodeRuneInString(s[j+1:]); isWordRune(r) {
				j++
				continue
			}
		}
		break
	}
	return j
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
