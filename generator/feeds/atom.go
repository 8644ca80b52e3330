package feeds

import (
	"cmp"
	"encoding/xml"
	"slices"
	"time"

	"github.com/commonagenda/agenda/generator/model"
)

// Atom feed elements (RFC 4287), only those the site uses.
type (
	atomFeed struct {
		XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		Lang     string      `xml:"xml:lang,attr,omitempty"`
		Title    string      `xml:"title"`
		Subtitle string      `xml:"subtitle,omitempty"`
		ID       string      `xml:"id"`
		Links    []atomLink  `xml:"link"`
		Updated  string      `xml:"updated"`
		Author   atomAuthor  `xml:"author"`
		Entries  []atomEntry `xml:"entry"`
	}
	atomLink struct {
		Rel  string `xml:"rel,attr,omitempty"`
		Type string `xml:"type,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	atomAuthor struct {
		Name string `xml:"name"`
	}
	atomCategory struct {
		Term  string `xml:"term,attr"`
		Label string `xml:"label,attr,omitempty"`
	}
	atomEntry struct {
		Title    string         `xml:"title"`
		Links    []atomLink     `xml:"link"`
		ID       string         `xml:"id"`
		Updated  string         `xml:"updated"`
		Category []atomCategory `xml:"category"`
		Summary  string         `xml:"summary,omitempty"`
	}
)

// feedItem is a dated entity before it becomes an Atom entry.
type feedItem struct {
	title, path, summary string
	updated              model.Date
	categories           []atomCategory
}

// Atom returns the feed of recent updates (served at /feed.xml): the
// objectives, organizations, partnerships and pages that have an updated
// date, newest first (equal dates by URL), at most limit of them (all
// when limit is 0 or less).
//
// The feed's own <updated> is the newest entry's date, never the build
// clock, so an unchanged strategy gives an unchanged feed; a feed with no
// dated entries says 1970-01-01. Entry ids are the pages' absolute URLs,
// which never change (SPEC section 2).
func Atom(s *model.Strategy, base string, limit int, updated func(*model.Doc, model.Date) model.Date) []byte {
	items := feedItems(s, updated)
	slices.SortFunc(items, func(a, b feedItem) int {
		if c := b.updated.Compare(a.updated.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.path, b.path)
	})
	if limit > 0 && len(items) > limit {
		items = items[:limit]
	}

	feed := atomFeed{
		Lang:     cmp.Or(s.Site.Language, model.DefaultLanguage),
		Title:    s.Site.Title,
		Subtitle: s.Site.Description,
		ID:       base,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + "feed.xml"},
			{Rel: "alternate", Type: "text/html", Href: base},
		},
		Updated: atomTime(model.Date{Time: time.Unix(0, 0)}),
		Author:  atomAuthor{Name: s.Site.Title},
	}
	if len(items) > 0 {
		feed.Updated = atomTime(items[0].updated)
	}
	for _, it := range items {
		u := absURL(base, it.path)
		feed.Entries = append(feed.Entries, atomEntry{
			Title:    it.title,
			Links:    []atomLink{{Rel: "alternate", Type: "text/html", Href: u}},
			ID:       u,
			Updated:  atomTime(it.updated),
			Category: it.categories,
			Summary:  it.summary,
		})
	}
	return feed.marshal()
}

// feedItems collects every entity with an updated date: the front
// matter's, else what updated says (nil: none).
func feedItems(s *model.Strategy, updated func(*model.Doc, model.Date) model.Date) []feedItem {
	var items []feedItem
	add := func(it feedItem, doc *model.Doc) {
		if updated != nil {
			it.updated = updated(doc, it.updated)
		}
		if !it.updated.IsZero() {
			items = append(items, it)
		}
	}
	for _, o := range s.Objectives {
		it := feedItem{title: o.Name(), path: o.URL(), summary: o.Summary, updated: o.Updated}
		if c := o.CategoryRef; c != nil {
			it.categories = []atomCategory{{Term: c.Key, Label: c.Title}}
		}
		add(it, o.Doc)
	}
	for _, o := range s.Organizations {
		add(feedItem{title: o.Title, path: o.URL(), summary: o.Summary, updated: o.Updated}, o.Doc)
	}
	for _, p := range s.Partnerships {
		add(feedItem{title: p.Title, path: p.URL(), summary: p.Summary, updated: p.Updated}, p.Doc)
	}
	pages := s.Pages
	if s.Home != nil {
		pages = append([]*model.Page{s.Home}, pages...)
	}
	for _, p := range pages {
		add(feedItem{title: p.Title, path: p.URL(), summary: p.Description, updated: p.Updated}, p.Doc)
	}
	return items
}

// atomTime formats a date as an RFC 3339 timestamp at midnight UTC.
func atomTime(d model.Date) string {
	t := d.Time
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
}
