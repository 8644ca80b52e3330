package feeds

import (
	"time"
)

// Change is one entry of a feed of changes: one commit's part in what a
// page shows.
type Change struct {
	// Title says what changed, Summary says it whole (may be "").
	Title, Summary string
	// Page is the path of the page it changed ("/objectives/pv-1/");
	// Commit the commit's hash, CommitURL its page on the repository
	// host ("" when the site names no repository).
	Page, Commit, CommitURL string
	Date                    time.Time
}

// ChangeFeed is an Atom feed of the changes to what one page shows (an
// objective, or every objective of a category), newest first as given,
// at most limit of them. self is the feed's path, page the page's.
// Entry ids are the page's absolute URL and the commit's hash, which
// never change; the feed's <updated> is its newest entry's, so an
// unchanged history gives an unchanged feed.
func ChangeFeed(title, lang, author, base, self, page string, changes []Change, limit int) []byte {
	if limit > 0 && len(changes) > limit {
		changes = changes[:limit]
	}
	feed := atomFeed{
		Lang:  lang,
		Title: title,
		ID:    absURL(base, self),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: absURL(base, self)},
			{Rel: "alternate", Type: "text/html", Href: absURL(base, page)},
		},
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339),
		Author:  atomAuthor{Name: author},
	}
	if len(changes) > 0 {
		feed.Updated = changes[0].Date.UTC().Format(time.RFC3339)
	}
	for _, c := range changes {
		u := absURL(base, c.Page)
		e := atomEntry{
			Title:   c.Title,
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: u}},
			ID:      u + "#" + c.Commit,
			Updated: c.Date.UTC().Format(time.RFC3339),
			Summary: c.Summary,
		}
		if c.CommitURL != "" {
			e.Links = append(e.Links, atomLink{Rel: "related", Type: "text/html", Href: c.CommitURL})
		}
		feed.Entries = append(feed.Entries, e)
	}
	return feed.marshal()
}
