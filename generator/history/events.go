package history

import (
	"cmp"
	"fmt"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/internal/keyhash"
	"github.com/commonagenda/agenda/generator/internal/parallel"
	"github.com/commonagenda/agenda/generator/load"
	"github.com/commonagenda/agenda/generator/model"
)

// Event is one thing a commit changed in the strategy, said of one
// objective.
type Event struct {
	Commit *Commit
	Kind   EventKind
	// Objective is the id of the objective it concerns.
	Objective string
	// From and To are the value before and after: statuses, dates,
	// amounts written as text by Phrase's money function (see Amount).
	From, To string
	// Who names the organization or partnership the event is about
	// (Title, as its file said then), WhoURL its page.
	Who, WhoURL string
	// Indicator and Unit name the indicator of a new value; Value and
	// Date (the measurement's) say it.
	Indicator, Unit string
	Value           float64
	Date            model.Date
	// Amount and OldAmount are money, for funding and need events;
	// Year the commitment's year.
	Amount, OldAmount float64
	Year              int
}

// WriteKey writes to k everything e says but its commit: what names it
// in a key of what shows it (a page's history, a feed of changes).
func (e *Event) WriteKey(k *keyhash.Hash) {
	for _, s := range [...]string{string(e.Kind), e.Objective, e.From, e.To, e.Who, e.WhoURL, e.Indicator, e.Unit, e.Date.String()} {
		k.String(s)
	}
	for _, f := range [...]float64{e.Value, e.Amount, e.OldAmount} {
		k.Uint(math.Float64bits(f))
	}
	k.Int(e.Year)
}

// EventKind says what an Event is.
type EventKind string

const (
	Added       EventKind = "added"       // the objective was added to the strategy
	Removed     EventKind = "removed"     // its file was deleted
	Status      EventKind = "status"      // From → To
	Due         EventKind = "due"         // From → To (dates; either may be "")
	Need        EventKind = "need"        // OldAmount → Amount (From or To "" when unset)
	LeadJoined  EventKind = "lead"        // Who became a lead
	LeadLeft    EventKind = "lead-left"   // Who is no longer a lead
	Joined      EventKind = "joined"      // Who (an organization) listed the objective
	Left        EventKind = "left"        // Who no longer lists it
	Partnership EventKind = "partnership" // Who (a partnership) took it on
	Funded      EventKind = "funded"      // Who committed Amount (Year)
	Refunded    EventKind = "refunded"    // Who changed a commitment from OldAmount to Amount
	Withdrawn   EventKind = "withdrawn"   // Who withdrew a commitment of OldAmount
	Value       EventKind = "value"       // a new Value of Indicator at Date
)

// StatusPoint is an objective's status from a date on.
type StatusPoint struct {
	Commit *Commit
	Status string
}

// Events are the events of the objective whose file is rel and whose id
// is id, newest first: its own file's and those other files said of it.
func (l *Log) Events(rel, id string) []Event {
	if l == nil {
		return nil
	}
	l.indexed.Do(l.index)
	own, others := l.fileEvents[rel], l.events[id]
	if len(others) == 0 {
		return own
	}
	return l.mergeEvents(own, others)
}

// Timeline is the objective at rel's status over time, oldest first:
// each time it changed, and the status it was given first.
func (l *Log) Timeline(rel string) []StatusPoint {
	if l == nil {
		return nil
	}
	return l.timelines[rel]
}

// sortEvents puts events newest first, as the log orders their commits;
// the events of one commit keep their order.
func (l *Log) sortEvents(evs []Event) {
	newer := func(a, b Event) int { return l.newer(a.Commit, b.Commit) }
	if slices.IsSortedFunc(evs, newer) {
		return
	}
	// Events are large: their places are sorted, then they are moved
	// once.
	at := make([]int32, len(evs))
	for i := range at {
		at[i] = int32(i)
	}
	slices.SortStableFunc(at, func(i, j int32) int { return newer(evs[i], evs[j]) })
	sorted := make([]Event, len(evs))
	for i, j := range at {
		sorted[i] = evs[j]
	}
	copy(evs, sorted)
}

