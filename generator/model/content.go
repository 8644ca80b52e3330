package model

import "strings"

// Objective is one goal, objective or action of the strategy.
type Objective struct {
	// url is the page's URL once settled (Settle).
	url        string
	ID         string      `toml:"id" agenda:"required" doc:"Permanent identifier such as PV-1.2; never reused. The page URL is built from it." format:"id"`
	Title      string      `toml:"title" agenda:"required" doc:"Short name of the objective."`
	Category   string      `toml:"category" agenda:"required" doc:"A category key (one of the four Ps)." values:"categories"`
	Summary    string      `toml:"summary" agenda:"required" doc:"One plain-language sentence."`
	Parent     string      `toml:"parent" doc:"Id of the objective this one serves (goal, objective, action)." values:"objectives"`
	Sectors    []string    `toml:"sectors" doc:"Sector keys whose contribution the objective needs." values:"sectors"`
	Lead       []string    `toml:"lead" doc:"Slugs of the organizations accountable for it." values:"organizations"`
	Status     string      `toml:"status" doc:"planned (default), in-progress, at-risk, achieved or discontinued." values:"statuses"`
	Start      Date        `toml:"start" doc:"Start date (a TOML date, e.g. 2025-01-01)."`
	Due        Date        `toml:"due" doc:"Due date."`
	Need       *float64    `toml:"need" doc:"Estimated resources needed, in the site currency." min:"0"`
	Related    []string    `toml:"related" doc:"Ids of related objectives." values:"objectives"`
	Indicators []Indicator `toml:"indicators" doc:"How progress is measured." form:"-"`
	Aliases    []string    `toml:"aliases" doc:"Old site paths that must keep working." form:"-"`
	Updated    Date        `toml:"updated" doc:"Date of the last substantive change." form:"-"`
	Weight     int         `toml:"weight" doc:"Order within its category (then by id)." form:"-"`
	Draft      bool        `toml:"draft" doc:"Left out of the site unless built with --drafts." form:"-"`

	Doc *Doc `toml:"-"`

	// Filled by the link phase.
	// Rank is the objective's place in Strategy.Objectives, whose order
	// every list of objectives follows.
	Rank        int             `toml:"-"`
	CategoryRef *Category       `toml:"-"`
	ParentRef   *Objective      `toml:"-"`
	Children    []*Objective    `toml:"-"`
	LeadOrgs    []*Organization `toml:"-"`
	// ListedBy are the organizations whose objectives list this one.
	ListedBy []*Organization `toml:"-"`
	// Partnerships are the partnerships whose objectives list this one.
	Partnerships []*Partnership `toml:"-"`
	// Participants are the leads, the organizations listing it and the
	// members of partnerships listing it, each once.
	Participants []*Organization `toml:"-"`
	// RelatedRefs are related objectives, both ways, each once.
	RelatedRefs []*Objective `toml:"-"`
	// Funding are the commitments naming this objective.
	Funding []*Commitment `toml:"-"`
	// SectorsNeeded resolves Sectors; SectorsPresent are the sectors of
	// the participants; SectorsMissing are needed but not present.
	SectorsNeeded  []*Sector `toml:"-"`
	SectorsPresent []*Sector `toml:"-"`
	SectorsMissing []*Sector `toml:"-"`
}

func (o *Objective) Document() *Doc { return o.Doc }
func (o *Objective) Name() string   { return o.ID + " " + o.Title }

// URL is the objective's permanent page, built from its id.
func (o *Objective) URL() string {
	if o.url != "" {
		return o.url
	}
	return ObjectiveURL(o.ID)
}

// Settle keeps the URL of an objective whose id is read, which its pages
// ask for thousands of times a build; an objective made otherwise makes
// it each time. It writes nothing once settled.
func (o *Objective) Settle() {
	if o.url == "" {
		o.url = o.URL()
	}
}

// ObjectiveURL is the page of the objective with this id.
func ObjectiveURL(id string) string { return "/objectives/" + strings.ToLower(id) + "/" }

