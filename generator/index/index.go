// Package index builds the site's search index: static files that the
// theme's search.js queries in the browser, with no server and no
// WebAssembly.
//
// # What is indexed
//
// Every objective, organization, partnership and plain page (the home page
// included): its id or acronym, title, summary, headings and body text
// (model.Rendered.Text, split into sections at its Headings so a result
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
//	words-<hash>.json      one chunk of the dictionary, by key range: the
//	                       words as written ("w": word -> stem, "" when the
//	                       word is its own stem)
//	terms-<hash>.json      the postings of the stems in a key range ("p":
//	                       stem -> postings)
//	pairs-<hash>.json      documents where two stems stand next to each
//	                       other, for "quoted phrases"
//	pairlist-<hash>.json   the pairs chunks' key ranges, read only for a
//	                       query with a phrase
//	facets-<hash>.json     category, sector and kind: titles and the
//	                       documents that have each value
//
// and in search/docs/, what each result shows, one file a document named
// by its number (<n>.json): ten results cost ten small files, and the
// manifest lists no name for them.
//
// Content-hashed names let every file in chunks/ be cached forever; the
// manifest and the documents are checked again on each visit.
// Because the browser looks words up as written and reads their stem from
// the dictionary, it needs no stemmer of its own and can never disagree
// with this one.
//
// # Ranking
//
// Scores are BM25 with field weights (id, title, heading, summary, body),
// computed here per stem and document, so a query only adds integers. See
// search.js for prefix matching, typo tolerance, phrases and facets.
//
// # Building
//
// Build is a small part of a site's build (see BENCHMARKS.md): words are
// numbered as they are read and looked up without allocating, postings
// and pairs go into flat lists sorted once by counting, the JSON is
// written by hand, and documents are indexed in shards on the available
// cores. The files are the same byte for byte whatever the number of
// cores; TestOutputUnchanged pins them.
//
// A build cache keeps the index's state beside its files (Update): a
// build after an edit to a few documents indexes only those and writes
// again only the files they are in (see state.go).
package index

import (
	"cmp"
	"io"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/commonagenda/agenda/generator/internal/keyhash"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/timeline"
)

// Sizes of the split files.
const (
	// chunkTarget is the size in bytes past which a dictionary or pairs
	// chunk is closed; a stem found on nearly every page gets one alone.
	chunkTarget = 12 << 10
	// wordsTarget is the size of a chunk of words, which holds no
	// postings: a typo's lookup loads a few of them.
	wordsTarget = 6 << 10
	// snippetLen bounds each section's text kept for excerpts.
	snippetLen = 280
)

// ManifestPath is the index's fixed entry point; search.js finds it
// beside the search page (/search/manifest.json).
const ManifestPath = "search/manifest.json"

// ChunkDir holds every index file but the manifest and the documents.
// Their names carry their content's hash, so they may be cached for good.
const ChunkDir = "search/chunks/"

// DocDir holds what each result shows, a file a document.
const DocDir = "search/docs/"

// manifest is search/manifest.json.
type manifest struct {
	Version int         `json:"version"`
	Docs    int         `json:"docs"`
	Words   [][2]string `json:"words"` // first key, hash
	Terms   [][2]string `json:"terms"`
	// Pairs is the hash of the pairs chunks' list (pairlist-<hash>.json).
	Pairs  string   `json:"pairs"`
	Facets string   `json:"facets"`
	Stop   []string `json:"stop"`
}

// Build returns the index files for a linked strategy whose bodies the
// markdown phase has rendered, keyed by output path.
func Build(s *model.Strategy) map[string][]byte {
	files := map[string][]byte{}
	_ = BuildTo(s, func(name string, data []byte) error {
		files[name] = data
		return nil
	})
	return files
}

// BuildTo builds the same files as Build and hands each to emit as soon
// as it is written, the manifest last, so a caller can write them out
// without holding them all. emit may keep data: it is not reused. The
// first error emit returns stops the build and is returned.
func BuildTo(s *model.Strategy, emit func(name string, data []byte) error) error {
	return Collect(s).BuildTo(emit)
}

// Source is what a strategy's index is made from, its records, collected
// once for its Key and its files.
type Source struct {
	s       *model.Strategy
	records []record
	sums    func() [][sumSize]byte
}

