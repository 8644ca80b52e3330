// Package check validates a loaded strategy as a whole.
//
// The load phase reads each file on its own and reports what one file can
// settle: bad TOML, wrong types, unknown keys, missing required keys. Check
// runs after it, on the whole strategy, and reports every rule of the content
// format that needs more than one file or a closer look at a value:
//
//   - references: a category, sector, organization, partnership or
//     objective that does not exist ("unknown organization "dojj" in lead",
//     with "did you mean "doj"?" or the list of known values as a hint);
//   - identity: objective ids and slugs of the right form, ids unique
//     ignoring case, no parent cycles, nothing its own parent or relative;
//   - values: dates in order, amounts not negative, plausible years,
//     web addresses, e-mail addresses and phone numbers that work;
//   - lists: no entry twice, partnerships with two members and an
//     objective, leads that are members;
//   - URLs: aliases that are paths on this site, and no two sources (pages,
//     aliases, generated pages) producing the same URL.
//
// Each diagnostic sits at the offending key or list element, so a
// contributor (or a pull-request annotation) lands on the right line.
// Check never changes the strategy; package link resolves the references
// afterwards and skips whatever Check reported.
package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// Check reports every cross-entity problem in s. It expects drafts to be
// removed already: a reference to a draft is reported as unknown.
func Check(s *model.Strategy) *diag.List {
	return CheckCached(s, nil)
}

// checker carries the strategy, the diagnostics and the vocabularies that
// references are checked against.
type checker struct {
	s     *model.Strategy
	diags *diag.List

	// known are the vocabularies references are checked against.
	known struct {
		categories, sectors, objectives, organizations, recipients vocab
	}

	// With a Cache: each entity's problems from the last run, when they
	// still stand (reuse), and from this run (found, under mu).
	cache *Cache
	reuse map[any][]diag.Diagnostic
	mu    sync.Mutex
	found map[any][]diag.Diagnostic
	// With a Cache kept between builds: the problems it kept, when they
	// still stand, and this run's, by ownKey (under mu).
	reuseKept, made map[string][]diag.Diagnostic
	changedKept     bool // an entity's problems were not among those kept
	// leak finds the confidential organizations' addresses in texts
	// (nil when there are none).
	leak *leakMatcher
}

// vocab is a set of things a reference may name, with what the hints need.
type vocab struct {
	// kind names a member in messages: "organization".
	kind string
	// has reports whether a value names a member.
	has func(string) bool
	// known lists the members for hints, in a stable order.
	known []string
	// fold makes repeated entries compare ignoring case (objective ids).
	fold bool
	// named, when set, finds the member a value names by another name
	// (an organization by its title or acronym), with that name, for the
	// hint.
	named func(string) (member, name string)
}

func newChecker(s *model.Strategy) *checker {
	c := &checker{s: s, diags: &diag.List{}, leak: newLeakMatcher(s)}
	// Without categories or sectors in site.toml (left out, or the file
	// unreadable), the mistake is site.toml's, reported there once: no
	// file is told that the one it names is unknown.
	c.known.categories = vocab{kind: "category", known: nonEmpty(s.CategoryKeys()),
		has: func(k string) bool { return len(s.Site.Categories) == 0 || s.Category(k) != nil }}
	c.known.sectors = vocab{kind: "sector", known: nonEmpty(s.SectorKeys()),
		has: func(k string) bool { return len(s.Site.Sectors) == 0 || s.Sector(k) != nil }}
	// A file that could not be read still claims its names (see
	// model.Claim): its own error is the one to report, not one in every
	// file that names it.
	c.known.objectives = vocab{kind: "objective", known: nonEmpty(s.ObjectiveIDs()), fold: true,
		has: func(id string) bool { return s.Objective(id) != nil || s.Claimed("objective", id) }}
	c.known.organizations = vocab{kind: "organization", known: nonEmpty(s.OrganizationSlugs()),
		has:   func(slug string) bool { return s.Organization(slug) != nil || s.Claimed("organization", slug) },
		named: organizationNamed(s)}
	c.known.recipients = vocab{kind: "recipient",
		known: nonEmpty(append(s.OrganizationSlugs(), s.PartnershipSlugs()...)),
		has: func(slug string) bool {
			return s.Organization(slug) != nil || s.Partnership(slug) != nil ||
				s.Claimed("organization", slug) || s.Claimed("partnership", slug)
		}}
	return c
}

// nonEmpty drops empty values, which make poor hints.
func nonEmpty(values []string) []string {
	return slices.DeleteFunc(values, func(v string) bool { return v == "" })
}

