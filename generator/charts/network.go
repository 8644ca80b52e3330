package charts

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/link"
	"github.com/commonagenda/agenda/generator/model"
)

// Network is organizations linked through the partnerships they share.
// Nodes are the organizations that are members of at least one
// partnership in scope, grouped by sector around a circle (sectors in
// display order, organizations by title within) and numbered in that
// order; an edge joins two organizations that share at least one
// partnership, drawn thicker the more they share. In an ego network (one
// organization's page) that organization sits at the centre as number 1.
//
// The nodes carry numbers rather than names so the picture stays legible
// at any size; the key (Nodes) names them, and the table (Groups) lists
// each partnership's members.
type Network struct {
	ID, Title, Summary string
	// Drawn is false when there is nothing to draw or too much to read
	// (more than MaxNodes organizations): then only the table is shown.
	Drawn bool
	// Tabled is false when even the table would be too long (more than
	// MaxTableNodes organizations): then only the summary is shown, and
	// each organization's page shows its own partners.
	Tabled        bool
	Width, Height float64
	// Large is true when the picture is wider than a phone can show
	// legibly: the theme then lets it scroll rather than shrink.
	Large bool
	// FontSize is the size of the numbers inside the nodes.
	FontSize float64
	Nodes    []Node
	Edges    []Edge
	Legend   []SectorKey
	// Pairs counts the pairs of organizations that share a partnership
	// (the edges, when the network is drawn).
	Pairs int
	// Partnerships counts the partnerships in scope; Groups are they,
	// each with its members, for the table: who works with whom, said
	// in as many lines as there are partnerships (a line per pair of
	// organizations would grow with the square of their number).
	Partnerships int
	Groups       []Group
}

// Group is a partnership of a network and its members, by number.
type Group struct {
	Link
	Members []Member
}

// Member is one organization of a Group.
type Member struct {
	N          int
	Title, URL string
}

// MaxNodes is the largest network drawn as a picture; MaxTableNodes the
// largest listed as a table.
const (
	MaxNodes      = 150
	MaxTableNodes = 600
)

// SectorColours is how many sector colours the theme has (the classes
// tag--s0 to tag--s11 in site.css); sectors beyond share them, and the
// numbers and legend still tell them apart.
const SectorColours = 12

// Node is one organization.
type Node struct {
	// N is the organization's number in the picture, from 1.
	N          int
	ID         string // the slug
	Title, URL string
	// Sector is the sector's title ("Other" when unknown); Group its
	// place in display order (-1 when unknown) and Colour that place
	// modulo SectorColours, for the theme's colour classes.
	Sector        string
	Group, Colour int
	X, Y, R       float64
	// Ego is true for the organization an ego network is about.
	Ego bool
	// Partners counts the organizations it shares a partnership with.
	Partners int
	// Shared is, in an ego network, how many partnerships it shares with
	// the ego.
	Shared int
}

// Edge joins two nodes that share partnerships. The theme draws it as a
// quadratic curve from (X1, Y1) to (X2, Y2) bent toward (CX, CY).
type Edge struct {
	From, To               int // node numbers
	X1, Y1, X2, Y2, CX, CY float64
	// Width grows with the number of partnerships shared.
	Width        float64
	Partnerships []string
	// Title names what the pair shares, for a tooltip; the numbers at the
	// ends say who they are. Networks are drawn on thousands of pages, so
	// the tooltip does not repeat the names the key gives.
	Title string
}

// SectorKey is one entry of the legend: a sector's colour and the numbers
// of its organizations ("1, 4–9").
type SectorKey struct {
	Label         string
	Group, Colour int
	Numbers       string
	Count         int
}

// Network layout, in viewBox units.
const (
	nodeR      = 12
	nodeSpace  = 2*nodeR + 5 // along the circle, per node
	groupGap   = 0.8         // empty slots between sector groups
	minRadius  = 90
	netMargin  = 6
	edgeBend   = 0.5 // how far a chord's control point moves toward the centre
	maxEdgeW   = 4.5
	largeWidth = 480
	otherLabel = "Other"
)