// Collect gathers the records of a linked strategy whose bodies the
// markdown phase has rendered.
func Collect(s *model.Strategy) *Source {
	src := &Source{s: s, records: collect(s)}
	src.sums = sync.OnceValue(func() [][sumSize]byte {
		sums := make([][sumSize]byte, len(src.records))
		k := keyhash.New("")
		for i := range src.records {
			sums[i] = docSum(k, &src.records[i])
		}
		return sums
	})
	return src
}

// BuildTo is the package's BuildTo, of the records collected.
func (src *Source) BuildTo(emit func(name string, data []byte) error) error {
	return src.buildTo(emit, runtime.GOMAXPROCS(0))
}

// Earlier is what a build cache kept of an earlier build's index: the
// state Update saved, read (ReadState), and Reuse, which puts the earlier
// file named name in the output as it was, in place of emitting it, and
// reports whether it could.
type Earlier struct {
	State *State
	Reuse func(name string) bool
}

// State is the state an earlier Update saved, decoded: it may be read
// before the index is made (on another goroutine, while the rest of a
// build goes on), and is used by one Update.
type State struct {
	st  *state
	err error
}

// ReadState decodes what an earlier Update saved. The bytes are handed
// over: the state may use their memory, so they must not be changed
// afterwards.
func ReadState(data []byte) *State {
	defer timeline.Begin("index: decode")()
	st, err := decodeState(data)
	return &State{st, err}
}

// Update builds the same files as BuildTo, patching the earlier index
// when only a few documents changed since (see state), and returns what
// a later build can patch in turn: save writes it. earlier may be nil,
// or anything: a state that cannot be read is not used.
func (src *Source) Update(earlier *Earlier, emit func(name string, data []byte) error) (save func(io.Writer) error, err error) {
	var saver Saver
	err = src.UpdateSaving(earlier, emit, func(s Saver) { saver = s })
	if err != nil {
		return nil, err
	}
	return func(w io.Writer) error { return saver(w, nil) }, nil
}

// A Saver writes what a later build can patch (see Update), beginning
// with what it can before the files are written: it calls written, which
// waits for them and reports whether they were, then writes the rest,
// unless written reports an error, which it returns.
type Saver func(w io.Writer, written func() error) error

// UpdateSaving is Update, giving its Saver to saving as soon as the
// state is made, before the files are written, so that saving it may go
// on beside them. saving is called once, unless the state could not be
// made.
func (src *Source) UpdateSaving(earlier *Earlier, emit func(name string, data []byte) error, saving func(Saver)) error {
	if earlier != nil && earlier.Reuse != nil && earlier.State != nil {
		if old, err := earlier.State.st, earlier.State.err; err == nil {
			e2 := timeline.Begin("index: patch")
			st, ch := old.patch(src.records, src.sums())
			e2()
			if st != nil {
				saving(st.writeTo)
				defer timeline.Begin("index: write")()
				return src.write(st, ch, earlier.Reuse, emit)
			}
		}
	}
	return src.build(emit, runtime.GOMAXPROCS(0), saving)
}

// buildTo is BuildTo with up to procs goroutines: documents are indexed
// in shards that are then merged. The files are the same for any procs,
// emitted one at a time: the dictionary and pairs, with the fragments
// beside them, then the facets and the manifest, last.
func (src *Source) buildTo(emit func(name string, data []byte) error, procs int) error {
	return src.build(emit, procs, func(Saver) {})
}

// build is buildTo, giving saving the state's Saver once it is made.
func (src *Source) build(emit func(name string, data []byte) error, procs int, saving func(Saver)) error {
	endT := timeline.Begin("index: terms")
	t := indexRecords(src.records, procs)
	endT()
	endS := timeline.Begin("index: state")
	st := newState(t, src.records, src.sums())
	endS()
	saving(st.writeTo)
	defer timeline.Begin("index: write")()
	return src.write(st, &change{all: true}, nil, emit)
}

// buildTo is BuildTo of s with up to procs goroutines (see Source.buildTo).
func buildTo(s *model.Strategy, emit func(name string, data []byte) error, procs int) error {
	return Collect(s).buildTo(emit, procs)
}

