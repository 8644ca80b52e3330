package data

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
)

func strategyJSON(t *testing.T, s *model.Strategy) []byte {
	t.Helper()
	b, err := StrategyJSON(s, analysis.Analyze(s), base)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStrategyJSONValues(t *testing.T) {
	b := strategyJSON(t, fixture())
	var got JSONStrategy
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("strategy.json does not read back into its types: %v", err)
	}

	if got.Version != 1 || got.Generator != "Common Agenda" {
		t.Errorf("version, generator = %d, %q", got.Version, got.Generator)
	}
	wantSite := JSONSite{Title: "Strategy <&> Test", Description: "A test strategy.", BaseURL: base, Currency: "USD", Language: "en"}
	if got.Site != wantSite {
		t.Errorf("site = %+v, want %+v", got.Site, wantSite)
	}
	wantCat := JSONTerm{"prevention", "Prevention", "Stop it before it starts.", base + "categories/prevention/"}
	if len(got.Categories) != 2 || got.Categories[0] != wantCat {
		t.Errorf("categories = %+v, want first %+v", got.Categories, wantCat)
	}

	need, gap, expected, off := 5000.0, 3750.0, 10+90*366/1096.0, true
	wantPV1 := JSONObjective{
		ID: "PV-1", Title: "Prevent <trafficking> & exploitation", Category: "prevention",
		Summary: "Fewer people are trafficked.", Children: []string{"PV-1.2"},
		Sectors: []string{"government", "survivor-led"}, Lead: []string{"doj"},
		SectorsMissing: []string{},
		Status:         "planned", Start: "2025-01-01", Need: &need, FundingCommitted: 1250, FundingGap: &gap,
		Funding: []JSONCommitment{
			{Funder: "doj", Objective: "PV-1", Amount: 1000, Year: 2025, Recipient: "coalition", Note: "seed"},
			{Funder: "doj", Objective: "PV-1", Amount: 250},
		},
		Related: []string{"PT-1"},
		Indicators: []JSONIndicator{{
			Name: "Calls", Unit: "calls", Source: "Hotline",
			Baseline: &JSONMeasure{10, "2024-01-01"}, Target: &JSONMeasure{100, "2027-01-01"},
			Progress: []JSONMeasure{{20, "2025-01-01"}},
			Expected: &expected, OffTrack: &off,
		}},
		Organizations: []string{"doj", "sl"}, Partnerships: []string{"coalition"},
		Shortfalls: []JSONShortfall{
			{Kind: "below-need", Title: "Funding below need", Reason: "1,250 USD committed of 5,000 USD needed: 3,750 USD short.", Gap: &gap},
			{Kind: "off-track", Title: "Indicator off track", Reason: "Calls: 20 calls on 2025-01-01, where the line from baseline to target expects 40.1 calls.", Indicator: "Calls"},
		},
		Aliases: []string{}, Updated: "2025-03-01", URL: base + "objectives/pv-1/",
	}
	if !reflect.DeepEqual(got.Objectives[0], wantPV1) {
		t.Errorf("PV-1 =\n%+v\nwant\n%+v", got.Objectives[0], wantPV1)
	}
	if o := got.Objectives[1]; o.ID != "PV-1.2" || o.Parent != "PV-1" || o.Status != "in-progress" || o.Due != "2026-01-31" || o.FundingCommitted != 0 {
		t.Errorf("PV-1.2 = %+v; want parent PV-1 (canonical case), in-progress, due 2026-01-31", o)
	}

	doj := got.Organizations[0]
	wantFunding := []JSONCommitment{
		{Objective: "PV-1", Amount: 1000, Year: 2025, Recipient: "coalition", Note: "seed"},
		{Objective: "PV-1", Amount: 250},
	}
	if doj.Slug != "doj" || doj.Acronym != "DOJ" || doj.URL != base+"organizations/doj/" ||
		!reflect.DeepEqual(doj.Funding, wantFunding) || !reflect.DeepEqual(doj.Objectives, []string{"PV-1"}) {
		t.Errorf("doj = %+v", doj)
	}
	if sl := got.Organizations[1]; !sl.SurvivorLed || sl.Summary != `<script>alert("x")</script> & friends` {
		t.Errorf("sl = %+v; want survivor-led by sector, summary kept as text", sl)
	}

	wantP := JSONPartnership{
		Slug: "coalition", Title: "Coalition", Members: []string{"doj", "sl"}, Lead: []string{"doj"},
		Funders: []string{}, Objectives: []string{"PV-1"}, Kind: "coalition", Level: "coordination",
		Started: "2024-06-01", Regions: []string{}, Summary: "Working together.",
		Sectors: []string{"government", "survivor-led"}, Categories: []string{"prevention"},
		SurvivorVoice: true, Shortfalls: []JSONShortfall{},
		Aliases: []string{}, Updated: "2024-12-31", URL: base + "partnerships/coalition/",
	}
	if !reflect.DeepEqual(got.Partnerships, []JSONPartnership{wantP}) {
		t.Errorf("partnerships =\n%+v\nwant\n%+v", got.Partnerships, []JSONPartnership{wantP})
	}
}

// TestStrategyJSONNoNulls reads the file as a reader without our types
// would: every list must be an array, even an empty one.
func TestStrategyJSONNoNulls(t *testing.T) {
	for name, s := range map[string]*model.Strategy{"fixture": fixture(), "empty": {}} {
		var doc map[string]any
		if err := json.Unmarshal(strategyJSON(t, s), &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, k := range []string{"categories", "sectors", "objectives", "organizations", "partnerships"} {
			if _, ok := doc[k].([]any); !ok {
				t.Errorf("%s: %q is %T, want an array", name, k, doc[k])
			}
		}
		walkJSON(t, name, doc)
	}
}

func walkJSON(t *testing.T, at string, v any) {
	switch v := v.(type) {
	case nil:
		t.Errorf("null at %s", at)
	case map[string]any:
		for k, e := range v {
			walkJSON(t, at+"."+k, e)
		}
	case []any:
		for _, e := range v {
			walkJSON(t, at+"[]", e)
		}
	}
}

func TestStrategyJSONFormat(t *testing.T) {
	a, b := strategyJSON(t, fixture()), strategyJSON(t, fixture())
	if !bytes.Equal(a, b) {
		t.Error("two encodings of the same strategy differ")
	}
	if !bytes.HasPrefix(a, []byte(`{"version":1,"generator"`)) || !bytes.HasSuffix(a, []byte("}\n")) || bytes.Count(a, []byte("\n")) != 1 {
		t.Errorf("not compact JSON on one line with a final newline:\n%.80s", a)
	}
	if strings.Contains(string(a), "<script>") {
		t.Error("raw <script> in JSON; want it escaped for safe embedding")
	}
}

func TestStrategyJSONRejectsInfinity(t *testing.T) {
	s := fixture()
	inf := math.Inf(1)
	s.Objectives[0].Need = &inf
	if _, err := StrategyJSON(s, analysis.Analyze(s), base); err == nil {
		t.Error("StrategyJSON encoded an infinite need without error")
	}
}
