package model

// Site is content/site.toml: the strategy's name and vocabularies.
type Site struct {
	Title       string `toml:"title" agenda:"required" doc:"The strategy's name, shown on every page."`
	Description string `toml:"description" doc:"One sentence about the strategy, used for meta tags."`
	BaseURL     string `toml:"base_url" agenda:"required" doc:"Where the site is published, e.g. https://example.org/; overridden by --base-url."`
	Language    string `toml:"language" doc:"The content's language tag (default en)."`
	Repository  string `toml:"repository" doc:"The Git repository's web address; enables Suggest an edit links, and lets the site's forms open its page for a new file."`
	Branch      string `toml:"branch" doc:"The branch edits are suggested against (default main)."`
	Currency    string `toml:"currency" doc:"ISO 4217 code of amounts (default USD)."`
	Theme       string `toml:"theme" doc:"default, or a folder under themes/."`
	PageSize    int    `toml:"page_size" doc:"Entries per page on long lists (default 50)."`
	Notice      string `toml:"notice" doc:"A short notice shown at the top of every page, e.g. that the content is an example; leave it out on a real strategy."`
	// GivingPrefix starts the identifiers of the 360Giving files.
	GivingPrefix string      `toml:"giving_prefix" doc:"The publisher's 360Giving identifier prefix, registered with 360Giving (it starts with 360G-); until set, the 360Giving files use a placeholder."`
	Categories   []*Category `toml:"categories" agenda:"required" doc:"The four Ps, in display order."`
	Sectors      []*Sector   `toml:"sectors" agenda:"required" doc:"The sector vocabulary, in display order."`

	Doc *Doc `toml:"-"`
}

// Defaults for optional site settings.
const (
	DefaultLanguage = "en"
	DefaultBranch   = "main"
	DefaultCurrency = "USD"
	DefaultTheme    = "default"
	DefaultPageSize = 50
)

// Category is one of the four Ps.
type Category struct {
	Key         string `toml:"key" agenda:"required" doc:"Lower-case key used in objectives' category."`
	Title       string `toml:"title" agenda:"required" doc:"Display name."`
	Description string `toml:"description" doc:"What this P covers."`

	// Index is the category's place in display order.
	Index int `toml:"-"`
	// Objectives of this category, in display order.
	Objectives []*Objective `toml:"-"`
	// Organizations participating in any objective of this category.
	Organizations []*Organization `toml:"-"`
	// Partnerships listing any objective of this category.
	Partnerships []*Partnership `toml:"-"`

	url string // URL's, kept by Strategy.Index: tags ask for it on every line of a list
}

// URL is the category's page.
func (c *Category) URL() string {
	if c.url != "" {
		return c.url
	}
	return categoryURL(c.Key)
}

func categoryURL(key string) string { return "/categories/" + key + "/" }

// Sector is a kind of organization: government, faith-based, ...
type Sector struct {
	Key         string `toml:"key" agenda:"required" doc:"Lower-case key used in organizations' sector."`
	Title       string `toml:"title" agenda:"required" doc:"Display name."`
	Description string `toml:"description" doc:"Who belongs to this sector."`

	// Index is the sector's place in display order.
	Index int `toml:"-"`
	// Organizations in this sector.
	Organizations []*Organization `toml:"-"`
	// Partnerships with at least one member in this sector.
	Partnerships []*Partnership `toml:"-"`
	// Objectives that list this sector as needed.
	Objectives []*Objective `toml:"-"`

	url string // URL's, kept by Strategy.Index: tags ask for it on every line of a list
}

// URL is the sector's page.
func (s *Sector) URL() string {
	if s.url != "" {
		return s.url
	}
	return sectorURL(s.Key)
}

func sectorURL(key string) string { return "/sectors/" + key + "/" }
