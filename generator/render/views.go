package render

import (
	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"

	"github.com/commonagenda/agenda/generator/charts"
	"github.com/commonagenda/agenda/generator/model"
)

// The types in this file are what templates see: one view per page kind,
// each embedding Meta, built from small item types. Templates never reach
// into the model, so a theme can be written against this file alone.

// Optional dates are *model.Date, nil when unset, so templates can test
// them with {{with}} (a zero struct would still be true).

// Meta is what every page shares: head tags, navigation, breadcrumbs.
type Meta struct {
	Site SiteInfo
	// Title is the page's own title, its single h1.
	Title string
	// HeadTitle is the document <title>: "Title — Site", or the site's
	// title alone on the home page.
	HeadTitle string
	// Description is the meta description: the summary or description
	// of the page, else the site's.
	Description string
	// Path is the page's URL path; Canonical the absolute URL.
	Path      string
	Canonical string
	// OGType is the Open Graph type: website or article.
	OGType string
	// JSONLD is schema.org data for <script type="application/ld+json">,
	// marshalled to JSON (see jsonLD).
	JSONLD any
	// Breadcrumbs lead from the home page to this page; the last one is
	// the page itself and has no URL. Empty on the home page.
	Breadcrumbs []Crumb
	// EditURL suggests an edit to the page's source file, when the site
	// names its repository and the page has a source.
	EditURL string
	// Propose, on a page made from no one file, leads to the form for a
	// new file of what it lists, or to how to contribute.
	Propose *Link
	// Feed is the Atom feed of the changes to what the page shows, when
	// it has one.
	Feed *Link
	// Dev adds the dev server's reload script.
	Dev bool
	// NoIndex asks search engines not to index the page.
	NoIndex bool
}

// SiteInfo is the site-wide part of Meta.
type SiteInfo struct {
	Title       string
	Description string
	Lang        string // the <html lang> tag, e.g. en
	Locale      string // the Open Graph locale, e.g. en or en_GB
	BaseURL     string
	Nav         []NavItem
	// Footer links the sections outside the main navigation and the data.
	Footer []Link
	// Notice is site.toml's notice, shown at the top of every page ("" for none).
	Notice string
	// AsOf is the day the figures were computed for ("today" of the
	// build), printed with the page's permanent address.
	AsOf string
	// NavKey names which entry of Nav is current and how, so pages with
	// the same navigation can share one rendering of the site header.
	NavKey string
}

// NavItem is an entry of the main navigation. Current is "page" on the
// entry's own page, "true" inside its section, else empty (the value of
// aria-current).
type NavItem struct {
	Title, URL, Current string
}

// Crumb is one step of the breadcrumb trail.
type Crumb struct {
	Title, URL string
}

// Link is a titled internal or external link.
type Link struct {
	Title, URL string
}

// Tag labels a category or sector. Class picks a colour; the label is
// always shown, so colour is never the only signal.
type Tag struct {
	Key, Label, URL, Class string
}

// ObjectiveItem is an objective in a list or tree.
type ObjectiveItem struct {
	ID, Title, URL, Summary string
	Status                  string // the status key, e.g. in-progress
	StatusLabel             string // In progress
	Category                Tag
	Due                     *model.Date // nil when unset
	Overdue                 bool
	// Lead names the lead organizations ("" for none); Funding says the
	// money against the need, briefly ("$750k of $4M committed").
	Lead, Funding string
	// Children are the objectives serving this one, on tree pages only.
	Children []ObjectiveItem
}

// OrgItem is an organization in a list.
type OrgItem struct {
	Title, Acronym, URL, Summary string
	Sector                       Tag
	// SurvivorLed marks an organization led by survivors whose sector tag
	// does not already say so.
	SurvivorLed bool
}

// PartnershipItem is a partnership in a list.
type PartnershipItem struct {
	Title, URL, Summary string
	Kind, Level         string // labels: Task force, Collaboration
	Members             int
	// Scale places Level on cooperation → coordination → collaboration.
	Scale LevelScale
}

// OrgGroup is a sector and organizations in it.
type OrgGroup struct {
	Sector        Tag
	Organizations []OrgItem
}

// SectorNeed is a sector an objective needs and whether any participant
// belongs to it.
type SectorNeed struct {
	Sector  Tag
	Present bool
}

