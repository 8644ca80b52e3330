package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/diff"
	"github.com/commonagenda/agenda/generator/gitrev"
	"github.com/commonagenda/agenda/generator/site"
)

// diff writes, as Markdown, what a change does to the strategy (see
// package diff). Each side is a folder when one exists at that path, else
// a Git revision of the --source folder:
//
//	agenda diff                  HEAD against the working tree's folder
//	agenda diff main             main against the working tree's folder
//	agenda diff main HEAD        two revisions
//	agenda diff old/content new/content
//
// Content errors on either side are part of the comparison, not a
// failure: the exit status is 0 once the comparison is written (check is
// what fails a pull request), 2 for a side that cannot be read.
func (e env) diff(args []string) int {
	fs := e.flags("diff")
	source := fs.String("source", "content", "content `folder` whose revisions are compared, and the default new side")
	drafts := fs.Bool("drafts", false, "include content marked draft")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: agenda diff [--source content] [--drafts] [OLD [NEW]]\n\nOLD and NEW are folders or Git revisions; OLD defaults to HEAD, NEW to the --source folder.")
		fs.PrintDefaults()
	}
	var sides []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return exitOK
			}
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		sides = append(sides, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(sides) > 2 {
		fs.Usage()
		return exitUsage
	}
	for len(sides) < 2 {
		sides = append(sides, []string{"HEAD", *source}[len(sides)])
	}
	today, err := e.today()
	if err != nil {
		fmt.Fprintln(e.stderr, "agenda:", err)
		return exitUsage
	}
	var read [2]*diff.Side
	for i, arg := range sides {
		side, cleanup, err := readSide(arg, *source, site.Options{Drafts: *drafts, Today: today})
		if err != nil {
			fmt.Fprintln(e.stderr, "agenda diff:", err)
			return exitUsage
		}
		defer cleanup()
		read[i] = side
	}
	w := bufio.NewWriter(e.stdout)
	if err := diff.Markdown(w, diff.Compare(read[0], read[1])); err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "agenda diff:", err)
		return exitContent
	}
	for _, s := range read {
		if len(s.Errors) > 0 {
			noun := "content errors"
			if len(s.Errors) == 1 {
				noun = "content error"
			}
			fmt.Fprintf(e.stderr, "agenda diff: %s has %d %s (agenda check lists them); compared what could be read\n", s.Label, len(s.Errors), noun)
		}
	}
	return exitOK
}

// readSide reads one side: the folder arg when there is one, else the
// source folder at revision arg. cleanup removes what was copied.
func readSide(arg, source string, opts site.Options) (*diff.Side, func(), error) {
	none := func() {}
	if info, err := os.Stat(arg); err == nil && info.IsDir() {
		opts.Source = arg
		return analysed(arg, opts), none, nil
	}
	tree, err := gitrev.Open(source, arg)
	if err != nil {
		return nil, none, err
	}
	cleanup := func() { tree.Close() }
	label := fmt.Sprintf("%s (%s)", arg, tree.Short())
	if tree.Absent {
		return &diff.Side{Label: label, Absent: true}, cleanup, nil
	}
	opts.Source, opts.Display = tree.Dir, tree.Rel
	return analysed(label, opts), cleanup, nil
}

// analysed runs the pipeline's reading phases on a folder.
func analysed(label string, opts site.Options) *diff.Side {
	s, rep, diags := site.Read(opts)
	side := &diff.Side{Label: label, Strategy: s, Report: rep}
	for _, d := range diags.Items() {
		if d.Severity == diag.Error {
			side.Errors = append(side.Errors, d)
		}
	}
	return side
}
