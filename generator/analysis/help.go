package analysis

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/commonagenda/agenda/generator/model"
)

// Help is the directory of help: the organizations that say how they
// help people, and the ways a reader narrows it down.
type Help struct {
	// Providers are the organizations that help people directly (see
	// Helps): those with a hotline first, each group in the strategy's
	// order of organizations.
	Providers []*model.Organization
	// Facets are the ways to narrow the list, in the order pages show
	// them: service, region, language, population.
	Facets []Facet
}

// Facet is one way to narrow the directory, and its values.
type Facet struct {
	// Key names it in paths ("services"); Title and One in words ("By
	// service", "service").
	Key, Title, One string
	Values          []FacetValue
}

// FacetValue is one value of a facet and the providers that have it.
type FacetValue struct {
	// Slug names it in paths; Label is how the first organization to
	// give it (in the strategy's order) writes it.
	Slug, Label string
	Providers   []*model.Organization
}

// facets say where each facet's values are.
var facets = []struct {
	key, title, one string
	values          func(*model.Organization) []string
}{
	{"services", "By service", "service", func(o *model.Organization) []string { return o.Services }},
	{"regions", "By region", "region", func(o *model.Organization) []string { return o.Regions }},
	{"languages", "By language", "language", func(o *model.Organization) []string { return o.Languages }},
	{"populations", "By people served", "people served", func(o *model.Organization) []string { return o.Populations }},
}

// Helps reports whether an organization helps people directly: it has a
// help line, or says whom it serves or in which languages. Services
// alone do not say so (research and funding are services too).
func Helps(o *model.Organization) bool {
	return o.Hotline != "" || len(o.Languages) > 0 || len(o.Populations) > 0
}

// scriptSlug is the slug of a value written in a script model.Slugify
// does not read (中文, العربية, Русский, which it makes ""): its letters
// and digits lower-cased, as they are, joined by hyphens. A person who
// reads only that language needs its filter most; the address is
// percent-encoded in links. "" when it has no letter or digit.
func scriptSlug(v string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range v {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
			hyphen = false
			continue
		}
		hyphen = true
	}
	return b.String()
}

// HelpOf makes the directory of help of s. It reads only the
// organizations' own front matter and their order, so it may run while
// the strategy is being linked (link.Options.Sorted).
func HelpOf(s *model.Strategy) Help {
	var h Help
	for _, o := range s.Organizations {
		if Helps(o) {
			h.Providers = append(h.Providers, o)
		}
	}
	hotlineFirst(h.Providers)
	// The values come from a small vocabulary that thousands of
	// organizations share: each is made a slug once.
	slugs := map[string]string{}
	slugOf := func(v string) string {
		slug, ok := slugs[v]
		if !ok {
			slug = model.Slugify(v)
			if slug == "" {
				slug = scriptSlug(v)
			}
			slugs[v] = slug
		}
		return slug
	}
	// One pass over the organizations makes every facet: each
	// organization is read once, not once per facet.
	type building struct {
		facet Facet
		at    map[string]int
	}
	built := make([]building, len(facets))
	for i, f := range facets {
		built[i] = building{facet: Facet{Key: f.key, Title: f.title, One: f.one}, at: map[string]int{}}
	}
	seen := map[string]bool{}
	for _, o := range h.Providers {
		for i, f := range facets {
			b := &built[i]
			values := f.values(o)
			if len(values) == 0 {
				continue
			}
			clear(seen)
			for _, v := range values {
				slug := slugOf(v)
				if slug == "" || seen[slug] {
					continue
				}
				seen[slug] = true
				j, ok := b.at[slug]
				if !ok {
					j = len(b.facet.Values)
					b.at[slug] = j
					b.facet.Values = append(b.facet.Values, FacetValue{Slug: slug, Label: strings.TrimSpace(v)})
				}
				b.facet.Values[j].Providers = append(b.facet.Values[j].Providers, o)
			}
		}
	}
	for _, b := range built {
		slices.SortFunc(b.facet.Values, func(a, b FacetValue) int {
			return cmp.Or(compareFold(a.Label, b.Label), strings.Compare(a.Slug, b.Slug))
		})
		h.Facets = append(h.Facets, b.facet)
	}
	return h
}

// hotlineFirst puts the organizations with a hotline first, keeping
// the order within each group.
func hotlineFirst(orgs []*model.Organization) {
	slices.SortStableFunc(orgs, func(a, b *model.Organization) int {
		return cmp.Compare(hotlineRank(a), hotlineRank(b))
	})
}

func hotlineRank(o *model.Organization) int {
	if o.Hotline != "" {
		return 0
	}
	return 1
}

func compareFold(a, b string) int {
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}

// Facet returns the facet with key, or nil.
func (h *Help) Facet(key string) *Facet {
	for i := range h.Facets {
		if h.Facets[i].Key == key {
			return &h.Facets[i]
		}
	}
	return nil
}

// Value returns the value of the facet with slug, or nil.
func (f *Facet) Value(slug string) *FacetValue {
	for i := range f.Values {
		if f.Values[i].Slug == slug {
			return &f.Values[i]
		}
	}
	return nil
}