// mergeEvents merges two lists of events in Events' order into one,
// a's first among events of one commit.
func (l *Log) mergeEvents(a []Event, b []*Event) []Event {
	out := make([]Event, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if l.newer(a[0].Commit, b[0].Commit) <= 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, *b[0]), b[1:]
		}
	}
	out = append(out, a...)
	for _, e := range b {
		out = append(out, *e)
	}
	return out
}

// versioned reports whether the versions of the file at rel are read:
// those of objectives, organizations and partnerships.
func versioned(rel string) bool {
	dir, name := path.Split(rel)
	if !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, "_") {
		return false
	}
	return dir == "organizations/" || dir == "partnerships/" || strings.HasPrefix(dir, "objectives/")
}

// version is one file as one commit left it: its entity, nil when the
// commit deleted it or it could not be read.
type version struct {
	change Change
	item   any
}

// derive reads the versions of the files rels (every versioned file when
// nil) and what changed between them, in parallel, one file at a time,
// then indexes the events of every file.
func (l *Log) derive(rels []string, blobs map[string][]byte, current map[string]now) {
	if rels == nil {
		for rel := range l.files {
			if versioned(rel) {
				rels = append(rels, rel)
			}
		}
	}
	slices.Sort(rels)
	found := make([][]Event, len(rels))
	timelines := make([][]StatusPoint, len(rels))
	oldest := l.oldest()
	parallel.Pool(len(rels), func(i int) {
		rel := rels[i]
		chs := l.files[rel]
		vs := make([]version, len(chs))
		reader := current[rel].versions
		if reader == nil {
			reader = &load.Versions{}
		}
		for j, ch := range chs {
			vs[j].change = ch
			if item := current[rel].item; j == 0 && item != nil {
				vs[j].item = item
			} else if b, ok := blobs[ch.blob]; ok && ch.blob != "" {
				vs[j].item = reader.Version(ch.path, b)
			}
		}
		found[i], timelines[i] = changesOf(rel, vs, oldest)
		if strings.HasPrefix(rel, "objectives/") {
			l.sortEvents(found[i]) // as Events returns them
		}
	})
	for i, rel := range rels {
		delete(l.fileEvents, rel)
		delete(l.timelines, rel)
		if len(found[i]) > 0 {
			l.fileEvents[rel] = found[i]
		}
		if len(timelines[i]) > 0 {
			l.timelines[rel] = timelines[i]
		}
	}
	// The events are indexed when first asked for (Events).
}

// index files the events of the files that are not objectives under
// the objective they concern (an objective's own file's are its
// fileEvents, in order already).
func (l *Log) index() {
	l.events = map[string][]*Event{}
	rels := make([]string, 0, len(l.fileEvents))
	for rel := range l.fileEvents {
		if !strings.HasPrefix(rel, "objectives/") {
			rels = append(rels, rel)
		}
	}
	slices.Sort(rels)
	for _, rel := range rels {
		evs := l.fileEvents[rel]
		for i := range evs {
			// Pointers into fileEvents, which is never written after it
			// is made: the index holds no second copy of the events.
			l.events[evs[i].Objective] = append(l.events[evs[i].Objective], &evs[i])
		}
	}
	l.eventCommits = make(map[string][]*Commit, len(l.events))
	for id, evs := range l.events {
		slices.SortStableFunc(evs, func(a, b *Event) int { return l.newer(a.Commit, b.Commit) })
		var commits []*Commit
		for _, e := range evs {
			if len(commits) == 0 || commits[len(commits)-1] != e.Commit {
				commits = append(commits, e.Commit)
			}
		}
		l.eventCommits[id] = commits
	}
}