// StatusOrDefault returns the status, or "planned" when unset.
func (o *Objective) StatusOrDefault() string {
	if o.Status == "" {
		return DefaultStatus
	}
	return o.Status
}

// Indicator is a measure of an objective's progress.
type Indicator struct {
	Name     string    `toml:"name" agenda:"required" doc:"What is measured."`
	Unit     string    `toml:"unit" doc:"Unit of the values, e.g. people, percent."`
	Baseline *Measure  `toml:"baseline" doc:"Starting point: {value, date}."`
	Target   *Measure  `toml:"target" doc:"Goal: {value, date}."`
	Progress []Measure `toml:"progress" doc:"Measurements so far: [{date, value}, ...]."`
	Source   string    `toml:"source" doc:"Where the figures come from."`
}

// Latest is the dated progress value with the latest date, the one
// listed last among equal dates; false when no progress value is dated.
func (in *Indicator) Latest() (Measure, bool) {
	var out Measure
	found := false
	for _, m := range in.Progress {
		if !m.Date.IsZero() && (!found || !m.Date.Before(out.Date.Time)) {
			out, found = m, true
		}
	}
	return out, found
}

// Measure is a value at a date.
type Measure struct {
	Value float64 `toml:"value" agenda:"required" doc:"The figure."`
	Date  Date    `toml:"date" doc:"When it was measured or is due."`
}

// Organization is one organization that works on the strategy.
type Organization struct {
	// url is the page's URL once settled (Settle).
	url string
	// Slug is the file name without ".md".
	Slug        string   `toml:"-"`
	Title       string   `toml:"title" agenda:"required" doc:"The organization's name."`
	Sector      string   `toml:"sector" agenda:"required" doc:"A sector key." values:"sectors"`
	Acronym     string   `toml:"acronym" doc:"Short name, e.g. DOJ."`
	Summary     string   `toml:"summary" doc:"One sentence on what it does."`
	Objectives  []string `toml:"objectives" doc:"Ids of objectives it works toward." values:"objectives"`
	Parent      string   `toml:"parent" doc:"Slug of the organization it is part of." values:"organizations"`
	Website     string   `toml:"website" doc:"Web address; https or http only." format:"web"`
	Email       string   `toml:"email" doc:"Contact address." format:"email"`
	Phone       string   `toml:"phone" doc:"Contact number: +, digits, spaces, - . ( )." format:"phone"`
	Regions     []string `toml:"regions" doc:"Where it works, e.g. National, Washington."`
	Services    []string `toml:"services" doc:"What it offers, e.g. Hotline."`
	SurvivorLed bool     `toml:"survivor_led" doc:"Led by survivors of trafficking."`
	// The directory of help: who it serves, how to reach it, and when a
	// person last confirmed it.
	Hotline      string       `toml:"hotline" doc:"A number people can call for help, e.g. +1 888 373 7888." format:"phone"`
	Hours        string       `toml:"hours" doc:"When the hotline or office answers, e.g. 24/7 or Mon-Fri 9:00-17:00."`
	Languages    []string     `toml:"languages" doc:"Languages it serves people in, e.g. English, Spanish."`
	Populations  []string     `toml:"populations" doc:"People it serves, e.g. Adults, Youth, Women, Men, LGBTQ+ people."`
	Address      string       `toml:"address" doc:"Street address for visitors. Never published on the site when confidential is true, but this file is as public as the repository: for a place that must stay secret, leave it out."`
	Confidential bool         `toml:"confidential" doc:"Its location must stay secret, as a shelter's: its address is left out of every page and file."`
	Verified     Date         `toml:"verified" doc:"The date a person last confirmed these details with the organization." form:"-"`
	Funding      []Commitment `toml:"funding" doc:"Commitments it makes: objective, amount, year, recipient, note." form:"-"`
	Aliases      []string     `toml:"aliases" doc:"Old site paths that must keep working." form:"-"`
	Updated      Date         `toml:"updated" doc:"Date of the last substantive change." form:"-"`
	Draft        bool         `toml:"draft" doc:"Left out of the site unless built with --drafts." form:"-"`

	Doc *Doc `toml:"-"`

	// Filled by the link phase.
	// Rank is the organization's place in Strategy.Organizations, whose
	// order every list of organizations follows.
	Rank          int             `toml:"-"`
	SectorRef     *Sector         `toml:"-"`
	ObjectiveRefs []*Objective    `toml:"-"`
	ParentRef     *Organization   `toml:"-"`
	Children      []*Organization `toml:"-"`
	// Leads are the objectives it leads.
	Leads []*Objective `toml:"-"`
	// Partnerships it belongs to in any role, each once; LeadOf, MemberOf
	// and FunderOf split them by role.
	Partnerships []*Partnership `toml:"-"`
	LeadOf       []*Partnership `toml:"-"`
	MemberOf     []*Partnership `toml:"-"`
	FunderOf     []*Partnership `toml:"-"`
	// FundingGiven points into Funding; FundingReceived are commitments
	// naming it as recipient.
	FundingGiven    []*Commitment `toml:"-"`
	FundingReceived []*Commitment `toml:"-"`
	// Categories of the objectives it works on (listed, led, or through
	// its partnerships), in display order.
	Categories []*Category `toml:"-"`
}

