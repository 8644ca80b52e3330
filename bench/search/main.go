// Command search compares agenda's search index with Pagefind on the same
// 10,000-file synthetic strategy: index build time and memory, index size,
// and the bytes a browser downloads for a fixed set of queries.
//
//	npm ci --prefix bench/pagefind
//	go run ./bench/search -files 10000 -dir /tmp/searchbench
//
// The synthetic strategy (generator/synth, -corpus realistic by default)
// has a few thousand words of the field; this adds a longer tail: each
// file gets 40 words drawn from a Zipf distribution over 20,000 made-up
// words, the rare word "zanzibarite" goes in three files and "commitment"
// in every file. Results go to stdout; generator/index/BENCHMARKS.md
// records a run, taken on the legacy corpus (36 words) before the
// realistic one existed: -corpus legacy repeats it.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/commonagenda/agenda/generator/index"
	"github.com/commonagenda/agenda/generator/site"
	"github.com/commonagenda/agenda/generator/synth"
)

func main() {
	files := flag.Int("files", 10000, "content files in the synthetic strategy")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "searchbench"), "work folder (replaced)")
	corpus := flag.String("corpus", string(synth.Realistic), "synthetic corpus: realistic or legacy")
	flag.Parse()
	c, err := synth.ParseCorpus(*corpus)
	if err != nil {
		fmt.Fprintln(os.Stderr, "search bench:", err)
		os.Exit(2)
	}
	if err := run(c.ForFiles(*files), *dir); err != nil {
		fmt.Fprintln(os.Stderr, "search bench:", err)
		os.Exit(1)
	}
}

func run(shape synth.Shape, dir string) error {
	root, _ := filepath.Abs(".")
	os.RemoveAll(dir)
	if err := synth.Write(dir, shape); err != nil {
		return err
	}
	content := filepath.Join(dir, "content")
	if err := addVocabulary(content); err != nil {
		return err
	}
	s, diags := site.Load(site.Options{Source: content})
	if s == nil || diags.HasErrors() {
		return fmt.Errorf("synthetic content does not load")
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	idx := index.Build(s.Strategy)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	size := 0
	for _, d := range idx {
		size += len(d)
	}
	fmt.Printf("agenda index: %d files, %.1f MB, built in %.2fs, %.0f MB allocated\n",
		len(idx), float64(size)/1e6, took.Seconds(), float64(after.TotalAlloc-before.TotalAlloc)/1e6)

	built, diags := site.Build(site.Options{Source: content})
	if built == nil {
		return fmt.Errorf("synthetic site does not build: %v", diags.Items())
	}
	public := filepath.Join(dir, "public")
	if err := built.WriteTo(public); err != nil {
		return err
	}
	// Pagefind indexes the same pages' <main>.
	pf := exec.Command("/usr/bin/time", "-f", "pagefind: %e s, %M KB max resident",
		filepath.Join(root, "bench/pagefind/node_modules/.bin/pagefind"), "--site", public, "--root-selector", "main", "--output-subdir", "pagefind")
	pf.Stdout, pf.Stderr = os.Stderr, os.Stdout
	if err := pf.Run(); err != nil {
		return fmt.Errorf("pagefind: %v (npm ci --prefix bench/pagefind)", err)
	}
	os.WriteFile(filepath.Join(public, "pf.html"), []byte(pfPage), 0o644)
	os.WriteFile(filepath.Join(public, "pf.js"), []byte(pfScript), 0o644)
	out, _ := exec.Command("du", "-sb", filepath.Join(public, "search"), filepath.Join(public, "pagefind")).Output()
	fmt.Printf("index sizes (bytes):\n%s", out)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: gzipped(http.FileServer(http.Dir(public)))}
	go srv.Serve(ln)
	defer srv.Close()
	m := exec.Command("node", filepath.Join(root, "bench/pagefind/measure.mjs"), "http://"+ln.Addr().String()+"/")
	m.Dir = filepath.Join(root, "bench/pagefind")
	m.Stdout, m.Stderr = os.Stdout, os.Stderr
	return m.Run()
}

// addVocabulary appends a long tail of words to every Markdown body.
func addVocabulary(content string) error {
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := make([]string, 20000)
	syl := []string{"ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "qui", "ne", "bra", "tis", "gor", "fa", "lu", "pen"}
	for i := range vocab {
		var b strings.Builder
		for v := i; ; v /= len(syl) {
			b.WriteString(syl[v%len(syl)])
			if v < len(syl) {
				break
			}
		}
		vocab[i] = b.String() + "x"
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	i := 0
	return filepath.Walk(content, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		words := make([]string, 40)
		for j := range words {
			words[j] = vocab[zipf.Uint64()]
		}
		extra := "\n\nOur commitment: " + strings.Join(words, " ") + "."
		if i%3331 == 7 {
			extra += " A zanzibarite sample."
		}
		i++
		f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = f.WriteString(extra + "\n")
		return err
	})
}

const pfPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Pagefind</title></head><body><script type="module" src="/pf.js"></script></body></html>`

// pfScript runs a query the way Pagefind's UI does: search, then load the
// first ten results' fragments.
const pfScript = `const pf = await import("/pagefind/pagefind.js");
await pf.options({ excerptLength: 30 });
window.pfSearch = async (q) => {
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  return { count: r.results.length, first: data[0] ? data[0].url : "" };
};
window.pfReady = true;
`
