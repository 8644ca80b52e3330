package markdown

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

// renderAll renders every document of s with the cache and returns the
// rendered HTML by Rel and the diagnostics as text.
func renderAll(s *model.Strategy, cache *Cache) (map[string]string, []string) {
	bodies, diags := RenderCached(s, cache)
	html := map[string]string{}
	for _, d := range s.Documents() {
		html[d.Rel] = bodies[d.Rel].HTML
	}
	var text []string
	for _, d := range diags.Items() {
		text = append(text, d.String())
	}
	return html, text
}

// Whatever the cache holds, a cached rendering equals a fresh one; edits
// to one body, and to headings other bodies link to, are seen.
func TestCacheRendersWhatAFreshRenderWould(t *testing.T) {
	bodies := map[string]string{
		"about.md":           "See [the background](objectives/pv-1.md#background) and [a typo](objectives/pv-1.md#backgroud).\n",
		"objectives/pv-1.md": "## Background\n\nWhy.\n",
	}
	steps := []struct {
		name string
		rel  string
		md   string
	}{
		{"nothing changed", "", ""},
		{"an unrelated body changed", "organizations/doj.md", "## History\n\nFounded long ago.\n"},
		{"a heading others link to was renamed", "objectives/pv-1.md", "## Context\n\nWhy.\n"},
		{"the broken link was fixed", "about.md", "See [the context](objectives/pv-1.md#context).\n"},
	}
	cache := NewCache()
	renderAll(site(bodies), cache)
	for _, step := range steps {
		if step.rel != "" {
			bodies[step.rel] = step.md
		}
		cachedHTML, cachedDiags := renderAll(site(bodies), cache)
		freshHTML, freshDiags := renderAll(site(bodies), nil)
		for rel, want := range freshHTML {
			if cachedHTML[rel] != want {
				t.Errorf("%s: %s differs from a fresh render:\n got %q\nwant %q", step.name, rel, cachedHTML[rel], want)
			}
		}
		if !slices.Equal(cachedDiags, freshDiags) {
			t.Errorf("%s: diagnostics differ:\n got %v\nwant %v", step.name, cachedDiags, freshDiags)
		}
	}
	// The rename broke the first link; the check must have said so then.
	bodies["about.md"] = "See [the background](objectives/pv-1.md#background).\n"
	_, diags := renderAll(site(bodies), cache)
	if len(diags) != 1 || !strings.Contains(diags[0], `missing anchor "#background"`) {
		t.Errorf("a link to a renamed heading is not reported: %v", diags)
	}
}

// An unchanged body is not parsed or rendered again when no link target
// changed: its Doc gets the cached rendering.
func TestCacheReusesUnchangedBodies(t *testing.T) {
	cache := NewCache()
	s := site(nil)
	RenderCached(s, cache)
	// Poison the cache entry: if it is reused, the poison shows.
	e := cache.docs["about.md"]
	e.out.HTML = "<p>from the cache</p>"
	cache.docs["about.md"] = e
	s2 := site(nil)
	bodies, _ := RenderCached(s2, cache)
	for _, p := range s2.Pages {
		if p.Path == "/about/" && bodies[p.Doc.Rel].HTML != "<p>from the cache</p>" {
			t.Errorf("an unchanged body was rendered again: %q", bodies[p.Doc.Rel].HTML)
		}
	}
	if _, ok := cache.docs["report.pdf"]; ok {
		t.Error("the cache holds a file that is not a document")
	}
}

// A cache saved and read back renders what a fresh render does, and
// reuses what it kept; a cut or foreign cache is refused.
func TestCacheSavedAndReadBack(t *testing.T) {
	cache := NewCache()
	want, wantDiags := renderAll(site(nil), cache)
	var buf bytes.Buffer
	if err := cache.Save(&buf); err != nil {
		t.Fatal(err)
	}
	saved := buf.Bytes()
	read, err := ReadCache(bytes.NewReader(saved))
	if err != nil {
		t.Fatal(err)
	}
	got, gotDiags := renderAll(site(nil), read)
	if !maps.Equal(got, want) || !slices.Equal(gotDiags, wantDiags) {
		t.Error("a cache read back renders differently")
	}
	if _, err := ReadCache(bytes.NewReader(saved[:len(saved)/2])); err == nil {
		t.Error("a cut cache was read")
	}
	if _, err := ReadCache(strings.NewReader("not a cache")); err == nil {
		t.Error("garbage was read as a cache")
	}
}
