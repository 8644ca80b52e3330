package render

import (
	"cmp"
	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/commonagenda/agenda/generator/link"
	"github.com/commonagenda/agenda/generator/model"
)

// This file turns model values into the small items views are made of.

// Tag colour classes. Colours repeat when a site has more categories or
// sectors than the theme has colours; the label is always shown.
const (
	categoryColours = 4
	sectorColours   = 12
)

// categoryTag labels a category; the zero Tag when c is nil.
func categoryTag(c *model.Category) Tag {
	if c == nil {
		return Tag{}
	}
	return Tag{Key: c.Key, Label: c.Title, URL: c.URL(), Class: colourClass(categoryClasses, "tag--p", c.Index%categoryColours)}
}

// sectorTag labels a sector; the zero Tag when s is nil.
func sectorTag(s *model.Sector) Tag {
	if s == nil {
		return Tag{}
	}
	return Tag{Key: s.Key, Label: s.Title, URL: s.URL(), Class: colourClass(sectorClasses, "tag--s", s.Index%sectorColours)}
}

// The tags' classes, made once: tags are on nearly every line of a list.
var (
	categoryClasses = colourClasses("tag--p", categoryColours)
	sectorClasses   = colourClasses("tag--s", sectorColours)
)

func colourClasses(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + strconv.Itoa(i)
	}
	return out
}

// colourClass is prefix and the colour's number, from classes.
func colourClass(classes []string, prefix string, i int) string {
	if 0 <= i && i < len(classes) {
		return classes[i]
	}
	return prefix + strconv.Itoa(i)
}

// objectiveItem summarizes an objective, without its children.
func (r *renderer) objectiveItem(o *model.Objective) ObjectiveItem {
	r.saw(o)
	sawItems(r, o.LeadOrgs)
	status := o.StatusOrDefault()
	if !slices.Contains(model.Statuses, status) {
		status = "unknown" // the check phase reports it; keep classes tame
	}
	return ObjectiveItem{
		ID: o.ID, Title: o.Title, URL: o.URL(), Summary: o.Summary,
		Status: status, StatusLabel: label(status),
		Category: categoryTag(o.CategoryRef),
		Due:      optional(o.Due),
		Overdue:  overdue(o, r.s.Today),
		Lead:     leadNames(o),
		Funding:  r.fundingLine(o),
	}
}

// leadNames names an objective's leads, by acronym where they have one.
func leadNames(o *model.Objective) string {
	names := make([]string, 0, len(o.LeadOrgs))
	for _, org := range o.LeadOrgs {
		names = append(names, cmp.Or(org.Acronym, org.Title))
	}
	return strings.Join(names, ", ")
}

// fundingLine says an objective's money against its need in a few words.
func (r *renderer) fundingLine(o *model.Objective) string {
	c := committed(o)
	switch {
	case o.Need != nil && *o.Need > 0:
		return r.moneyShort(c) + " of " + r.moneyShort(*o.Need) + " committed"
	case c > 0:
		return r.moneyShort(c) + " committed, no estimated need"
	}
	return ""
}

// objectiveItems summarizes objectives, in the given order.
func (r *renderer) objectiveItems(objs []*model.Objective) []ObjectiveItem {
	out := make([]ObjectiveItem, 0, len(objs))
	for _, o := range objs {
		out = append(out, r.objectiveItem(o))
	}
	return out
}

// objectiveTree summarizes objectives with their children nested, keeping
// only children that pass keep. seen guards against cycles, which the
// check phase reports but a careless link phase could still hand over.
func (r *renderer) objectiveTree(objs []*model.Objective, keep func(*model.Objective) bool, seen map[*model.Objective]bool) []ObjectiveItem {
	var out []ObjectiveItem
	for _, o := range objs {
		if seen[o] || !keep(o) {
			continue
		}
		seen[o] = true
		item := r.objectiveItem(o)
		item.Children = r.objectiveTree(o.Children, keep, seen)
		out = append(out, item)
	}
	return out
}