// PublicAddress is the address to publish: none for a confidential
// organization. Every page and file takes the address from here.
func (o *Organization) PublicAddress() string {
	if o.Confidential {
		return ""
	}
	return o.Address
}

func (o *Organization) Document() *Doc { return o.Doc }
func (o *Organization) URL() string {
	if o.url != "" {
		return o.url
	}
	return "/organizations/" + o.Slug + "/"
}

// Settle keeps the URL (see Objective.Settle).
func (o *Organization) Settle() {
	if o.url == "" {
		o.url = o.URL()
	}
}
func (o *Organization) Name() string { return o.Title }

// IsSurvivorLed reports whether the organization is survivor-led by flag
// or by sector.
func (o *Organization) IsSurvivorLed() bool { return o.SurvivorLed || o.Sector == SurvivorLedSector }

// SurvivorLedSector is the sector of organizations led by survivors; an
// organization in another sector says so with survivor_led = true.
const SurvivorLedSector = "survivor-led"

// MaxAmount is the largest amount (a commitment's, an objective's need)
// a strategy may hold, a thousand trillion in any currency: the sums of
// thousands of them are still exact in whole cents.
const MaxAmount = 1e15

// MaxFigure bounds an indicator's values, either way: differences and
// rates made of them stay finite.
const MaxFigure = 1e15

// Commitment is funding an organization commits to an objective.
type Commitment struct {
	Objective string  `toml:"objective" agenda:"required" doc:"Id of the objective funded." values:"objectives"`
	Amount    float64 `toml:"amount" agenda:"required" doc:"Amount in the site currency, 0 or more." min:"0"`
	Year      int     `toml:"year" doc:"Year of the commitment."`
	Recipient string  `toml:"recipient" doc:"Slug of the organization or partnership receiving it." values:"recipients"`
	Note      string  `toml:"note" doc:"Anything a reader should know."`

	// Filled by the link phase.
	Funder                *Organization `toml:"-"`
	ObjectiveRef          *Objective    `toml:"-"`
	RecipientOrganization *Organization `toml:"-"`
	RecipientPartnership  *Partnership  `toml:"-"`
	// Index is the commitment's place in its funder's funding list.
	Index int `toml:"-"`
}

// IsGrant reports whether a linked commitment says all a grant needs
// (360Giving): its funder, objective, recipient and year.
func (c *Commitment) IsGrant() bool {
	return c.Year != 0 && c.Funder != nil && c.ObjectiveRef != nil && (c.RecipientOrganization != nil || c.RecipientPartnership != nil)
}

