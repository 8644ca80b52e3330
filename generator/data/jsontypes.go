package data

// The types of strategy.json and of each objective's index.json, version
// 1. They are separate from the model's types, which link to each other in
// cycles: here every reference is an id, slug or key, and every field name
// is part of a published format, so renaming or removing one is a
// breaking change that needs a new version number (adding one is not).
//
// The doc tags are the published documentation: the /data/ page lists
// every field with its type and doc (see Fields), so it cannot drift from
// the files.

// Version is the version of the JSON formats.
const Version = 1

// JSONStrategy is the whole of strategy.json.
type JSONStrategy struct {
	Version       int                `json:"version" doc:"Version of this format; it changes only when a field is renamed or removed."`
	Generator     string             `json:"generator" doc:"The program that wrote the file: Common Agenda."`
	AsOf          string             `json:"as_of,omitempty" doc:"The date overdue objectives were counted against (YYYY-MM-DD)."`
	Site          JSONSite           `json:"site" doc:"The strategy as a whole."`
	Categories    []JSONTerm         `json:"categories" doc:"The four Ps, in display order."`
	Sectors       []JSONTerm         `json:"sectors" doc:"The sectors, in display order."`
	Objectives    []JSONObjective    `json:"objectives" doc:"Every goal, objective and action, in display order."`
	Organizations []JSONOrganization `json:"organizations" doc:"Every organization, by title."`
	Partnerships  []JSONPartnership  `json:"partnerships" doc:"Every partnership, by title."`
	Coverage      []JSONCell         `json:"coverage" doc:"The category × sector matrix, one entry per P and sector."`
	Funding       JSONFunding        `json:"funding" doc:"Funding totals."`
}

// JSONSite describes the strategy as a whole.
type JSONSite struct {
	Title       string `json:"title" doc:"The strategy's name."`
	Description string `json:"description,omitempty" doc:"One sentence about it."`
	BaseURL     string `json:"base_url" doc:"Where the site is published."`
	Currency    string `json:"currency" doc:"ISO 4217 code of every amount."`
	Language    string `json:"language" doc:"Language tag of the content."`
}

// JSONTerm is a category (one of the four Ps) or a sector.
type JSONTerm struct {
	Key         string `json:"key" doc:"Key used in other entries."`
	Title       string `json:"title" doc:"Display name."`
	Description string `json:"description,omitempty" doc:"What it covers."`
	URL         string `json:"url" doc:"Its page on the site."`
}

// JSONObjective is a goal, objective or action, with its figures.
type JSONObjective struct {
	ID               string           `json:"id" doc:"Permanent identifier, e.g. PV-1.2."`
	Title            string           `json:"title" doc:"Short name."`
	Category         string           `json:"category" doc:"Category key."`
	Summary          string           `json:"summary" doc:"One plain-language sentence."`
	Parent           string           `json:"parent,omitempty" doc:"Id of the objective it serves."`
	Children         []string         `json:"children" doc:"Ids of the objectives serving it."`
	Sectors          []string         `json:"sectors" doc:"Keys of the sectors it needs."`
	SectorsMissing   []string         `json:"sectors_missing" doc:"Keys of needed sectors no participating organization belongs to."`
	Lead             []string         `json:"lead" doc:"Slugs of the lead organizations."`
	Status           string           `json:"status" doc:"planned, in-progress, at-risk, achieved or discontinued."`
	Overdue          bool             `json:"overdue" doc:"Due before as_of and neither achieved nor discontinued."`
	Start            string           `json:"start,omitempty" doc:"Start date."`
	Due              string           `json:"due,omitempty" doc:"Due date."`
	Need             *float64         `json:"need,omitempty" doc:"Estimated need, in the site currency."`
	FundingCommitted float64          `json:"funding_committed" doc:"Sum of every commitment naming it, all years, not counting its children's."`
	FundingGap       *float64         `json:"funding_gap,omitempty" doc:"need minus funding_committed when positive, else 0; omitted without a need."`
	Funding          []JSONCommitment `json:"funding" doc:"The commitments naming it, by funder."`
	Related          []string         `json:"related" doc:"Ids of related objectives, both directions."`
	Indicators       []JSONIndicator  `json:"indicators" doc:"How progress is measured."`
	Organizations    []string         `json:"organizations" doc:"Slugs of every participating organization: leads, those listing it, members of partnerships listing it."`
	Partnerships     []string         `json:"partnerships" doc:"Slugs of the partnerships listing it."`
	Shortfalls       []JSONShortfall  `json:"shortfalls" doc:"Its shortfalls, as on the coverage page."`
	Aliases          []string         `json:"aliases" doc:"Old site paths that redirect to its page."`
	Updated          string           `json:"updated,omitempty" doc:"Date of the last substantive change."`
	URL              string           `json:"url" doc:"Its permanent page."`
}

