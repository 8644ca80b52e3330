package index_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/index"
)

type manifestJSON struct {
	Docs   int         `json:"docs"`
	Words  [][2]string `json:"words"`
	Terms  [][2]string `json:"terms"`
	Pairs  string      `json:"pairs"`
	Facets string      `json:"facets"`
	Stop   []string    `json:"stop"`
}

func readManifest(t *testing.T, files map[string][]byte) manifestJSON {
	t.Helper()
	var m manifestJSON
	if err := json.Unmarshal(files["search/manifest.json"], &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	return m
}

func TestBuildWritesTheIndex(t *testing.T) {
	files := buildFixture(t)
	m := readManifest(t, files)
	if m.Docs != 11 { // home, about, lab, overtime, 3 objectives, 3 organizations, 1 partnership
		t.Errorf("docs = %d, want 11", m.Docs)
	}
	var terms struct {
		W map[string]string `json:"w"`
		P map[string]string `json:"p"`
	}
	if len(m.Terms) != 1 || len(m.Words) != 1 {
		t.Fatalf("a small site should fit one chunk of each kind, got %d and %d", len(m.Words), len(m.Terms))
	}
	if err := json.Unmarshal(files[index.ChunkDir+"words-"+m.Words[0][1]+".json"], &terms); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(files[index.ChunkDir+"terms-"+m.Terms[0][1]+".json"], &terms); err != nil {
		t.Fatal(err)
	}
	// "cascadia" and "clinic" stand only in an organization's regions and
	// services: a visitor looking for help near them must find it.
	for word, stem := range map[string]string{"trafficking": "traffick", "survivors": "survivor", "pv-1": "", "ovc": "", "shelter": "", "cascadia": "", "clinic": ""} {
		got, ok := terms.W[word]
		if !ok || got != stem {
			t.Errorf("word %q -> %q (present %v), want %q", word, got, ok, stem)
		}
	}
	for _, stop := range []string{"the", "for"} {
		if _, ok := terms.W[stop]; ok {
			t.Errorf("stop word %q is indexed", stop)
		}
	}
	if !strings.Contains(strings.Join(m.Stop, " "), "the") {
		t.Errorf("manifest stop words %v lack the", m.Stop)
	}
	if _, ok := terms.P["traffick"]; !ok {
		t.Error("no postings for the stem traffick")
	}
	// Every document has its file, numbered from 0; nothing else is there.
	docs := 0
	for name := range files {
		if strings.HasPrefix(name, index.DocDir) {
			docs++
		}
	}
	for n := range m.Docs {
		if _, ok := files[index.DocDir+strconv.Itoa(n)+".json"]; !ok {
			t.Errorf("no %s%d.json", index.DocDir, n)
		}
	}
	if docs != m.Docs {
		t.Errorf("%d files in %s for %d documents", docs, index.DocDir, m.Docs)
	}
	var pairs [][2]string
	if err := json.Unmarshal(files[index.ChunkDir+"pairlist-"+m.Pairs+".json"], &pairs); err != nil || len(pairs) == 0 {
		t.Errorf("the list of pairs chunks: %v, %d chunks", err, len(pairs))
	}
	var facets map[string][][3]string
	if err := json.Unmarshal(files[index.ChunkDir+"facets-"+m.Facets+".json"], &facets); err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{"category", "sector", "kind"} {
		if len(facets[g]) == 0 {
			t.Errorf("facet %s is empty", g)
		}
	}
	page := string(files["search/index.html"])
	for _, want := range []string{`id="search-form"`, `action="/search/"`, "Search needs JavaScript", `href="/sectors/"`, `src="/assets/js/search.`} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	if !strings.Contains(string(files["about/index.html"]), `role="search"`) {
		t.Error("pages have no header search form")
	}
}

func TestFragmentsLinkSections(t *testing.T) {
	files := buildFixture(t)
	found := false
	for name, data := range files {
		if strings.HasPrefix(name, index.DocDir) && bytes.Contains(data, []byte(`["hotline-numbers","Hotline numbers","Call the national hotline any time of day."]`)) {
			found = true
		}
	}
	if !found {
		t.Error("no fragment holds the about page's Hotline numbers section")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a, b := buildFixture(t), buildFixture(t)
	for name, data := range a {
		if strings.HasPrefix(name, "search/") && !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}
