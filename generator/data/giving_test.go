package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
)

// fund adds a commitment of funder to o as the link phase would.
func fund(funder *model.Organization, o *model.Objective, amount float64, year int, recipient *model.Organization, note string) {
	funder.Funding = append(funder.Funding, model.Commitment{Objective: o.ID, Amount: amount, Year: year, Note: note})
	funder.FundingGiven = funder.FundingGiven[:0]
	for i := range funder.Funding {
		if ref := funder.Funding[i].ObjectiveRef; ref != nil {
			ref.Funding = nil // refilled below, as appending moved them
		}
	}
	for i := range funder.Funding {
		c := &funder.Funding[i]
		c.Funder, c.Index = funder, i
		if c.ObjectiveRef == nil {
			c.ObjectiveRef = o
		}
		funder.FundingGiven = append(funder.FundingGiven, c)
	}
	last := &funder.Funding[len(funder.Funding)-1]
	if recipient != nil {
		last.Recipient, last.RecipientOrganization = recipient.Slug, recipient
	}
	for _, c := range funder.FundingGiven {
		c.ObjectiveRef.Funding = append(c.ObjectiveRef.Funding, c)
	}
}

// givingFixture is the fixture with two more grants from doj to sl: one
// for PT-1 with a hostile note, and a second one like it.
func givingFixture() *model.Strategy {
	s := fixture()
	doj, sl := s.Organizations[0], s.Organizations[1]
	pt1 := s.Objectives[2]
	fund(doj, pt1, 300, 2026, sl, `=1+1 <script>alert("x")</script>`)
	fund(doj, pt1, 50, 2026, sl, "")
	sl.Website = "https://sl.example/"
	return s
}

func givingFiles(t *testing.T, s *model.Strategy) map[string][]byte {
	t.Helper()
	files, err := Files(s, analysis.Analyze(s), base)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestGivingValid validates 360giving.json against the 360Giving package
// schema and checks what each grant says.
func TestGivingValid(t *testing.T) {
	files := givingFiles(t, givingFixture())
	b := files[GivingFile]
	if err := validate(t, schema(t, givingSchema), GivingFile, b); err != nil {
		t.Fatalf("360giving.json is not valid 360Giving data:\n%v\n%s", err, b)
	}
	var pkg GivingPackage
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pkg); err != nil {
		t.Fatal(err)
	}
	// The 250 to PV-1 has neither year nor recipient: left out.
	if len(pkg.Grants) != 3 {
		t.Fatalf("%d grants, want 3 (the commitments with a recipient and a year)", len(pkg.Grants))
	}
	g := pkg.Grants[0]
	want := Grant{
		ID: g.ID, Title: "PV-1: Prevent <trafficking> & exploitation",
		Description: "Department of Justice commits 1,000 USD in 2025 to Coalition for objective PV-1, Prevent <trafficking> & exploitation. seed",
		Currency:    "USD", AmountAwarded: 1000, AwardDate: "2025-01-01", URL: base + "objectives/pv-1/",
		RecipientOrganization: []GivingOrg{{ID: "360G-agenda-partnership-coalition", Name: "Coalition"}},
		FundingOrganization:   []GivingOrg{{ID: "360G-agenda-org-doj", Name: "Department of Justice", URL: "https://justice.example"}},
		GrantProgramme:        []GrantProgramme{{Code: "PV-1", Title: "Prevent <trafficking> & exploitation", URL: base + "objectives/pv-1/"}},
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("first grant\n%+v\nwant\n%+v", g, want)
	}
	if pkg.Grants[1].RecipientOrganization[0] != (GivingOrg{ID: "360G-agenda-org-sl", Name: "Survivors Lead", URL: "https://sl.example/"}) {
		t.Errorf("recipient organization %+v", pkg.Grants[1].RecipientOrganization)
	}
	ids := map[string]bool{}
	for _, g := range pkg.Grants {
		if !strings.HasPrefix(g.ID, GivingPrefix+"-doj-") || ids[g.ID] {
			t.Errorf("grant id %q: want a new one starting %s-doj-", g.ID, GivingPrefix)
		}
		ids[g.ID] = true
	}
	if bytes.Contains(b, []byte("<script>")) {
		t.Error("raw <script> in 360giving.json")
	}
}

// TestGivingIDsStable: a grant keeps its identifier when its funder's
// commitments are reordered or one before it is removed, and when its
// amount changes; of two alike, the first listed stays the first.
func TestGivingIDsStable(t *testing.T) {
	idsOf := func(s *model.Strategy) map[float64]string {
		out := map[float64]string{}
		for _, g := range Grants(s, analysis.Analyze(s), base) {
			out[g.AmountAwarded] = g.ID
		}
		return out
	}
	before := idsOf(givingFixture())

	s := givingFixture()
	doj := s.Organizations[0]
	doj.Funding = slices.Delete(doj.Funding, 0, 1) // the grant to the coalition
	doj.Funding[1].Amount = 301                    // was 300
	// The 250 without a recipient moves last; the two alike keep their order.
	doj.Funding = append(doj.Funding[1:], doj.Funding[0])
	doj.FundingGiven = nil
	for i := range doj.Funding {
		doj.FundingGiven = append(doj.FundingGiven, &doj.Funding[i])
	}
	after := idsOf(s)
	if after[301] != before[300] || after[50] != before[50] || len(after) != 2 {
		t.Errorf("identifiers changed: before %v, after %v", before, after)
	}
	if before[300] == before[50] {
		t.Error("two commitments of the same funder, objective, year and recipient share an identifier")
	}
}

