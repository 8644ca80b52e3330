package data

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
)

// hsdsFixture is the fixture with what the directory of help holds: a
// hotline, hours, languages, people served, regions and services for
// the survivor-led group, whose shelter's address is confidential, and
// a public address, a phone and an email for the department.
func hsdsFixture() *model.Strategy {
	s := fixture()
	doj, sl := s.Organizations[0], s.Organizations[1]
	doj.Address, doj.Phone, doj.Email = "950 Justice Avenue, Capital City", "+1 202 555 0100", "info@justice.example"
	doj.Services = []string{"Legal aid", "legal aid", "Victim compensation"}
	sl.Confidential, sl.Address = true, "12 Hidden Lane, Safe Town 54321"
	sl.Hotline, sl.Hours = "+1 888 555 0199", "24/7"
	sl.Languages = []string{"English", "Español", "中文"}
	sl.Populations = []string{"Adults", "Youth"}
	sl.Regions = []string{"National", "Washington"}
	sl.Services = []string{"Hotline", "Emergency shelter"}
	// The content's check takes it; HSDS's email format does not.
	sl.Email = "help@" + strings.Repeat("x", 64) + ".example.org"
	return s
}

// TestHSDSValid validates every organization of hsds/organizations.json
// against HSDS 3.0's compiled organization schema, closed to properties
// it does not list, and checks the mapping.
func TestHSDSValid(t *testing.T) {
	s := hsdsFixture()
	files := givingFiles(t, s)
	b := files[HSDSFile]
	var orgs []json.RawMessage
	if err := json.Unmarshal(b, &orgs); err != nil {
		t.Fatalf("hsds/organizations.json is not an array: %v", err)
	}
	if len(orgs) != len(s.Organizations) {
		t.Fatalf("%d organizations, want %d", len(orgs), len(s.Organizations))
	}
	sch := schema(t, hsdsSchema)
	for i, o := range orgs {
		if err := validate(t, sch, HSDSFile, o); err != nil {
			t.Errorf("organization %d is not valid HSDS 3.0:\n%v\n%s", i, err, o)
		}
	}

	var got []HSDSOrganization
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	doj, sl := got[0], got[1]
	// The UUIDv5 of "organization/doj" in the namespace, as Python's
	// uuid.uuid5 computes it.
	if doj.ID != "558741f4-e85a-53fc-ae17-985bed368e81" || HSDSNamespace != [16]byte(uuidBytes(t, "d74b4585-0308-5683-9c93-3ef110a68a25")) {
		t.Errorf("doj's id %s, namespace %s: not the UUIDv5 of its name", doj.ID, uuidString(HSDSNamespace))
	}
	if doj.Name != "Department of Justice" || doj.AlternateName != "DOJ" || doj.URI != base+"organizations/doj/" ||
		doj.Website != "https://justice.example" || doj.Email != "info@justice.example" {
		t.Errorf("doj = %+v", doj)
	}
	if len(doj.Services) != 2 || doj.Services[0].Name != "Legal aid" || doj.Services[1].Name != "Victim compensation" {
		t.Errorf("doj's services %+v, want Legal aid (once) and Victim compensation", doj.Services)
	}
	if len(doj.Locations) != 1 || doj.Locations[0].Description != "950 Justice Avenue, Capital City" {
		t.Errorf("doj's locations %+v, want its public address", doj.Locations)
	}
	if sl.Email != "" {
		t.Errorf("sl's email %q is not an address HSDS takes: want it left out", sl.Email)
	}
	if len(sl.Locations) != 0 {
		t.Errorf("the confidential organization has a location: %+v", sl.Locations)
	}
	if len(sl.Phones) != 1 || sl.Phones[0].Number != "+1 888 555 0199" || sl.Phones[0].Description != "Hotline. Hours: 24/7" || len(sl.Phones[0].Languages) != 3 {
		t.Errorf("sl's phones %+v, want the hotline with its hours and languages", sl.Phones)
	}
	if sl.Description != `<script>alert("x")</script> & friends` || bytes.Contains(b, []byte("<script>")) {
		t.Errorf("summary %q, or raw <script> in the file", sl.Description)
	}
	svc := sl.Services[1]
	if svc.Name != "Emergency shelter" || svc.Status != "active" || svc.EligibilityDescription != "People served: Adults, Youth." ||
		len(svc.Languages) != 3 || svc.Languages[2].Name != "中文" || len(svc.ServiceAreas) != 2 || svc.ServiceAreas[1].Name != "Washington" {
		t.Errorf("sl's shelter service = %+v", svc)
	}
	if len(svc.Schedules) != 0 {
		t.Errorf("hours on the service as well as the hotline: %+v", svc.Schedules)
	}

	// Every identifier is unique in the file.
	ids := map[string]int{}
	for _, m := range regexp.MustCompile(`"id":"([^"]+)"`).FindAllSubmatch(b, -1) {
		ids[string(m[1])]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %s appears %d times", id, n)
		}
	}

	// The same content gives the same file.
	again := givingFiles(t, hsdsFixture())[HSDSFile]
	if !bytes.Equal(again, b) {
		t.Error("two builds of the same strategy give different HSDS")
	}
}

// TestHSDSSchemaCatchesBreakage makes sure the validation would see a
// broken file: an id that is not a UUID, a service without status, a
// misspelt field.
func TestHSDSSchemaCatchesBreakage(t *testing.T) {
	sch := schema(t, hsdsSchema)
	org := HSDSOrganizations(hsdsFixture(), base)[1]
	for name, breakIt := range map[string]func(m map[string]any){
		"id not a UUID":      func(m map[string]any) { m["id"] = "sl" },
		"service status":     func(m map[string]any) { delete(m["services"].([]any)[0].(map[string]any), "status") },
		"unknown field":      func(m map[string]any) { m["hotline"] = "+1 888 555 0199" },
		"website not an URI": func(m map[string]any) { m["website"] = "not a web address" },
	} {
		b, _ := json.Marshal(org)
		var m map[string]any
		json.Unmarshal(b, &m)
		breakIt(m)
		b, _ = json.Marshal(m)
		if err := validate(t, sch, name, b); err == nil {
			t.Errorf("%s: the HSDS schema accepted it", name)
		}
	}
}

// TestConfidentialAddressInNoDataFile searches every byte of every data
// file for a confidential organization's address, whole and in parts,
// raw and as JSON writes it.
func TestConfidentialAddressInNoDataFile(t *testing.T) {
	s := hsdsFixture()
	s.Organizations[1].Address = `12 Hidden Lane <Unit & 3>, Safe Town 54321`
	files, err := Files(s, analysis.Analyze(s), base)
	if err != nil {
		t.Fatal(err)
	}
	escaped, _ := json.Marshal(s.Organizations[1].Address)
	needles := []string{s.Organizations[1].Address, strings.Trim(string(escaped), `"`), "Hidden Lane", "Safe Town", "54321"}
	for name, b := range files {
		for _, n := range needles {
			if bytes.Contains(b, []byte(n)) {
				t.Errorf("%s contains %q of the confidential address", name, n)
			}
		}
	}
	// The public address is published, so the search would find one.
	if !bytes.Contains(files[HSDSFile], []byte("950 Justice Avenue")) {
		t.Error("the public address is not in the HSDS file: the search above proves nothing")
	}
}

func uuidBytes(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, "-", ""))
	if err != nil || len(b) != 16 {
		t.Fatalf("%s is not a UUID", s)
	}
	return b
}
