package charts

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

// world is three sectors, six organizations and three partnerships:
// alpha {gov-a, police, shelter}, beta {gov-a, shelter}, gamma {gov-b,
// church}. nobody belongs to none.
func world() ([]*model.Partnership, map[string]*model.Organization) {
	sectors := []*model.Sector{{Key: "government", Title: "Government", Index: 0}, {Key: "law", Title: "Law enforcement", Index: 1}, {Key: "services", Title: "Victim services", Index: 2}}
	orgs := map[string]*model.Organization{}
	add := func(slug, title string, sec int) {
		o := &model.Organization{Slug: slug, Title: title}
		if sec >= 0 {
			o.SectorRef = sectors[sec]
		}
		orgs[slug] = o
	}
	add("gov-b", "Labor Department", 0)
	add("gov-a", "Justice Department", 0)
	add("police", "Metro Police", 1)
	add("shelter", "Harbor House", 2)
	add("church", "Grace Church", -1)
	add("nobody", "Nobody", 2)
	part := func(slug, title string, members ...string) *model.Partnership {
		p := &model.Partnership{Slug: slug, Title: title}
		for _, m := range members {
			p.MemberOrgs = append(p.MemberOrgs, orgs[m])
		}
		return p
	}
	return []*model.Partnership{
		part("gamma", "Gamma", "gov-b", "church"),
		part("alpha", "Alpha", "gov-a", "police", "shelter"),
		part("beta", "Beta", "shelter", "gov-a"),
	}, orgs
}

func TestNetworkNodesAndEdges(t *testing.T) {
	parts, _ := world()
	n := NetworkOf("net", "Partners", parts, nil)
	var nodes []string
	for _, node := range n.Nodes {
		nodes = append(nodes, fmt.Sprintf("%d %s %s", node.N, node.Title, node.Sector))
	}
	// By sector in display order, by title within, unknown sector last.
	want := []string{"1 Justice Department Government", "2 Labor Department Government", "3 Metro Police Law enforcement", "4 Harbor House Victim services", "5 Grace Church Other"}
	if !reflect.DeepEqual(nodes, want) {
		t.Errorf("nodes\n%q\nwant\n%q", nodes, want)
	}
	var edges []string
	for _, e := range n.Edges {
		edges = append(edges, fmt.Sprintf("%d-%d %v %v", e.From, e.To, e.Partnerships, e.Width))
	}
	want = []string{"1-3 [Alpha] 1", "1-4 [Alpha Beta] 1.8", "2-5 [Gamma] 1", "3-4 [Alpha] 1"}
	if !reflect.DeepEqual(edges, want) {
		t.Errorf("edges %q, want %q", edges, want)
	}
	var partners []int
	for _, node := range n.Nodes {
		partners = append(partners, node.Partners)
	}
	if want := []int{2, 1, 2, 2, 1}; !reflect.DeepEqual(partners, want) {
		t.Errorf("partners per node %v, want %v", partners, want)
	}
	var groups []string
	for _, g := range n.Groups {
		var members []string
		for _, m := range g.Members {
			members = append(members, fmt.Sprint(m.N))
		}
		groups = append(groups, g.Title+": "+strings.Join(members, " "))
	}
	if want := []string{"Alpha: 1 3 4", "Beta: 1 4", "Gamma: 2 5"}; !reflect.DeepEqual(groups, want) {
		t.Errorf("groups %q, want %q", groups, want)
	}
	var legend []string
	for _, k := range n.Legend {
		legend = append(legend, fmt.Sprintf("%s %d %s", k.Label, k.Colour, k.Numbers))
	}
	if want := []string{"Government 0 1, 2", "Law enforcement 1 3", "Victim services 2 4", "Other -1 5"}; !reflect.DeepEqual(legend, want) {
		t.Errorf("legend %q, want %q", legend, want)
	}
	wantSummary := "3 partnerships link 5 organizations from 4 sectors; 4 pairs work together. Most connected: Justice Department, with 2 partners."
	if n.Summary != wantSummary {
		t.Errorf("summary\n got %s\nwant %s", n.Summary, wantSummary)
	}
}

func TestNetworkLayout(t *testing.T) {
	parts, _ := world()
	n := NetworkOf("net", "Partners", parts, nil)
	if !n.Drawn {
		t.Fatal("not drawn")
	}
	c := n.Width / 2
	for i, a := range n.Nodes {
		if a.X-a.R < 0 || a.Y-a.R < 0 || a.X+a.R > n.Width || a.Y+a.R > n.Height {
			t.Errorf("node %d at (%v, %v) leaves the %vx%v picture", a.N, a.X, a.Y, n.Width, n.Height)
		}
		if r := math.Hypot(a.X-c, a.Y-c); math.Abs(r-(c-nodeR-netMargin)) > 0.2 {
			t.Errorf("node %d is %v from the centre, not on the circle", a.N, r)
		}
		for _, b := range n.Nodes[i+1:] {
			if math.Hypot(a.X-b.X, a.Y-b.Y) < 2*nodeR {
				t.Errorf("nodes %d and %d overlap", a.N, b.N)
			}
		}
	}
	// Node 1 is at the top.
	if n.Nodes[0].X != c || n.Nodes[0].Y >= c {
		t.Errorf("first node at (%v, %v), want the top of the circle", n.Nodes[0].X, n.Nodes[0].Y)
	}
	e := n.Edges[0]
	if e.X1 != n.Nodes[e.From-1].X || e.Y2 != n.Nodes[e.To-1].Y {
		t.Errorf("edge %+v does not join its nodes", e)
	}
}

