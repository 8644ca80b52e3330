package routes

import (
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/internal/parallel"
	"github.com/commonagenda/agenda/generator/model"
)

// Page kinds: each is also the theme template that renders it,
// layouts/<kind>.html.
const (
	KindHome          = "home"
	KindObjectives    = "objectives"
	KindObjective     = "objective"
	KindOrganizations = "organizations"
	KindOrganization  = "organization"
	KindPartnerships  = "partnerships"
	KindPartnership   = "partnership"
	KindCategories    = "categories"
	KindCategory      = "category"
	KindSectors       = "sectors"
	KindSector        = "sector"
	KindListing       = "listing" // a page of a long list moved off a hub
	KindCoverage      = "coverage"
	KindCell          = "coverage-cell"
	KindFunding       = "funding"
	KindData          = "data"
	KindFields        = "fields"
	KindForm          = "form" // a form for a new file, Route.Form says of which kind
	KindSearch        = "search"
	KindNotFound      = "404"
	KindHelp          = "help"  // a page of the directory of help, whole or narrowed (Route.Facet, Route.Value)
	KindEmbed         = "embed" // an objective's card for other sites' frames
	KindPage          = "page"
	KindAlias         = "alias"
	// KindFile is any file that is not a page.
	KindFile = "file"
)

// The lists a hub may move to pages of their own.
const (
	ListOrganizations = "organizations"
	ListPartnerships  = "partnerships"
)

// Options are the settings that shape the URL space.
type Options struct {
	// PageSize is how many entries a page of a long list holds.
	PageSize int
	// Source is the content folder as shown in diagnostics ("content"),
	// where copied files are reported.
	Source string
}

// Plan declares every path of the site of a linked strategy, with rep its
// figures (the coverage matrix decides which cells have pages). Clashes
// are the table's diagnostics.
func Plan(s *model.Strategy, rep *analysis.Report, opts Options) *Table {
	return PlanWaiting(s, func() *analysis.Report { return rep }, opts)
}

// PlanWaiting is Plan with the figures still being made: it calls rep
// only for the pages of the coverage matrix, which it plans last (they
// are under a folder of the generator's own, so no other page can clash
// with them), so that the figures and the rest of the table are made side
// by side.
func PlanWaiting(s *model.Strategy, rep func() *analysis.Report, opts Options) *Table {
	n := len(s.Objectives)*2 + len(s.Organizations) + len(s.Partnerships) + len(s.Pages) + len(s.Files) + 64
	p := &planner{t: newTable(n), s: s, size: opts.PageSize, source: opts.Source}
	if p.size <= 0 {
		p.size = model.DefaultPageSize
	}
	p.kept()
	p.files()
	p.dataStandards()
	p.lists()
	p.content()
	p.aliases()
	p.copied()
	r := rep()
	p.cells(r)
	p.help(r)
	return p.t
}

// help are the pages of the directory of help: the whole directory, and
// the directory narrowed to each value of each facet (one service, one
// region...), each paginated.
func (p *planner) help(rep *analysis.Report) {
	var h analysis.Help
	if rep != nil {
		h = rep.Help
	}
	p.paginated(FindHelp, len(h.Providers), func(r *Route) { r.Kind = KindHelp })
	for _, f := range h.Facets {
		for _, v := range f.Values {
			p.paginated(HelpFilter(f.Key, v.Slug), len(v.Providers), func(r *Route) {
				r.Kind, r.Facet, r.Value = KindHelp, f.Key, v.Slug
			})
		}
	}
}

// paginated claims the pages of a list of n entries at base: base,
// base/page/2/, ...; set says what each is.
func (p *planner) paginated(base string, n int, set func(*Route)) {
	pages := PageCount(n, p.size)
	for i := 1; i <= pages; i++ {
		r := &Route{Path: PageOf(base, i), Page: i, Pages: pages}
		set(r)
		p.generated(r)
	}
}

