package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/commonagenda/agenda/generator/analysis"
)

func TestFiles(t *testing.T) {
	s := fixture()
	s.Organizations[1].Title = "=HYPERLINK(\"https://evil.example\")"
	files, err := Files(s, analysis.Analyze(s), base)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"contribute/names.json", "data/360giving.csv", "data/360giving.json", "data/datapackage.json",
		"data/funding.csv", "data/hsds/organizations.json", "data/indicators.csv", "data/objectives.csv", "data/organizations.csv",
		"data/partnerships.csv", "data/strategy.json",
		"objectives/pt-1/index.json", "objectives/pv-1.2/index.json", "objectives/pv-1/index.json",
	}
	var got []string
	for name := range files {
		got = append(got, name)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}

	// Each CSV parses with encoding/csv, has the documented header and
	// a row per record.
	rows := map[string]int{"objectives.csv": 3, "organizations.csv": 2, "partnerships.csv": 1, "funding.csv": 2, "indicators.csv": 1}
	for _, tab := range Tables(s, analysis.Analyze(s)) {
		records, err := csv.NewReader(bytes.NewReader(files["data/"+tab.Name])).ReadAll()
		if err != nil {
			t.Errorf("%s: %v", tab.Name, err)
			continue
		}
		if len(records)-1 != rows[tab.Name] {
			t.Errorf("%s: %d rows after the header, want %d", tab.Name, len(records)-1, rows[tab.Name])
		}
		var header []string
		for _, c := range tab.Columns {
			header = append(header, c.Name)
			if c.Doc == "" {
				t.Errorf("%s: column %s is not documented", tab.Name, c.Name)
			}
		}
		if !slices.Equal(records[0], header) {
			t.Errorf("%s: header %v, want %v", tab.Name, records[0], header)
		}
	}

	cell := func(file, key, column string) string {
		t.Helper()
		records, _ := csv.NewReader(bytes.NewReader(files["data/"+file])).ReadAll()
		col := slices.Index(records[0], column)
		for _, r := range records[1:] {
			if r[0] == key {
				return r[col]
			}
		}
		t.Fatalf("%s: no row %s", file, key)
		return ""
	}
	for _, tt := range []struct{ file, key, column, want string }{
		{"objectives.csv", "PV-1", "committed", "1250"},
		{"objectives.csv", "PV-1", "gap", "3750"},
		{"objectives.csv", "PV-1", "organizations", "doj; sl"},
		{"objectives.csv", "PV-1", "shortfalls", "below-need; off-track"},
		{"objectives.csv", "PT-1", "need", ""},
		{"objectives.csv", "PV-1.2", "parent", "PV-1"},
		{"organizations.csv", "doj", "funding_given", "1250"},
		{"organizations.csv", "sl", "title", `'=HYPERLINK("https://evil.example")`},
		{"organizations.csv", "sl", "survivor_led", "yes"},
		{"partnerships.csv", "coalition", "funding_received", "1000"},
		{"partnerships.csv", "coalition", "survivor_voice", "yes"},
		{"funding.csv", "doj", "recipient_kind", "partnership"},
		{"indicators.csv", "PV-1", "progress", "2025-01-01=20"},
		{"indicators.csv", "PV-1", "off_track", "yes"},
	} {
		if got := cell(tt.file, tt.key, tt.column); got != tt.want {
			t.Errorf("%s %s %s = %q, want %q", tt.file, tt.key, tt.column, got, tt.want)
		}
	}
	if !bytes.Contains(files["data/objectives.csv"], []byte("\r\n")) {
		t.Error("objectives.csv does not end lines with CRLF (RFC 4180)")
	}
}

// TestObjectiveJSONRoundTrip reads an index.json back into its type and
// compares it with the objective's entry in strategy.json.
func TestObjectiveJSONRoundTrip(t *testing.T) {
	s := fixture()
	rep := analysis.Analyze(s)
	b, err := ObjectiveJSON(s, rep, base, s.Objectives[0])
	if err != nil {
		t.Fatal(err)
	}
	var file JSONObjectiveFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		t.Fatal(err)
	}
	if file.Version != Version || file.Currency != "USD" || file.Strategy != base+"data/strategy.json" {
		t.Errorf("index.json header %+v", file)
	}
	var all JSONStrategy
	if err := json.Unmarshal(strategyJSON(t, s), &all); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(file.Objective, all.Objectives[0]) {
		t.Errorf("index.json objective\n%+v\ndiffers from strategy.json's\n%+v", file.Objective, all.Objectives[0])
	}
	again, _ := json.Marshal(file)
	if !bytes.Equal(append(again, '\n'), b) {
		t.Error("index.json does not round-trip byte for byte")
	}
}

// TestFieldsDocumented makes sure every field of the published formats
// has documentation, and that the documentation names real paths.
func TestFieldsDocumented(t *testing.T) {
	fields := StrategyFields()
	paths := map[string]Field{}
	for _, f := range append(fields, ObjectiveFileFields()...) {
		if f.Doc == "" {
			t.Errorf("field %s has no doc tag", f.Path)
		}
		paths[f.Path] = f
	}
	for path, typ := range map[string]string{
		"version":           "whole number",
		"objectives":        "list of object",
		"objectives[].id":   "text",
		"objectives[].need": "number",
		"objectives[].indicators[].baseline.value": "number",
		"objectives[].shortfalls[].kind":           "text",
		"organizations[].survivor_led":             "true or false",
		"coverage[].organizations":                 "list of text",
		"funding.by_funder[].amount":               "number",
		"objective.funding_gap":                    "number",
	} {
		if f, ok := paths[path]; !ok || f.Type != typ {
			t.Errorf("field %s: %+v, want type %s", path, f, typ)
		}
	}
	if !paths["objectives[].need"].Optional || paths["objectives[].id"].Optional {
		t.Error("need should be optional and id not")
	}
}

// TestNames: the forms' names, each kind in the strategy's order, as
// arrays; a slug only where it is not the title's.
func TestNames(t *testing.T) {
	s := fixture()
	s.Organizations[0].Title = s.Organizations[0].Slug // its slug is its title's
	s.Organizations[0].Acronym = ""
	s.Partnerships[0].Title = "The " + s.Partnerships[0].Title + " (renamed)"
	b, err := Names(s)
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Objectives, Organizations, Partnerships [][]string }
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Objectives) != len(s.Objectives) || len(got.Organizations) != len(s.Organizations) || len(got.Partnerships) != len(s.Partnerships) {
		t.Fatalf("names: %s", b)
	}
	o := s.Objectives[0]
	if !slices.Equal(got.Objectives[0], []string{o.ID, o.Title, o.Category}) {
		t.Errorf("first objective %q, want %s", got.Objectives[0], o.ID)
	}
	if !slices.Equal(got.Organizations[0], []string{s.Organizations[0].Title}) {
		t.Errorf("organization whose slug is its title's: %q", got.Organizations[0])
	}
	org := s.Organizations[1]
	if !slices.Equal(got.Organizations[1], []string{org.Title, org.Acronym, org.Slug}) {
		t.Errorf("organization %s: %q", org.Slug, got.Organizations[1])
	}
	p := s.Partnerships[0]
	if !slices.Equal(got.Partnerships[0], []string{p.Title, p.Slug}) {
		t.Errorf("partnership %s: %q", p.Slug, got.Partnerships[0])
	}
}