func TestNetworkLarge(t *testing.T) {
	// 100 organizations in 10 sectors must stay apart; 151 are not drawn.
	build := func(count int) Network {
		var sectors []*model.Sector
		for i := range 10 {
			sectors = append(sectors, &model.Sector{Title: fmt.Sprint("S", i), Index: i})
		}
		var ps []*model.Partnership
		for i := 0; i < count; i += 5 {
			p := &model.Partnership{Slug: fmt.Sprint("p", i), Title: fmt.Sprint("P", i)}
			for j := i; j < min(i+6, count); j++ {
				p.MemberOrgs = append(p.MemberOrgs, &model.Organization{Slug: fmt.Sprint("o", j), Title: fmt.Sprintf("O%03d", j), SectorRef: sectors[j%10]})
			}
			ps = append(ps, p)
		}
		return NetworkOf("n", "t", ps, nil)
	}
	n := build(100)
	if !n.Drawn || len(n.Nodes) < 100 {
		t.Fatalf("100 organizations: drawn %v, %d nodes", n.Drawn, len(n.Nodes))
	}
	for i, a := range n.Nodes {
		for _, b := range n.Nodes[i+1:] {
			if math.Hypot(a.X-b.X, a.Y-b.Y) < 2*nodeR {
				t.Fatalf("nodes %d and %d overlap", a.N, b.N)
			}
		}
	}
	big := build(200)
	if big.Drawn || !big.Tabled || len(big.Nodes) <= MaxNodes {
		t.Errorf("%d organizations: drawn %v, tabled %v", len(big.Nodes), big.Drawn, big.Tabled)
	}
	if len(big.Edges) != 0 || big.Pairs == 0 {
		t.Errorf("a network too large to draw has %d edges made and %d pairs counted; want none made, some counted", len(big.Edges), big.Pairs)
	}
	if len(big.Groups) == 0 || !strings.Contains(big.Summary, "the table lists each partnership's members") {
		t.Errorf("a network too large to draw still needs its table and summary: %q", big.Summary)
	}
	huge := build(MaxTableNodes + 10)
	if huge.Drawn || huge.Tabled || !strings.Contains(huge.Summary, "each organization's page shows its partners") {
		t.Errorf("%d organizations: drawn %v, tabled %v, %q", len(huge.Nodes), huge.Drawn, huge.Tabled, huge.Summary)
	}
	if len(huge.Groups) != 0 || len(huge.Edges) != 0 {
		t.Errorf("a network shown as neither picture nor table made %d groups and %d edges", len(huge.Groups), len(huge.Edges))
	}
}

func TestEgoNetwork(t *testing.T) {
	parts, orgs := world()
	n := NetworkOf("net", "Partners", parts, orgs["shelter"])
	if n.Partnerships != 2 || len(n.Nodes) != 3 || !n.Nodes[0].Ego || n.Nodes[0].ID != "shelter" {
		t.Fatalf("ego network: %d partnerships, nodes %+v", n.Partnerships, n.Nodes)
	}
	if n.Nodes[0].X != n.Width/2 || n.Nodes[0].Y != n.Height/2 {
		t.Errorf("ego at (%v, %v), want the centre", n.Nodes[0].X, n.Nodes[0].Y)
	}
	// Spokes only: Justice Department and Metro Police are both in Alpha,
	// which the table says; no line joins them.
	if len(n.Edges) != 2 {
		t.Errorf("ego network has %d edges, want a spoke to each of 2 partners: %+v", len(n.Edges), n.Edges)
	}
	for _, e := range n.Edges {
		if e.From != 1 {
			t.Errorf("edge %d-%d does not join the ego", e.From, e.To)
		}
	}
	want := "Harbor House works with 2 organizations from 2 sectors through 2 partnerships. It shares the most with Justice Department (2 partnerships)."
	if n.Summary != want {
		t.Errorf("summary\n got %s\nwant %s", n.Summary, want)
	}
	alone := NetworkOf("net", "Partners", parts, orgs["nobody"])
	if alone.Drawn || len(alone.Nodes) != 0 || alone.Summary != "Nobody is not a member of any partnership yet." {
		t.Errorf("no partnership: drawn %v, %d nodes, %q", alone.Drawn, len(alone.Nodes), alone.Summary)
	}
}

func TestNetworkDeterministic(t *testing.T) {
	parts, _ := world()
	first := NetworkOf("net", "Partners", parts, nil)
	for range 20 {
		// Reverse the input: the result depends on content, not order.
		rev := []*model.Partnership{parts[2], parts[1], parts[0]}
		if got := NetworkOf("net", "Partners", rev, nil); !reflect.DeepEqual(got, first) {
			t.Fatal("the same partnerships in another order give another network")
		}
	}
}