// write writes the files of st: the dictionary (words, then terms), the
// pairs, the fragments, the facets and the manifest. ch says what
// changed since the earlier files, which reuse puts in place.
func (src *Source) write(st *state, ch *change, reuse func(string) bool, emit func(string, []byte) error) error {
	// The documents' fragments are made beside the dictionary and the
	// pairs, which they do not depend on; emit and reuse are still
	// called by one goroutine at a time, and the manifest comes last.
	var mu sync.Mutex
	var failed error // the first error emit gave: no file is emitted after it
	emitOne, reuseOne := emit, reuse
	emit = func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if failed == nil {
			failed = emitOne(name, data)
		}
		return failed
	}
	if reuse != nil {
		reuse = func(name string) bool {
			mu.Lock()
			defer mu.Unlock()
			return reuseOne(name)
		}
	}
	w := newWriter(st, ch, reuse, emit)
	fragments := make(chan error, 1)
	go func() { fragments <- w.fragments(src.records) }()
	pairs, err := src.writeDictionary(w, st, emit)
	if err = cmp.Or(err, <-fragments); err != nil {
		return err
	}
	return src.writeManifest(w, st, pairs, emit)
}

// writeDictionary writes the words, terms and pairs chunks, and the list
// of pairs chunks, whose name it returns.
func (src *Source) writeDictionary(w *writer, st *state, emit func(string, []byte) error) (pairs string, err error) {
	if st.made[wordsChunk], err = w.words(); err != nil {
		return "", err
	}
	if st.made[termsChunk], err = w.terms(); err != nil {
		return "", err
	}
	if st.made[pairsChunk], err = w.pairs(); err != nil {
		return "", err
	}
	b := appendList(nil, refList(st.made[pairsChunk]))
	pairs = shortHash(b)
	return pairs, w.put(ChunkDir+"pairlist-"+pairs+".json", b)
}

// writeManifest writes the facets, then the manifest, last of all.
func (src *Source) writeManifest(w *writer, st *state, pairs string, emit func(string, []byte) error) error {
	m := manifest{Version: 3, Docs: len(src.records), Stop: []string{}}
	for _, e := range st.words {
		if e.stem < 0 {
			m.Stop = append(m.Stop, e.text)
		}
	}
	m.Words, m.Terms, m.Pairs = refList(st.made[wordsChunk]), refList(st.made[termsChunk]), pairs
	var err error
	if m.Facets, err = writeFacets(src.s, src.records, w.put); err != nil {
		return err
	}
	return emit(ManifestPath, m.appendJSON(nil))
}

// writeFacets writes the category, sector and kind of every document:
// for each facet, its values as [key, title, documents (as runs, see
// runs)].
func writeFacets(s *model.Strategy, records []record, emit func(string, []byte) error) (string, error) {
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
	b := []byte{'{'}
	facet := func(name string, n int, value func(i int) (key, title string), docs [][]int) {
		if n == 0 {
			return // encoding/json left the facet out
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = appendString(b, name)
		b = append(b, ":["...)
		for i := range n {
			if i > 0 {
				b = append(b, ',')
			}
			k, t := value(i)
			b = appendStrings(b, k, t, runs(docs[i]))
		}
		b = append(b, ']')
	}
	facet("category", len(cats), func(i int) (string, string) { return s.Site.Categories[i].Key, s.Site.Categories[i].Title }, cats)
	titles := []string{"Objectives", "Organizations", "Partnerships", "Pages"}
	facet("kind", len(Kinds), func(i int) (string, string) { return Kinds[i], titles[i] }, kinds)
	facet("sector", len(secs), func(i int) (string, string) { return s.Site.Sectors[i].Key, s.Site.Sectors[i].Title }, secs)
	b = append(b, '}')
	h := hashName(b)
	return h, emit(ChunkDir+"facets-"+h+".json", b)
}

// clip shortens text to at most n bytes, at a word boundary, with "…".
func clip(text string, n int) string {
	if len(text) <= n {
		return text
	}
	return clipCut(text, n) + "…"
}

// clipCut is the part of text that clip keeps, before the "…".
func clipCut(text string, n int) string {
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], " ,;:")
}

// appendClip appends clip(text, n) as a JSON string. ("…" begins with a
// leading byte, so escaping the parts apart is escaping them together.)
func appendClip(b []byte, text string, n int) []byte {
	if len(text) <= n {
		return appendString(b, text)
	}
	b = appendString(b, clipCut(text, n))
	return append(b[:len(b)-1], "…\""...)
}