// oldest is the commit before which nothing is known when the clone is
// shallow (its files look added, but were only cut there); nil
// otherwise.
func (l *Log) oldest() *Commit {
	if !l.Shallow || len(l.Commits) == 0 {
		return nil
	}
	return l.Commits[len(l.Commits)-1]
}

// changesOf compares each version of one file with the one before it
// (vs is newest first) and returns the events found and, for an
// objective, its status timeline. A version that could not be read is
// skipped: the next is compared with the last one read. A draft is not
// published, so a version marked draft counts as the file being absent:
// nothing a draft says reaches a page through its history.
func changesOf(rel string, vs []version, oldest *Commit) ([]Event, []StatusPoint) {
	var groups [][]Event // each version's events, oldest version first
	var timeline []StatusPoint
	var prev any // the last version read, going forward in time
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		c := v.change.Commit
		if v.change.Kind == 'D' || isDraft(v.item) {
			if prev == nil {
				continue
			}
			if o, ok := prev.(*model.Objective); ok {
				groups = append(groups, []Event{{Commit: c, Kind: Removed, Objective: o.ID}})
				timeline = nil
			}
			groups = append(groups, diff(c, prev, nil))
			prev = nil
			continue
		}
		if v.item == nil {
			continue
		}
		if c == oldest && prev == nil {
			// Where a shallow history starts, the files were not added:
			// it only cannot see further back.
			prev = v.item
			if o, ok := v.item.(*model.Objective); ok {
				timeline = append(timeline, StatusPoint{Commit: c, Status: o.StatusOrDefault()})
			}
			continue
		}
		if o, ok := v.item.(*model.Objective); ok {
			po, _ := prev.(*model.Objective)
			if po == nil || po.StatusOrDefault() != o.StatusOrDefault() {
				timeline = append(timeline, StatusPoint{Commit: c, Status: o.StatusOrDefault()})
			}
		}
		if v.item != prev { // a version the same in front matter is the same entity
			groups = append(groups, diff(c, prev, v.item))
		}
		prev = v.item
	}
	slices.Reverse(groups)
	return slices.Concat(groups...), timeline
}

// diff says what changed from one version of a file to the next (either
// may be nil: the file was added, or deleted).
func diff(c *Commit, before, after any) []Event {
	switch a := after.(type) {
	case *model.Objective:
		b, _ := before.(*model.Objective)
		return diffObjective(c, b, a)
	case *model.Organization:
		b, _ := before.(*model.Organization)
		return diffOrganization(c, b, a)
	case *model.Partnership:
		b, _ := before.(*model.Partnership)
		return diffPartnership(c, b, a)
	case nil:
		switch b := before.(type) {
		case *model.Organization:
			return diffOrganization(c, b, nil)
		case *model.Partnership:
			return diffPartnership(c, b, nil)
		}
	}
	return nil
}

