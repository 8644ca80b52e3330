package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/commonagenda/agenda/generator/scaffold"
	"github.com/commonagenda/agenda/generator/serve"
	"github.com/commonagenda/agenda/generator/site"
)

// serve runs the live preview until Ctrl-C (see package serve).
func (e env) serve(args []string) int {
	fs := e.flags("serve")
	source := fs.String("source", "content", "content `folder` to read")
	addr := fs.String("addr", serve.DefaultAddr, "`address` to listen on")
	drafts := fs.Bool("drafts", false, "include content marked draft")
	if code, ok := e.parse(fs, args); !ok {
		return code
	}
	today, err := e.today()
	if err != nil {
		fmt.Fprintln(e.stderr, "agenda:", err)
		return exitUsage
	}
	if !e.isFolder("serve", *source) {
		return exitUsage
	}
	if !serve.Loopback(*addr) {
		fmt.Fprintf(e.stderr, "agenda serve: warning: %s is reachable from other computers; the preview is meant for this one (use --addr 127.0.0.1:PORT)\n", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(e.stderr, "agenda serve:", err)
		return exitContent
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(e.stderr, "serving %s at http://%s/ (Ctrl-C to stop)\n", *source, ln.Addr())
	srv := serve.New(serve.Options{Site: site.Options{Source: *source, Drafts: *drafts, Today: today}, Log: e.stderr})
	if err := srv.Run(ctx, ln); err != nil {
		fmt.Fprintln(e.stderr, "agenda serve:", err)
		return exitContent
	}
	fmt.Fprintln(e.stderr, "agenda serve: stopped")
	return exitOK
}

// new starts a content file with every key (see package scaffold).
// Flags may come before or after the kind and name.
func (e env) new(args []string) int {
	fs := e.flags("new")
	source := fs.String("source", "content", "content `folder` to write into")
	category := fs.String("category", "", "an objective's category `key`; picks the next free id in it")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: agenda new %s NAME [--category KEY] [--source content]\n", strings.Join(scaffold.Kinds, "|"))
		fs.PrintDefaults()
	}
	var words []string
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
		words = append(words, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(words) != 2 {
		fs.Usage()
		return exitUsage
	}
	if *category != "" && words[0] != "objective" {
		fmt.Fprintln(e.stderr, "agenda new: --category is for objectives")
		return exitUsage
	}
	today, err := e.today()
	if err != nil {
		fmt.Fprintln(e.stderr, "agenda:", err)
		return exitUsage
	}
	p, err := scaffold.New(scaffold.Request{Kind: words[0], Name: words[1], Category: *category, Source: *source, Today: today})
	if err != nil {
		fmt.Fprintln(e.stderr, "agenda new:", err)
		return exitUsage
	}
	fmt.Fprintln(e.stdout, p)
	fmt.Fprintf(e.stderr, "created %s: fill in the empty required values, then run agenda check\n", p)
	return exitOK
}