// JSONIndicator is a measure of an objective's progress.
type JSONIndicator struct {
	Name     string        `json:"name" doc:"What is measured."`
	Unit     string        `json:"unit,omitempty" doc:"Unit of the values."`
	Source   string        `json:"source,omitempty" doc:"Where the figures come from."`
	Baseline *JSONMeasure  `json:"baseline,omitempty" doc:"Starting point."`
	Target   *JSONMeasure  `json:"target,omitempty" doc:"Goal."`
	Progress []JSONMeasure `json:"progress" doc:"Measurements so far, as listed."`
	Expected *float64      `json:"expected,omitempty" doc:"Value of the straight line from baseline to target at the latest measurement's date; omitted when it cannot be drawn."`
	OffTrack *bool         `json:"off_track,omitempty" doc:"Whether the latest measurement is behind that line; omitted with expected."`
}

// JSONMeasure is a value at a date (YYYY-MM-DD, omitted when unknown).
type JSONMeasure struct {
	Value float64 `json:"value" doc:"The figure."`
	Date  string  `json:"date,omitempty" doc:"When it was measured or is due."`
}

// JSONShortfall is one shortfall of an objective or partnership.
type JSONShortfall struct {
	Kind      string   `json:"kind" doc:"no-lead, no-partnership, no-funding, below-need, sector-absent, overdue, off-track or no-survivor-voice."`
	Title     string   `json:"title" doc:"The kind in words."`
	Reason    string   `json:"reason" doc:"Why, in a sentence."`
	Gap       *float64 `json:"gap,omitempty" doc:"Amount short of need (no-funding and below-need with a need)."`
	Sectors   []string `json:"sectors,omitempty" doc:"Keys of the absent sectors (sector-absent)."`
	Indicator string   `json:"indicator,omitempty" doc:"Name of the indicator off track (off-track)."`
}

// JSONOrganization is an organization working on the strategy.
type JSONOrganization struct {
	Slug         string           `json:"slug" doc:"Permanent identifier, the file name."`
	Title        string           `json:"title" doc:"Name."`
	Sector       string           `json:"sector" doc:"Sector key."`
	Acronym      string           `json:"acronym,omitempty" doc:"Short name."`
	Summary      string           `json:"summary,omitempty" doc:"What it does."`
	Objectives   []string         `json:"objectives" doc:"Ids of the objectives it lists."`
	Parent       string           `json:"parent,omitempty" doc:"Slug of the organization it is part of."`
	Website      string           `json:"website,omitempty" doc:"Web address."`
	Email        string           `json:"email,omitempty" doc:"Contact address."`
	Phone        string           `json:"phone,omitempty" doc:"Contact number."`
	Hotline      string           `json:"hotline,omitempty" doc:"A number people can call for help."`
	Hours        string           `json:"hours,omitempty" doc:"When it answers."`
	Languages    []string         `json:"languages" doc:"Languages it serves people in."`
	Populations  []string         `json:"populations" doc:"People it serves."`
	Address      string           `json:"address,omitempty" doc:"Street address; absent when the location is confidential."`
	Confidential bool             `json:"confidential" doc:"Its location is kept confidential."`
	Verified     string           `json:"verified,omitempty" doc:"Date a person last confirmed its details."`
	Regions      []string         `json:"regions" doc:"Where it works."`
	Services     []string         `json:"services" doc:"What it offers."`
	SurvivorLed  bool             `json:"survivor_led" doc:"Flagged survivor-led or in the survivor-led sector."`
	Funding      []JSONCommitment `json:"funding" doc:"Commitments it makes."`
	Partnerships []string         `json:"partnerships" doc:"Slugs of its partnerships, in any role."`
	Aliases      []string         `json:"aliases" doc:"Old site paths."`
	Updated      string           `json:"updated,omitempty" doc:"Date of the last substantive change."`
	URL          string           `json:"url" doc:"Its page."`
}