// dataStandards are the files in Data in open standards' formats
// (360Giving, HSDS, the Data Package of the CSV files).
//
// The 360Giving files are made only when a commitment is a grant: the
// standard's package must hold at least one.
func (p *planner) dataStandards() {
	grants := false
	for _, o := range p.s.Objectives {
		for _, c := range o.Funding {
			grants = grants || c.IsGrant()
		}
	}
	for _, name := range DataStandards {
		if (name == GivingJSON || name == GivingCSV) && !grants {
			continue
		}
		p.generated(&Route{Path: Data + name, Kind: KindFile})
	}
}

type planner struct {
	t      *Table
	s      *model.Strategy
	size   int
	source string
	// routed are the objectives with routes (routedObjectives), once
	// found.
	routed []*model.Objective
}

func (p *planner) kept() {
	p.t.keep(Assets, "the theme's assets")
	p.t.keep(SearchChunks, "the search index")
	p.t.keep(SearchDocs, "the search index")
	p.t.keep(Dev, "the dev server")
	p.t.keep(DirectoryPages, "the pages of the organization directory")
	p.t.keep(Coverage, "the pages of the coverage matrix")
	p.t.keep(FindHelp, "the directory of help")
	p.t.keep(Embeds, "the embeddable cards")
	for _, c := range p.s.Site.Categories {
		p.t.keep(c.URL()+ListOrganizations+"/", "the pages of long lists")
		p.t.keep(c.URL()+ListPartnerships+"/", "the pages of long lists")
	}
	for _, sec := range p.s.Site.Sectors {
		p.t.keep(sec.URL()+ListOrganizations+"/", "the pages of long lists")
		p.t.keep(sec.URL()+ListPartnerships+"/", "the pages of long lists")
	}
}

// files are the generated files that are not pages.
func (p *planner) files() {
	names := []string{Sitemap, Robots, Feed, Redirects, Headers, SearchManifest, StrategyJSON, Names}
	for _, name := range DataTables {
		names = append(names, Data+name)
	}
	for _, name := range names {
		p.generated(&Route{Path: name, Kind: KindFile})
	}
	for _, o := range p.routedObjectives() {
		k := o.URL()
		// Named by the objective, at its id: a clash is its id's.
		p.generated(&Route{Path: ObjectiveData(k), Kind: KindFile, Entity: o,
			Noun: "the data file of objective", Name: o.ID, Pos: o.Doc.Pos("id")})
		p.generated(&Route{Path: FeedOf(k), Kind: KindFile, Entity: o,
			Noun: "the feed of objective", Name: o.ID, Pos: o.Doc.Pos("id")})
	}
	for _, c := range p.s.Site.Categories {
		p.generated(&Route{Path: FeedOf(c.URL()), Kind: KindFile})
	}
	for _, sec := range p.s.Site.Sectors {
		p.generated(&Route{Path: FeedOf(sec.URL()), Kind: KindFile})
	}
}

// generated claims a generated route.
func (p *planner) generated(r *Route) bool {
	r.Source = Generated
	if r.About == "" && r.Noun == "" {
		r.About = "a generated page"
		if r.Kind == KindFile {
			r.About = "a generated file"
		}
	}
	return p.t.claim(r)
}