// present reports whether key was written in the document's front matter.
// A required key that is missing is load's to report, so checks of empty
// values skip it.
func present(d *model.Doc, key string) bool {
	if d == nil {
		return false
	}
	_, ok := d.Keys.Get(key)
	return ok && !unread(d, key)
}

// unread reports whether the value of key could not be read (see
// model.Doc.Unread): it was reported, and nothing that follows from it
// is.
func unread(d *model.Doc, key string) bool {
	return d != nil && slices.Contains(d.Unread, key)
}

// single checks the reference held by one key, such as parent. An empty
// value counts as not given unless the key was written.
func (c *checker) single(d *model.Doc, key string, v vocab, value string) bool {
	// An empty value is no reference: a required key left empty is
	// load's to report ("required key is empty"), once.
	if strings.TrimSpace(value) == "" {
		return false
	}
	return c.ref(d, key, lastPart(key), v, value)
}

// ref checks one reference at key. field names the list or key it sits in
// for the message ("lead"); when it is the vocabulary's kind it is left out.
// It reports whether the value is known.
func (c *checker) ref(d *model.Doc, key, field string, v vocab, value string) bool {
	if v.has(value) {
		return true
	}
	kinds := []string{v.kind}
	if v.kind == "recipient" {
		kinds = []string{"organization", "partnership"}
	}
	for _, kind := range kinds {
		if rel := c.s.Draft(kind, value); rel != "" {
			c.diags.ErrorHint(d.Pos(key), "publish it by taking draft = true out of "+rel+", or build with --drafts to see both",
				"%s %q is a draft, left out of the site", kind, value)
			return false
		}
	}
	msg := fmt.Sprintf("unknown %s %q", v.kind, value)
	if field != v.kind {
		msg += " in " + field
	}
	hint := diag.Suggest(value, v.known)
	if v.named != nil {
		if member, name := v.named(value); member != "" {
			hint = fmt.Sprintf("did you mean %q (%s)? Organizations are named by their file name", member, name)
		}
	}
	c.diags.ErrorHint(d.Pos(key), hint, "%s", msg)
	return false
}

// organizationNamed finds the organization a reference names by its title,
// its acronym or a slug made of either ("DOL", "Department of Labor"):
// references use the file name, which a contributor may not know.
func organizationNamed(s *model.Strategy) func(string) (string, string) {
	return func(value string) (string, string) {
		v := strings.TrimSpace(value)
		slug := model.Slugify(v)
		for _, o := range s.Organizations {
			if strings.EqualFold(v, o.Title) || o.Acronym != "" && strings.EqualFold(v, o.Acronym) ||
				slug != "" && slug == model.Slugify(o.Title) {
				name := o.Title
				if o.Acronym != "" {
					name += ", " + o.Acronym
				}
				return o.Slug, name
			}
		}
		return "", ""
	}
}

// refs checks every entry of the list at key, reporting unknown and
// repeated entries. It returns the known entries, each once.
func (c *checker) refs(d *model.Doc, key string, v vocab, values []string) []string {
	var ok []string
	for _, i := range c.unique(d, key, values, v.fold) {
		if v.has(values[i]) || c.ref(d, key+"."+strconv.Itoa(i), key, v, values[i]) {
			ok = append(ok, values[i])
		}
	}
	return ok
}

// unique reports entries of the list at key that repeat an earlier one and
// returns the indexes of the first occurrences, in order.
func (c *checker) unique(d *model.Doc, key string, values []string, fold bool) []int {
	firsts := make([]int, 0, len(values))
	var seen map[string]int
	if len(values) > 8 {
		seen = make(map[string]int, len(values))
	}
	// A short list, as most are, is searched instead of hashed.
	earlier := func(norm string) (int, bool) {
		if seen != nil {
			first, dup := seen[norm]
			return first, dup
		}
		for _, j := range firsts {
			w := values[j]
			if fold {
				w = strings.ToLower(w)
			}
			if w == norm {
				return j, true
			}
		}
		return 0, false
	}
	for i, v := range values {
		norm := v
		if fold {
			norm = strings.ToLower(v)
		}
		if first, dup := earlier(norm); dup {
			c.diags.ErrorHint(d.Pos(fmt.Sprintf("%s.%d", key, i)),
				firstIn(d.Pos(fmt.Sprintf("%s.%d", key, first))), "duplicate %q in %s", v, key)
			continue
		}
		if seen != nil {
			seen[norm] = i
		}
		firsts = append(firsts, i)
	}
	return firsts
}

// firstIn is the hint pointing at the first of two clashing things.
func firstIn(p diag.Pos) string {
	if p.Path == "" {
		return ""
	}
	return "first in " + p.String()
}
