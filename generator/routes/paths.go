// Package routes is the site's URL space, declared once: every page the
// site generates, every file it writes and every path it keeps for itself,
// each with whatever claims it. Render renders the pages of a Table, the
// sitemap and _redirects list its pages and aliases, data and the search
// index write their files at its paths, and the dev server answers a
// request by looking its path up in the Table of the current snapshot.
//
// # Claims
//
// Plan builds the Table of a linked strategy. Paths are claimed in an
// order that puts every clash on the source a person can move: first the
// paths the generator keeps (assets, the search index, the dev server's
// own), then the files and pages it generates, then the pages of content
// files, then aliases, then copied content files. A clash is a diagnostic
// at the later claim's file, line and column, naming the earlier one.
//
// # Paths
//
// Pages have URL paths ending in "/" ("/objectives/pv-1/", written to
// objectives/pv-1/index.html) or naming an .html file ("/404.html");
// other files have their own path ("/data/strategy.json"). File and PathOf
// convert between the two.
package routes

import (
	"fmt"
	"strings"
)

// The pages every site has.
const (
	Home          = "/"
	Objectives    = "/objectives/"
	Organizations = "/organizations/"
	Partnerships  = "/partnerships/"
	Categories    = "/categories/"
	Sectors       = "/sectors/"
	Coverage      = "/coverage/"
	Funding       = "/funding/"
	Data          = "/data/"
	Search        = "/search/"
	Fields        = Contribute + "fields/"
	FindHelp      = "/find-help/"
	NotFound      = "/404.html"
)

// Contribute is the contributors' section. Its own page is a plain page,
// content/contribute.md, when the strategy has one; the generator puts
// the field reference (Fields) and the forms for new files (Form) in it.
const Contribute = "/contribute/"

// FormKinds are the kinds of content file the site has a form for, in
// the order pages offer them.
var FormKinds = []string{"organization", "partnership", "objective"}

// Fixed are the generated pages every site has, whatever its content:
// a body may link to them by their path ("/contribute/organization/").
func Fixed() []string {
	out := []string{Home, Objectives, Organizations, Partnerships, Categories, Sectors, Coverage, Funding, Data, Search, Fields, FindHelp}
	for _, kind := range FormKinds {
		out = append(out, Form(kind))
	}
	return out
}

// Form is the page of the form that writes a new file of a kind
// ("/contribute/organization/").
func Form(kind string) string { return Contribute + kind + "/" }

// The files every site has besides its pages.
const (
	// Names lists the strategy's objectives, organizations and
	// partnerships for the forms' choices.
	Names     = Contribute + "names.json"
	Sitemap   = "/sitemap.xml"
	Robots    = "/robots.txt"
	Feed      = "/feed.xml"
	Redirects = "/_redirects"
	// Headers are the host's header rules (Netlify's _headers): pages
	// may be framed only under Embeds.
	Headers = "/_headers"
	// StrategyJSON is the whole strategy as data; the CSV files sit
	// beside it in Data.
	StrategyJSON = Data + "strategy.json"
	// SearchManifest is the search index's entry point; every other
	// index file is under SearchChunks or SearchDocs.
	SearchManifest = Search + "manifest.json"
)

// Folders whose every path belongs to the generator.
const (
	// Assets holds the theme's fingerprinted CSS, scripts and images.
	Assets = "/assets/"
	// SearchChunks holds the search index's content-hashed files.
	SearchChunks = Search + "chunks/"
	// SearchDocs holds what each search result shows, a file a document
	// named by its number, which changes with the content.
	SearchDocs = Search + "docs/"
	// Dev holds the dev server's own paths (reload script, events).
	Dev = "/_agenda/"
	// Embeds holds the cards other sites may show in a frame, one an
	// objective (EmbedOf); no other page may be framed.
	Embeds = "/embed/"
	// DirectoryPages holds the organization directory's pages after the
	// first.
	DirectoryPages = Organizations + "page/"
)

// PageOf is the URL of page n (from 1) of the paginated list at base:
// base itself, then base + "page/n/".
func PageOf(base string, n int) string {
	if n <= 1 {
		return base
	}
	return fmt.Sprintf("%spage/%d/", base, n)
}

// PageCount is how many pages of size items a list of n items needs:
// always at least one.
func PageCount(n, size int) int { return max(1, (n+size-1)/size) }

// The CSV files in Data, in the order the /data/ page lists them.
const (
	ObjectivesCSV    = "objectives.csv"
	OrganizationsCSV = "organizations.csv"
	PartnershipsCSV  = "partnerships.csv"
	FundingCSV       = "funding.csv"
	IndicatorsCSV    = "indicators.csv"
)

// DataTables are the CSV files in Data, in order.
var DataTables = []string{ObjectivesCSV, OrganizationsCSV, PartnershipsCSV, FundingCSV, IndicatorsCSV}

// The files in Data in open standards' formats, beside the CSV files:
// funding as 360Giving grants, the organizations and their services as
// Open Referral's Human Services Data Specification, and a Frictionless
// Data Package descriptor of the CSV files.
const (
	GivingJSON        = "360giving.json"
	GivingCSV         = "360giving.csv"
	HSDSOrganizations = "hsds/organizations.json"
	DataPackage       = "datapackage.json"
)

// DataStandards are the files in Data in open standards' formats, in
// the order the /data/ page lists them.
var DataStandards = []string{GivingJSON, GivingCSV, HSDSOrganizations, DataPackage}

// Entity pages are at their URL() ("/objectives/pv-1/", model.ObjectiveURL),
// categories' and sectors' too (model.Category.URL, model.Sector.URL):
// the domain model owns the form of those paths, which funders link to.

// Cell is the page of a cell of the coverage matrix: one P, one sector.
func Cell(category, sector string) string { return Coverage + category + "/" + sector + "/" }

// ObjectiveData is the path of an objective's index.json, beside its
// page ("/objectives/pv-1/index.json").
func ObjectiveData(objectivePage string) string { return objectivePage + "index.json" }

// HelpFilter is the directory of help narrowed to one value of one
// facet ("/find-help/services/legal-aid/").
func HelpFilter(facet, value string) string { return FindHelp + facet + "/" + value + "/" }

// EmbedOf is the embeddable card of the objective whose page is at page
// ("/embed/objectives/pv-1/").
func EmbedOf(page string) string { return strings.TrimSuffix(Embeds, "/") + page }

// FeedOf is the Atom feed of the changes to what a page shows, beside
// it ("/objectives/pv-1/feed.xml").
func FeedOf(page string) string { return page + "feed.xml" }

// File is the output file of the page or file at a URL path:
// "/objectives/pv-1/" is "objectives/pv-1/index.html", "/404.html" and
// "/feed.xml" are themselves without the leading slash.
func File(urlPath string) string {
	f := strings.TrimPrefix(urlPath, "/")
	if f == "" || strings.HasSuffix(f, "/") {
		return f + "index.html"
	}
	return f
}

// PathOf is the URL path of an output file, the inverse of File.
func PathOf(file string) string {
	if dir, ok := strings.CutSuffix(file, "index.html"); ok && (dir == "" || strings.HasSuffix(dir, "/")) {
		return "/" + dir
	}
	return "/" + file
}