func diffObjective(c *Commit, b, a *model.Objective) []Event {
	id := a.ID
	if b == nil {
		evs := []Event{{Commit: c, Kind: Added, Objective: id, To: a.StatusOrDefault()}}
		for _, slug := range a.Lead {
			evs = append(evs, Event{Commit: c, Kind: LeadJoined, Objective: id, Who: slug, WhoURL: orgURL(slug)})
		}
		return evs
	}
	var evs []Event
	if b.StatusOrDefault() != a.StatusOrDefault() {
		evs = append(evs, Event{Commit: c, Kind: Status, Objective: id, From: b.StatusOrDefault(), To: a.StatusOrDefault()})
	}
	if !b.Due.Equal(a.Due.Time) {
		evs = append(evs, Event{Commit: c, Kind: Due, Objective: id, From: b.Due.String(), To: a.Due.String()})
	}
	if !sameNeed(b.Need, a.Need) {
		e := Event{Commit: c, Kind: Need, Objective: id}
		if b.Need != nil {
			e.OldAmount, e.From = *b.Need, "set"
		}
		if a.Need != nil {
			e.Amount, e.To = *a.Need, "set"
		}
		evs = append(evs, e)
	}
	for _, slug := range added(b.Lead, a.Lead) {
		evs = append(evs, Event{Commit: c, Kind: LeadJoined, Objective: id, Who: slug, WhoURL: orgURL(slug)})
	}
	for _, slug := range added(a.Lead, b.Lead) {
		evs = append(evs, Event{Commit: c, Kind: LeadLeft, Objective: id, Who: slug, WhoURL: orgURL(slug)})
	}
	// New measurements of each indicator, by name.
	old := map[string]map[model.Measure]bool{}
	for _, ind := range b.Indicators {
		m := map[model.Measure]bool{}
		for _, p := range ind.Progress {
			m[p] = true
		}
		old[ind.Name] = m
	}
	for _, ind := range a.Indicators {
		for _, p := range ind.Progress {
			if !old[ind.Name][p] {
				evs = append(evs, Event{Commit: c, Kind: Value, Objective: id, Indicator: ind.Name, Unit: ind.Unit, Value: p.Value, Date: p.Date})
			}
		}
	}
	return evs
}