// NetworkOf lays out the organizations of the partnerships given. When ego
// is not nil, the network is that organization's: only the partnerships it
// is a member of count, and it sits at the centre. id must be unique
// within the page.
func NetworkOf(id, title string, partnerships []*model.Partnership, ego *model.Organization) Network {
	n := Network{ID: id, Title: title}
	parts := scope(partnerships, ego)
	n.Partnerships = len(parts)

	orgs := map[*model.Organization]bool{}
	for _, p := range parts {
		for _, o := range members(p) {
			orgs[o] = true
		}
	}
	if ego != nil && len(parts) > 0 {
		orgs[ego] = true
	}
	list := make([]*model.Organization, 0, len(orgs))
	for o := range orgs {
		list = append(list, o)
	}
	slices.SortFunc(list, func(a, b *model.Organization) int {
		return cmp.Or(
			boolInt(a != ego)-boolInt(b != ego), // the ego first
			cmp.Compare(sectorOrder(a), sectorOrder(b)),
			link.CompareOrganizations(a, b),
		)
	})
	number := map[*model.Organization]int{}
	for i, o := range list {
		number[o] = i + 1
		n.Nodes = append(n.Nodes, Node{N: i + 1, ID: o.Slug, Title: o.Title, URL: o.URL(), Sector: sectorLabel(o), Group: sectorOrder(o), Colour: sectorColour(o), R: nodeR, Ego: o == ego})
	}
	// Edges are made only for a picture and groups only for a table:
	// a network too large for either (the directory of a large strategy)
	// is only counted.
	n.Drawn = len(n.Nodes) > 0 && len(n.Nodes) <= MaxNodes
	n.Tabled = len(n.Nodes) > 0 && len(n.Nodes) <= MaxTableNodes
	n.link(parts, number)
	n.legend()
	n.Summary = networkSummary(n, ego)
	if n.Drawn {
		n.layout()
	}
	return n
}

// scope keeps the partnerships that count, sorted by title: all of them,
// or those ego is a member of.
func scope(ps []*model.Partnership, ego *model.Organization) []*model.Partnership {
	var out []*model.Partnership
	for _, p := range ps {
		if ego == nil || slices.Contains(members(p), ego) {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, link.ComparePartnerships)
	return slices.CompactFunc(out, func(a, b *model.Partnership) bool { return a == b })
}

// members are a partnership's members and leads, each once.
func members(p *model.Partnership) []*model.Organization {
	out := slices.Clone(p.MemberOrgs)
	for _, o := range p.LeadOrgs {
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// link makes an edge for every pair sharing a partnership (in an ego
// network, every pair with the ego), and fills each node's partners.
func (n *Network) link(parts []*model.Partnership, number map[*model.Organization]int) {
	// Every (pair, partnership) once, sorted by pair and then by the
	// partnership's place in parts: no map of pairs, no string per pair
	// until an edge is made. Networks are drawn on thousands of pages.
	type share struct{ a, b, part int32 }
	var shares []share
	via := make([]Link, len(parts))
	var nums []int
	// An organization's own network is drawn as spokes from it to each
	// partner: who works with it, and through how many partnerships. The
	// partners' ties to one another are the partnerships themselves, which
	// the table lists; drawn, every partnership of n members would add
	// n(n-1)/2 crossing lines, a hairball that says nothing more.
	ego := len(n.Nodes) > 0 && n.Nodes[0].Ego
	for pi, p := range parts {
		via[pi] = Link{Title: p.Title, URL: p.URL()}
		nums = nums[:0]
		for _, o := range members(p) {
			nums = append(nums, number[o])
		}
		slices.Sort(nums)
		nums = slices.Compact(nums)
		if n.Tabled {
			g := Group{Link: via[pi], Members: make([]Member, len(nums))}
			for i, num := range nums {
				node := &n.Nodes[num-1]
				g.Members[i] = Member{N: num, Title: node.Title, URL: node.URL}
			}
			n.Groups = append(n.Groups, g)
		}
		if ego && len(nums) > 0 && nums[0] == 1 {
			for _, b := range nums[1:] { // nums[0] is the ego, number 1
				shares = append(shares, share{1, int32(b), int32(pi)})
			}
			continue
		}
		for i, a := range nums {
			for _, b := range nums[i+1:] {
				shares = append(shares, share{int32(a), int32(b), int32(pi)})
			}
		}
	}
	slices.SortFunc(shares, func(x, y share) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b), cmp.Compare(x.part, y.part))
	})
	var title strings.Builder
	for i := 0; i < len(shares); {
		j := i
		for j < len(shares) && shares[j].a == shares[i].a && shares[j].b == shares[i].b {
			j++
		}
		a, b := &n.Nodes[shares[i].a-1], &n.Nodes[shares[i].b-1]
		n.Pairs++
		a.Partners++
		b.Partners++
		if a.Ego {
			b.Shared = j - i
		}
		if !n.Drawn {
			i = j
			continue
		}
		links := make([]Link, j-i)
		names := make([]string, j-i)
		for k := range links {
			links[k] = via[shares[i+k].part]
			names[k] = links[k].Title
		}
		title.Reset()
		fmt.Fprintf(&title, "%d and %d: ", a.N, b.N)
		for k, name := range names {
			if k > 0 {
				title.WriteString(", ")
			}
			title.WriteString(name)
		}
		n.Edges = append(n.Edges, Edge{
			From: a.N, To: b.N, Partnerships: names,
			Width: round(min(1+0.8*float64(len(links)-1), maxEdgeW)),
			Title: title.String(),
		})
		i = j
	}
}

