// Command synth writes a large synthetic strategy for benchmarks.
//
//	go run ./cmd/synth -files 10000 -out /tmp/big                  # realistic corpus
//	go run ./cmd/synth -files 10000 -corpus legacy -out /tmp/old   # the first corpus
//	go run ./cmd/synth -files 10000 -commits 2000 -out /tmp/hist   # in a Git repository
//	go run ./cmd/agenda build --source /tmp/big/content --out /tmp/big/public
//
// See generator/synth for what each corpus holds.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/commonagenda/agenda/generator/synth"
)

func main() {
	files := flag.Int("files", 10000, "number of content files")
	out := flag.String("out", "", "folder to write content/ into (required)")
	commits := flag.Int("commits", 0, "also make the folder a Git repository with this many commits (needs git)")
	corpus := flag.String("corpus", string(synth.Realistic), "realistic (the field's vocabulary and proportions) or legacy (the first, 36-word corpus)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "synth: -out is required")
		os.Exit(2)
	}
	c, err := synth.ParseCorpus(*corpus)
	if err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(2)
	}
	shape := c.ForFiles(*files)
	if err := synth.Write(*out, shape); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
	if *commits > 0 {
		if err := synth.History(*out, *commits); err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			os.Exit(1)
		}
		fmt.Printf("with a history of %d commits\n", *commits)
	}
	fmt.Printf("wrote a %s strategy: %d objectives, %d organizations, %d partnerships, %d pages under %s/content\n",
		c, shape.Objectives, shape.Organizations, shape.Partnerships, shape.Pages, *out)
}
