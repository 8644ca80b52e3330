package render

import (
	"cmp"
	"strings"
	"sync"

	"github.com/commonagenda/agenda/generator/history"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// History is how a plan gets the content folder's history from Git:
// it may wait for it to be read. Nil, or nil returned, means none.
type History func() *history.Log

// HistoryView is a page's history: when it last changed, and each
// commit that changed what it shows.
type HistoryView struct {
	// Updated is the front matter's updated date, else the last
	// commit's; nil when neither is known.
	Updated *model.Date
	// Entries are the latest changes, newest first; Earlier counts those
	// left out.
	Entries []HistoryEntry
	Earlier int
	// Timeline is an objective's status over time, oldest first.
	Timeline []TimelineStep
	// Feed is the page's feed of changes, "" for none.
	Feed string
	// Note says that the history is cut short, and where.
	Note string
}

// HistoryEntry is one commit's part in a page's history.
type HistoryEntry struct {
	Date model.Date
	// Subject is the commit's first line; Short its abbreviated hash,
	// URL its page on the repository host ("" without a repository).
	Subject, Short, URL string
	// Changes say what it changed of an objective, one sentence each.
	Changes []string
}

// TimelineStep is a status an objective was given, and when.
type TimelineStep struct {
	Date   model.Date
	Status string // the key, for its colour
	Label  string
	URL    string // the commit
}

// historyShown is how many changes a page lists; the feed has more.
const historyShown = 12

// FeedLimit is how many changes a feed of changes carries.
const FeedLimit = 50

func (r *renderer) log() *history.Log {
	if r.history == nil {
		return nil
	}
	return r.history()
}

// HistoryRead is one question a page's view asked of the history: the
// history of the page made from the file Rel (an objective's when ID is
// set), or, when Updated is set instead of View, when that page last
// changed. Updated is the front matter's date.
type HistoryRead struct {
	Rel, ID string
	Updated model.Date
	View    bool
}

// historyView is the history of the page made from doc; id is the
// objective's, "" for other pages. updated is the front matter's date.
func (r *renderer) historyView(doc *model.Doc, id string, updated model.Date) HistoryView {
	rel := ""
	if doc != nil {
		rel = doc.Rel
	}
	if r.reads != nil {
		r.reads.history = append(r.reads.history, HistoryRead{Rel: rel, ID: id, Updated: updated, View: true})
	}
	return r.historyOf(rel, id, updated)
}

func (r *renderer) historyOf(rel, id string, updated model.Date) HistoryView {
	log := r.log()
	v := HistoryView{Updated: optional(updated)}
	if rel == "" || !log.Known() {
		return v
	}
	if log.Shallow {
		// The build tells contributors how to fetch the rest.
		v.Note = "Earlier changes are not shown: the copy of the repository this site was built from starts on " +
			formatDate(log.Commits[len(log.Commits)-1].Day()) + "."
	}
	story, total := log.Newest(rel, id, historyShown)
	if v.Updated == nil && len(story) > 0 {
		d := story[0].Commit.Day()
		v.Updated = &d
	}
	v.Earlier = total - len(story)
	for _, e := range story {
		entry := HistoryEntry{Date: e.Commit.Day(), Subject: r.subject(e.Commit), Short: e.Commit.Short(), URL: r.commitURL(e.Commit.Hash)}
		for _, ev := range e.Events {
			entry.Changes = append(entry.Changes, r.phrase(ev))
		}
		v.Entries = append(v.Entries, entry)
	}
	for _, p := range log.Timeline(rel) {
		v.Timeline = append(v.Timeline, TimelineStep{Date: p.Commit.Day(), Status: p.Status, Label: label(p.Status), URL: r.commitURL(p.Commit.Hash)})
	}
	return v
}

// updatedOf is when the page made from doc last changed: its front
// matter's updated date, else the last commit that changed its file.
func (r *renderer) updatedOf(doc *model.Doc, updated model.Date) model.Date {
	if !updated.IsZero() || doc == nil {
		return updated // without waiting for the history
	}
	if r.reads != nil {
		r.reads.history = append(r.reads.history, HistoryRead{Rel: doc.Rel, Updated: updated})
	}
	return r.log().LastChangeOf(doc.Rel, updated)
}

// writeAnswer names to w what the history says to q now (fastKey),
// without making it: of a view (historyOf), the commits it shows, by
// their names (which name their dates and subjects), what each changed,
// how many it leaves out, the objective's timeline, where the history
// starts when cut short, and the names of the leads it names. A fast key
// serves only with the same settings (Memo.Fast: the same Graph, or for
// a scoped page the same Global), which name the rest: how amounts are
// said, and where commits are linked to.
func (r *renderer) writeAnswer(w *keyWriter, q HistoryRead) {
	log := r.log()
	if !q.View {
		w.String(log.LastChangeOf(q.Rel, q.Updated).String())
		return
	}
	w.Bool(q.Rel != "" && log.Known())
	if q.Rel == "" || !log.Known() {
		return
	}
	w.Bool(log.Shallow)
	if log.Shallow {
		w.String(log.Commits[len(log.Commits)-1].Hash)
	}
	story, total := log.Newest(q.Rel, q.ID, historyShown)
	w.Int(total)
	for _, e := range story {
		w.String(e.Commit.Hash)
		// Whether its subject is withheld: another address made
		// confidential withholds it, in the same commit.
		w.Bool(r.subject(e.Commit) == WithheldSubject)
		w.Int(len(e.Events))
		for _, ev := range e.Events {
			ev.WriteKey(w.Hash)
			// A lead is said by its name now (phrase), which a scoped
			// page does not otherwise name.
			if ev.Kind == history.LeadJoined || ev.Kind == history.LeadLeft {
				if o := r.s.Organization(ev.Who); o != nil {
					w.String(o.Title)
				}
			}
		}
	}
	tl := log.Timeline(q.Rel)
	w.Int(len(tl))
	for _, p := range tl {
		w.String(p.Commit.Hash)
		w.String(p.Status)
	}
}

// phrase says an event as the site says things. Leads are named by
// their slug in an objective's file: by their name when known.
func (r *renderer) phrase(e history.Event) string {
	if e.Kind == history.LeadJoined || e.Kind == history.LeadLeft {
		if o := r.s.Organization(e.Who); o != nil {
			e.Who = o.Title
		}
	}
	return history.Phrase(e, r.money, func(s string) string { return strings.ToLower(label(s)) })
}

// WithheldSubject stands for the subject of a commit that names a
// confidential organization's address (ShownSubjects): a commit's
// subject cannot be changed by a pull request, as a text can, so it is
// not shown rather than refused.
const WithheldSubject = "(not shown: it names a confidential address)"

// ShownSubjects returns what pages and feeds show of each commit's
// subject: the subject, or WithheldSubject when withhold reports it (it
// names a confidential address). Each commit is asked about once (the
// same few thousand are on many pages); safe for concurrent use. With a
// nil withhold every subject is shown.
func ShownSubjects(withhold func(text string) bool) func(c *history.Commit) string {
	if withhold == nil {
		return func(c *history.Commit) string { return c.Subject }
	}
	var shown sync.Map
	return func(c *history.Commit) string {
		if v, ok := shown.Load(c); ok {
			return v.(string)
		}
		s := c.Subject
		if withhold(s) {
			s = WithheldSubject
		}
		shown.Store(c, s)
		return s
	}
}

// subject is what a page shows of c's subject (Options.Subject).
func (r *renderer) subject(c *history.Commit) string {
	if r.opts.Subject == nil {
		return c.Subject
	}
	return r.opts.Subject(c)
}

// commitURL is a commit's page on the repository host, or "".
func (r *renderer) commitURL(hash string) string {
	return CommitURL(r.s.Site.Repository, hash)
}

// CommitURL is a commit's page on the host of the repository repo (an
// http or https address), or "" when there is none. GitHub, GitLab,
// Codeberg and Gitea all serve REPO/commit/HASH.
func CommitURL(repo, hash string) string {
	repo = webURL(repo)
	if repo == "" || hash == "" {
		return ""
	}
	return strings.TrimSuffix(repo, "/") + "/commit/" + hash
}

// Phrase says an event of the history of s as the site's pages do.
func Phrase(s *model.Strategy, e history.Event) string {
	r := &renderer{s: s, currency: cmp.Or(s.Site.Currency, model.DefaultCurrency)}
	return r.phrase(e)
}

// feedOf is the feed of changes of the page at path, when the route table
// has one.
func (r *renderer) feedOf(page string) string {
	if rt := r.routes.Lookup(routes.FeedOf(page)); rt != nil {
		return rt.Path
	}
	return ""
}