// layout places the nodes around a circle big enough to keep them apart,
// the ego (if any) at the centre, and bends the edges between them.
func (n *Network) layout() {
	ring := n.Nodes
	var ego *Node
	if len(ring) > 0 && ring[0].Ego {
		ego, ring = &n.Nodes[0], n.Nodes[1:]
	}
	groups := 0
	for i := range ring {
		if i == 0 || ring[i].Group != ring[i-1].Group {
			groups++
		}
	}
	gap := 0.0
	if groups > 1 {
		gap = groupGap
	}
	slots := float64(len(ring)) + float64(groups)*gap
	radius := max(slots*nodeSpace/(2*math.Pi), minRadius)
	centre := radius + nodeR + netMargin
	n.Width, n.Height = round(2*centre), round(2*centre)
	n.Large = n.Width > largeWidth
	n.FontSize = 12
	if len(n.Nodes) >= 100 {
		n.FontSize = 10
	}
	if ego != nil {
		ego.X, ego.Y = round(centre), round(centre)
	}
	pos, group := 0.0, 0
	for i := range ring {
		if i > 0 && ring[i].Group != ring[i-1].Group {
			group++
		}
		angle := -math.Pi/2 + 2*math.Pi*(pos+float64(group)*gap)/slots
		ring[i].X = round(centre + radius*math.Cos(angle))
		ring[i].Y = round(centre + radius*math.Sin(angle))
		pos++
	}
	for i := range n.Edges {
		e := &n.Edges[i]
		a, b := n.Nodes[e.From-1], n.Nodes[e.To-1]
		e.X1, e.Y1, e.X2, e.Y2 = a.X, a.Y, b.X, b.Y
		mx, my := (a.X+b.X)/2, (a.Y+b.Y)/2
		if a.Ego || b.Ego {
			e.CX, e.CY = round(mx), round(my) // spokes are straight
			continue
		}
		e.CX, e.CY = round(mx+(centre-mx)*edgeBend), round(my+(centre-my)*edgeBend)
	}
}

