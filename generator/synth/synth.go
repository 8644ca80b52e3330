// Package synth writes large synthetic strategies for benchmarks: a valid
// content folder with a given number of files, cross-linked the way real
// strategies are (leads, partnerships, funding, parents, relative links).
//
// Two corpora can be written. Realistic, the default, looks like a real
// national strategy: 2% objectives in a goal → objective → action tree
// (PV-1, PV-1.2, PV-1.2.3), 80% organizations with names, sectors,
// states, services and contact details that fit one another, 18%
// partnerships drawn mostly from one state, and a handful of plain pages.
// Bodies run from 150 to 600 words of the field's own vocabulary (counted
// in essays on the field, plus its technical terms) with the Zipf-like
// frequencies of real text, under headings, with lists, the odd table,
// emphasis and relative links that all resolve. Legacy is the first
// corpus: 36 words drawn uniformly, short bodies; it is kept so that old
// figures can be compared with new ones.
//
// The output is deterministic for a given shape, so benchmark runs
// compare like with like.
//
//	synth.Write(dir, synth.ForFiles(10000))        // realistic
//	synth.Write(dir, synth.Legacy.ForFiles(10000)) // legacy
package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/commonagenda/agenda/generator/schema"
)

// Corpus names a kind of synthetic strategy.
type Corpus string

const (
	// Realistic is a strategy in the field's vocabulary and proportions.
	Realistic Corpus = "realistic"
	// Legacy is the first synthetic strategy: 36 words, short bodies.
	Legacy Corpus = "legacy"
)

// Corpora are the corpora ParseCorpus knows, the default first.
var Corpora = []Corpus{Realistic, Legacy}

// ParseCorpus returns the corpus of this name.
func ParseCorpus(name string) (Corpus, error) {
	for _, c := range Corpora {
		if string(c) == name {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown corpus %q (realistic or legacy)", name)
}

// Shape is how many of each kind of file to write, and in which corpus.
type Shape struct {
	Objectives, Organizations, Partnerships, Pages int
	// Corpus is the kind of content; "" means Realistic.
	Corpus Corpus
}

// Files is the number of content files the shape makes, besides
// site.toml and _index.md.
func (s Shape) Files() int { return s.Objectives + s.Organizations + s.Partnerships + s.Pages }

// ForFiles is Realistic.ForFiles(n).
func ForFiles(n int) Shape { return Realistic.ForFiles(n) }

// ForFiles splits a total number of content files the way the corpus
// does. Realistic: 2% objectives, 18% partnerships, five plain pages and
// the rest organizations, so 10,000 files are 200 objectives, 7,995
// organizations, 1,800 partnerships and 5 pages.
func (c Corpus) ForFiles(n int) Shape {
	if c == Legacy {
		return legacyShape(n)
	}
	obj := max((n+25)/50, 4)
	parts := max((n*18+50)/100, 1)
	pages := 5
	if n < 100 {
		pages = 1
	}
	orgs := max(n-obj-parts-pages, 4)
	return Shape{Objectives: obj, Organizations: orgs, Partnerships: parts, Pages: pages, Corpus: Realistic}
}

// Write writes a strategy of the given shape under dir (dir/content).
func Write(dir string, shape Shape) error {
	content := filepath.Join(dir, "content")
	if shape.Corpus == Legacy {
		if err := mkdirs(content, "objectives", "organizations", "partnerships", "pages"); err != nil {
			return err
		}
		for name, body := range legacyFiles(shape) {
			if err := os.WriteFile(filepath.Join(content, filepath.FromSlash(name)), []byte(body), 0o644); err != nil {
				return err
			}
		}
		return nil
	}
	if err := mkdirs(content, "objectives", "organizations", "partnerships", "resources"); err != nil {
		return err
	}
	p := newPlan(shape)
	w := &writer{p: p, v: newVocabulary(), extra: optionalKeys()}
	if err := os.WriteFile(filepath.Join(content, "site.toml"), []byte(realisticSite()), 0o644); err != nil {
		return err
	}
	jobs := []struct {
		n     int
		path  func(int) string
		write func(int) string
	}{
		{1, func(int) string { return "_index.md" }, func(int) string { return w.home() }},
		{len(p.objectives), p.objectivePath, w.objective},
		{len(p.orgs), p.orgPath, w.organization},
		{len(p.partnerships), p.partnershipPath, w.partnership},
		{len(p.pages), func(i int) string { return p.pages[i].path }, w.page},
	}
	// Files are made and written by as many workers as processors: each
	// file has its own random source, so the order does not matter.
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
		work  = make(chan func() error, 256)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for job := range work {
				if err := job(); err != nil {
					once.Do(func() { first = err })
				}
			}
		})
	}
	for _, j := range jobs {
		for i := range j.n {
			work <- func() error {
				return os.WriteFile(filepath.Join(content, filepath.FromSlash(j.path(i))), []byte(j.write(i)), 0o644)
			}
		}
	}
	close(work)
	wg.Wait()
	return first
}

func mkdirs(root string, subs ...string) error {
	for _, sub := range subs {
		if err := os.MkdirAll(filepath.Join(root, sub), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// optionalKeys are the organization keys the realistic corpus writes only
// when the schema has them, so that its output always passes the checker.
func optionalKeys() map[string]bool {
	known := map[string]bool{}
	if k, ok := schema.Lookup("organization"); ok {
		for _, f := range k.Fields {
			known[f.Key] = true
		}
	}
	return known
}
