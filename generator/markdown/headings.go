package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/yuin/goldmark/ast"
)

// Section anchors are the ids entity pages always carry, whatever their
// body says. Links may point at them ("../objectives/pv-1.md#indicators"),
// and heading ids never take them. The theme must give its sections the
// same ids; SectionAnchors is the one list both sides read.
var (
	ObjectiveSections    = []string{"indicators", "funding", "organizations", "partnerships"}
	OrganizationSections = []string{"objectives", "partnerships", "funding"}
	PartnershipSections  = []string{"members", "objectives"}
)

// SectionAnchors returns the stable section anchors of an entity's page:
// none for plain pages and the home page.
func SectionAnchors(e model.Entity) []string {
	switch e.(type) {
	case *model.Objective:
		return ObjectiveSections
	case *model.Organization:
		return OrganizationSections
	case *model.Partnership:
		return PartnershipSections
	}
	return nil
}

// fallbackID is a heading's id when its text has no letter or digit.
const fallbackID = "section"

// Slug turns heading text into an id: lower-case letters (any script,
// per unicode.IsLetter), ASCII digits, and single hyphens for spaces and
// hyphens; other characters are dropped. Text with nothing left becomes
// "section".
func Slug(text string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r) || '0' <= r && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '-' || r == '_':
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return fallbackID
	}
	return b.String()
}

// idSet hands out ids unique within one document.
type idSet struct {
	taken map[string]bool
	// next is, for an id asked for before, the suffix to try first: with
	// thousands of headings of one text, starting from 1 each time took
	// time in the square of their number (issue 14).
	next map[string]int
}

func newIDSet(reserved map[string]bool) idSet {
	return idSet{taken: reserved, next: map[string]int{}}
}

// unique returns id, or id-1, id-2, ... for the first one not yet taken,
// and takes it.
func (s idSet) unique(id string) string {
	out := id
	n := max(s.next[id], 1)
	if s.taken[out] {
		for out = id + "-" + strconv.Itoa(n); s.taken[out]; n++ {
			out = id + "-" + strconv.Itoa(n+1)
		}
		s.next[id] = n + 1
	}
	s.taken[out] = true
	return out
}

// assignHeadings gives every heading of the tree an id (avoiding the
// reserved section anchors), shifts levels so the top level used becomes
// h2 (the page template owns the only h1), and returns the headings.
func assignHeadings(root ast.Node, src []byte, reserved []string) []model.Heading {
	var nodes []*ast.Heading
	top := 7
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			nodes = append(nodes, h)
			top = min(top, h.Level)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	ids := newIDSet(setOf(reserved))
	out := make([]model.Heading, 0, len(nodes))
	for _, h := range nodes {
		h.Level = min(6, h.Level-top+2)
		text := plainText(h, src)
		id := ids.unique(Slug(text))
		h.SetAttributeString("id", []byte(id))
		out = append(out, model.Heading{Level: h.Level, ID: id, Text: text})
	}
	return out
}
