// Command synth writes a large synthetic strategy for benchmarks.
//
//	go run ./cmd/synth -files 10000 -out /tmp/big
//	go run ./cmd/agenda build --source /tmp/big/content --out /tmp/big/public
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
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "synth: -out is required")
		os.Exit(2)
	}
	shape := synth.ForFiles(*files)
	if err := synth.Write(*out, shape); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d objectives, %d organizations, %d partnerships, %d pages under %s/content\n",
		shape.Objectives, shape.Organizations, shape.Partnerships, shape.Pages, *out)
}
