package feeds

import (
	"bytes"
	"encoding/xml"
	"math/rand/v2"
	"testing"
)

// marshalXML is what the feeds were made with before xmlenc.go: the
// reference its output is held to.
func marshalXML(t testing.TB, v any) []byte {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(append([]byte(xml.Header), b...), '\n')
}

// urlsetXML is the sitemap's shape for encoding/xml.
type urlsetXML struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	} `xml:"url"`
}

func sameAsEncodingXML(t testing.TB, f atomFeed, locs []sitemapLoc) {
	t.Helper()
	if got, want := f.marshal(), marshalXML(t, f); !bytes.Equal(got, want) {
		t.Fatalf("feed:\n%s\nencoding/xml:\n%s", got, want)
	}
	var set urlsetXML
	for _, l := range locs {
		set.URLs = append(set.URLs, struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod,omitempty"`
		}{l.loc, l.lastMod})
	}
	if got, want := marshalSitemap(locs), marshalXML(t, set); !bytes.Equal(got, want) {
		t.Fatalf("sitemap:\n%s\nencoding/xml:\n%s", got, want)
	}
}

// TestXMLAsEncodingXML requires the feeds and the sitemap written by
// hand to be the bytes encoding/xml writes, for texts with every
// character XML escapes, control characters, invalid UTF-8 and empty
// optional fields.
func TestXMLAsEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	pieces := []string{"", "a", "Changes to PV-1", "<b>", "&amp;", `"q"`, "it's", "\t", "\n", "\r", "\x00", "\x1f", "\x7f", "é", "—", "\xff", "\xed\xa0\x80", "\uFFFE", "\U0001F600", " ", "]]>"}
	text := func() string {
		var b []byte
		for range rng.IntN(5) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		return string(b)
	}
	for range 300 {
		f := atomFeed{Lang: text(), Title: text(), Subtitle: text(), ID: text(), Updated: text(), Author: atomAuthor{Name: text()}}
		for range rng.IntN(3) {
			f.Links = append(f.Links, atomLink{Rel: text(), Type: text(), Href: text()})
		}
		for range rng.IntN(4) {
			e := atomEntry{Title: text(), ID: text(), Updated: text(), Summary: text()}
			for range rng.IntN(3) {
				e.Links = append(e.Links, atomLink{Rel: text(), Type: text(), Href: text()})
			}
			for range rng.IntN(3) {
				e.Category = append(e.Category, atomCategory{Term: text(), Label: text()})
			}
			f.Entries = append(f.Entries, e)
		}
		var locs []sitemapLoc
		for range rng.IntN(4) {
			locs = append(locs, sitemapLoc{text(), text()})
		}
		sameAsEncodingXML(t, f, locs)
	}
}

func FuzzXMLAsEncodingXML(f *testing.F) {
	f.Add("PV-1 <at risk>", "https://example.org/a?b=c&d", "\x00\xff")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		feed := atomFeed{Lang: a, Title: b, Subtitle: c, ID: a + b, Updated: c,
			Links:   []atomLink{{Rel: a, Href: b}},
			Entries: []atomEntry{{Title: c, ID: a, Category: []atomCategory{{Term: b, Label: c}}, Summary: a}}}
		sameAsEncodingXML(t, feed, []sitemapLoc{{a, b}, {c, ""}})
	})
}
