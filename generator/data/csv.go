package data

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// Table is one CSV file: its columns, documented, and its rows.
type Table struct {
	// Name is the file name under /data/: "objectives.csv".
	Name string
	// About says what a row is.
	About   string
	Columns []Column
	Rows    [][]string
}

// Column is one column of a table.
type Column struct {
	Name, Doc string
}

// CSV encodes the table with a header row.
func (t Table) CSV() []byte {
	// Sized for the fields, a separator each and a little quoting: a
	// buffer that doubles as it goes made twice the bytes it kept.
	n := 0
	for _, row := range t.Rows {
		for _, f := range row {
			n += len(f) + 1
		}
		n += 2
	}
	var b bytes.Buffer
	b.Grow(n + n/16 + 256*len(t.Columns))
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = c.Name
	}
	w.Write(header)
	w.WriteAll(t.Rows) // writing to memory cannot fail
	return b.Bytes()
}

// col is a column with how to get its value from a record.
type col[T any] struct {
	name, doc string
	value     func(T) string
}

// table builds a Table from records and column definitions.
func table[T any](name, about string, records []T, cols []col[T]) Table {
	t := Table{Name: name, About: about}
	for _, c := range cols {
		t.Columns = append(t.Columns, Column{Name: c.name, Doc: c.doc})
	}
	for _, r := range records {
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = c.value(r)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// Tables returns the CSV tables of a strategy, in the order the /data/
// page lists them.
func Tables(s *model.Strategy, rep *analysis.Report) []Table {
	given, received := map[any]float64{}, map[any]float64{}
	for _, t := range rep.Funding.ByFunder {
		given[t.Organization] = t.Amount
	}
	for _, t := range rep.Funding.ByRecipient {
		switch {
		case t.Organization != nil:
			received[t.Organization] = t.Amount
		case t.Partnership != nil:
			received[t.Partnership] = t.Amount
		}
	}
	var indicators []indicatorRecord
	for _, f := range rep.Objectives {
		for _, st := range f.Indicators {
			indicators = append(indicators, indicatorRecord{f.Objective, st})
		}
	}
	return []Table{
		table(routes.ObjectivesCSV, "One row per goal, objective or action, in display order.", rep.Objectives, objectiveColumns),
		table(routes.OrganizationsCSV, "One row per organization, by title.", s.Organizations, organizationColumns(given, received)),
		table(routes.PartnershipsCSV, "One row per partnership, by title.", s.Partnerships, partnershipColumns(received)),
		table(routes.FundingCSV, "One row per funding commitment, by funder in the order of organizations.csv.", rep.Funding.Commitments, fundingColumns),
		table(routes.IndicatorsCSV, "One row per indicator, by objective.", indicators, indicatorColumns),
	}
}

var objectiveColumns = []col[*analysis.ObjectiveFigures]{
	{"id", "Permanent identifier, e.g. PV-1.2.", func(f *analysis.ObjectiveFigures) string { return text(f.Objective.ID) }},
	{"title", "Short name.", func(f *analysis.ObjectiveFigures) string { return text(f.Objective.Title) }},
	{"category", "Category key.", func(f *analysis.ObjectiveFigures) string { return text(f.Objective.Category) }},
	{"parent", "Id of the objective it serves.", func(f *analysis.ObjectiveFigures) string {
		if p := f.Objective.ParentRef; p != nil {
			return text(p.ID)
		}
		return ""
	}},
	{"status", "planned, in-progress, at-risk, achieved or discontinued.", func(f *analysis.ObjectiveFigures) string { return text(f.Objective.StatusOrDefault()) }},
	{"start", "Start date (YYYY-MM-DD).", func(f *analysis.ObjectiveFigures) string { return f.Objective.Start.String() }},
	{"due", "Due date (YYYY-MM-DD).", func(f *analysis.ObjectiveFigures) string { return f.Objective.Due.String() }},
	{"overdue", "yes when due before the build date and neither achieved nor discontinued.", func(f *analysis.ObjectiveFigures) string {
		return yesNo(hasKind(f, analysis.Overdue))
	}},
	{"need", "Estimated need in the site currency; empty when not given.", func(f *analysis.ObjectiveFigures) string {
		if f.Need == nil {
			return ""
		}
		return number(*f.Need)
	}},
	{"committed", "Sum of every commitment naming it, all years, not counting its children's.", func(f *analysis.ObjectiveFigures) string { return number(f.Committed) }},
	{"gap", "need minus committed when positive, else 0; empty without a need.", func(f *analysis.ObjectiveFigures) string {
		if f.Need == nil {
			return ""
		}
		return number(f.Gap)
	}},
	{"lead", "Slugs of the lead organizations.", func(f *analysis.ObjectiveFigures) string { return join(orgSlugs(f.Objective.LeadOrgs)) }},
	{"sectors", "Keys of the sectors it needs.", func(f *analysis.ObjectiveFigures) string { return join(keys(f.Objective.SectorsNeeded)) }},
	{"sectors_missing", "Keys of needed sectors no participating organization belongs to.", func(f *analysis.ObjectiveFigures) string {
		return join(keys(f.Objective.SectorsMissing))
	}},
	{"organizations", "Slugs of every participating organization.", func(f *analysis.ObjectiveFigures) string { return join(orgSlugs(f.Objective.Participants)) }},
	{"partnerships", "Slugs of the partnerships listing it.", func(f *analysis.ObjectiveFigures) string { return join(partnershipSlugs(f.Objective.Partnerships)) }},
	{"shortfalls", "Kinds of its shortfalls, e.g. no-lead; below-need.", func(f *analysis.ObjectiveFigures) string {
		var kinds []string
		for _, sf := range f.Shortfalls {
			if len(kinds) == 0 || kinds[len(kinds)-1] != string(sf.Kind) {
				kinds = append(kinds, string(sf.Kind))
			}
		}
		return join(kinds)
	}},
	{"url", "Its permanent page, as a site path.", func(f *analysis.ObjectiveFigures) string { return f.Objective.URL() }},
}

func organizationColumns(given, received map[any]float64) []col[*model.Organization] {
	return []col[*model.Organization]{
		{"slug", "Permanent identifier, the file name.", func(o *model.Organization) string { return text(o.Slug) }},
		{"title", "Name.", func(o *model.Organization) string { return text(o.Title) }},
		{"acronym", "Short name.", func(o *model.Organization) string { return text(o.Acronym) }},
		{"sector", "Sector key.", func(o *model.Organization) string { return text(o.Sector) }},
		{"survivor_led", "yes when flagged survivor-led or in the survivor-led sector.", func(o *model.Organization) string { return yesNo(o.IsSurvivorLed()) }},
		{"parent", "Slug of the organization it is part of.", func(o *model.Organization) string {
			if o.ParentRef != nil {
				return text(o.ParentRef.Slug)
			}
			return ""
		}},
		{"objectives", "Ids of the objectives it lists.", func(o *model.Organization) string { return join(ids(o.ObjectiveRefs)) }},
		{"leads", "Ids of the objectives it leads.", func(o *model.Organization) string { return join(ids(o.Leads)) }},
		{"partnerships", "Slugs of its partnerships, in any role.", func(o *model.Organization) string { return join(partnershipSlugs(o.Partnerships)) }},
		{"regions", "Where it works.", func(o *model.Organization) string { return join(o.Regions) }},
		{"services", "What it offers.", func(o *model.Organization) string { return join(o.Services) }},
		{"website", "Web address.", func(o *model.Organization) string { return text(o.Website) }},
		{"email", "Contact address.", func(o *model.Organization) string { return text(o.Email) }},
		{"phone", "Contact number.", func(o *model.Organization) string { return text(o.Phone) }},
		{"hotline", "A number people can call for help.", func(o *model.Organization) string { return text(o.Hotline) }},
		{"hours", "When it answers.", func(o *model.Organization) string { return text(o.Hours) }},
		{"languages", "Languages it serves people in.", func(o *model.Organization) string { return join(o.Languages) }},
		{"populations", "People it serves.", func(o *model.Organization) string { return join(o.Populations) }},
		{"address", "Street address; empty when the location is confidential.", func(o *model.Organization) string { return text(o.PublicAddress()) }},
		{"confidential", "true when its location is kept confidential.", func(o *model.Organization) string { return strconv.FormatBool(o.Confidential) }},
		{"verified", "Date a person last confirmed its details.", func(o *model.Organization) string { return o.Verified.String() }},
		{"funding_given", "Sum of the commitments it makes.", func(o *model.Organization) string { return number(given[o]) }},
		{"funding_received", "Sum of the commitments naming it as recipient.", func(o *model.Organization) string { return number(received[o]) }},
		{"url", "Its page, as a site path.", func(o *model.Organization) string { return o.URL() }},
	}
}

func partnershipColumns(received map[any]float64) []col[*model.Partnership] {
	return []col[*model.Partnership]{
		{"slug", "Permanent identifier, the file name.", func(p *model.Partnership) string { return text(p.Slug) }},
		{"title", "Name.", func(p *model.Partnership) string { return text(p.Title) }},
		{"kind", "task-force, coalition, alliance, working-group, network or agreement.", func(p *model.Partnership) string { return text(p.Kind) }},
		{"level", "cooperation, coordination or collaboration.", func(p *model.Partnership) string { return text(p.Level) }},
		{"members", "Slugs of its members.", func(p *model.Partnership) string { return join(orgSlugs(p.MemberOrgs)) }},
		{"lead", "Slugs of its leading members.", func(p *model.Partnership) string { return join(orgSlugs(p.LeadOrgs)) }},
		{"funders", "Slugs of its funders.", func(p *model.Partnership) string { return join(orgSlugs(p.FunderOrgs)) }},
		{"objectives", "Ids of the objectives it works on.", func(p *model.Partnership) string { return join(ids(p.ObjectiveRefs)) }},
		{"sectors", "Its members' sector keys.", func(p *model.Partnership) string { return join(keys(p.Sectors)) }},
		{"categories", "Its objectives' category keys.", func(p *model.Partnership) string {
			return join(mapList(p.Categories, func(c *model.Category) string { return c.Key }))
		}},
		{"survivor_voice", "yes when any member is survivor-led.", func(p *model.Partnership) string { return yesNo(analysis.HasSurvivorVoice(p)) }},
		{"started", "Start date.", func(p *model.Partnership) string { return p.Started.String() }},
		{"ended", "End date.", func(p *model.Partnership) string { return p.Ended.String() }},
		{"regions", "Where it works.", func(p *model.Partnership) string { return join(p.Regions) }},
		{"funding_received", "Sum of the commitments naming it as recipient.", func(p *model.Partnership) string { return number(received[p]) }},
		{"url", "Its page, as a site path.", func(p *model.Partnership) string { return p.URL() }},
	}
}

var fundingColumns = []col[*model.Commitment]{
	{"funder", "Slug of the organization committing it.", func(c *model.Commitment) string { return text(c.Funder.Slug) }},
	{"objective", "Id of the objective funded.", func(c *model.Commitment) string { return text(c.ObjectiveRef.ID) }},
	{"category", "Category key of that objective.", func(c *model.Commitment) string { return text(c.ObjectiveRef.Category) }},
	{"amount", "Amount in the site currency.", func(c *model.Commitment) string { return number(c.Amount) }},
	{"year", "Year of the commitment; empty when not given.", func(c *model.Commitment) string {
		if c.Year == 0 {
			return ""
		}
		return strconv.Itoa(c.Year)
	}},
	{"recipient", "Slug of the receiving organization or partnership; empty when not given.", func(c *model.Commitment) string {
		switch {
		case c.RecipientOrganization != nil:
			return text(c.RecipientOrganization.Slug)
		case c.RecipientPartnership != nil:
			return text(c.RecipientPartnership.Slug)
		}
		return ""
	}},
	{"recipient_kind", "organization or partnership; empty without a recipient.", func(c *model.Commitment) string {
		switch {
		case c.RecipientOrganization != nil:
			return "organization"
		case c.RecipientPartnership != nil:
			return "partnership"
		}
		return ""
	}},
	{"note", "Anything a reader should know.", func(c *model.Commitment) string { return text(c.Note) }},
}

// indicatorRecord is an indicator with its objective.
type indicatorRecord struct {
	objective *model.Objective
	status    analysis.IndicatorStatus
}

func measureValue(m *model.Measure) string {
	if m == nil {
		return ""
	}
	return number(m.Value)
}

func measureDate(m *model.Measure) string {
	if m == nil {
		return ""
	}
	return m.Date.String()
}

var indicatorColumns = []col[indicatorRecord]{
	{"objective", "Id of the objective it measures.", func(r indicatorRecord) string { return text(r.objective.ID) }},
	{"name", "What is measured.", func(r indicatorRecord) string { return text(r.status.Indicator.Name) }},
	{"unit", "Unit of the values.", func(r indicatorRecord) string { return text(r.status.Indicator.Unit) }},
	{"baseline", "Starting value.", func(r indicatorRecord) string { return measureValue(r.status.Indicator.Baseline) }},
	{"baseline_date", "Date of the starting value.", func(r indicatorRecord) string { return measureDate(r.status.Indicator.Baseline) }},
	{"target", "Goal.", func(r indicatorRecord) string { return measureValue(r.status.Indicator.Target) }},
	{"target_date", "Date the goal is due.", func(r indicatorRecord) string { return measureDate(r.status.Indicator.Target) }},
	{"progress", "Every measurement as date=value, as listed.", func(r indicatorRecord) string {
		var out []string
		for _, m := range r.status.Indicator.Progress {
			out = append(out, m.Date.String()+"="+number(m.Value))
		}
		return join(out)
	}},
	{"expected", "Value of the straight line from baseline to target at the latest measurement's date; empty when it cannot be drawn.", func(r indicatorRecord) string {
		if !r.status.Assessed {
			return ""
		}
		return number(r.status.Expected)
	}},
	{"off_track", "yes when the latest measurement is behind that line, no when not; empty with expected.", func(r indicatorRecord) string {
		if !r.status.Assessed {
			return ""
		}
		return yesNo(r.status.OffTrack)
	}},
	{"source", "Where the figures come from.", func(r indicatorRecord) string { return text(r.status.Indicator.Source) }},
}

// text protects a value from being run as a spreadsheet formula.
func text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// join joins a list value with "; ".
func join(items []string) string { return text(strings.Join(items, "; ")) }

func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func hasKind(f *analysis.ObjectiveFigures, k analysis.Kind) bool {
	for _, sf := range f.Shortfalls {
		if sf.Kind == k {
			return true
		}
	}
	return false
}

// Schemas returns the tables without rows: their names, what a row is
// and their documented columns, for the /data/ page.
func Schemas() []Table {
	s := &model.Strategy{}
	return Tables(s, analysis.Analyze(s))
}
