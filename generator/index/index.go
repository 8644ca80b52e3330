// Package index builds the site's search index: static files that the
// theme's search.js queries in the browser, with no server and no
// WebAssembly.
//
// # What is indexed
//
// Every objective, organization, partnership and plain page (the home page
// included): its id or acronym, title, summary, headings and body text
// (model.Doc.Text, split into sections at model.Doc.Headings so a result
// can link to #anchor). Words are lower-cased, English stop words are left
// out, and each word is indexed under its Snowball English (Porter2) stem
// from github.com/kljensen/snowball. Identifiers such as "PV-1.2" are kept
// whole as well (see tokenize).
//
// # Files
//
//	search/manifest.json   the entry point, at a fixed name (serve it with a
//	                       short cache): the names of every other file, the
//	                       stop words, the number of documents
//
// and, in search/chunks/ (a folder of their own, so a host can cache them
// forever without a rule that would also match the manifest):
//
//	terms-<hash>.json      one chunk of the dictionary, by key range: the
//	                       words as written ("w": word -> stem, "" when the
//	                       word is its own stem) and the postings of the
//	                       stems in the range ("p": stem -> postings)
//	pairs-<hash>.json      documents where two stems stand next to each
//	                       other, for "quoted phrases"
//	docs-<n>-<tag>.json    what a result shows, for a batch of documents
//	facets-<hash>.json     category, sector and kind: titles and the
//	                       documents that have each value
//
// Content-hashed names let every file but the manifest be cached forever.
// Because the browser looks words up as written and reads their stem from
// the dictionary, it needs no stemmer of its own and can never disagree
// with this one.
//
// # Ranking
//
// Scores are BM25 with field weights (id, title, heading, summary, body),
// computed here per stem and document, so a query only adds integers. See
// search.js for prefix matching, typo tolerance, phrases and facets.
package index

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/commonagenda/agenda/generator/model"
)

// Sizes of the split files.
const (
	// chunkTarget is the size in bytes past which a dictionary or pairs
	// chunk is closed; a stem found on nearly every page gets one alone.
	chunkTarget = 12 << 10
	// batchSize is how many documents share a fragment file: big enough
	// to keep the manifest short, small enough that showing ten results
	// fetches little besides them.
	batchSize = 6
	// snippetLen bounds each section's text kept for excerpts.
	snippetLen = 280
)

// ManifestPath is the index's fixed entry point; search.js finds it
// beside the search page (/search/manifest.json).
const ManifestPath = "search/manifest.json"

// ChunkDir holds every index file but the manifest. Their names carry
// their content's hash, so they may be cached for good.
const ChunkDir = "search/chunks/"

// manifest is search/manifest.json.
type manifest struct {
	Version int         `json:"version"`
	Docs    int         `json:"docs"`
	Batch   int         `json:"batch"`
	Terms   [][2]string `json:"terms"` // first key, hash
	Pairs   [][2]string `json:"pairs"`
	// Fragments holds each batch's 4-character tag, concatenated.
	Fragments string   `json:"fragments"`
	Facets    string   `json:"facets"`
	Stop      []string `json:"stop"`
}

// Build returns the index files for a linked strategy whose bodies the
// markdown phase has rendered, keyed by output path.
func Build(s *model.Strategy) map[string][]byte {
	records := collect(s)
	t := newTerms()
	for i := range records {
		t.add(int32(i), &records[i])
	}
	files := map[string][]byte{}
	m := manifest{Version: 1, Docs: len(records), Batch: batchSize, Stop: t.sortedStops()}
	m.Terms = writeChunks(files, "terms", termEntries(t))
	m.Pairs = writeChunks(files, "pairs", pairEntries(t))
	m.Fragments = writeFragments(files, records)
	m.Facets = writeFacets(files, s, records)
	files[ManifestPath] = mustJSON(m)
	return files
}

// entry is one key of a chunk: a word as written, a stem's postings, or
// both.
type entry struct {
	key      string
	stem     *string // set for words: their stem, "" when the same
	postings string  // set for stems
}

func termEntries(t *terms) []entry {
	byKey := map[string]*entry{}
	get := func(k string) *entry {
		e := byKey[k]
		if e == nil {
			e = &entry{key: k}
			byKey[k] = e
		}
		return e
	}
	for w, stem := range t.surfaces {
		v := stem
		if v == w {
			v = ""
		}
		get(w).stem = &v
	}
	avg := t.avgLength()
	for id, stem := range t.stemList {
		get(stem).postings = t.encodePostings(int32(id), avg)
	}
	return sortedEntries(byKey)
}

