package link

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

// example is a small strategy with every kind of link, given out of order
// and with bad references that Link must skip: unknown organizations,
// objectives, sectors and categories, a self-parent and a parent cycle.
func example() *model.Strategy {
	return &model.Strategy{
		Site: model.Site{
			Categories: []*model.Category{{Key: "prevention"}, {Key: "protection"}, {Key: "prosecution"}},
			Sectors:    []*model.Sector{{Key: "government"}, {Key: "faith-based"}, {Key: "survivor-led"}},
		},
		Objectives: []*model.Objective{
			{ID: "X-1", Category: "unknown", Parent: "nope"},
			{ID: "PR-1", Category: "prosecution", Parent: "PR-1", Related: []string{"PV-2"}},
			{ID: "C-2", Category: "prosecution", Parent: "C-1"},
			{ID: "C-1", Category: "prosecution", Parent: "C-2"},
			{ID: "PV-10", Category: "prevention", Lead: []string{"doj"},
				Sectors: []string{"survivor-led", "government", "faith-based", "ngo"}, Related: []string{"PV-2"}},
			{ID: "PT-1", Category: "protection"},
			{ID: "PT-1.1", Category: "protection", Weight: -1, Parent: "PT-1"},
			{ID: "PV-2", Category: "prevention", Parent: "pv-10", Lead: []string{"doj", "doj", "nobody"},
				Related: []string{"pv-10", "PV-404", "PV-2"}},
		},
		Organizations: []*model.Organization{
			{Slug: "church", Title: "Grace Church", Sector: "faith-based", Parent: "doj",
				Objectives: []string{"PV-10", "pv-10", "PV-404"},
				Funding:    []model.Commitment{{Objective: "PV-2", Amount: 50}}},
			{Slug: "voices", Title: "Survivor Voices", Sector: "survivor-led", Objectives: []string{"PR-1"}},
			{Slug: "fbi", Title: "FBI", Sector: "government", Parent: "doj"},
			{Slug: "doj", Title: "Department of Justice", Sector: "government", Objectives: []string{"PT-1"},
				Funding: []model.Commitment{
					{Objective: "PV-2", Amount: 100, Recipient: "church"},
					{Objective: "PV-404", Amount: 5, Recipient: "task"},
				}},
			{Slug: "ngo", Title: "ally network", Sector: "ngo", Parent: "ngo"},
		},
		Partnerships: []*model.Partnership{
			{Slug: "task", Title: "Anti-Trafficking Task Force", Members: []string{"fbi", "ngo", "church", "nobody"},
				Lead: []string{"fbi"}, Funders: []string{"doj"}, Objectives: []string{"PV-2", "PT-1", "missing"}},
			{Slug: "alliance", Title: "Alliance", Members: []string{"doj", "fbi"}, Objectives: []string{"PT-1.1"}},
		},
	}
}