// JSONCommitment is funding an organization commits to an objective.
type JSONCommitment struct {
	Funder    string  `json:"funder,omitempty" doc:"Slug of the funder (in an objective's list only)."`
	Objective string  `json:"objective" doc:"Id of the objective funded."`
	Amount    float64 `json:"amount" doc:"Amount in the site currency."`
	Year      int     `json:"year,omitempty" doc:"Year of the commitment."`
	Recipient string  `json:"recipient,omitempty" doc:"Slug of the receiving organization or partnership."`
	Note      string  `json:"note,omitempty" doc:"Anything a reader should know."`
}

// JSONPartnership is a group of organizations working together.
type JSONPartnership struct {
	Slug          string          `json:"slug" doc:"Permanent identifier, the file name."`
	Title         string          `json:"title" doc:"Name."`
	Members       []string        `json:"members" doc:"Slugs of its members."`
	Lead          []string        `json:"lead" doc:"Slugs of its leading members."`
	Funders       []string        `json:"funders" doc:"Slugs of its funders."`
	Objectives    []string        `json:"objectives" doc:"Ids of the objectives it works on."`
	Kind          string          `json:"kind,omitempty" doc:"task-force, coalition, alliance, working-group, network or agreement."`
	Level         string          `json:"level,omitempty" doc:"cooperation, coordination or collaboration."`
	Started       string          `json:"started,omitempty" doc:"Start date."`
	Ended         string          `json:"ended,omitempty" doc:"End date."`
	Regions       []string        `json:"regions" doc:"Where it works."`
	Website       string          `json:"website,omitempty" doc:"Web address."`
	Summary       string          `json:"summary,omitempty" doc:"What it does."`
	Sectors       []string        `json:"sectors" doc:"Its members' sector keys."`
	Categories    []string        `json:"categories" doc:"Its objectives' category keys."`
	SurvivorVoice bool            `json:"survivor_voice" doc:"Whether any member is survivor-led."`
	Shortfalls    []JSONShortfall `json:"shortfalls" doc:"Its shortfalls (no-survivor-voice)."`
	Aliases       []string        `json:"aliases" doc:"Old site paths."`
	Updated       string          `json:"updated,omitempty" doc:"Date of the last substantive change."`
	URL           string          `json:"url" doc:"Its page."`
}

// JSONCell is one cell of the coverage matrix.
type JSONCell struct {
	Category      string   `json:"category" doc:"Category key."`
	Sector        string   `json:"sector" doc:"Sector key."`
	Organizations []string `json:"organizations" doc:"Slugs of the organizations in the sector working on objectives of the category."`
	Partnerships  []string `json:"partnerships" doc:"Slugs of the partnerships listing objectives of the category with a member in the sector."`
}

// JSONFunding sums every commitment; each list adds up to total.
type JSONFunding struct {
	Total       float64     `json:"total" doc:"Sum of every commitment."`
	Commitments int         `json:"commitments" doc:"How many commitments there are."`
	ByCategory  []JSONTotal `json:"by_category" doc:"Per category key, in display order."`
	ByFunder    []JSONTotal `json:"by_funder" doc:"Per funder slug, largest first."`
	ByRecipient []JSONTotal `json:"by_recipient" doc:"Per recipient slug, largest first; an empty key sums commitments naming no recipient."`
}

// JSONTotal is a sum of commitments for one key.
type JSONTotal struct {
	Key         string  `json:"key" doc:"The category key, or funder or recipient slug."`
	Amount      float64 `json:"amount" doc:"Sum of its commitments."`
	Commitments int     `json:"commitments" doc:"How many commitments."`
}

// JSONObjectiveFile is an objective's index.json, next to its page, for
// funders' tools that follow one objective.
type JSONObjectiveFile struct {
	Version   int           `json:"version" doc:"Version of this format, as strategy.json's."`
	Generator string        `json:"generator" doc:"The program that wrote the file."`
	AsOf      string        `json:"as_of,omitempty" doc:"The date overdue was counted against."`
	Currency  string        `json:"currency" doc:"ISO 4217 code of every amount."`
	Strategy  string        `json:"strategy" doc:"Address of strategy.json, for everything else."`
	Objective JSONObjective `json:"objective" doc:"The objective, as in strategy.json."`
}