// Partnership is a group of organizations working together on objectives.
type Partnership struct {
	// url is the page's URL once settled (Settle).
	url string
	// Slug is the file name without ".md".
	Slug       string   `toml:"-"`
	Title      string   `toml:"title" agenda:"required" doc:"The partnership's name."`
	Members    []string `toml:"members" agenda:"required" doc:"Slugs of at least two member organizations." values:"organizations" min:"2"`
	Objectives []string `toml:"objectives" agenda:"required" doc:"Ids of at least one objective it works on." values:"objectives" min:"1"`
	Lead       []string `toml:"lead" doc:"Slugs of leading members." values:"organizations"`
	Funders    []string `toml:"funders" doc:"Slugs of funding organizations." values:"organizations"`
	Kind       string   `toml:"kind" doc:"task-force, coalition, alliance, working-group, network or agreement." values:"kinds"`
	Level      string   `toml:"level" doc:"cooperation, coordination or collaboration." values:"levels"`
	Started    Date     `toml:"started" doc:"Date it started."`
	Ended      Date     `toml:"ended" doc:"Date it ended."`
	Regions    []string `toml:"regions" doc:"Where it works."`
	Website    string   `toml:"website" doc:"Web address; https or http only." format:"web"`
	Summary    string   `toml:"summary" doc:"One sentence on what it does."`
	Aliases    []string `toml:"aliases" doc:"Old site paths that must keep working." form:"-"`
	Updated    Date     `toml:"updated" doc:"Date of the last substantive change." form:"-"`
	Draft      bool     `toml:"draft" doc:"Left out of the site unless built with --drafts." form:"-"`

	Doc *Doc `toml:"-"`

	// Filled by the link phase.
	// Rank is the partnership's place in Strategy.Partnerships, whose
	// order every list of partnerships follows.
	Rank          int             `toml:"-"`
	MemberOrgs    []*Organization `toml:"-"`
	LeadOrgs      []*Organization `toml:"-"`
	FunderOrgs    []*Organization `toml:"-"`
	ObjectiveRefs []*Objective    `toml:"-"`
	// MembersBySector groups MemberOrgs by sector, in sector order.
	MembersBySector []SectorGroup `toml:"-"`
	// Sectors are its members' sectors; Categories its objectives'.
	Sectors    []*Sector   `toml:"-"`
	Categories []*Category `toml:"-"`
	// FundingReceived are commitments naming it as recipient.
	FundingReceived []*Commitment `toml:"-"`
}

func (p *Partnership) Document() *Doc { return p.Doc }
func (p *Partnership) URL() string {
	if p.url != "" {
		return p.url
	}
	return "/partnerships/" + p.Slug + "/"
}

// Settle keeps the URL (see Objective.Settle).
func (p *Partnership) Settle() {
	if p.url == "" {
		p.url = p.URL()
	}
}
func (p *Partnership) Name() string { return p.Title }

// SectorGroup is a sector and some organizations in it.
type SectorGroup struct {
	Sector        *Sector
	Organizations []*Organization
}

// Page is a plain page: content/about.md, content/help/faq.md, or the home
// page's introduction content/_index.md.
type Page struct {
	Title       string   `toml:"title" agenda:"required" doc:"The page's title."`
	Description string   `toml:"description" doc:"One sentence for meta tags and lists."`
	Weight      int      `toml:"weight" doc:"Order in menus and lists."`
	Aliases     []string `toml:"aliases" doc:"Old site paths that must keep working."`
	Updated     Date     `toml:"updated" doc:"Date of the last substantive change."`
	Draft       bool     `toml:"draft" doc:"Left out of the site unless built with --drafts."`

	// Path is the page's URL path: "/about/", "/help/faq/", "/" for the home.
	Path string `toml:"-"`
	Doc  *Doc   `toml:"-"`
}

func (p *Page) Document() *Doc { return p.Doc }
func (p *Page) URL() string    { return p.Path }
func (p *Page) Name() string   { return p.Title }