// legend lists the sectors present with their organizations' numbers.
func (n *Network) legend() {
	var keys []SectorKey
	var nums [][]int
	for _, node := range n.Nodes {
		i := slices.IndexFunc(keys, func(k SectorKey) bool { return k.Group == node.Group })
		if i < 0 {
			keys = append(keys, SectorKey{Label: node.Sector, Group: node.Group, Colour: node.Colour})
			nums = append(nums, nil)
			i = len(keys) - 1
		}
		keys[i].Count++
		nums[i] = append(nums[i], node.N)
	}
	for i := range keys {
		keys[i].Numbers = ranges(nums[i])
	}
	slices.SortStableFunc(keys, func(a, b SectorKey) int { return cmp.Compare(a.Group, b.Group) })
	n.Legend = keys
}

// ranges writes sorted numbers briefly: 1, 4–9, 12.
func ranges(nums []int) string {
	var parts []string
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, strconv.Itoa(nums[i]))
		case j == i+1:
			parts = append(parts, strconv.Itoa(nums[i]), strconv.Itoa(nums[j]))
		default:
			parts = append(parts, strconv.Itoa(nums[i])+"–"+strconv.Itoa(nums[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// networkSummary says in words who is linked to whom.
func networkSummary(n Network, ego *model.Organization) string {
	sectors := len(n.Legend)
	if ego != nil {
		if len(n.Nodes) <= 1 {
			return ego.Title + " is not a member of any partnership yet."
		}
		// Every other node is a partner of the ego, in number order.
		partners := n.Nodes[1:]
		groups := map[int]bool{}
		for _, p := range partners {
			groups[p.Group] = true
		}
		sectors = len(groups)
		s := fmt.Sprintf("%s works with %s from %s through %s.", ego.Title, count(len(partners), "organization"), count(sectors, "sector"), count(n.Partnerships, "partnership"))
		best := partners[0]
		for _, p := range partners[1:] {
			if p.Shared > best.Shared {
				best = p
			}
		}
		if best.Shared > 1 {
			s += fmt.Sprintf(" It shares the most with %s (%d partnerships).", best.Title, best.Shared)
		}
		return s + tooLarge(n)
	}
	if len(n.Nodes) == 0 {
		return "No partnerships yet."
	}
	s := fmt.Sprintf("%s link %s from %s; %s work together.", count(n.Partnerships, "partnership"), count(len(n.Nodes), "organization"), count(sectors, "sector"), count(n.Pairs, "pair"))
	if n.Partnerships == 1 {
		s = strings.Replace(s, " link ", " links ", 1)
	}
	if n.Pairs == 1 {
		s = strings.Replace(s, " work together", " works together", 1)
	}
	best := n.Nodes[0]
	for _, node := range n.Nodes[1:] {
		if node.Partners > best.Partners {
			best = node
		}
	}
	if best.Partners > 0 {
		s += fmt.Sprintf(" Most connected: %s, with %s.", best.Title, count(best.Partners, "partner"))
	}
	return s + tooLarge(n)
}

// tooLarge explains a missing picture or table.
func tooLarge(n Network) string {
	switch {
	case len(n.Nodes) > MaxTableNodes:
		return fmt.Sprintf(" With more than %d organizations neither a picture nor a table would be readable; each organization's page shows its partners.", MaxTableNodes)
	case len(n.Nodes) > MaxNodes:
		return fmt.Sprintf(" With more than %d organizations a picture would be unreadable, so the table lists each partnership's members.", MaxNodes)
	}
	return ""
}

// count writes "1 sector", "3 sectors".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// sectorOrder is the sector's place in display order; organizations of
// unknown sector come last.
func sectorOrder(o *model.Organization) int {
	if o.SectorRef == nil {
		return math.MaxInt32
	}
	return o.SectorRef.Index
}

// sectorLabel is the organization's sector title, or "Other".
func sectorLabel(o *model.Organization) string {
	if o.SectorRef == nil {
		return otherLabel
	}
	return o.SectorRef.Title
}

// sectorColour is the sector's colour class number, -1 when unknown.
func sectorColour(o *model.Organization) int {
	if o.SectorRef == nil {
		return -1
	}
	return o.SectorRef.Index % SectorColours
}
