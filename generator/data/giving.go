package data

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// This file writes the funding commitments as 360Giving data
// (https://standard.threesixtygiving.org/), the open standard funders
// publish their grants in: /data/360giving.json is a 360Giving JSON
// package ({"grants": [...]}, schema version 1.4) and /data/360giving.csv
// the same grants under the standard's column titles, one row a grant.
//
// A grant is a commitment that names a recipient and a year: 360Giving
// requires both a recipient organisation and an award date, so a
// commitment without either is left out (it is in funding.csv and
// strategy.json all the same). The award date is the first of January
// of the commitment's year, as only the year is known.
//
// Identifiers follow the standard's guidance: every one starts with the
// publisher's 360Giving prefix. A strategy has none of its own yet, so
// they start with GivingPrefix, a placeholder that says so: a publisher
// registers a prefix with 360Giving before sending the data to them.
//
//	grant         <prefix>-<funder slug>-<12 hex digits>
//	organization  <prefix>-org-<slug>
//	partnership   <prefix>-partnership-<slug>
//
// The hex digits are the start of the SHA-256 of the commitment's
// objective id (lower case), year and recipient: a grant keeps its
// identifier when its amount or note change and when the funder's
// commitments are reordered, added or removed. A funder's second
// commitment to the same objective, year and recipient counts as a
// different grant, numbered in the order they are listed. The
// organizations and partnerships have no charity or company numbers in
// the strategy, so their identifiers are internal ones made from the
// prefix and their slug, as the standard asks of organisations without
// an official registration number.

// GivingPrefix is the placeholder 360Giving prefix of the identifiers
// in 360giving.json and 360giving.csv, used until site.toml names the
// publisher's own (giving_prefix). It is not registered with 360Giving:
// a publisher registers their own (they all start "360G-").
const GivingPrefix = "360G-agenda"

// Prefix is the 360Giving prefix of a strategy's identifiers: site.toml's
// giving_prefix, else the placeholder GivingPrefix.
func Prefix(s *model.Strategy) string {
	if p := strings.TrimSpace(s.Site.GivingPrefix); p != "" {
		return p
	}
	return GivingPrefix
}

// GivingVersion is the version of the 360Giving Data Standard the
// package follows.
const GivingVersion = "1.4"

// GivingFile and GivingCSVFile are the paths of the 360Giving files in
// the output.
var (
	GivingFile    = Dir + routes.GivingJSON
	GivingCSVFile = Dir + routes.GivingCSV
)

