package check

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// A confidential organization's address is never published (see
// model.Organization.PublicAddress), but the same words written anywhere
// else would be: in its acronym or a funding note, in a map link, in
// another organization's or a partnership's text. leakMatcher finds them.
// An address is known by the words of its street part (before its first
// comma: "1234 Secretlane Ave"), compared without case, accents of width
// (full-width digits), punctuation or spacing, so that "1234
// SECRETLANE ave.", "1234+Secretlane+Ave" and a line broken between the
// words all match. Each text is read once: it is first searched for the
// numbers the street parts hold, which few texts have, and only around
// them for the words.
type leakMatcher struct {
	addrs []leakAddress
	// byNumber are the addresses whose street part holds each number;
	// plain are those whose street part holds none, which every text is
	// searched for word by word.
	byNumber map[string][]int
	plain    []int
}

type leakAddress struct {
	org   *model.Organization
	words []string
}

// newLeakMatcher knows the addresses of the confidential organizations
// of s; nil when there are none.
func newLeakMatcher(s *model.Strategy) *leakMatcher {
	m := &leakMatcher{byNumber: map[string][]int{}}
	for _, o := range s.Organizations {
		if !o.Confidential || strings.TrimSpace(o.Address) == "" {
			continue
		}
		street, _, _ := strings.Cut(o.Address, ",")
		words := addressWords(street)
		if len(words) < 2 {
			words = addressWords(o.Address)
		}
		if len(words) < 2 {
			continue // one word ("Downtown") would be found everywhere
		}
		i := len(m.addrs)
		m.addrs = append(m.addrs, leakAddress{o, words})
		numbered := false
		for _, w := range words {
			if isNumber(w) {
				m.byNumber[w] = append(m.byNumber[w], i)
				numbered = true
			}
		}
		if !numbered {
			m.plain = append(m.plain, i)
		}
	}
	if len(m.addrs) == 0 {
		return nil
	}
	return m
}

// ConfidentialText returns a function that reports whether a text holds
// the address of one of the confidential organizations of s, compared as
// check compares every content text (see leakMatcher); nil when s has
// none. A build withholds such texts it does not check, which no pull
// request can change: the subjects of commits in the history.
func ConfidentialText(s *model.Strategy) func(text string) bool {
	m := newLeakMatcher(s)
	if m == nil {
		return nil
	}
	return func(text string) bool {
		a, _ := m.find([]byte(text))
		return a >= 0
	}
}

// vocab is what the matcher finds, for the cache of each entity's own
// problems: another address makes them all checked again.
func (m *leakMatcher) vocab() []string {
	if m == nil {
		return nil
	}
	out := []string{"\x00addresses"}
	for _, a := range m.addrs {
		out = append(out, a.org.Slug+"\x00"+strings.Join(a.words, " "))
	}
	return out
}

// addressWords are the words of s as addresses are compared (see
// eachWord).
func addressWords(s string) []string {
	var words []string
	eachWord([]byte(s), 0, func(w string, _ int) { words = append(words, w) })
	return words
}

// eachWord calls f with each word of text[from:] and where it starts:
// letters and digits lower-cased, full-width forms made ASCII, the kinds
// of street in their short forms (streetWord); invisible characters (a
// soft hyphen) are skipped, and anything else (punctuation, spaces of any
// kind, a URL's %20) breaks words.
func eachWord(text []byte, from int, f func(w string, start int)) {
	var w []rune
	start := 0
	end := func() {
		if len(w) > 0 {
			f(streetWord(string(w)), start)
			w = w[:0]
		}
	}
	for i := from; i < len(text); {
		if text[i] == '%' && i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]) {
			end()
			i += 3
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0 // full-width ASCII
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if len(w) == 0 {
				start = i
			}
			w = append(w, unicode.ToLower(r))
		case unicode.Is(unicode.Cf, r):
		default:
			end()
		}
		i += n
	}
	end()
}

// streetWord is the word w as addresses are compared: the kinds of
// street in their short forms ("Avenue" and "Ave" are one word).
func streetWord(w string) string {
	if short, ok := streetKinds[w]; ok {
		return short
	}
	return w
}