// orgItem summarizes an organization.
func (r *renderer) orgItem(o *model.Organization) OrgItem {
	r.sawItem(o)
	return OrgItem{
		Title: o.Title, Acronym: o.Acronym, URL: o.URL(), Summary: o.Summary,
		Sector: sectorTag(o.SectorRef), SurvivorLed: o.SurvivorLed && o.Sector != model.SurvivorLedSector,
	}
}

// orgItems summarizes organizations, in the given order.
func (r *renderer) orgItems(orgs []*model.Organization) []OrgItem {
	out := make([]OrgItem, 0, len(orgs))
	for _, o := range orgs {
		out = append(out, r.orgItem(o))
	}
	return out
}

// orgsByTitle returns a copy of orgs sorted by title, then slug.
func (r *renderer) orgsByTitle(orgs []*model.Organization) []*model.Organization {
	return byTitle(r.sorted, orgs, link.CompareOrganizations)
}

// partnershipsByTitle returns ps sorted by title, then slug.
func (r *renderer) partnershipsByTitle(ps []*model.Partnership) []*model.Partnership {
	return byTitle(r.sorted, ps, link.ComparePartnerships)
}

// byTitle returns list sorted with compare. The link phase leaves every
// list in this order already, and the same long lists (a sector's
// thousands of organizations) are asked for by every page of their
// listings: the answer for a list is remembered, so each is checked once
// per snapshot, not once per page.
func byTitle[T any](sortedLists *sync.Map, list []*T, compare func(a, b *T) int) []*T {
	if len(list) < 2 || sortedLists == nil {
		return list
	}
	k := sortedKey{unsafe.Pointer(unsafe.SliceData(list)), len(list)}
	if v, ok := sortedLists.Load(k); ok {
		return v.([]*T)
	}
	out := list
	if !slices.IsSortedFunc(list, compare) {
		out = slices.Clone(list)
		slices.SortStableFunc(out, compare)
	}
	sortedLists.Store(k, out)
	return out
}

// sortedKey names a list by its first element's address and its length.
// Lists of a snapshot are never written after linking, so the address of
// a live list names its contents, and the map (one per Plan) holds the
// lists, so an address cannot be reused while it is in the map.
type sortedKey struct {
	p unsafe.Pointer
	n int
}

// orgGroups groups organizations by sector, in sector order, each group by
// title. Organizations without a known sector come last.
func (r *renderer) orgGroups(orgs []*model.Organization) []OrgGroup {
	sawItems(r, orgs)
	bySector := map[*model.Sector][]*model.Organization{}
	for _, o := range orgs {
		bySector[o.SectorRef] = append(bySector[o.SectorRef], o)
	}
	var out []OrgGroup
	for _, sec := range r.s.Site.Sectors {
		if list := bySector[sec]; len(list) > 0 {
			out = append(out, OrgGroup{Sector: sectorTag(sec), Organizations: r.orgItems(r.orgsByTitle(list))})
		}
	}
	if list := bySector[nil]; len(list) > 0 {
		out = append(out, OrgGroup{Sector: Tag{Label: "Other"}, Organizations: r.orgItems(r.orgsByTitle(list))})
	}
	return out
}

// partnershipItem summarizes a partnership.
func (r *renderer) partnershipItem(p *model.Partnership) PartnershipItem {
	r.sawItem(p)
	return PartnershipItem{
		Title: p.Title, URL: p.URL(), Summary: p.Summary,
		Kind: label(p.Kind), Level: label(p.Level), Members: len(p.MemberOrgs),
		Scale: levelScale(p.Level),
	}
}

// partnershipItems summarizes partnerships, in the given order.
func (r *renderer) partnershipItems(ps []*model.Partnership) []PartnershipItem {
	out := make([]PartnershipItem, 0, len(ps))
	for _, p := range ps {
		out = append(out, r.partnershipItem(p))
	}
	return out
}

