package check

import (
	"bytes"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/commonagenda/agenda/generator/diag"
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
				c.own(o, func(c *checker) { c.organization(o); c.leaks(o, o.Doc) })
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
		c.parentCycle(len(cycle), func(i int) (string, *model.Doc) { return cycle[i].Slug, cycle[i].Doc })
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
	if o.Hotline != "" {
		if msg := phoneProblem(o.Hotline); msg != "" {
			c.diags.ErrorHint(d.Pos("hotline"), `like "+1 888 373 7888"`, "hotline %q %s", o.Hotline, msg)
		}
	}
	c.unique(d, "regions", o.Regions, false)
	c.unique(d, "services", o.Services, false)
	c.unique(d, "languages", o.Languages, false)
	c.unique(d, "populations", o.Populations, false)
	c.verified(o)
	if o.Confidential {
		c.confidential(o)
	}
	for i, f := range o.Funding {
		c.commitment(d, fmt.Sprintf("funding.%d", i), f)
		if f.Recipient == o.Slug && c.s.Partnership(f.Recipient) == nil {
			c.diags.ErrorHint(d.Pos(fmt.Sprintf("funding.%d.recipient", i)), "leave recipient out for funding the organization spends on its own work",
				"recipient %q is the funder itself", f.Recipient)
		}
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

// verified warns when a directory entry was last confirmed over a year
// ago, or is said to be confirmed on a day still to come: people looking
// for help must be able to trust it.
func (c *checker) verified(o *model.Organization) {
	today := c.s.Today
	if o.Verified.IsZero() || today.IsZero() {
		return
	}
	switch {
	case o.Verified.After(today.Time):
		c.diags.WarnHint(o.Doc.Pos("verified"), "write the day the details were confirmed",
			"verified %s is after today (%s)", o.Verified, today)
	case o.Verified.Before(today.AddDate(-1, 0, 0)):
		c.diags.WarnHint(o.Doc.Pos("verified"), fmt.Sprintf("confirm the details with the organization, then write verified = %s", today),
			"details last verified on %s, over a year ago", o.Verified)
	}
}

// streetAddress matches what looks like a street address or a post box:
// a number, a few capitalized words and a street word ("12 Harbor Lane"),
// "PO Box 12", "Suite 4". Capitals keep prose ("in a committed way") out.
var streetAddress = regexp.MustCompile(`\b\d{1,6}[A-Za-z]?\s+(?:[A-Z][\w.'’-]*\s+){0,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Highway|Hwy|Parkway|Pkwy|Terrace|Circle|Square|Sq|Calle|Avenida)\b\.?|\bP\.?\s?O\.?\s+Box\s+\d+|\b(?:Suite|Apt|Unit)\s+#?\d+`)

// addressAt is streetAddress anchored at the start of the text; see
// findAddresses.
var addressAt = regexp.MustCompile(`^(?:` + streetAddress.String() + `)`)

// findAddresses is streetAddress.FindAllIndex(b, -1), several times
// faster: every match starts at a word boundary before a digit or one of
// P, S, A and U, so the pattern is tried, anchored, only there. (An
// unanchored search tries it at every byte.) FuzzFindAddresses holds it
// to the regular expression's answers.
func findAddresses(b []byte) [][]int {
	var out [][]int
	for i := 0; i < len(b); {
		c := b[i]
		if !('0' <= c && c <= '9' || c == 'P' || c == 'S' || c == 'A' || c == 'U') || i > 0 && isWordByte(b[i-1]) {
			i++
			continue
		}
		loc := addressAt.FindIndex(b[i:])
		if loc == nil {
			i++
			continue
		}
		out = append(out, []int{i, i + loc[1]})
		i += loc[1]
	}
	return out
}

// firstAddress is streetAddress.FindString(s).
func firstAddress(s string) string {
	if m := findAddresses([]byte(s)); m != nil {
		return s[m[0][0]:m[0][1]]
	}
	return ""
}

// isWordByte is regexp's \w, of which \b is the edge.
func isWordByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

// confidential warns when a confidential organization's published text
// (its body, summary, hours, services or regions) holds something that
// looks like a street address: only the address key is kept out of the
// site.
func (c *checker) confidential(o *model.Organization) {
	d := o.Doc
	warn := func(pos diag.Pos, where, found string) {
		c.diags.WarnHint(pos, "keep the location out of the text: the address key is the only one never published",
			"%s of a confidential organization looks like it holds a street address (%q)", where, found)
	}
	for _, f := range []struct{ key, value string }{{"title", o.Title}, {"summary", o.Summary}, {"hours", o.Hours}} {
		if m := firstAddress(f.value); m != "" {
			warn(d.Pos(f.key), strconv.Quote(f.key), m)
		}
	}
	for _, list := range []struct {
		key    string
		values []string
	}{{"services", o.Services}, {"regions", o.Regions}, {"languages", o.Languages}, {"populations", o.Populations}} {
		for i, v := range list.values {
			if m := firstAddress(v); m != "" {
				warn(d.Pos(fmt.Sprintf("%s.%d", list.key, i)), strconv.Quote(list.key), m)
			}
		}
	}
	if d == nil {
		return
	}
	// A body a build left unread (model.Doc.BodySum) is read now.
	body, err := d.Markdown()
	if err != nil {
		c.diags.Errorf(diag.Pos{Path: d.Path}, "cannot read the text: %v", err)
		return
	}
	for _, loc := range findAddresses(body) {
		before := body[:loc[0]]
		line := bytes.Count(before, []byte("\n")) + 1
		col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
		warn(diag.Pos{Path: d.Path, Line: line, Col: col}, "the text", string(body[loc[0]:loc[1]]))
	}
}
