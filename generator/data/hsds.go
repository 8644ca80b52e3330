package data

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"net/mail"
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// This file writes the organizations and their services in Open
// Referral's Human Services Data Specification, HSDS 3.0
// (https://docs.openreferral.org/), the format directories of human
// services exchange: /data/hsds/organizations.json is a JSON array of
// HSDS organizations, each with its services nested in it, as HSDS's
// compiled "organization" schema has them (an organization package).
//
// What goes where:
//
//	title, acronym, summary     organization name, alternate_name, description
//	website, email              organization website, email (an email
//	                            address HSDS would reject, such as one
//	                            whose domain has a part over 63 letters,
//	                            is left out)
//	page on this site           organization uri
//	parent                      organization parent_organization_id
//	phone, hotline              organization phones (the hotline first,
//	                            with the languages it answers in)
//	address                     a physical location, its description the
//	                            address as written (HSDS's address parts
//	                            are not split out of it); never for a
//	                            confidential organization
//	hours                       when the phones and the office answer: in
//	                            each phone's description and as the
//	                            location's schedule; on each service's
//	                            schedule when it has neither
//	services                    one service each, active, with the
//	                            organization's languages, regions (service
//	                            areas) and people served (eligibility)
//
// Languages and regions are repeated in each service, where HSDS has
// them and where directories look for them; at 8,000 organizations of
// three services each, this file is about the size of strategy.json.
//
// Every object has a UUID, as HSDS requires: version 5 UUIDs (RFC 9562)
// of a name made of the organization's slug and the object's place
// ("organization/doj", "organization/doj/service/legal-aid"), under
// HSDSNamespace, so the same content gives the same identifiers in every
// build and on every machine. Nested objects leave out the identifiers
// of the objects they sit in (organization_id, service_id), which their
// place already says.

// HSDSNamespace is the UUID namespace of every HSDS identifier: the
// version 5 UUID of the URL https://github.com/commonagenda/agenda/hsds
// in the URL namespace.
var HSDSNamespace = uuid5(uuidURLNamespace, "https://github.com/commonagenda/agenda/hsds")

// uuidURLNamespace is RFC 9562's namespace for URLs,
// 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
var uuidURLNamespace = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// uuid5 is the name-based (SHA-1) UUID of name in namespace, RFC 9562
// section 5.5.
func uuid5(namespace [16]byte, name string) [16]byte {
	// On the stack for the names this package makes (an identifier is
	// made for every organization, service, area and language: 60,000
	// at 10,000 files).
	var buf [160]byte
	sum := sha1.Sum(append(append(buf[:0], namespace[:]...), name...))
	var u [16]byte
	copy(u[:], sum[:])
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return u
}

// uuidString writes a UUID in its canonical form.
func uuidString(u [16]byte) string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}

// HSDSNamespaceString is HSDSNamespace written as a UUID.
func HSDSNamespaceString() string { return uuidString(HSDSNamespace) }

// HSDSID is the identifier of the HSDS object at name.
func HSDSID(name string) string { return uuidString(uuid5(HSDSNamespace, name)) }

// HSDSFile is the path of the HSDS organizations in the output.
var HSDSFile = Dir + routes.HSDSOrganizations

// HSDSVersion is the version of HSDS the file follows.
const HSDSVersion = "3.0"

// HSDSOrganization is an organization in HSDS 3.0.
type HSDSOrganization struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	AlternateName        string         `json:"alternate_name,omitempty"`
	Description          string         `json:"description"`
	Email                string         `json:"email,omitempty"`
	Website              string         `json:"website,omitempty"`
	URI                  string         `json:"uri"`
	ParentOrganizationID string         `json:"parent_organization_id,omitempty"`
	Phones               []HSDSPhone    `json:"phones,omitempty"`
	Locations            []HSDSLocation `json:"locations,omitempty"`
	Services             []HSDSService  `json:"services"`
}

// HSDSPhone is a number to call.
type HSDSPhone struct {
	ID          string         `json:"id"`
	Number      string         `json:"number"`
	Type        string         `json:"type"`
	Description string         `json:"description"`
	Languages   []HSDSLanguage `json:"languages,omitempty"`
}

// HSDSLocation is where an organization receives people.
type HSDSLocation struct {
	ID           string         `json:"id"`
	LocationType string         `json:"location_type"`
	Name         string         `json:"name"`
	Description  string         `json:"description"`
	Schedules    []HSDSSchedule `json:"schedules,omitempty"`
}

// HSDSService is something an organization offers.
type HSDSService struct {
	ID                     string            `json:"id"`
	Name                   string            `json:"name"`
	Status                 string            `json:"status"`
	EligibilityDescription string            `json:"eligibility_description,omitempty"`
	Languages              []HSDSLanguage    `json:"languages,omitempty"`
	ServiceAreas           []HSDSServiceArea `json:"service_areas,omitempty"`
	Schedules              []HSDSSchedule    `json:"schedules,omitempty"`
}

// HSDSLanguage is a language a service or phone line uses, by name (the
// strategy does not give ISO 639 codes).
type HSDSLanguage struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// HSDSServiceArea is a region a service covers, by name.
type HSDSServiceArea struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// HSDSSchedule is when a service answers, in words.
type HSDSSchedule struct {
	ID          string `json:"id"`
	Description string `json:"description"`
}