// fundingRow describes a commitment; the with* flags choose the columns.
func (r *renderer) fundingRow(c *model.Commitment, withFunder, withObjective, withRecipient bool) FundingRow {
	if c.Funder != nil {
		r.sawItem(c.Funder)
	}
	if c.ObjectiveRef != nil {
		r.saw(c.ObjectiveRef)
	}
	if c.RecipientOrganization != nil {
		r.sawItem(c.RecipientOrganization)
	}
	if c.RecipientPartnership != nil {
		r.sawItem(c.RecipientPartnership)
	}
	row := FundingRow{Amount: c.Amount, Year: c.Year, Note: c.Note}
	if withFunder && c.Funder != nil {
		row.Funder = &Link{Title: c.Funder.Title, URL: c.Funder.URL()}
	}
	if withObjective && c.ObjectiveRef != nil {
		row.Objective = &Link{Title: c.ObjectiveRef.Name(), URL: c.ObjectiveRef.URL()}
	}
	if withRecipient {
		switch {
		case c.RecipientOrganization != nil:
			row.Recipient = &Link{Title: c.RecipientOrganization.Title, URL: c.RecipientOrganization.URL()}
		case c.RecipientPartnership != nil:
			row.Recipient = &Link{Title: c.RecipientPartnership.Title, URL: c.RecipientPartnership.URL()}
		}
	}
	return row
}

// fundingTable describes commitments as a table; the with* flags choose
// the link columns.
func (r *renderer) fundingTable(caption string, cs []*model.Commitment, withFunder, withObjective, withRecipient bool) FundingTable {
	t := FundingTable{Caption: caption, WithFunder: withFunder, WithObjective: withObjective, WithRecipient: withRecipient}
	for _, c := range cs {
		t.Rows = append(t.Rows, r.fundingRow(c, withFunder, withObjective, withRecipient))
	}
	return t
}

// contact keeps the contact details that can safely be links, and the
// address only when it may be published (Organization.PublicAddress).
// contact is contact(o, today), made once a plan: an organization is
// listed on many pages of Find help.
func (r *renderer) contact(o *model.Organization) Contact {
	r.saw(o)
	if r.contacts == nil {
		return contact(o, r.s.Today)
	}
	if c, ok := r.contacts.Load(o); ok {
		return c.(Contact)
	}
	c := contact(o, r.s.Today)
	r.contacts.Store(o, c)
	return c
}

func contact(o *model.Organization, today model.Date) Contact {
	c := Contact{Website: webURL(o.Website), Hours: o.Hours, Address: o.PublicAddress(), Confidential: o.Confidential,
		Languages: o.Languages, Populations: o.Populations}
	if u := mailtoURL(o.Email); u != "" {
		c.Email, c.EmailURL = o.Email, u
	}
	if u := telURL(o.Phone); u != "" {
		c.Phone, c.PhoneURL = o.Phone, u
	}
	if u := telURL(o.Hotline); u != "" {
		c.Hotline, c.HotlineURL = o.Hotline, u
	}
	if !o.Verified.IsZero() {
		c.Verified = o.Verified.String()
		c.Stale = !today.IsZero() && o.Verified.Before(today.AddDate(-1, 0, 0))
	}
	return c
}

// body is a document's rendered Markdown, trusted as safe HTML: the
// markdown phase drops raw HTML and checks links. This is the one place
// where content becomes template.HTML.
func (r *renderer) body(doc *model.Doc) template.HTML {
	if doc == nil {
		return ""
	}
	if r.reads != nil {
		r.reads.bodies = append(r.reads.bodies, doc.Rel)
	}
	return template.HTML(r.bodies[doc.Rel].Markup())
}

// optional returns a pointer to d, or nil when d is unset.
func optional(d model.Date) *model.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}
