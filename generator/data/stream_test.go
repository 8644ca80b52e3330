package data

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
)

// strategy.json and the HSDS file, written a value at a time, are byte
// for byte what json.Marshal made of them whole (as the files were made
// before they were streamed), on every fixture, with text that
// encoding/json escapes.
func TestStreamedJSONIsMarshal(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func() *strategyUnderTest
	}{
		{"fixture", func() *strategyUnderTest { return &strategyUnderTest{fixture()} }},
		{"hsds", func() *strategyUnderTest { return &strategyUnderTest{hsdsFixture()} }},
		{"giving", func() *strategyUnderTest { return &strategyUnderTest{givingFixture()} }},
		{"escaped", func() *strategyUnderTest {
			s := fixture()
			for i, o := range s.Organizations {
				o.Title += ` <b>&amp;</b> "quoted" ` + "\u2028\u2029 \xff\xfe tab\t" + strings.Repeat("é", i)
				o.Summary = "</script><!-- " + o.Summary
			}
			for _, o := range s.Objectives {
				o.Title += " & <i>"
			}
			return &strategyUnderTest{s}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.make().s
			rep := analysis.Analyze(s)
			doc, e := strategyDoc(s, rep, base)
			doc.Objectives = mapList(s.Objectives, e.objective)
			doc.Organizations = mapList(s.Organizations, e.organization)
			doc.Partnerships = mapList(s.Partnerships, e.partnership)
			want, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			got, err := StrategyJSON(s, rep, base)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, append(want, '\n')) {
				t.Errorf("strategy.json streamed differs from json.Marshal's:\n%s", firstDifference(got, append(want, '\n')))
			}
			wantHSDS, err := json.Marshal(HSDSOrganizations(s, base))
			if err != nil {
				t.Fatal(err)
			}
			gotHSDS, err := HSDSJSON(s, base)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(gotHSDS, append(wantHSDS, '\n')) {
				t.Errorf("the HSDS file streamed differs from json.Marshal's:\n%s", firstDifference(gotHSDS, append(wantHSDS, '\n')))
			}
		})
	}
}

type strategyUnderTest struct{ s *model.Strategy }

// The writer's struct and list framing is encoding/json's: omitempty,
// nil and empty lists and maps, pointers, escaping and numbers.
func TestJSONWriterIsMarshal(t *testing.T) {
	type inner struct {
		A string  `json:"a"`
		B float64 `json:"b,omitempty"`
	}
	type outer struct {
		Name    string            `json:"name"`
		Skip    string            `json:"-"`
		Opt     string            `json:"opt,omitempty"`
		Zero    int               `json:"zero,omitempty"`
		Flag    bool              `json:"flag,omitempty"`
		Untag   string            // no tag: named by the field
		Ptr     *inner            `json:"ptr,omitempty"`
		NilPtr  *inner            `json:"nil_ptr"`
		Map     map[string]int    `json:"map,omitempty"`
		NilList []inner           `json:"nil_list"`
		Empty   []inner           `json:"empty"`
		Items   []inner           `json:"items"`
		Floats  []float64         `json:"floats"`
		Any     any               `json:"any"`
		Nested  map[string][]bool `json:"nested"`
		hidden  int
	}
	// A listed field is always an array (as the files' lists are never
	// null): a nil one is not compared.
	values := []outer{
		{Items: []inner{}},
		{Name: "<&>\u2028\xff", Opt: "x", Zero: 3, Flag: true, Untag: "u", Ptr: &inner{"p", 1.5},
			Map: map[string]int{"b": 2, "a": 1}, Empty: []inner{}, Items: []inner{{"x", 0}, {"<y>", 1e21}},
			Floats: []float64{0, math.Copysign(0, -1), 1e-7, 123456789e13, 0.1}, Any: []any{1, "two"},
			Nested: map[string][]bool{"k": nil}, hidden: 9},
	}
	for i, v := range values {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		j := newJSONWriter(&b)
		j.object(v, map[string]func(emit func(any)){
			"items": func(emit func(any)) {
				for k := range v.Items {
					emit(&v.Items[k])
				}
			},
		})
		if err := j.flush(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("value %d:\n%s", i, firstDifference(b.Bytes(), want))
		}
	}
}

// A list named that the struct has not is a mistake of this package's,
// said at once.
func TestJSONWriterRefusesAnUnknownList(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for a list the struct has not")
		}
	}()
	j := newJSONWriter(&bytes.Buffer{})
	j.object(struct {
		A []int `json:"a"`
	}{}, map[string]func(emit func(any)){"b": func(func(any)) {}})
}

// firstDifference shows where got and want part.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-60, 0)
	return "got  …" + string(got[from:min(i+60, len(got))]) + "\nwant …" + string(want[from:min(i+60, len(want))])
}
