package load

import (
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

func TestVersions(t *testing.T) {
	v1 := []byte("+++\nid = \"PV-1\"\ntitle = \"Reduce risk\"\nsummary = \"Less risk.\"\ncategory = \"prevention\"\nstatus = \"planned\"\n+++\n\nFirst text.\n")
	v2 := []byte("+++\nid = \"PV-1\"\ntitle = \"Reduce risk\"\nsummary = \"Less risk.\"\ncategory = \"prevention\"\nstatus = \"planned\"\n+++\n\nFirst text, and more.\n")
	v3 := []byte("+++\nid = \"PV-1\"\ntitle = \"Reduce risk\"\nsummary = \"Less risk.\"\ncategory = \"prevention\"\nstatus = \"at-risk\"\n+++\n\nFirst text, and more.\n")
	rel := "objectives/pv-1.md"

	var vs Versions
	a := vs.Version(rel, v1)
	o, ok := a.(*model.Objective)
	if !ok || o.ID != "PV-1" || o.Status != "planned" || o.Doc.Body != nil {
		t.Fatalf("first version: %#v", a)
	}
	if b := vs.Version(rel, v2); b != a {
		t.Errorf("a version that changed the text alone was parsed again")
	}
	if c := vs.Version(rel, v3); c == a || c.(*model.Objective).Status != "at-risk" {
		t.Errorf("a version that changed the status: %#v", c)
	}
	// The same front matter at another path (a rename) is another entity.
	if d := vs.Version("objectives/prevention-pv-1.md", v3); d.(*model.Objective).Doc.Rel != "objectives/prevention-pv-1.md" {
		t.Errorf("a renamed version kept the old path: %q", d.(*model.Objective).Doc.Rel)
	}
	// A version that cannot be read is nil even when its front matter
	// is the one before's.
	bad := append([]byte(nil), v3...)
	bad = append(bad, 0xff, 0xfe)
	if e := vs.Version("objectives/prevention-pv-1.md", bad); e != nil {
		t.Errorf("a version that is not UTF-8: %#v", e)
	}
	// Known makes today's entity the one to reuse.
	today := &model.Objective{ID: "PV-1"}
	var known Versions
	fm, err := SplitFrontMatter(v2)
	if err != nil {
		t.Fatal(err)
	}
	var doc model.Doc
	setFront(&doc, fm.Open, fm.TOML)
	known.Known(rel, doc.FrontSum, today)
	if got := known.Version(rel, v1); got != today {
		t.Errorf("a version with today's front matter is not today's entity")
	}
	if got := Version("README.md", v1); got != nil {
		t.Errorf("a file that is no entity: %#v", got)
	}
}
