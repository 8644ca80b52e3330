package schema

import (
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

var update = flag.Bool("update", false, "rewrite the field reference in CONTRIBUTING.md")

const contributing = "../../CONTRIBUTING.md"

// TestContributingMatchesSchema keeps CONTRIBUTING.md's field reference
// equal to the schema the checker uses.
func TestContributingMatchesSchema(t *testing.T) {
	data, err := os.ReadFile(contributing)
	if err != nil {
		t.Fatal(err)
	}
	want, ok := Splice(string(data))
	if !ok {
		t.Fatalf("%s lacks the field reference markers", contributing)
	}
	if *update {
		if err := os.WriteFile(contributing, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(data) != want {
		t.Errorf("%s's field reference is out of date: run go test ./generator/schema -update", contributing)
	}
}

func TestOfReadsTags(t *testing.T) {
	type inner struct {
		V float64 `toml:"value" agenda:"required" doc:"The figure."`
	}
	type sample struct {
		Name    string     `toml:"name" agenda:"required" doc:"A name."`
		Tags    []string   `toml:"tags"`
		When    model.Date `toml:"when"`
		Count   int        `toml:"count"`
		On      bool       `toml:"on"`
		One     *inner     `toml:"one"`
		Many    []inner    `toml:"many"`
		Linked  []*inner   `toml:"-"`
		private string     `toml:"private"`
		Untaged string
	}
	_ = sample{private: "never read: unexported fields are not keys"}
	got := Of(reflect.TypeFor[sample]())
	var keys, types []string
	for _, f := range got {
		keys = append(keys, f.Key)
		types = append(types, f.Type.String())
	}
	if strings.Join(keys, ",") != "name,tags,when,count,on,one,many" {
		t.Errorf("keys %v", keys)
	}
	if strings.Join(types, ",") != "text,list of text,date,whole number,true or false,table,list of tables" {
		t.Errorf("types %v", types)
	}
	if !got[0].Required || got[0].Doc != "A name." || got[1].Required {
		t.Errorf("tags not read: %+v", got[:2])
	}
	if len(got[5].Fields) != 1 || got[5].Fields[0].Key != "value" || !got[5].Fields[0].Required {
		t.Errorf("table fields: %+v", got[5].Fields)
	}
}

// TestEveryKeyDocumented: every front-matter key has a doc line, so the
// reference and the new-file templates explain each one.
func TestEveryKeyDocumented(t *testing.T) {
	for _, k := range Kinds() {
		for _, r := range Rows(k.Fields) {
			if r.Doc == "" {
				t.Errorf("%s: key %s has no doc tag", k.Name, r.Key)
			}
		}
	}
}

func TestMarkdownRows(t *testing.T) {
	md := Markdown()
	for _, want := range []string{
		"### Objectives: `objectives/*.md`",
		"| `id` | text | yes | Permanent identifier",
		"| `indicators.baseline.value` | number | yes | The figure. |",
		"| `funding.amount` | number | yes |",
		"| `survivor_led` | true or false |  |",
		"| `categories.key` | text | yes |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("reference lacks %q", want)
		}
	}
}

// TestFormTags: every values, format and min tag says something the
// forms understand, and the keys the checker resolves against the
// strategy name their vocabulary, so the forms offer the same choices
// the checker accepts.
func TestFormTags(t *testing.T) {
	formats := map[string]bool{"": true, "id": true, "web": true, "email": true, "phone": true}
	var walk func(kind, prefix string, fields []Field)
	seen := map[string]Field{}
	walk = func(kind, prefix string, fields []Field) {
		for _, f := range fields {
			key := kind + ":" + prefix + f.Key
			seen[key] = f
			if f.Values != "" && !f.Values.Known() {
				t.Errorf("%s: unknown vocabulary %q", key, f.Values)
			}
			if !formats[f.Format] {
				t.Errorf("%s: unknown format %q", key, f.Format)
			}
			if f.MinSet && f.Type != Number && f.Type != Whole && f.Type != TextList {
				t.Errorf("%s: min on a %s", key, f.Type)
			}
			walk(kind, prefix+f.Key+".", f.Fields)
		}
	}
	for _, k := range Kinds() {
		walk(k.Name, "", k.Fields)
	}
	for key, want := range map[string]Vocabulary{
		"objective:category": CategoryKeys, "objective:sectors": SectorKeys, "objective:lead": OrganizationSlugs,
		"objective:parent": ObjectiveIDs, "objective:related": ObjectiveIDs, "objective:status": StatusValues,
		"organization:sector": SectorKeys, "organization:objectives": ObjectiveIDs, "organization:parent": OrganizationSlugs,
		"organization:funding.objective": ObjectiveIDs, "organization:funding.recipient": RecipientSlugs,
		"partnership:members": OrganizationSlugs, "partnership:objectives": ObjectiveIDs, "partnership:lead": OrganizationSlugs,
		"partnership:funders": OrganizationSlugs, "partnership:kind": KindValues, "partnership:level": LevelValues,
	} {
		if got := seen[key].Values; got != want {
			t.Errorf("%s: values %q, want %q", key, got, want)
		}
	}
	if f := seen["partnership:members"]; !f.MinSet || f.Min != 2 {
		t.Errorf("partnership members: min %v (set %v), want 2", f.Min, f.MinSet)
	}
	if seen["objective:aliases"].Form || !seen["objective:title"].Form {
		t.Errorf("form tags not read")
	}
	if len(Fixed(StatusValues)) != len(model.Statuses) || Fixed(SectorKeys) != nil {
		t.Errorf("Fixed: %v, %v", Fixed(StatusValues), Fixed(SectorKeys))
	}
}