// TestGivingCSV reads 360giving.csv back into grants through the column
// titles of the 360Giving schema (a title path such as "Recipient
// Org:Identifier" names recipientOrganization[0].id), validates them and
// compares them with 360giving.json.
func TestGivingCSV(t *testing.T) {
	s := givingFixture()
	s.Organizations[1].Title = `=HYPERLINK("https://evil.example")`
	files := givingFiles(t, s)
	rows, err := csv.NewReader(bytes.NewReader(files[GivingCSVFile])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	titles := givingTitles(t)
	var grants []any
	for _, row := range rows[1:] {
		g := map[string]any{}
		for i, title := range rows[0] {
			path, ok := titles[title]
			if !ok {
				t.Fatalf("column %q is not a 360Giving column title", title)
			}
			if row[i] == "" {
				continue
			}
			var v any = strings.TrimPrefix(row[i], "'") // a formula's guard
			if title == "Amount Awarded" {
				v, _ = strconv.ParseFloat(row[i], 64)
			}
			if len(path) == 1 {
				g[path[0]] = v
				continue
			}
			list, _ := g[path[0]].([]any)
			if list == nil {
				list = []any{map[string]any{}}
				g[path[0]] = list
			}
			list[0].(map[string]any)[path[1]] = v
		}
		grants = append(grants, g)
	}
	fromCSV, _ := json.Marshal(map[string]any{"grants": grants})
	if err := validate(t, schema(t, givingSchema), GivingCSVFile, fromCSV); err != nil {
		t.Fatalf("360giving.csv read as 360Giving is not valid: %v", err)
	}
	var csvPkg, jsonPkg struct{ Grants []Grant }
	json.Unmarshal(fromCSV, &csvPkg)
	json.Unmarshal(files[GivingFile], &jsonPkg)
	if !reflect.DeepEqual(csvPkg.Grants, jsonPkg.Grants) {
		t.Errorf("360giving.csv\n%+v\ndiffers from 360giving.json\n%+v", csvPkg.Grants, jsonPkg.Grants)
	}
	if !strings.Contains(string(files[GivingCSVFile]), `,"'=HYPERLINK(""https://evil.example"")",`) {
		t.Errorf("a name starting with = is not guarded against running as a formula:\n%s", files[GivingCSVFile])
	}
}

// givingTitles maps the spreadsheet titles of 360Giving's grant fields
// to their JSON paths, from the titles in the schema: "Amount Awarded"
// is amountAwarded, "Recipient Org:Identifier" recipientOrganization's
// id.
func givingTitles(t *testing.T) map[string][]string {
	doc := loadSchemaDoc(t, "360giving/360-giving-schema.json").(map[string]any)
	defs := doc["$defs"].(map[string]any)
	out := map[string][]string{}
	for name, p := range doc["properties"].(map[string]any) {
		p := p.(map[string]any)
		title, _ := p["title"].(string)
		items, _ := p["items"].(map[string]any)
		ref, _ := items["$ref"].(string)
		if ref == "" {
			if title != "" {
				out[title] = []string{name}
			}
			continue
		}
		def := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		for sub, sp := range def["properties"].(map[string]any) {
			if st, ok := sp.(map[string]any)["title"].(string); ok {
				out[title+":"+st] = []string{name, sub}
			}
		}
	}
	// currency has no title of its own in the schema.
	out["Currency"] = []string{"currency"}
	return out
}

// A registered prefix from site.toml starts every identifier, and the
// package no longer calls its prefix a placeholder.
func TestGivingRegisteredPrefix(t *testing.T) {
	s := givingFixture()
	s.Site.GivingPrefix = "360G-example"
	grants := Grants(s, analysis.Analyze(s), base)
	if len(grants) == 0 {
		t.Fatal("no grants")
	}
	for _, g := range grants {
		if !strings.HasPrefix(g.ID, "360G-example-") || !strings.HasPrefix(g.FundingOrganization[0].ID, "360G-example-org-") ||
			!strings.HasPrefix(g.RecipientOrganization[0].ID, "360G-example-") {
			t.Errorf("identifiers without the registered prefix: %s, %s, %s", g.ID, g.FundingOrganization[0].ID, g.RecipientOrganization[0].ID)
		}
	}
	out, err := GivingJSON(s, analysis.Analyze(s), base, grants)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "placeholder") {
		t.Error("the package calls a registered prefix a placeholder")
	}
}