// HSDSOrganizations are the strategy's organizations in HSDS, in the
// strategy's order.
func HSDSOrganizations(s *model.Strategy, base string) []HSDSOrganization {
	out := make([]HSDSOrganization, 0, len(s.Organizations))
	for _, o := range s.Organizations {
		out = append(out, hsdsOrganization(o, base))
	}
	return out
}

func hsdsOrganization(o *model.Organization, base string) HSDSOrganization {
	name := "organization/" + o.Slug
	h := HSDSOrganization{
		ID: HSDSID(name), Name: o.Title, AlternateName: o.Acronym, Description: o.Summary,
		Email: hsdsEmail(o.Email), Website: o.Website, URI: absURL(base, o.URL()),
		Services: []HSDSService{},
	}
	if h.Description == "" {
		h.Description = o.Title + "."
	}
	if o.ParentRef != nil {
		h.ParentOrganizationID = HSDSID("organization/" + o.ParentRef.Slug)
	}
	// Each service lists the languages and regions: their keys are
	// found once.
	languages, regions := distinct(o.Languages), distinct(o.Regions)
	hours := ""
	if o.Hours != "" {
		hours = ". Hours: " + o.Hours
	}
	if o.Hotline != "" {
		h.Phones = append(h.Phones, HSDSPhone{
			ID: HSDSID(name + "/phone/hotline"), Number: o.Hotline, Type: "voice",
			Description: "Hotline" + hours, Languages: hsdsLanguages(name+"/phone/hotline", languages),
		})
	}
	if o.Phone != "" {
		h.Phones = append(h.Phones, HSDSPhone{ID: HSDSID(name + "/phone/main"), Number: o.Phone, Type: "voice", Description: "Main number" + hours})
	}
	if addr := o.PublicAddress(); addr != "" {
		loc := HSDSLocation{ID: HSDSID(name + "/location"), LocationType: "physical", Name: o.Title, Description: addr}
		if o.Hours != "" {
			loc.Schedules = []HSDSSchedule{{ID: HSDSID(name + "/location/schedule"), Description: o.Hours}}
		}
		h.Locations = []HSDSLocation{loc}
	}
	for _, svc := range distinct(o.Services) {
		at := name + "/service/" + svc.key
		service := HSDSService{
			ID: HSDSID(at), Name: svc.value, Status: "active",
			Languages: hsdsLanguages(at, languages),
		}
		if len(o.Populations) > 0 {
			service.EligibilityDescription = "People served: " + strings.Join(o.Populations, ", ") + "."
		}
		for _, r := range regions {
			service.ServiceAreas = append(service.ServiceAreas, HSDSServiceArea{ID: HSDSID(at + "/area/" + r.key), Name: r.value})
		}
		if o.Hours != "" && len(h.Phones) == 0 && len(h.Locations) == 0 {
			service.Schedules = []HSDSSchedule{{ID: HSDSID(at + "/schedule"), Description: o.Hours}}
		}
		h.Services = append(h.Services, service)
	}
	return h
}

func hsdsLanguages(at string, languages []keyed) []HSDSLanguage {
	var out []HSDSLanguage
	for _, l := range languages {
		out = append(out, HSDSLanguage{ID: HSDSID(at + "/language/" + l.key), Name: l.value})
	}
	return out
}

// keyed is a value of a list with the key that names it in identifiers.
type keyed struct{ key, value string }

// distinct is the values of a list with their keys, leaving out blanks
// and values repeated in other words ("Legal aid", "legal aid"), as the
// directory of help counts them.
func distinct(values []string) []keyed {
	var out []keyed
	var seen map[string]bool // for long lists; short ones are searched
	for _, v := range values {
		key := model.Slugify(v)
		if key == "" {
			key = strings.ToLower(strings.TrimSpace(v))
		}
		if key == "" {
			continue
		}
		if len(values) > 16 {
			if seen == nil {
				seen = map[string]bool{}
			}
			if seen[key] {
				continue
			}
			seen[key] = true
		} else if slices.ContainsFunc(out, func(k keyed) bool { return k.key == key }) {
			continue
		}
		out = append(out, keyed{key, v})
	}
	return out
}

// HSDSJSON returns hsds/organizations.json.
func HSDSJSON(s *model.Strategy, base string) ([]byte, error) {
	var b bytes.Buffer
	if err := WriteHSDSJSON(&b, s, base); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteHSDSJSON writes HSDSJSON's bytes to w as they are made, an
// organization at a time.
func WriteHSDSJSON(w io.Writer, s *model.Strategy, base string) error {
	j := newJSONWriter(w)
	j.list(func(emit func(any)) {
		for _, o := range s.Organizations {
			h := hsdsOrganization(o, base)
			emit(&h)
		}
	})
	j.raw("\n")
	if err := j.flush(); err != nil {
		return fmt.Errorf("encoding %s: %w", routes.HSDSOrganizations, err)
	}
	return nil
}

// hsdsEmail is an email address as HSDS takes it (an email address as
// RFC 5321 writes one), or "" for one it would reject: the content's
// check is looser.
func hsdsEmail(e string) string {
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || a.Name != "" {
		return ""
	}
	domain := e[strings.LastIndexByte(e, '@')+1:]
	for label := range strings.SplitSeq(domain, ".") {
		if len(label) < 1 || len(label) > 63 {
			return ""
		}
	}
	return e
}
