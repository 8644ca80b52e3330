package check

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/commonagenda/agenda/generator/model"
)

// organizations checks each organization, then parent cycles across them.
func (c *checker) organizations() {
	// Each organization is checked on its own, so the thousands of a
	// large strategy are checked on every processor; diagnostics are
	// sorted when read, so the order they are found in does not matter.
	orgs := c.s.Organizations
	var wg sync.WaitGroup
	for part := range slices.Chunk(orgs, max(256, (len(orgs)+runtime.GOMAXPROCS(0)-1)/runtime.GOMAXPROCS(0))) {
		wg.Go(func() {
			for _, o := range part {
				c.own(o, func(c *checker) { c.organization(o) })
			}
		})
	}
	wg.Wait()
	parent := func(o *model.Organization) *model.Organization {
		if p := c.s.Organization(o.Parent); p != o {
			return p
		}
		return nil
	}
	for _, cycle := range model.ParentCycles(c.s.Organizations, parent) {
		for i, o := range cycle {
			chain := make([]string, 0, len(cycle)+1)
			for j := range len(cycle) + 1 {
				chain = append(chain, cycle[(i+j)%len(cycle)].Slug)
			}
			c.diags.Errorf(o.Doc.Pos("parent"), "parent cycle: %s", strings.Join(chain, " -> "))
		}
	}
}

// organization checks one organization's slug, references, contact details
// and funding commitments.
func (c *checker) organization(o *model.Organization) {
	d := o.Doc
	c.slug(d, "organization", o.Slug)
	c.single(d, "sector", c.known.sectors, o.Sector)
	c.refs(d, "objectives", c.known.objectives, o.Objectives)
	if o.Parent != "" && o.Parent == o.Slug {
		c.diags.Errorf(d.Pos("parent"), "organization %q cannot be its own parent", o.Slug)
	} else {
		c.single(d, "parent", c.known.organizations, o.Parent)
	}
	c.website(d, o.Website)
	if o.Email != "" {
		if msg := emailProblem(o.Email); msg != "" {
			c.diags.ErrorHint(d.Pos("email"), `like "info@example.org"`, "email %q %s", o.Email, msg)
		}
	}
	if o.Phone != "" {
		if msg := phoneProblem(o.Phone); msg != "" {
			c.diags.ErrorHint(d.Pos("phone"), `like "+1 (202) 555-0100"`, "phone %q %s", o.Phone, msg)
		}
	}
	c.unique(d, "regions", o.Regions, false)
	c.unique(d, "services", o.Services, false)
	for i, f := range o.Funding {
		c.commitment(d, fmt.Sprintf("funding.%d", i), f)
	}
}

// commitment checks one entry of an organization's funding.
func (c *checker) commitment(d *model.Doc, key string, f model.Commitment) {
	c.single(d, key+".objective", c.known.objectives, f.Objective)
	c.amount(d, key+".amount", f.Amount)
	if (f.Year != 0 || present(d, key+".year")) && (f.Year < 1900 || f.Year > 2200) {
		c.diags.ErrorHint(d.Pos(key+".year"), "a four-digit year between 1900 and 2200", "year %d is not plausible", f.Year)
	}
	if f.Recipient != "" && c.single(d, key+".recipient", c.known.recipients, f.Recipient) &&
		c.s.Organization(f.Recipient) != nil && c.s.Partnership(f.Recipient) != nil {
		c.diags.Warnf(d.Pos(key+".recipient"), "recipient %q is both an organization and a partnership; the organization is meant", f.Recipient)
	}
}

// slug checks that an organization's or partnership's file name makes a
// valid slug. The problem is the file's name, so it is reported at its
// opening line, with a name that would do.
func (c *checker) slug(d *model.Doc, kind, slug string) {
	if model.IsSlug(slug) {
		return
	}
	hint := "rename the file using lower-case letters, digits and hyphens"
	if s := model.Slugify(slug); s != "" {
		hint = fmt.Sprintf("rename the file to %s.md", s)
	}
	// Pos of no key is the opening line; unlike d.Open it copes with a nil Doc.
	c.diags.ErrorHint(d.Pos(""), hint, "%s slug %q must be lower-case letters, digits and hyphens", kind, slug)
}

// website checks an optional website key.
func (c *checker) website(d *model.Doc, addr string) {
	if addr == "" {
		return
	}
	if msg := webProblem(addr); msg != "" {
		c.diags.ErrorHint(d.Pos("website"), `like "https://example.org/"`, "website %q %s", addr, msg)
	}
}

// emailProblem says what keeps addr from being a usable e-mail address, or
// returns "".
func emailProblem(addr string) string {
	if strings.HasPrefix(strings.ToLower(addr), "mailto:") {
		return `must not start with "mailto:"`
	}
	if strings.ContainsFunc(addr, isSpace) {
		return "must not contain spaces"
	}
	local, domain, _ := strings.Cut(addr, "@")
	switch {
	case strings.Count(addr, "@") != 1:
		return `must contain exactly one "@"`
	case local == "":
		return `needs a name before the "@"`
	case !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, "."):
		return `needs a domain with a dot after the "@"`
	case strings.ContainsFunc(local, badInAddress):
		return `has a character not allowed before the "@"`
	case strings.ContainsFunc(domain, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '.' }):
		return `may have only letters, digits, "-" and "." after the "@"`
	}
	return ""
}

// badInAddress reports characters that cannot appear unquoted in the name
// part of an address (RFC 5322 specials and control characters).
func badInAddress(r rune) bool {
	return unicode.IsControl(r) || strings.ContainsRune(`<>()[]\,;:"`, r)
}

// minPhoneDigits is the fewest digits a phone number may have: enough for
// short hotline numbers such as 211.
const minPhoneDigits = 3

// phoneProblem says what keeps s from being a phone number, or returns "".
func phoneProblem(s string) string {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+ -.()", r):
		default:
			return "may contain only +, digits, spaces and - . ( )"
		}
	}
	if digits < minPhoneDigits {
		return fmt.Sprintf("needs at least %d digits", minPhoneDigits)
	}
	return ""
}
