package render

import (
	"encoding/json"

	"github.com/commonagenda/agenda/generator/model"
	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
)

// JSON-LD (https://schema.org) describing each page for search engines,
// marshalled to JSON inside the ld+json script. encoding/json escapes
// "<", ">", "&", U+2028 and U+2029, so content cannot close the element:
// the JSON is given to the template as JS, which html/template writes
// as it is, as it would write what it marshalled itself (jsValEscaper:
// TestJSONLDIsWhatTheEscaperWrites).

// ldGraph is a page's JSON-LD: the page's own node and its breadcrumbs.
type ldGraph struct {
	Context string   `json:"@context"`
	Graph   []ldNode `json:"@graph"`
}

// ldNode is any schema.org node the site uses; empty fields are left out.
type ldNode struct {
	Type               string       `json:"@type"`
	Name               string       `json:"name,omitempty"`
	AlternateName      string       `json:"alternateName,omitempty"`
	URL                string       `json:"url,omitempty"`
	Description        string       `json:"description,omitempty"`
	InLanguage         string       `json:"inLanguage,omitempty"`
	Email              string       `json:"email,omitempty"`
	Telephone          string       `json:"telephone,omitempty"`
	Address            string       `json:"address,omitempty"`
	SameAs             string       `json:"sameAs,omitempty"`
	DateModified       string       `json:"dateModified,omitempty"`
	ParentOrganization *ldNode      `json:"parentOrganization,omitempty"`
	Member             []ldNode     `json:"member,omitempty"`
	About              *ldNode      `json:"about,omitempty"`
	IsPartOf           *ldNode      `json:"isPartOf,omitempty"`
	ItemListElement    []ldListItem `json:"itemListElement,omitempty"`
}

// ldListItem is one step of a BreadcrumbList.
type ldListItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

// jsonLD wraps a page's node with its breadcrumbs (on every page but
// home) into the page's JSON-LD, marshalled (see the top of the file).
func (r *renderer) jsonLD(m Meta, node ldNode) any {
	g := r.ldGraph(m, node)
	b, err := json.Marshal(g)
	if err != nil {
		return g // html/template says what is wrong
	}
	return template.JS(b)
}

// ldGraph is jsonLD's value.
func (r *renderer) ldGraph(m Meta, node ldNode) ldGraph {
	g := ldGraph{Context: "https://schema.org", Graph: []ldNode{node}}
	if len(m.Breadcrumbs) == 0 {
		return g
	}
	list := ldNode{Type: "BreadcrumbList"}
	for i, c := range m.Breadcrumbs {
		item := m.Canonical
		if c.URL != "" {
			item = r.absURL(c.URL)
		}
		list.ItemListElement = append(list.ItemListElement, ldListItem{Type: "ListItem", Position: i + 1, Name: c.Title, Item: item})
	}
	g.Graph = append(g.Graph, list)
	return g
}

// website is the WebSite node, the home page's subject and every page's
// isPartOf.
func (r *renderer) website() ldNode {
	return ldNode{Type: "WebSite", Name: r.s.Site.Title, URL: r.base, Description: r.s.Site.Description}
}

// webPage describes a page of the site; typ is WebPage or CollectionPage.
func (r *renderer) webPage(typ string, m Meta, updated model.Date) ldNode {
	site := r.website()
	site.Description = ""
	return ldNode{
		Type: typ, Name: m.Title, URL: m.Canonical, Description: m.Description,
		InLanguage: m.Site.Lang, DateModified: updated.String(), IsPartOf: &site,
	}
}

// orgTypes maps sectors to schema.org organization types; others are
// plain Organization.
var orgTypes = map[string]string{
	"government":      "GovernmentOrganization",
	"law-enforcement": "GovernmentOrganization",
	"multilateral":    "GovernmentOrganization",
	"victim-services": "NGO",
	"advocacy":        "NGO",
	"faith-based":     "NGO",
	"survivor-led":    "NGO",
}

// orgRef is a short node naming an organization.
func (r *renderer) orgRef(o *model.Organization) ldNode {
	r.sawItem(o)
	typ := orgTypes[o.Sector]
	if typ == "" {
		typ = "Organization"
	}
	return ldNode{Type: typ, Name: o.Title, URL: r.absURL(o.URL())}
}

// organization describes an organization with its contact and parent.
func (r *renderer) organization(o *model.Organization) ldNode {
	n := r.orgRef(o)
	n.AlternateName = o.Acronym
	n.Description = o.Summary
	c := r.contact(o)
	n.Email, n.Telephone, n.SameAs, n.Address = c.Email, c.Phone, c.Website, c.Address
	if o.ParentRef != nil {
		p := r.orgRef(o.ParentRef)
		n.ParentOrganization = &p
	}
	return n
}

// partnership describes a partnership as an Organization of its members.
func (r *renderer) partnership(p *model.Partnership) ldNode {
	n := ldNode{Type: "Organization", Name: p.Title, URL: r.absURL(p.URL()), Description: p.Summary, SameAs: webURL(p.Website)}
	for _, m := range p.MemberOrgs {
		n.Member = append(n.Member, r.orgRef(m))
	}
	return n
}