// want is example after Link, one line per item, lists in the order Link
// must give them.
const want = `
category prevention: objectives=[PV-2 PV-10] organizations=[ngo doj fbi church] partnerships=[task]
category protection: objectives=[PT-1.1 PT-1] organizations=[ngo doj fbi church] partnerships=[alliance task]
category prosecution: objectives=[C-1 C-2 PR-1] organizations=[voices] partnerships=[]
sector government: organizations=[doj fbi] partnerships=[alliance task] objectives=[PV-10]
sector faith-based: organizations=[church] partnerships=[task] objectives=[PV-10]
sector survivor-led: organizations=[voices] partnerships=[] objectives=[PV-10]
objective PV-2: category=prevention parent=PV-10 children=[] lead=[doj] listed=[] partnerships=[task] participants=[ngo doj fbi church] related=[PV-10 PR-1] funding=[doj#0 church#0] needed=[] present=[government faith-based] missing=[]
objective PV-10: category=prevention parent=- children=[PV-2] lead=[doj] listed=[church] partnerships=[] participants=[doj church] related=[PV-2] funding=[] needed=[government faith-based survivor-led] present=[government faith-based] missing=[survivor-led]
objective PT-1.1: category=protection parent=PT-1 children=[] lead=[] listed=[] partnerships=[alliance] participants=[doj fbi] related=[] funding=[] needed=[] present=[government] missing=[]
objective PT-1: category=protection parent=- children=[PT-1.1] lead=[] listed=[doj] partnerships=[task] participants=[ngo doj fbi church] related=[] funding=[] needed=[] present=[government faith-based] missing=[]
objective C-1: category=prosecution parent=- children=[] lead=[] listed=[] partnerships=[] participants=[] related=[] funding=[] needed=[] present=[] missing=[]
objective C-2: category=prosecution parent=- children=[] lead=[] listed=[] partnerships=[] participants=[] related=[] funding=[] needed=[] present=[] missing=[]
objective PR-1: category=prosecution parent=- children=[] lead=[] listed=[voices] partnerships=[] participants=[voices] related=[PV-2] funding=[] needed=[] present=[survivor-led] missing=[]
objective X-1: category=- parent=- children=[] lead=[] listed=[] partnerships=[] participants=[] related=[] funding=[] needed=[] present=[] missing=[]
organization ngo: sector=- objectives=[] parent=- children=[] leads=[] partnerships=[task] leadOf=[] memberOf=[task] funderOf=[] given=[] received=[] categories=[prevention protection]
organization doj: sector=government objectives=[PT-1] parent=- children=[fbi church] leads=[PV-2 PV-10] partnerships=[alliance task] leadOf=[] memberOf=[alliance] funderOf=[task] given=[doj#0 doj#1] received=[] categories=[prevention protection]
organization fbi: sector=government objectives=[] parent=doj children=[] leads=[] partnerships=[alliance task] leadOf=[task] memberOf=[alliance task] funderOf=[] given=[] received=[] categories=[prevention protection]
organization church: sector=faith-based objectives=[PV-10] parent=doj children=[] leads=[] partnerships=[task] leadOf=[] memberOf=[task] funderOf=[] given=[church#0] received=[doj#0] categories=[prevention protection]
organization voices: sector=survivor-led objectives=[PR-1] parent=- children=[] leads=[] partnerships=[] leadOf=[] memberOf=[] funderOf=[] given=[] received=[] categories=[prosecution]
commitment doj#0: funder=doj objective=PV-2 organization=church partnership=-
commitment doj#1: funder=doj objective=- organization=- partnership=task
commitment church#0: funder=church objective=PV-2 organization=- partnership=-
partnership alliance: members=[doj fbi] lead=[] funders=[] objectives=[PT-1.1] bySector=[government:[doj fbi]] sectors=[government] categories=[protection] received=[]
partnership task: members=[ngo fbi church] lead=[fbi] funders=[doj] objectives=[PV-2 PT-1] bySector=[government:[fbi] faith-based:[church]] sectors=[government faith-based] categories=[prevention protection] received=[doj#1]
`

func TestLink(t *testing.T) {
	s := Link(example(), Options{})
	got := dump(s)
	if got != want {
		t.Errorf("after Link:\n%s\nwant:\n%s\ndiff:\n%s", got, want, lineDiff(got, want))
	}
}

// Link never writes what it is given: the parsed strategy is shared by
// every build of the dev server, and the next build links it again while
// the last one's snapshot is still being read.
func TestLinkLeavesParsedAlone(t *testing.T) {
	parsed := example()
	first := Link(parsed, Options{})
	if !reflect.DeepEqual(parsed, example()) {
		t.Fatal("Link wrote into the parsed strategy")
	}
	second := Link(parsed, Options{})
	if a, b := dump(first), dump(second); a != b {
		t.Errorf("linking the same parsed strategy twice differs:\n%s", lineDiff(a, b))
	}
	for i, o := range first.Objectives {
		if o == second.Objectives[i] || o.Doc != nil && o.Doc == second.Objectives[i].Doc {
			t.Fatalf("two snapshots share objective %s", o.ID)
		}
	}
	for i, o := range first.Organizations {
		if len(o.Funding) > 0 && &o.Funding[0] == &second.Organizations[i].Funding[0] {
			t.Fatalf("two snapshots share the commitments of %s", o.Slug)
		}
	}
	if first.Site.Categories[0] == second.Site.Categories[0] {
		t.Fatal("two snapshots share a category")
	}
}

