package site

import (
	"cmp"
	"strconv"
	"strings"
	"sync"

	"github.com/commonagenda/agenda/generator/feeds"
	"github.com/commonagenda/agenda/generator/history"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/render"
	"github.com/commonagenda/agenda/generator/routes"
)

// historyOptions reads the history of the content folder, the files as
// they are now being those of the strategy strategy returns, once it is
// made (history.Options.Current; nil when it could not be).
func historyOptions(opts Options, strategy func() *model.Strategy) history.Options {
	type current struct {
		item any
		doc  *model.Doc
	}
	now := sync.OnceValue(func() map[string]current {
		s := strategy()
		if s == nil {
			return nil
		}
		now := make(map[string]current, len(s.Objectives)+len(s.Organizations)+len(s.Partnerships))
		for _, o := range s.Objectives {
			now[o.Doc.Rel] = current{o, o.Doc}
		}
		for _, o := range s.Organizations {
			now[o.Doc.Rel] = current{o, o.Doc}
		}
		for _, p := range s.Partnerships {
			now[p.Doc.Rel] = current{p, p.Doc}
		}
		return now
	})
	return history.Options{Dir: opts.Source, Current: func(rel string) (any, *model.Doc) {
		c := now()[rel]
		return c.item, c.doc
	}}
}

// updated is when the page made from doc last changed: the front
// matter's date, else the last commit that changed its file.
func (sn *Snapshot) updated(doc *model.Doc, d model.Date) model.Date {
	if !d.IsZero() || sn.History == nil {
		return d
	}
	return sn.History().LastChange(doc, d)
}

// changeFeeds writes the feed of changes of every objective, of every
// category (its objectives') and of every sector (the objectives that
// need it): what each commit changed of them, newest first.
func (sn *Snapshot) changeFeeds(put func(name string, data []byte) error) {
	var log *history.Log
	if sn.History != nil {
		log = sn.History()
	}
	s := sn.Strategy
	lang := cmp.Or(s.Site.Language, model.DefaultLanguage)
	// Each objective's changes are newest first; a category's feed and a
	// sector's take the newest of their objectives' (newestOf), by the
	// objectives' places in s.Objectives.
	byCategory, bySector := map[string][]int{}, map[string][]int{}
	own := make([][]feeds.Change, len(s.Objectives))
	for i, o := range s.Objectives {
		var changes []feeds.Change
		if log.Known() {
			// Only an objective's newest changes reach a feed, its own
			// or its category's or a sector's.
			story, _ := log.Newest(o.Doc.Rel, o.ID, render.FeedLimit)
			changes = make([]feeds.Change, 0, len(story))
			for _, e := range story {
				changes = append(changes, changeOf(s, o, e, sn.Subject(e.Commit)))
			}
		}
		own[i] = changes
		if rt := sn.Routes.Lookup(routes.FeedOf(o.URL())); rt != nil {
			put(rt.File(), feeds.ChangeFeed("Changes to "+o.Name()+" — "+s.Site.Title, lang, s.Site.Title, sn.Base, rt.Path, o.URL(), changes, render.FeedLimit))
		}
		if c := o.CategoryRef; c != nil {
			byCategory[c.Key] = append(byCategory[c.Key], i)
		}
		for _, sec := range o.SectorsNeeded {
			bySector[sec.Key] = append(bySector[sec.Key], i)
		}
	}
	group := func(page, title string, objectives []int) {
		if rt := sn.Routes.Lookup(routes.FeedOf(page)); rt != nil {
			lists := make([][]feeds.Change, len(objectives))
			for j, i := range objectives {
				lists[j] = own[i]
			}
			put(rt.File(), feeds.ChangeFeed(title+" — "+s.Site.Title, lang, s.Site.Title, sn.Base, rt.Path, page, newestOf(lists, render.FeedLimit), render.FeedLimit))
		}
	}
	for _, sec := range s.Site.Sectors {
		group(sec.URL(), "Changes to objectives that need "+sec.Title, bySector[sec.Key])
	}
	for _, c := range s.Site.Categories {
		group(c.URL(), "Changes to "+c.Title+" objectives", byCategory[c.Key])
	}
}

// newestOf is the first limit changes of lists, each newest first, in
// the order sortChanges gives them all: newest first; one moment's
// changes by page, then as they came (the lists' order, then each
// list's). Each list is one page's, so merging them is enough: the
// feeds of a category or sector take 50 of thousands of changes.
func newestOf(lists [][]feeds.Change, limit int) []feeds.Change {
	var out []feeds.Change
	for len(out) < limit {
		best := -1
		for j, l := range lists {
			if len(l) == 0 {
				continue
			}
			if best < 0 {
				best = j
				continue
			}
			b := lists[best][0]
			if c := cmp.Or(l[0].Date.Compare(b.Date), strings.Compare(b.Page, l[0].Page)); c > 0 {
				best = j
			}
		}
		if best < 0 {
			break
		}
		out = append(out, lists[best][0])
		lists[best] = lists[best][1:]
	}
	return out
}

// changeOf is one commit's part in an objective's history, as a feed
// entry: what it changed, or the commit's subject when it changed the
// text alone.
func changeOf(s *model.Strategy, o *model.Objective, e history.Entry, subject string) feeds.Change {
	var said []string
	for _, ev := range e.Events {
		said = append(said, render.Phrase(s, ev))
	}
	title := o.ID + ": " + subject
	summary := strings.Join(said, " ")
	if len(said) > 0 {
		title = o.ID + ": " + said[0]
		if len(said) > 1 {
			title = strings.TrimSuffix(title, ".") + " (and " + plural(len(said)-1, "other change", "other changes") + ")"
		}
		summary += " Commit: " + subject
	}
	return feeds.Change{
		Title: title, Summary: summary, Page: o.URL(),
		Commit: e.Commit.Hash, CommitURL: render.CommitURL(s.Site.Repository, e.Commit.Hash), Date: e.Commit.Date,
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// history starts reading the content folder's history from Git, in the
// background, and returns what waits for it: nil without history
// (Options.NoHistory). A Cache (the dev server's, or one made from the
// build cache) hands the last history it read to history.Read, which
// reads on from there (history.Options.Since), and keeps the new one.
func (c *Cache) history(opts Options, s func() *model.Strategy) render.History {
	if opts.NoHistory {
		return func() *history.Log { return nil }
	}
	return inBackground(func() *history.Log {
		hopts := historyOptions(opts, s)
		if c == nil {
			return history.Read(hopts)
		}
		c.historyMu.Lock()
		defer c.historyMu.Unlock()
		if c.savedLog != nil {
			c.lastLog, c.savedLog = c.savedLog(), nil
		}
		if c.lastLogDir == opts.Source {
			hopts.Since = c.lastLog
		}
		log := history.Read(hopts)
		c.lastLog, c.lastLogDir = log, opts.Source
		if c.keepLog != nil {
			c.keepLog(log)
			c.keepLog = nil
		}
		return log
	})
}

// keptHistory is the history the last build read, for the build cache.
func (c *Cache) keptHistory() *history.Log {
	if c == nil {
		return nil
	}
	c.historyMu.Lock()
	defer c.historyMu.Unlock()
	return c.lastLog
}
