package feeds

// The types of strategy.json, version 1 (see StrategyJSON for the schema
// in brief). They are separate from the model's types, which link to each
// other in cycles: here every reference is an id, slug or key, and every
// field name is part of a published format, so renaming one is a breaking
// change that needs a new version number.

// JSONStrategy is the whole file.
type JSONStrategy struct {
	Version       int                `json:"version"`
	Generator     string             `json:"generator"`
	Site          JSONSite           `json:"site"`
	Categories    []JSONTerm         `json:"categories"`
	Sectors       []JSONTerm         `json:"sectors"`
	Objectives    []JSONObjective    `json:"objectives"`
	Organizations []JSONOrganization `json:"organizations"`
	Partnerships  []JSONPartnership  `json:"partnerships"`
}

// JSONSite describes the strategy as a whole.
type JSONSite struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	BaseURL     string `json:"base_url"`
	Currency    string `json:"currency"`
	Language    string `json:"language"`
}

// JSONTerm is a category (one of the four Ps) or a sector.
type JSONTerm struct {
	Key         string `json:"key"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url"`
}

// JSONObjective is a goal, objective or action.
type JSONObjective struct {
	ID               string          `json:"id"`
	Title            string          `json:"title"`
	Category         string          `json:"category"`
	Summary          string          `json:"summary"`
	Parent           string          `json:"parent,omitempty"`
	Children         []string        `json:"children"`
	Sectors          []string        `json:"sectors"`
	Lead             []string        `json:"lead"`
	Status           string          `json:"status"`
	Start            string          `json:"start,omitempty"`
	Due              string          `json:"due,omitempty"`
	Need             *float64        `json:"need,omitempty"`
	FundingCommitted float64         `json:"funding_committed"`
	Related          []string        `json:"related"`
	Indicators       []JSONIndicator `json:"indicators"`
	Organizations    []string        `json:"organizations"`
	Partnerships     []string        `json:"partnerships"`
	Aliases          []string        `json:"aliases"`
	Updated          string          `json:"updated,omitempty"`
	URL              string          `json:"url"`
}

// JSONIndicator is a measure of an objective's progress.
type JSONIndicator struct {
	Name     string        `json:"name"`
	Unit     string        `json:"unit,omitempty"`
	Source   string        `json:"source,omitempty"`
	Baseline *JSONMeasure  `json:"baseline,omitempty"`
	Target   *JSONMeasure  `json:"target,omitempty"`
	Progress []JSONMeasure `json:"progress"`
}

// JSONMeasure is a value at a date (YYYY-MM-DD, omitted when unknown).
type JSONMeasure struct {
	Value float64 `json:"value"`
	Date  string  `json:"date,omitempty"`
}

// JSONOrganization is an organization working on the strategy.
type JSONOrganization struct {
	Slug         string           `json:"slug"`
	Title        string           `json:"title"`
	Sector       string           `json:"sector"`
	Acronym      string           `json:"acronym,omitempty"`
	Summary      string           `json:"summary,omitempty"`
	Objectives   []string         `json:"objectives"`
	Parent       string           `json:"parent,omitempty"`
	Website      string           `json:"website,omitempty"`
	Email        string           `json:"email,omitempty"`
	Phone        string           `json:"phone,omitempty"`
	Regions      []string         `json:"regions"`
	Services     []string         `json:"services"`
	SurvivorLed  bool             `json:"survivor_led"`
	Funding      []JSONCommitment `json:"funding"`
	Partnerships []string         `json:"partnerships"`
	Aliases      []string         `json:"aliases"`
	Updated      string           `json:"updated,omitempty"`
	URL          string           `json:"url"`
}

// JSONCommitment is funding an organization commits to an objective.
type JSONCommitment struct {
	Objective string  `json:"objective"`
	Amount    float64 `json:"amount"`
	Year      int     `json:"year,omitempty"`
	Recipient string  `json:"recipient,omitempty"`
	Note      string  `json:"note,omitempty"`
}

// JSONPartnership is a group of organizations working together.
type JSONPartnership struct {
	Slug       string   `json:"slug"`
	Title      string   `json:"title"`
	Members    []string `json:"members"`
	Lead       []string `json:"lead"`
	Funders    []string `json:"funders"`
	Objectives []string `json:"objectives"`
	Kind       string   `json:"kind,omitempty"`
	Level      string   `json:"level,omitempty"`
	Started    string   `json:"started,omitempty"`
	Ended      string   `json:"ended,omitempty"`
	Regions    []string `json:"regions"`
	Website    string   `json:"website,omitempty"`
	Summary    string   `json:"summary,omitempty"`
	Sectors    []string `json:"sectors"`
	Categories []string `json:"categories"`
	Aliases    []string `json:"aliases"`
	Updated    string   `json:"updated,omitempty"`
	URL        string   `json:"url"`
}
