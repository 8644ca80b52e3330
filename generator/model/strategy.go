package model

import (
	"maps"
	"slices"
	"strings"
	"sync"
)

// Strategy is everything read from a content folder.
type Strategy struct {
	Site          Site
	Home          *Page // content/_index.md; nil when absent
	Objectives    []*Objective
	Organizations []*Organization
	Partnerships  []*Partnership
	Pages         []*Page
	// Intros are the introductions of generated list pages, keyed by the
	// list's URL: content/objectives/_index.md is Intros["/objectives/"].
	// They do not produce pages of their own.
	Intros map[string]*Page
	// Files are other files under content/ (images, PDFs), copied as is.
	Files []File
	// Unreadable are the objective, organization and partnership files
	// that could not be read or parsed. Each still claims its names, so
	// that the files referring to it are not reported too: one mistake,
	// one error.
	Unreadable []Claim
	// Drafts are the objectives, organizations and partnerships left
	// out because they are drafts (see Draft).
	Drafts []Claim
	// Today is the date overdue checks compare against.
	Today Date
	// Bodies are the documents' rendered bodies, filled by the link
	// phase (see Body).
	Bodies Bodies

	// Lookups, built by Index.
	objectiveByID      map[string]*Objective
	organizationBySlug map[string]*Organization
	partnershipBySlug  map[string]*Partnership
	categoryByKey      map[string]*Category
	sectorByKey        map[string]*Sector
}

// Claim is the names an unreadable file would have given its entity: an
// organization's or partnership's slug (its file name), an objective's id
// (found on its id line, if any) and its file name.
type Claim struct {
	Kind  string // "objective", "organization" or "partnership"
	Rel   string // the file, relative to the content root
	Names []string
}

// Draft returns the draft, left out of the site, that would be the
// objective, organization or partnership of kind named name ("" when
// none): a reference to it is not to something unknown.
func (s *Strategy) Draft(kind, name string) string {
	if c := claimOf(s.Drafts, kind, name); c != nil {
		return c.Rel
	}
	return ""
}

// claimOf is the claim of kind among claims that names name (ignoring
// case for objectives, whose ids are compared so), or nil.
func claimOf(claims []Claim, kind, name string) *Claim {
	for i, c := range claims {
		if c.Kind != kind {
			continue
		}
		for _, n := range c.Names {
			if n == name || kind == "objective" && strings.EqualFold(n, name) {
				return &claims[i]
			}
		}
	}
	return nil
}

// Claimed reports whether an unreadable file of this kind claims name
// (ignoring case for objectives, whose ids are compared so).
func (s *Strategy) Claimed(kind, name string) bool {
	return claimOf(s.Unreadable, kind, name) != nil
}

// File is a file copied to the output unchanged.
type File struct {
	// Rel is the slash path relative to the content root, which is also
	// its path in the output.
	Rel string
	// Path is the path on disk (or in the source file system) to read.
	Path string
}

// Index (re)builds the lookup tables used by the Objective, Organization,
// Partnership, Category and Sector methods. Call it after loading and after
// any change to the lists. When two items share a key the first wins (the
// check phase reports duplicates).
func (s *Strategy) Index() {
	// The largest table is made beside the others in a large strategy.
	var wg sync.WaitGroup
	orgs := func() {
		s.organizationBySlug = make(map[string]*Organization, len(s.Organizations))
		for _, o := range s.Organizations {
			if _, dup := s.organizationBySlug[o.Slug]; !dup {
				s.organizationBySlug[o.Slug] = o
			}
		}
	}
	if len(s.Organizations) > 1000 {
		wg.Go(orgs)
	} else {
		orgs()
	}
	defer wg.Wait()
	s.objectiveByID = make(map[string]*Objective, len(s.Objectives))
	for _, o := range s.Objectives {
		k := strings.ToLower(o.ID)
		if _, dup := s.objectiveByID[k]; !dup {
			s.objectiveByID[k] = o
		}
	}
	s.partnershipBySlug = make(map[string]*Partnership, len(s.Partnerships))
	for _, p := range s.Partnerships {
		if _, dup := s.partnershipBySlug[p.Slug]; !dup {
			s.partnershipBySlug[p.Slug] = p
		}
	}
	s.categoryByKey = make(map[string]*Category, len(s.Site.Categories))
	for i, c := range s.Site.Categories {
		c.Index, c.url = i, categoryURL(c.Key)
		if _, dup := s.categoryByKey[c.Key]; !dup {
			s.categoryByKey[c.Key] = c
		}
	}
	s.sectorByKey = make(map[string]*Sector, len(s.Site.Sectors))
	for i, c := range s.Site.Sectors {
		c.Index, c.url = i, sectorURL(c.Key)
		if _, dup := s.sectorByKey[c.Key]; !dup {
			s.sectorByKey[c.Key] = c
		}
	}
}