// lists are the generated pages: lists, hubs, figures and the fixed ones.
func (p *planner) lists() {
	s := p.s
	for _, r := range []*Route{
		{Path: Home, Kind: KindHome},
		{Path: Objectives, Kind: KindObjectives},
		{Path: Partnerships, Kind: KindPartnerships},
		{Path: Categories, Kind: KindCategories},
		{Path: Sectors, Kind: KindSectors},
		{Path: Coverage, Kind: KindCoverage},
		{Path: Funding, Kind: KindFunding},
		{Path: Data, Kind: KindData},
		{Path: Search, Kind: KindSearch, Hidden: true},
		{Path: Fields, Kind: KindFields, About: "the field reference, a generated page"},
		{Path: NotFound, Kind: KindNotFound, Hidden: true},
	} {
		p.generated(r)
	}
	for _, kind := range FormKinds {
		p.generated(&Route{Path: Form(kind), Kind: KindForm, Form: kind, About: "the form for a new " + kind + ", a generated page"})
	}
	pages := PageCount(len(s.Organizations), p.size)
	for n := 1; n <= pages; n++ {
		p.generated(&Route{Path: PageOf(Organizations, n), Kind: KindOrganizations, Page: n, Pages: pages})
	}
	for i, c := range s.Site.Categories {
		if !model.IsSlug(c.Key) || p.t.Lookup(c.URL()) != nil {
			continue // reported with the site's vocabularies
		}
		hub := &Route{Path: c.URL(), Kind: KindCategory, Category: c,
			Noun: "the page of category", Name: c.Key, Pos: s.Site.Doc.Pos("categories." + strconv.Itoa(i) + ".key")}
		if p.generated(hub) {
			p.longList(hub, ListOrganizations, len(c.Organizations), false)
			p.longList(hub, ListPartnerships, len(c.Partnerships), false)
		}
	}
	for i, sec := range s.Site.Sectors {
		if !model.IsSlug(sec.Key) || p.t.Lookup(sec.URL()) != nil {
			continue
		}
		hub := &Route{Path: sec.URL(), Kind: KindSector, Sector: sec,
			Noun: "the page of sector", Name: sec.Key, Pos: s.Site.Doc.Pos("sectors." + strconv.Itoa(i) + ".key")}
		if p.generated(hub) {
			p.longList(hub, ListOrganizations, len(sec.Organizations), false)
			p.longList(hub, ListPartnerships, len(sec.Partnerships), false)
		}
	}
}

// cells are the pages of the coverage matrix's cells that are not empty.
func (p *planner) cells(rep *analysis.Report) {
	if rep == nil {
		return
	}
	for _, row := range rep.Coverage.Rows {
		for _, c := range row.Cells {
			if c.Empty() {
				continue
			}
			// A view of lists the category and sector pages already hold.
			hub := &Route{Path: Cell(c.Category.Key, c.Sector.Key), Kind: KindCell, Category: c.Category, Sector: c.Sector, Hidden: true}
			if p.generated(hub) {
				p.longList(hub, ListOrganizations, len(c.Organizations), true)
				p.longList(hub, ListPartnerships, len(c.Partnerships), true)
			}
		}
	}
}

// Paginated reports whether a hub's list of n entries moves to pages of
// its own, and how many.
func Paginated(n, size int) (pages int, ok bool) {
	if n <= size {
		return 0, false
	}
	return PageCount(n, size), true
}

// longList claims the pages of a hub's list of n entries, when it is too
// long to show on the hub: hub/list/, hub/list/page/2/, ...
func (p *planner) longList(hub *Route, list string, n int, hidden bool) {
	pages, ok := Paginated(n, p.size)
	if !ok {
		return
	}
	base := hub.Path + list + "/"
	for i := 1; i <= pages; i++ {
		p.generated(&Route{Path: PageOf(base, i), Kind: KindListing, Hub: hub.Path, List: list,
			Category: hub.Category, Sector: hub.Sector, Page: i, Pages: pages, Hidden: hidden})
	}
}

