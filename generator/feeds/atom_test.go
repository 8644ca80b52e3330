package feeds

import (
	"bytes"
	"encoding/xml"
	"slices"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

// parsedFeed is what a feed reader sees.
type parsedFeed struct {
	XMLName xml.Name
	Title   string `xml:"title"`
	ID      string `xml:"id"`
	Updated string `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func parseFeed(t *testing.T, b []byte) parsedFeed {
	t.Helper()
	var f parsedFeed
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, b)
	}
	if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.XMLName.Local != "feed" {
		t.Fatalf("root = %v, want Atom feed", f.XMLName)
	}
	return f
}

func TestAtomEntriesNewestFirst(t *testing.T) {
	tests := []struct {
		limit int
		want  []string // entry ids
	}{
		{0, []string{
			base + "objectives/pv-1.2/", // 2025-04-01
			base + "about/",             // 2025-03-01, ties by URL
			base + "objectives/pv-1/",
			base + "organizations/doj/",
			base + "partnerships/coalition/", // 2024-12-31; PT-1 and sl have no date
		}},
		{2, []string{base + "objectives/pv-1.2/", base + "about/"}},
		{100, nil}, // same as 0, checked below
	}
	for _, tt := range tests {
		f := parseFeed(t, Atom(fixture(), base, tt.limit, nil))
		var ids []string
		for _, e := range f.Entries {
			ids = append(ids, e.ID)
			if e.Link.Href != e.ID {
				t.Errorf("entry %s links to %s", e.ID, e.Link.Href)
			}
		}
		want := tt.want
		if want == nil {
			want = tests[0].want
		}
		if !slices.Equal(ids, want) {
			t.Errorf("limit %d: entries =\n%q\nwant\n%q", tt.limit, ids, want)
		}
	}
}

func TestAtomFeedMetadata(t *testing.T) {
	f := parseFeed(t, Atom(fixture(), base, 0, nil))
	if f.Updated != "2025-04-01T00:00:00Z" {
		t.Errorf("feed updated = %q, want the newest entry's date 2025-04-01T00:00:00Z", f.Updated)
	}
	if f.Title != "Strategy <&> Test" || f.ID != base {
		t.Errorf("feed title, id = %q, %q", f.Title, f.ID)
	}
	if len(f.Links) == 0 || f.Links[0].Rel != "self" || f.Links[0].Href != base+"feed.xml" {
		t.Errorf("feed links = %+v, want self first at %sfeed.xml", f.Links, base)
	}
	e := f.Entries[2]
	if e.Title != "PV-1 Prevent <trafficking> & exploitation" || e.Summary != "Fewer people are trafficked." || e.Updated != "2025-03-01T00:00:00Z" {
		t.Errorf("PV-1 entry = %+v", e)
	}
}

func TestAtomEscapesHostileText(t *testing.T) {
	s := fixture()
	hostile := `<script>alert("x")</script> & ]]> <!-- ` + "\x01"
	s.Organizations[1].Title = hostile
	s.Organizations[1].Summary = hostile
	s.Organizations[1].Updated = date(2030, 1, 1)
	b := Atom(s, base, 0, nil)
	if bytes.Contains(b, []byte("<script>")) || bytes.Contains(b, []byte("<!--")) {
		t.Errorf("raw markup in the feed:\n%s", b)
	}
	f := parseFeed(t, b)
	want := `<script>alert("x")</script> & ]]> <!-- ` + "\uFFFD"
	if e := f.Entries[0]; e.Title != want || e.Summary != want {
		t.Errorf("hostile entry read back as %q / %q, want %q", e.Title, e.Summary, want)
	}
}

func TestAtomWithoutDatesIsStable(t *testing.T) {
	s := &model.Strategy{Site: model.Site{Title: "Empty"}}
	s.Objectives = []*model.Objective{{ID: "X-1", Title: "Undated"}}
	a, b := Atom(s, base, 10, nil), Atom(s, base, 10, nil)
	if !bytes.Equal(a, b) {
		t.Error("two feeds of the same strategy differ")
	}
	f := parseFeed(t, a)
	if len(f.Entries) != 0 || f.Updated != "1970-01-01T00:00:00Z" {
		t.Errorf("entries %d, updated %q; want none and the epoch", len(f.Entries), f.Updated)
	}
}