// Indexed reports whether Index has been called.
func (s *Strategy) Indexed() bool { return s.objectiveByID != nil }

// Objective returns the objective with this id, ignoring case, or nil.
func (s *Strategy) Objective(id string) *Objective { return s.objectiveByID[strings.ToLower(id)] }

// Organization returns the organization with this slug, or nil.
func (s *Strategy) Organization(slug string) *Organization { return s.organizationBySlug[slug] }

// Partnership returns the partnership with this slug, or nil.
func (s *Strategy) Partnership(slug string) *Partnership { return s.partnershipBySlug[slug] }

// Category returns the category with this key, or nil.
func (s *Strategy) Category(key string) *Category { return s.categoryByKey[key] }

// Sector returns the sector with this key, or nil.
func (s *Strategy) Sector(key string) *Sector { return s.sectorByKey[key] }

// ObjectiveIDs returns every objective id, in list order, for hints.
func (s *Strategy) ObjectiveIDs() []string {
	ids := make([]string, len(s.Objectives))
	for i, o := range s.Objectives {
		ids[i] = o.ID
	}
	return ids
}

// OrganizationSlugs returns every organization slug, for hints.
func (s *Strategy) OrganizationSlugs() []string {
	out := make([]string, len(s.Organizations))
	for i, o := range s.Organizations {
		out[i] = o.Slug
	}
	return out
}

// PartnershipSlugs returns every partnership slug, for hints.
func (s *Strategy) PartnershipSlugs() []string {
	out := make([]string, len(s.Partnerships))
	for i, p := range s.Partnerships {
		out[i] = p.Slug
	}
	return out
}

// CategoryKeys returns the category keys in display order.
func (s *Strategy) CategoryKeys() []string {
	out := make([]string, len(s.Site.Categories))
	for i, c := range s.Site.Categories {
		out[i] = c.Key
	}
	return out
}

// SectorKeys returns the sector keys in display order.
func (s *Strategy) SectorKeys() []string {
	out := make([]string, len(s.Site.Sectors))
	for i, c := range s.Site.Sectors {
		out[i] = c.Key
	}
	return out
}

// Entities returns every page-producing item: home, objectives,
// organizations, partnerships and pages.
func (s *Strategy) Entities() []Entity {
	out := make([]Entity, 0, 1+len(s.Objectives)+len(s.Organizations)+len(s.Partnerships)+len(s.Pages))
	if s.Home != nil {
		out = append(out, s.Home)
	}
	for _, o := range s.Objectives {
		out = append(out, o)
	}
	for _, o := range s.Organizations {
		out = append(out, o)
	}
	for _, p := range s.Partnerships {
		out = append(out, p)
	}
	for _, p := range s.Pages {
		out = append(out, p)
	}
	return out
}

// AliasOwners returns everything whose old paths (aliases) must keep
// leading to it: every entity, then the introductions of generated list
// pages (content/data/_index.md introduces /data/), by URL.
func (s *Strategy) AliasOwners() []Entity {
	out := s.Entities()
	for _, k := range slices.Sorted(maps.Keys(s.Intros)) {
		out = append(out, s.Intros[k])
	}
	return out
}

// Documents returns the documents of every entity and every intro, in a
// stable order; the markdown phase renders each of them.
func (s *Strategy) Documents() []*Doc {
	var out []*Doc
	for _, e := range s.Entities() {
		out = append(out, e.Document())
	}
	keys := make([]string, 0, len(s.Intros))
	for k := range s.Intros {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		out = append(out, s.Intros[k].Doc)
	}
	return out
}