// An edit is a new parsed strategy; linking it gives what linking it
// fresh gives, whatever was linked before.
func TestLinkAfterEdit(t *testing.T) {
	Link(example(), Options{})
	edited := example()
	edited.Objectives[7].Lead = nil // PV-2
	edited.Organizations[3].Funding = edited.Organizations[3].Funding[:1]
	edited.Partnerships = edited.Partnerships[1:] // drop task
	s := Link(edited, Options{})
	if got := names(s.Organization("doj").Leads, objID); got != "[PV-10]" {
		t.Errorf("doj leads %s after removing it from PV-2, want [PV-10]", got)
	}
	if got := names(s.Organization("doj").FunderOf, partSlug); got != "[]" {
		t.Errorf("doj funds %s after task was removed, want []", got)
	}
}

// Bodies rendered by the markdown phase are held by the linked strategy,
// by document, not put into the parsed one.
func TestLinkHoldsBodies(t *testing.T) {
	parsed := example()
	doc := &model.Doc{Rel: "objectives/pv-2.md"}
	parsed.Objectives[7].Doc = doc
	s := Link(parsed, Options{Bodies: model.Bodies{doc.Rel: {HTML: "<p>hi</p>", Text: "hi"}}, Today: model.NewDate(2026, 1, 2)})
	got := s.Objective("PV-2").Doc
	if got == doc || s.Body(got).HTML != "<p>hi</p>" || s.Body(got).Text != "hi" {
		t.Errorf("linked document = %+v with body %+v, want a copy with the body", got, s.Body(got))
	}
	if parsed.Bodies != nil || parsed.Body(doc).HTML != "" {
		t.Error("the parsed strategy was written")
	}
	if s.Today != model.NewDate(2026, 1, 2) {
		t.Errorf("Today = %v", s.Today)
	}
}

// TestEmpty makes sure Link copes with nothing at all.
func TestEmpty(t *testing.T) {
	Link(&model.Strategy{}, Options{})
}