// FundingRow is one commitment. Funder, Objective and Recipient are nil
// when unknown or when the table leaves them out.
type FundingRow struct {
	Funder    *Link
	Objective *Link
	Recipient *Link
	Amount    float64
	Year      int
	Note      string
}

// FundingTable is a table of commitments with a caption. The With* flags
// say which link columns it shows.
type FundingTable struct {
	Caption                                  string
	Rows                                     []FundingRow
	WithFunder, WithObjective, WithRecipient bool
}

// Contact holds an organization's validated contact links. A field is
// empty when the value is missing or not safe to link.
type Contact struct {
	Website  string
	Email    string
	EmailURL template.URL // mailto: built from a validated address
	Phone    string
	PhoneURL template.URL // tel: built from a validated number
	// Help line, with when it answers.
	Hotline    string
	HotlineURL template.URL
	Hours      string
	// Address is the published address: empty for a confidential
	// organization, which Confidential marks.
	Address      string
	Confidential bool
	Languages    []string
	Populations  []string
	// Verified is when a person last confirmed the details; Stale when
	// that was over a year before the build's day.
	Verified string
	Stale    bool
}

// Any reports whether there is a contact detail to list (the help line
// is shown on its own, above).
func (c Contact) Any() bool {
	return c.Website != "" || c.Email != "" || c.Phone != "" || c.Address != "" || c.Confidential || c.Hours != "" && c.Hotline == ""
}

// Pagination is the navigation between pages of a long list.
type Pagination struct {
	Page, Pages int
	Prev, Next  string // URLs, empty at the ends
	Links       []PageLink
}

// PageLink is one numbered page of a list, or a Gap where pages are
// left out between two links.
type PageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// CategoryCard is a category with its counts.
type CategoryCard struct {
	Tag                                     Tag
	Description                             string
	Objectives, Organizations, Partnerships int
}

// SectorCard is a sector with its counts.
type SectorCard struct {
	Tag                                     Tag
	Description                             string
	Organizations, Partnerships, Objectives int
}

// FilterLink links to a filtered view of a list (a category or sector page).
type FilterLink struct {
	Tag   Tag
	Count int
}

// Filters narrow a directory to one sector or one P without JavaScript:
// each link goes to the section of that sector's or category's page
// listing the same kind of entry. The hints say what counts, for
// example "organizations working on it".
type Filters struct {
	Sectors, Categories      []FilterLink
	SectorHint, CategoryHint string
}

// RecentItem is an entity on the home page's list of recent updates.
type RecentItem struct {
	Title, URL, Kind string
	Updated          model.Date
}

// HomeView is the home page.
type HomeView struct {
	Meta
	// Figures open the page: its key figures, before any prose.
	Figures    KeyFigures
	Intro      template.HTML
	Categories []CategoryCard
	Sectors    []SectorCard
	Recent     []RecentItem
	// Progress is where each P stands; Lean the Ps with the least of
	// organizations, partnerships and funding (see /coverage/).
	Progress []CategoryProgress
	Lean     []ShareView
	// Shortfalls names the first few of each kind; ShortfallTotal
	// counts them all.
	Shortfalls     []ShortfallGroup
	ShortfallTotal int
}

// ObjectiveGroup is one category's objectives, as a tree.
type ObjectiveGroup struct {
	Category    Tag
	Description string
	Objectives  []ObjectiveItem
}

// ObjectivesView is /objectives/.
type ObjectivesView struct {
	Meta
	Intro   template.HTML
	Groups  []ObjectiveGroup
	Filters Filters
}

// ObjectiveView is one objective's page.
type ObjectiveView struct {
	Meta
	// Figures open the page: need, committed, gap, who works on it.
	Figures      KeyFigures
	Objective    ObjectiveItem
	Body         template.HTML
	Start        *model.Date
	Leads        []OrgItem
	Parent       *ObjectiveItem
	Children     []ObjectiveItem
	Participants []OrgGroup
	// Participating is how many organizations work on it, all sectors.
	Participating  int
	SectorsNeeded  []SectorNeed
	SectorsMissing []Tag
	Partnerships   []PartnershipItem
	Indicators     []charts.LineChart // each a chart with its table
	Funding        FundingTable
	Committed      float64
	Need           *float64
	// Shortfall is Need minus Committed when positive.
	Shortfall float64
	Related   []ObjectiveItem
	Permalink string
	// Shortfalls are the objective's shortfalls, as /coverage/ lists them.
	Shortfalls []ShortfallItem
	// FundingChart compares committed funding with need; nil when there
	// is neither.
	FundingChart *charts.Bars
	// History is what changed and when, from Git.
	History HistoryView
	// Embed is how other sites show the objective's card.
	Embed EmbedCode
}