// GivingPackage is 360giving.json: a 360Giving data package.
type GivingPackage struct {
	Version     string          `json:"version"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Publisher   GivingPublisher `json:"publisher"`
	AccessURL   string          `json:"accessURL"`
	DownloadURL string          `json:"downloadURL"`
	Grants      []Grant         `json:"grants"`
}

// GivingPublisher is who publishes the package: the strategy's site.
type GivingPublisher struct {
	Name    string `json:"name"`
	Website string `json:"website"`
}

// Grant is one funding commitment as a 360Giving grant.
type Grant struct {
	ID                    string           `json:"id"`
	Title                 string           `json:"title"`
	Description           string           `json:"description"`
	Currency              string           `json:"currency"`
	AmountAwarded         float64          `json:"amountAwarded"`
	AwardDate             string           `json:"awardDate"`
	URL                   string           `json:"url"`
	RecipientOrganization []GivingOrg      `json:"recipientOrganization"`
	FundingOrganization   []GivingOrg      `json:"fundingOrganization"`
	GrantProgramme        []GrantProgramme `json:"grantProgramme"`
}

// GivingOrg is a funder or a recipient.
type GivingOrg struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// URL is its own website, when the strategy gives one.
	URL string `json:"url,omitempty"`
}

// GrantProgramme is the objective a grant is for.
type GrantProgramme struct {
	Code  string `json:"code"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Grants are the commitments that 360Giving can describe (a recipient
// and a year), as grants, in the order of funding.csv.
func Grants(s *model.Strategy, rep *analysis.Report, base string) []Grant {
	currency := newEncoder(s, rep, base).currency
	prefix := Prefix(s)
	seen := map[string]int{}
	var out []Grant
	for _, c := range rep.Funding.Commitments {
		if !c.IsGrant() {
			continue
		}
		o := c.ObjectiveRef
		recipient, recipientName := givingRecipient(prefix, c)
		key := c.Funder.Slug + "\x00" + strings.ToLower(o.ID) + "\x00" + strconv.Itoa(c.Year) + "\x00" + recipient.ID
		n := seen[key]
		seen[key]++
		page := absURL(base, o.URL())
		out = append(out, Grant{
			ID:                    grantID(prefix, c.Funder.Slug, key, n),
			Title:                 o.ID + ": " + o.Title,
			Description:           grantDescription(c, currency, recipientName),
			Currency:              currency,
			AmountAwarded:         c.Amount,
			AwardDate:             fmt.Sprintf("%04d-01-01", c.Year),
			URL:                   page,
			RecipientOrganization: []GivingOrg{recipient},
			FundingOrganization:   []GivingOrg{{ID: givingOrgID(prefix, "org", c.Funder.Slug), Name: c.Funder.Title, URL: c.Funder.Website}},
			GrantProgramme:        []GrantProgramme{{Code: o.ID, Title: o.Title, URL: page}},
		})
	}
	return out
}

// grantID is a grant's identifier: the funder's slug and a hash of what
// tells its commitment apart (key), with n the number of commitments of
// the same funder with the same key listed before it.
func grantID(prefix, funder, key string, n int) string {
	if n > 0 {
		key += "\x00" + strconv.Itoa(n)
	}
	sum := sha256.Sum256([]byte(key))
	return prefix + "-" + funder + "-" + hex.EncodeToString(sum[:6])
}

func givingOrgID(prefix, kind, slug string) string { return prefix + "-" + kind + "-" + slug }

func givingRecipient(prefix string, c *model.Commitment) (GivingOrg, string) {
	if o := c.RecipientOrganization; o != nil {
		return GivingOrg{ID: givingOrgID(prefix, "org", o.Slug), Name: o.Title, URL: o.Website}, o.Title
	}
	p := c.RecipientPartnership
	return GivingOrg{ID: givingOrgID(prefix, "partnership", p.Slug), Name: p.Title, URL: p.Website}, p.Title
}

// grantDescription says in a sentence who gives what to whom for what,
// then the commitment's note.
func grantDescription(c *model.Commitment, currency, recipient string) string {
	d := fmt.Sprintf("%s commits %s %s in %d to %s for objective %s, %s.",
		c.Funder.Title, analysis.FormatAmount(c.Amount), currency, c.Year, recipient, c.ObjectiveRef.ID, c.ObjectiveRef.Title)
	if c.Note != "" {
		d += " " + c.Note
	}
	return d
}

// GivingJSON returns 360giving.json.
func GivingJSON(s *model.Strategy, rep *analysis.Report, base string, grants []Grant) ([]byte, error) {
	if grants == nil {
		grants = []Grant{}
	}
	return marshal(GivingPackage{
		Version:     GivingVersion,
		Title:       "Funding commitments of " + s.Site.Title,
		Description: givingDescription(s),
		Publisher:   GivingPublisher{Name: s.Site.Title, Website: base},
		AccessURL:   absURL(base, routes.Data),
		DownloadURL: absURL(base, "/"+GivingFile),
		Grants:      grants,
	}, routes.GivingJSON)
}

// GivingTable is 360giving.csv: the grants under the column titles of
// the 360Giving Data Standard's spreadsheet template.
func GivingTable(grants []Grant) Table {
	first := func(orgs []GivingOrg) GivingOrg { return orgs[0] }
	return table(routes.GivingCSV, "One row per grant: the commitments naming a recipient and a year, by funder.", grants, []col[Grant]{
		{"Identifier", "The grant's identifier (see above).", func(g Grant) string { return text(g.ID) }},
		{"Title", "The objective funded.", func(g Grant) string { return text(g.Title) }},
		{"Description", "Who commits what to whom, and the commitment's note.", func(g Grant) string { return text(g.Description) }},
		{"Currency", "ISO 4217 code of the amount.", func(g Grant) string { return g.Currency }},
		{"Amount Awarded", "The amount committed.", func(g Grant) string { return number(g.AmountAwarded) }},
		{"Award Date", "1 January of the commitment's year (YYYY-MM-DD).", func(g Grant) string { return g.AwardDate }},
		{"URL", "The objective's page.", func(g Grant) string { return g.URL }},
		{"Recipient Org:Identifier", "The recipient organization's or partnership's identifier.", func(g Grant) string { return text(first(g.RecipientOrganization).ID) }},
		{"Recipient Org:Name", "Its name.", func(g Grant) string { return text(first(g.RecipientOrganization).Name) }},
		{"Recipient Org:Web Address", "Its website, when known.", func(g Grant) string { return first(g.RecipientOrganization).URL }},
		{"Funding Org:Identifier", "The funder's identifier.", func(g Grant) string { return text(first(g.FundingOrganization).ID) }},
		{"Funding Org:Name", "Its name.", func(g Grant) string { return text(first(g.FundingOrganization).Name) }},
		{"Funding Org:Web Address", "Its website, when known.", func(g Grant) string { return first(g.FundingOrganization).URL }},
		{"Grant Programme:Code", "The objective's id.", func(g Grant) string { return text(g.GrantProgramme[0].Code) }},
		{"Grant Programme:Title", "The objective's title.", func(g Grant) string { return text(g.GrantProgramme[0].Title) }},
		{"Grant Programme:URL", "The objective's page.", func(g Grant) string { return g.GrantProgramme[0].URL }},
	})
}

// givingDescription describes the 360Giving package, saying when its
// prefix is the placeholder.
func givingDescription(s *model.Strategy) string {
	d := "The funding commitments of the strategy that name a recipient and a year, as 360Giving grants."
	if Prefix(s) == GivingPrefix {
		d += " Identifiers start with " + GivingPrefix + ", a placeholder: this publisher has not registered a 360Giving prefix."
	}
	return d
}