func pairEntries(t *terms) []entry {
	byKey := make(map[string]*entry, len(t.pairs))
	for k, docs := range t.pairs {
		key := t.stemList[k>>32] + " " + t.stemList[k&0xffffffff]
		byKey[key] = &entry{key: key, postings: encodePair(docs)}
	}
	return sortedEntries(byKey)
}

func sortedEntries(byKey map[string]*entry) []entry {
	out := make([]entry, 0, len(byKey))
	for _, e := range byKey {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	return out
}

// chunk is the JSON of a dictionary or pairs chunk.
type chunk struct {
	W map[string]string `json:"w,omitempty"`
	P map[string]string `json:"p"`
}

// writeChunks splits sorted entries into chunks of about chunkTarget
// bytes, writes them as <kind>-<hash>.json and returns each chunk's first
// key and hash. The first chunk's key is "", so every key has a chunk.
func writeChunks(files map[string][]byte, kind string, entries []entry) [][2]string {
	var out [][2]string
	c, size, first := chunk{W: map[string]string{}, P: map[string]string{}}, 0, ""
	flush := func() {
		data := mustJSON(c)
		h := hashName(data)
		files[fmt.Sprintf(ChunkDir+"%s-%s.json", kind, h)] = data
		out = append(out, [2]string{first, h})
		c, size = chunk{W: map[string]string{}, P: map[string]string{}}, 0
	}
	for i, e := range entries {
		if size >= chunkTarget {
			flush()
			first = e.key
		}
		if e.stem != nil {
			c.W[e.key] = *e.stem
			size += len(e.key) + len(*e.stem) + 6
		}
		if e.postings != "" {
			c.P[e.key] = e.postings
			size += len(e.key) + len(e.postings) + 6
		}
		if i == len(entries)-1 {
			flush()
		}
	}
	if len(out) == 0 {
		flush()
	}
	return out
}

// writeFragments writes what each result shows, batchSize documents a
// file: [url, title, kind, summary, [[anchor, heading, text], ...]].
func writeFragments(files map[string][]byte, records []record) string {
	var tags strings.Builder
	for start := 0; start < len(records); start += batchSize {
		end := min(start+batchSize, len(records))
		batch := make([][]any, 0, end-start)
		for _, r := range records[start:end] {
			secs := make([][3]string, 0, len(r.sections))
			for _, s := range r.sections {
				secs = append(secs, [3]string{s.anchor, s.heading, clip(s.text, snippetLen)})
			}
			batch = append(batch, []any{r.url, r.title, Kinds[r.kind], clip(r.summary, snippetLen), secs})
		}
		data := mustJSON(batch)
		tag := shortHash(data)
		files[fmt.Sprintf(ChunkDir+"docs-%d-%s.json", start/batchSize, tag)] = data
		tags.WriteString(tag)
	}
	return tags.String()
}

// facetValue is one value of a facet: its key, title and documents (as
// runs, see runs).
type facetValue [3]string

// writeFacets writes the category, sector and kind of every document.
func writeFacets(files map[string][]byte, s *model.Strategy, records []record) string {
	cats := make([][]int, len(s.Site.Categories))
	secs := make([][]int, len(s.Site.Sectors))
	kinds := make([][]int, len(Kinds))
	for i, r := range records {
		for _, c := range r.categories {
			cats[c] = append(cats[c], i)
		}
		for _, c := range r.sectors {
			secs[c] = append(secs[c], i)
		}
		kinds[r.kind] = append(kinds[r.kind], i)
	}
	f := map[string][]facetValue{}
	for i, c := range s.Site.Categories {
		f["category"] = append(f["category"], facetValue{c.Key, c.Title, runs(cats[i])})
	}
	for i, c := range s.Site.Sectors {
		f["sector"] = append(f["sector"], facetValue{c.Key, c.Title, runs(secs[i])})
	}
	titles := []string{"Objectives", "Organizations", "Partnerships", "Pages"}
	for i, k := range Kinds {
		f["kind"] = append(f["kind"], facetValue{k, titles[i], runs(kinds[i])})
	}
	data := mustJSON(f)
	h := hashName(data)
	files[ChunkDir+"facets-"+h+".json"] = data
	return h
}

// clip shortens text to at most n bytes, at a word boundary, with "…".
func clip(text string, n int) string {
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], " ,;:") + "…"
}

// mustJSON encodes values that always encode (strings, ints, slices and
// maps of them), without HTML escaping, which the files do not need.
func mustJSON(v any) []byte {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("index: encoding %T: %v", v, err))
	}
	return []byte(strings.TrimSuffix(b.String(), "\n"))
}