// OrganizationsView is one page of the /organizations/ directory.
type OrganizationsView struct {
	Meta
	Intro         template.HTML
	Organizations []OrgItem
	Total         int
	Pagination    Pagination
	Filters       Filters
}

// OrganizationView is one organization's page.
type OrganizationView struct {
	Meta
	// Figures open the page: its key figures, before any prose.
	Figures         KeyFigures
	Organization    OrgItem
	Body            template.HTML
	Listed          []ObjectiveItem // objectives it lists but does not lead
	Leads           []ObjectiveItem // objectives it leads
	LeadOf          []PartnershipItem
	MemberOf        []PartnershipItem // excluding those it leads
	FunderOf        []PartnershipItem
	Parent          *OrgItem
	Children        []OrgItem
	FundingGiven    FundingTable
	FundingReceived FundingTable
	Contact         Contact
	Regions         []string
	Services        []string
	Categories      []Tag
	// Objectives and Partnerships count what it leads, lists or belongs
	// to; Given totals the funding it commits.
	Objectives, Partnerships int
	Given                    float64
	// Network is its partners, named, against its partnerships; nil when
	// it has none.
	Network *PartnerTable
	// History is what changed and when, from Git.
	History HistoryView
}

// PartnershipsView is /partnerships/.
type PartnershipsView struct {
	Meta
	Intro        template.HTML
	Partnerships []PartnershipItem
	Filters      Filters
	// Network is every partnership against the sectors of its members;
	// nil when there is none.
	Network *PartnerGrid
}

// PartnershipView is one partnership's page.
type PartnershipView struct {
	Meta
	// Figures open the page: its key figures, before any prose.
	Figures         KeyFigures
	Partnership     PartnershipItem
	Body            template.HTML
	Members         []OrgGroup
	MemberCount     int // organizations, all sectors
	Leads           []OrgItem
	Funders         []OrgItem
	Objectives      []ObjectiveItem
	Categories      []Tag
	Started, Ended  *model.Date
	Regions         []string
	Website         string
	FundingReceived FundingTable
	// History is what changed and when, from Git.
	History HistoryView
}

// CategoriesView is /categories/.
type CategoriesView struct {
	Meta
	Intro      template.HTML
	Categories []CategoryCard
}

// CategoryView is one category's page: everything tagged with it.
type CategoryView struct {
	Meta
	// Figures open the page: its key figures, before any prose.
	Figures       KeyFigures
	Category      Tag
	Intro         template.HTML
	Description   string
	Objectives    []ObjectiveItem
	Organizations []OrgItem
	Partnerships  []PartnershipItem
	// AllOrganizations and AllPartnerships link to lists too long for
	// this page (then the lists above are empty).
	AllOrganizations *MoreLink
	AllPartnerships  *MoreLink
	// Network is the partnerships working on the category against the
	// sectors of their members; Funding compares its objectives' funding
	// with their need. Each is nil when empty.
	Network *PartnerGrid
	Funding *charts.Bars
}

// SectorsView is /sectors/.
type SectorsView struct {
	Meta
	Intro   template.HTML
	Sectors []SectorCard
}

// SectorView is one sector's page: its organizations, the partnerships
// they belong to, and the objectives that need the sector.
type SectorView struct {
	Meta
	// Figures open the page: its key figures, before any prose.
	Figures       KeyFigures
	Sector        Tag
	Intro         template.HTML
	Description   string
	Organizations []OrgItem
	Partnerships  []PartnershipItem
	Objectives    []ObjectiveItem
	// AllOrganizations and AllPartnerships link to lists too long for
	// this page (then the lists above are empty).
	AllOrganizations *MoreLink
	AllPartnerships  *MoreLink
}

// PageView is a plain page.
type PageView struct {
	Meta
	Body    template.HTML
	Updated *model.Date
}

// SearchView is /search/; search.js fills in the results.
type SearchView struct {
	Meta
}

// NotFoundView is 404.html.
type NotFoundView struct {
	Meta
}

// AliasView is a redirect from an old path to Target, a URL path.
type AliasView struct {
	Meta
	Target string
}