var streetKinds = map[string]string{
	"avenue": "ave", "street": "st", "road": "rd", "boulevard": "blvd", "lane": "ln", "drive": "dr",
	"court": "ct", "place": "pl", "highway": "hwy", "parkway": "pkwy", "terrace": "ter", "circle": "cir",
	"square": "sq", "suite": "ste", "apartment": "apt", "north": "n", "south": "s", "east": "e", "west": "w",
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// find returns the first address text holds, and where its words start;
// -1 when it holds none. self is left out: its own address key.
func (m *leakMatcher) find(text []byte) (addr int, at int) {
	if m == nil {
		return -1, -1
	}
	// The numbers first: runs of digits, ASCII or full-width.
	for i := 0; i < len(text); {
		c := text[i]
		start := i
		switch {
		case '0' <= c && c <= '9':
			for i < len(text) && '0' <= text[i] && text[i] <= '9' {
				i++
			}
		case c == 0xEF && i+2 < len(text) && text[i+1] == 0xBC && text[i+2] >= 0x90 && text[i+2] <= 0x99:
			for i+2 < len(text) && text[i] == 0xEF && text[i+1] == 0xBC && text[i+2] >= 0x90 && text[i+2] <= 0x99 {
				i += 3
			}
		default:
			i++
			continue
		}
		number := addressWords(string(text[start:i]))
		if len(number) != 1 {
			continue
		}
		for _, a := range m.byNumber[number[0]] {
			if at := m.around(text, start, i, a); at >= 0 {
				return a, at
			}
		}
	}
	for _, a := range m.plain {
		if at := wordsAt(text, 0, m.addrs[a].words); at >= 0 {
			return a, at
		}
	}
	return -1, -1
}

// around looks for address a's words in the text about text[from:to], a
// number it holds: no street part is longer than a few hundred bytes.
func (m *leakMatcher) around(text []byte, from, to, a int) int {
	lo, hi := max(0, from-400), min(len(text), to+400)
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	// Not from the middle of a word: its end alone could pass for one.
	for lo > 0 && lo < from {
		r, _ := utf8.DecodeLastRune(text[:lo])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		_, n := utf8.DecodeRune(text[lo:])
		lo += n
	}
	return wordsAt(text[:hi], lo, m.addrs[a].words)
}

// wordsAt finds words, one after the other, in text[from:], and returns
// the byte where the first starts; -1 when they are not there.
func wordsAt(text []byte, from int, words []string) int {
	type word struct {
		w     string
		start int
	}
	var got []word
	eachWord(text, from, func(w string, start int) { got = append(got, word{w, start}) })
	for i := 0; i+len(words) <= len(got); i++ {
		match := true
		for j, x := range words {
			if got[i+j].w != x {
				match = false
				break
			}
		}
		if match {
			return got[i].start
		}
	}
	return -1
}

// leaks reports every text of the entity e (its front matter's strings,
// its body) that holds a confidential organization's address. The
// organization's own address key is the one place it belongs.
func (c *checker) leaks(e any, d *model.Doc) {
	if c.leak == nil || d == nil {
		return
	}
	self, _ := e.(*model.Organization)
	report := func(pos diag.Pos, where string, a int) {
		o := c.leak.addrs[a].org
		whose := fmt.Sprintf("the address of %s, which is confidential", o.Title)
		if o == self {
			whose = "this organization's confidential address"
		}
		c.diags.ErrorHint(pos, "take the address out of it: a confidential organization's address is never published, anywhere",
			"%s holds %s, and would publish it", where, whose)
	}
	walkStrings(reflect.ValueOf(e).Elem(), "", func(key, value string) {
		if self != nil && key == "address" {
			return
		}
		if a, _ := c.leak.find([]byte(value)); a >= 0 {
			report(d.Pos(key), keyName(key), a)
		}
	})
	// The file's name is in its page's address, the sitemap and the
	// data files.
	if d.Rel != "" {
		c.leakInName(d.Open, d.Rel)
	}
	body, err := d.Markdown()
	if err != nil {
		return // reported by the check of the text
	}
	if a, at := c.leak.find(body); a >= 0 {
		before := body[:at]
		line := bytes.Count(before, []byte("\n")) + 1
		col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
		report(diag.Pos{Path: d.Path, Line: line, Col: col}, "the text", a)
	}
}

// leakInName reports a file whose name (rel, its path in the content
// folder) holds a confidential organization's address: it is published
// in the file's or its page's address.
func (c *checker) leakInName(pos diag.Pos, rel string) {
	if c.leak == nil {
		return
	}
	name := strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '/' || r == '.' {
			return ' '
		}
		return r
	}, rel)
	if a, _ := c.leak.find([]byte(name)); a >= 0 {
		c.diags.ErrorHint(pos, "rename the file: a confidential organization's address is never published, anywhere",
			"the file's name, %s, holds the address of %s, which is confidential, and would publish it in its address on the site", rel, c.leak.addrs[a].org.Title)
	}
}

// keyName names the front-matter key at key for a message: "note", or
// for an entry of a list, entry 1 of "aliases".
func keyName(key string) string {
	last := lastPart(key)
	if n, err := strconv.Atoi(last); err == nil {
		if i := strings.LastIndexByte(key, '.'); i > 0 {
			return fmt.Sprintf("entry %d of %q", n+1, lastPart(key[:i]))
		}
	}
	return fmt.Sprintf("%q", last)
}

// walkStrings calls f with the key (as model.Doc.Pos takes it) and value
// of every string the front matter set in v, a struct: fields, lists and
// tables of them.
func walkStrings(v reflect.Value, prefix string, f func(key, value string)) {
	t := v.Type()
	for i := range t.NumField() {
		field := t.Field(i)
		name := field.Tag.Get("toml")
		if name == "" || name == "-" || !field.IsExported() {
			continue
		}
		walkValue(v.Field(i), prefix+name, f)
	}
}

func walkValue(v reflect.Value, key string, f func(key, value string)) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); s != "" {
			f(key, s)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			walkValue(v.Elem(), key, f)
		}
	case reflect.Struct:
		if v.Type().PkgPath() == "time" || v.Type() == reflect.TypeFor[model.Date]() {
			return
		}
		walkStrings(v, key+".", f)
	case reflect.Slice:
		for i := range v.Len() {
			walkValue(v.Index(i), fmt.Sprintf("%s.%d", key, i), f)
		}
	}
}