func TestCompareIDs(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"PV-2", "PV-10", -1},
		{"PV-10", "PV-10.1", -1},
		{"PV-10.1", "PV-10.2", -1},
		{"PV-10.2", "PV-10.10", -1},
		{"pv-3", "PV-3", 0},
		{"PV-03", "PV-3", 0},
		{"PV-9", "PV-10", -1},
		{"PT-1", "PV-1", -1},
		{"A", "b", -1},
		{"PV-1", "PV-1a", -1},
		{"PV-99999999999999999999", "PV-100000000000000000000", -1},
		{"", "PV-1", -1},
	}
	for _, tt := range tests {
		if got := CompareIDs(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareIDs(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := CompareIDs(tt.b, tt.a); got != -tt.want {
			t.Errorf("CompareIDs(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

// dump writes every link-phase field of s as text, one line per item.
func dump(s *model.Strategy) string {
	var b strings.Builder
	b.WriteString("\n")
	for _, c := range s.Site.Categories {
		fmt.Fprintf(&b, "category %s: objectives=%s organizations=%s partnerships=%s\n",
			c.Key, names(c.Objectives, objID), names(c.Organizations, orgSlug), names(c.Partnerships, partSlug))
	}
	for _, sec := range s.Site.Sectors {
		fmt.Fprintf(&b, "sector %s: organizations=%s partnerships=%s objectives=%s\n",
			sec.Key, names(sec.Organizations, orgSlug), names(sec.Partnerships, partSlug), names(sec.Objectives, objID))
	}
	for _, o := range s.Objectives {
		fmt.Fprintf(&b, "objective %s: category=%s parent=%s children=%s lead=%s listed=%s partnerships=%s participants=%s related=%s funding=%s needed=%s present=%s missing=%s\n",
			o.ID, name(o.CategoryRef, catKey), name(o.ParentRef, objID), names(o.Children, objID),
			names(o.LeadOrgs, orgSlug), names(o.ListedBy, orgSlug), names(o.Partnerships, partSlug),
			names(o.Participants, orgSlug), names(o.RelatedRefs, objID), names(o.Funding, commitmentName),
			names(o.SectorsNeeded, secKey), names(o.SectorsPresent, secKey), names(o.SectorsMissing, secKey))
	}
	var commitments []*model.Commitment
	for _, o := range s.Organizations {
		fmt.Fprintf(&b, "organization %s: sector=%s objectives=%s parent=%s children=%s leads=%s partnerships=%s leadOf=%s memberOf=%s funderOf=%s given=%s received=%s categories=%s\n",
			o.Slug, name(o.SectorRef, secKey), names(o.ObjectiveRefs, objID), name(o.ParentRef, orgSlug),
			names(o.Children, orgSlug), names(o.Leads, objID), names(o.Partnerships, partSlug),
			names(o.LeadOf, partSlug), names(o.MemberOf, partSlug), names(o.FunderOf, partSlug),
			names(o.FundingGiven, commitmentName), names(o.FundingReceived, commitmentName), names(o.Categories, catKey))
		for i := range o.Funding {
			if i >= len(o.FundingGiven) || o.FundingGiven[i] != &o.Funding[i] {
				fmt.Fprintf(&b, "organization %s: FundingGiven[%d] does not point into Funding\n", o.Slug, i)
			}
			commitments = append(commitments, &o.Funding[i])
		}
	}
	for _, c := range commitments {
		fmt.Fprintf(&b, "commitment %s: funder=%s objective=%s organization=%s partnership=%s\n",
			commitmentName(c), name(c.Funder, orgSlug), name(c.ObjectiveRef, objID),
			name(c.RecipientOrganization, orgSlug), name(c.RecipientPartnership, partSlug))
	}
	for _, p := range s.Partnerships {
		var groups []string
		for _, g := range p.MembersBySector {
			groups = append(groups, g.Sector.Key+":"+names(g.Organizations, orgSlug))
		}
		fmt.Fprintf(&b, "partnership %s: members=%s lead=%s funders=%s objectives=%s bySector=[%s] sectors=%s categories=%s received=%s\n",
			p.Slug, names(p.MemberOrgs, orgSlug), names(p.LeadOrgs, orgSlug), names(p.FunderOrgs, orgSlug),
			names(p.ObjectiveRefs, objID), strings.Join(groups, " "), names(p.Sectors, secKey),
			names(p.Categories, catKey), names(p.FundingReceived, commitmentName))
	}
	return b.String()
}

func objID(o *model.Objective) string      { return o.ID }
func orgSlug(o *model.Organization) string { return o.Slug }
func partSlug(p *model.Partnership) string { return p.Slug }
func catKey(c *model.Category) string      { return c.Key }
func secKey(s *model.Sector) string        { return s.Key }
func commitmentName(c *model.Commitment) string {
	if c.Funder == nil {
		return fmt.Sprintf("?#%d", c.Index)
	}
	return fmt.Sprintf("%s#%d", c.Funder.Slug, c.Index)
}

func names[T any](list []*T, name func(*T) string) string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = name(v)
	}
	return "[" + strings.Join(out, " ") + "]"
}

func name[T any](v *T, name func(*T) string) string {
	if v == nil {
		return "-"
	}
	return name(v)
}

// lineDiff lists the lines of got that differ from want.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var out []string
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			out = append(out, "got:  "+gl, "want: "+wl)
		}
	}
	return strings.Join(out, "\n")
}

// Options.Sorted sees the new strategy once its lists are in their
// final order and before anything is linked; the strategy Link returns
// is that one.
func TestSortedComesBeforeLinking(t *testing.T) {
	var seen *model.Strategy
	var order []string
	s := Link(example(), Options{Sorted: func(s *model.Strategy) {
		seen = s
		for _, o := range s.Organizations {
			order = append(order, o.Slug)
			if o.Leads != nil || o.SectorRef != nil || o.Partnerships != nil {
				t.Errorf("%s was linked before Sorted", o.Slug)
			}
		}
	}})
	if seen != s {
		t.Fatal("Sorted was not called with the strategy Link returns")
	}
	var final []string
	for _, o := range s.Organizations {
		final = append(final, o.Slug)
	}
	if !slices.Equal(order, final) {
		t.Errorf("Sorted saw %v, Link returned %v", order, final)
	}
}