// content claims the pages of content files.
func (p *planner) content() {
	s := p.s
	if s.Home != nil {
		// The home page's introduction is the generated home page's.
		p.t.byPath[Home].Entity = s.Home
		p.t.byPath[Home].Updated = s.Home.Updated
	}
	for _, o := range p.routedObjectives() {
		k := o.URL()
		p.claimContent(&Route{Path: k, Kind: KindObjective, Entity: o, Updated: o.Updated,
			Noun: "objective", Name: o.ID, Pos: o.Doc.Pos("id")})
		p.generated(&Route{Path: EmbedOf(k), Kind: KindEmbed, Entity: o, Hidden: true})
	}
	// The routes of the organizations, the largest part of a large
	// strategy, are made on every processor; claimed in order.
	orgs := make([]*Route, len(s.Organizations))
	parallel.Each(len(orgs), 1024, func(i int) {
		if o := s.Organizations[i]; model.IsSlug(o.Slug) {
			orgs[i] = &Route{Path: o.URL(), Kind: KindOrganization, Entity: o, Updated: o.Updated,
				Noun: "organization", Name: o.Slug, Pos: o.Doc.Pos("")}
		}
	})
	for _, r := range orgs {
		if r != nil {
			p.claimContent(r)
		}
	}
	for _, pt := range s.Partnerships {
		if model.IsSlug(pt.Slug) {
			p.claimContent(&Route{Path: pt.URL(), Kind: KindPartnership, Entity: pt, Updated: pt.Updated,
				Noun: "partnership", Name: pt.Slug, Pos: pt.Doc.Pos("")})
		}
	}
	for _, pg := range s.Pages {
		p.claimContent(&Route{Path: pg.Path, Kind: KindPage, Entity: pg, Updated: pg.Updated,
			Noun: "page", Name: pageName(pg), Pos: pg.Doc.Pos("")})
	}
}

// routedObjectives are the objectives that have a page, a feed and a
// data file: those whose id is well formed, each id's first. A repeated
// or malformed id is the check phase's to report, once, not again as
// clashes of its URLs.
func (p *planner) routedObjectives() []*model.Objective {
	if p.routed != nil {
		return p.routed
	}
	out := make([]*model.Objective, 0, len(p.s.Objectives))
	seen := make(map[string]bool, len(p.s.Objectives))
	for _, o := range p.s.Objectives {
		if k := o.URL(); model.IsID(o.ID) && !seen[k] {
			seen[k] = true
			out = append(out, o)
		}
	}
	p.routed = out
	return out
}

func (p *planner) claimContent(r *Route) {
	r.Source = Content
	p.t.claim(r)
}

// aliases claims the redirect pages of every entity's and intro's old
// paths. Aliases that are not paths on this site are the check phase's
// to report; they fail the build, so where they lead does not matter.
func (p *planner) aliases() {
	for _, e := range p.s.AliasOwners() {
		noun, name := entityName(e)
		d := e.Document()
		written := map[string]bool{}
		for i, a := range model.AliasesOf(e) {
			from := model.AliasPath(a)
			// An alias written twice in one list is the check phase's
			// to report ("duplicate ... in aliases"), once; two ways of
			// writing one path ("/old", "/old/") are the table's.
			if from == "" || !safe(from) || written[a] {
				continue
			}
			written[a] = true
			p.t.claim(&Route{Path: from, Kind: KindAlias, Source: Alias, Entity: e, Hidden: true,
				Noun: "an alias of " + noun, Name: name, Pos: d.Pos("aliases." + strconv.Itoa(i))})
		}
	}
}

// copied claims the content files published as they are.
func (p *planner) copied() {
	for _, f := range p.s.Files {
		p.t.claim(&Route{Path: "/" + f.Rel, Kind: KindFile, Source: Copied, From: f.Path,
			Noun: "file", Name: f.Rel, Pos: diag.Pos{Path: path.Join(p.source, f.Rel)}})
	}
}

// safe reports whether a path from content can name a file in the output
// folder: no backslash, no NUL, nothing a file system reads as a step up.
func safe(urlPath string) bool {
	f := File(urlPath)
	return fs.ValidPath(f) && !strings.ContainsAny(f, "\\\x00")
}

func entityName(e model.Entity) (noun, name string) {
	switch e := e.(type) {
	case *model.Objective:
		return "objective", e.ID
	case *model.Organization:
		return "organization", e.Slug
	case *model.Partnership:
		return "partnership", e.Slug
	case *model.Page:
		return "page", pageName(e)
	}
	return "page", e.URL()
}

// pageName is how messages name a plain page: its file.
func pageName(p *model.Page) string {
	if p.Doc != nil && p.Doc.Rel != "" {
		return p.Doc.Rel
	}
	return p.Path
}