func sameNeed(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func orgURL(slug string) string { return "/organizations/" + slug + "/" }

// added are the items of after not in before, in after's order.
func added(before, after []string) []string {
	var out []string
	for _, s := range after {
		if !slices.Contains(before, s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func diffOrganization(c *Commit, b, a *model.Organization) []Event {
	var evs []Event
	var prevObjs, objs []string
	var prevFunding, funding []model.Commitment
	who, url := "", ""
	if b != nil {
		prevObjs, prevFunding, who, url = b.Objectives, b.Funding, b.Title, b.URL()
	}
	if a != nil {
		objs, funding, who, url = a.Objectives, a.Funding, a.Title, a.URL()
	}
	for _, id := range added(prevObjs, objs) {
		evs = append(evs, Event{Commit: c, Kind: Joined, Objective: id, Who: who, WhoURL: url})
	}
	for _, id := range added(objs, prevObjs) {
		evs = append(evs, Event{Commit: c, Kind: Left, Objective: id, Who: who, WhoURL: url})
	}
	// Commitments are the same commitment when they name the same
	// objective, year and recipient.
	type key struct {
		objective, recipient string
		year                 int
	}
	keyOf := func(f model.Commitment) key { return key{f.Objective, f.Recipient, f.Year} }
	before := map[key]float64{}
	for _, f := range prevFunding {
		before[keyOf(f)] += f.Amount
	}
	after := map[key]float64{}
	var order []key
	for _, f := range funding {
		k := keyOf(f)
		if _, ok := after[k]; !ok {
			order = append(order, k)
		}
		after[k] += f.Amount
	}
	for _, k := range order {
		old, had := before[k]
		switch {
		case !had:
			evs = append(evs, Event{Commit: c, Kind: Funded, Objective: k.objective, Who: who, WhoURL: url, Amount: after[k], Year: k.year})
		case old != after[k]:
			evs = append(evs, Event{Commit: c, Kind: Refunded, Objective: k.objective, Who: who, WhoURL: url, OldAmount: old, Amount: after[k], Year: k.year})
		}
	}
	for _, f := range prevFunding {
		k := keyOf(f)
		if _, still := after[k]; !still {
			after[k] = 0 // once
			evs = append(evs, Event{Commit: c, Kind: Withdrawn, Objective: k.objective, Who: who, WhoURL: url, OldAmount: before[k], Year: k.year})
		}
	}
	return evs
}

func diffPartnership(c *Commit, b, a *model.Partnership) []Event {
	if a == nil {
		return nil
	}
	var prev []string
	if b != nil {
		prev = b.Objectives
	}
	var evs []Event
	for _, id := range added(prev, a.Objectives) {
		evs = append(evs, Event{Commit: c, Kind: Partnership, Objective: id, Who: a.Title, WhoURL: a.URL()})
	}
	return evs
}

// Phrase says an event in a sentence, money written by money and
// statuses by status (both as the site shows them).
func Phrase(e Event, money func(float64) string, status func(string) string) string {
	year := ""
	if e.Year != 0 {
		year = fmt.Sprintf(" for %d", e.Year)
	}
	switch e.Kind {
	case Added:
		return "Added to the strategy, as " + status(e.To) + "."
	case Removed:
		return "Removed from the strategy."
	case Status:
		return "Status changed from " + status(e.From) + " to " + status(e.To) + "."
	case Due:
		switch {
		case e.From == "":
			return "Due date set: " + e.To + "."
		case e.To == "":
			return "Due date " + e.From + " removed."
		}
		return "Due date moved from " + e.From + " to " + e.To + "."
	case Need:
		switch {
		case e.From == "":
			return "Estimated need set at " + money(e.Amount) + "."
		case e.To == "":
			return "Estimated need of " + money(e.OldAmount) + " removed."
		}
		return "Estimated need changed from " + money(e.OldAmount) + " to " + money(e.Amount) + "."
	case LeadJoined:
		return e.Who + " became a lead."
	case LeadLeft:
		return e.Who + " is no longer a lead."
	case Joined:
		return e.Who + " started working on it."
	case Left:
		return e.Who + " no longer lists it."
	case Partnership:
		return "The partnership " + e.Who + " took it on."
	case Funded:
		return e.Who + " committed " + money(e.Amount) + year + "."
	case Refunded:
		return e.Who + " changed its commitment" + year + " from " + money(e.OldAmount) + " to " + money(e.Amount) + "."
	case Withdrawn:
		return e.Who + " withdrew its commitment of " + money(e.OldAmount) + year + "."
	case Value:
		unit := ""
		if e.Unit != "" {
			unit = " " + e.Unit
		}
		when := ""
		if !e.Date.IsZero() {
			when = " (measured " + e.Date.String() + ")"
		}
		return fmt.Sprintf("New value for %s: %s%s%s.", e.Indicator, analysis.FormatFigure(e.Value), unit, when)
	}
	return string(e.Kind)
}

// Entry is one commit's part in a page's history: the commit, and what
// it changed of the objective (none for a change to the text alone, or
// for pages that are not objectives).
type Entry struct {
	Commit *Commit
	Events []Event // may be the Log's own: read, never written
}

// Story is the history of the file at rel, newest first: each commit
// that changed it and, when it is the objective id, each commit whose
// changes to other files concern it, with what each changed.
func (l *Log) Story(rel, id string) []Entry {
	if l == nil {
		return nil
	}
	if id == "" {
		// A file's changes come in the log's order, a commit's together.
		chs := l.files[rel]
		out := make([]Entry, 0, len(chs))
		for _, ch := range chs {
			if len(out) == 0 || out[len(out)-1].Commit != ch.Commit {
				out = append(out, Entry{Commit: ch.Commit})
			}
		}
		slices.SortStableFunc(out, func(a, b Entry) int { return l.newer(a.Commit, b.Commit) })
		return out
	}
	var out []Entry
	at := map[*Commit]int{}
	for _, ch := range l.files[rel] {
		if _, ok := at[ch.Commit]; !ok {
			at[ch.Commit] = len(out)
			out = append(out, Entry{Commit: ch.Commit})
		}
	}
	// Events come a commit's together: each entry's are a part of them,
	// not a copy (the events of an objective named in many files are
	// thousands, and large).
	evs := l.Events(rel, id)
	for len(evs) > 0 {
		c := evs[0].Commit
		n := 1
		for n < len(evs) && evs[n].Commit == c {
			n++
		}
		i, ok := at[c]
		if !ok {
			i = len(out)
			at[c] = i
			out = append(out, Entry{Commit: c})
		}
		if len(out[i].Events) == 0 {
			out[i].Events = evs[:n:n] // capped: an append makes a copy
		} else {
			// Never so far: a commit's events apart.
			out[i].Events = append(out[i].Events, evs[:n]...)
		}
		evs = evs[n:]
	}
	slices.SortStableFunc(out, func(a, b Entry) int { return l.newer(a.Commit, b.Commit) })
	return out
}

// Newest is the first n entries of Story(rel, id), and how many Story
// has, without merging every event of a long history: a page and a feed
// show the newest few of an objective's thousands of events.
func (l *Log) Newest(rel, id string, n int) ([]Entry, int) {
	if l == nil {
		return nil, 0
	}
	if id == "" || l.order == nil {
		story := l.Story(rel, id)
		return story[:min(n, len(story)):min(n, len(story))], len(story)
	}
	l.indexed.Do(l.index)
	own, others := l.fileEvents[rel], l.events[id]
	// The commits of the file and of its own events (a few), and those
	// of the events other files said of it (thousands, ordered once by
	// index), are merged: each commit once, newest first.
	var mine []*Commit
	for _, ch := range l.files[rel] {
		mine = append(mine, ch.Commit)
	}
	for i := range own {
		mine = append(mine, own[i].Commit)
	}
	slices.SortFunc(mine, l.newer)
	mine = slices.Compact(mine)
	theirs := l.eventCommits[id]
	// How many commits the story has: both lists, less those in both
	// (mine are few; theirs, thousands, are found by their order).
	total := len(mine) + len(theirs)
	for _, c := range mine {
		if _, found := slices.BinarySearchFunc(theirs, c, l.newer); found {
			total--
		}
	}
	var commits []*Commit
	for len(commits) < n && (len(mine) > 0 || len(theirs) > 0) {
		var c *Commit
		switch {
		case len(theirs) == 0 || len(mine) > 0 && l.newer(mine[0], theirs[0]) < 0:
			c, mine = mine[0], mine[1:]
		case len(mine) == 0 || l.newer(mine[0], theirs[0]) > 0:
			c, theirs = theirs[0], theirs[1:]
		default: // the same commit
			c, mine, theirs = mine[0], mine[1:], theirs[1:]
		}
		commits = append(commits, c)
	}
	// The events of those commits start both lists (each is newest
	// first): merged as Events merges them, up to the first event of an
	// older commit.
	last := len(commits) - 1
	var a []Event
	for last >= 0 && len(a) < len(own) && l.newer(own[len(a)].Commit, commits[last]) <= 0 {
		a = own[:len(a)+1]
	}
	var b []*Event
	for last >= 0 && len(b) < len(others) && l.newer(others[len(b)].Commit, commits[last]) <= 0 {
		b = others[:len(b)+1]
	}
	evs := a
	if len(b) > 0 {
		evs = l.mergeEvents(a, b)
	}
	out := make([]Entry, len(commits))
	for i, c := range commits {
		out[i].Commit = c
		k := 0
		for k < len(evs) && evs[k].Commit == c {
			k++
		}
		if k > 0 {
			out[i].Events = evs[:k:k]
			evs = evs[k:]
		}
	}
	return out, total
}

// newer orders commits newest first: by date, and two of one date as
// the log does (its place in the log is looked up only then).
func (l *Log) newer(a, b *Commit) int {
	if c := b.Date.Compare(a.Date); c != 0 || a == b {
		return c
	}
	return cmp.Compare(l.position(a), l.position(b))
}

func (l *Log) position(c *Commit) int {
	if l.order == nil {
		return 0
	}
	return l.order[c]
}

// isDraft reports whether a version is marked draft.
func isDraft(item any) bool {
	switch e := item.(type) {
	case *model.Objective:
		return e.Draft
	case *model.Organization:
		return e.Draft
	case *model.Partnership:
		return e.Draft
	}
	return false
}
