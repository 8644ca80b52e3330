package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/commonagenda/agenda/generator/scaffold"
)

// init_ writes a new strategy repository (see scaffold.Init), pinning
// this program's own version in its workflow and netlify.toml.
func (e env) init_(args []string) int {
	fs := e.flags("init")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: agenda init DIR\n\nwrites a new strategy repository into DIR, a new or empty folder")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	dir := fs.Arg(0)
	res, err := scaffold.Init(dir, scaffold.InitOptions{Version: e.moduleVersion(), GoVersion: runtime.Version()})
	if err != nil {
		fmt.Fprintln(e.stderr, "agenda init:", err)
		return exitUsage
	}
	for _, f := range res.Files {
		fmt.Fprintln(e.stdout, f)
	}
	fmt.Fprintf(e.stderr, "wrote a new strategy into %s: example content to replace, README.md for its maintainers, CONTRIBUTING.md, the Check workflow and netlify.toml\n", dir)
	if res.Pinned == "" {
		fmt.Fprintf(e.stderr, "agenda init: this agenda was built from a checkout and cannot tell its version:\n"+
			"  replace %s with a release tag of %s (such as v1.0.0)\n"+
			"  in %s/.github/workflows/check.yml, %s/netlify.toml and %s/README.md,\n"+
			"  or run agenda init as: go run %s/cmd/agenda@VERSION init DIR\n",
			scaffold.VersionPlaceholder, scaffold.Module, dir, dir, dir, scaffold.Module)
	} else {
		fmt.Fprintf(e.stderr, "its workflow and netlify.toml run %s/cmd/agenda@%s\n", scaffold.Module, res.Pinned)
	}
	fmt.Fprintf(e.stderr, "next: cd %s && git init, then see README.md\n", dir)
	return exitOK
}

// moduleVersion is the program's module version as the Go toolchain
// stamped it: a tag when installed with go install module@version;
// AGENDA_INIT_VERSION overrides it (for tests and release checks).
func (e env) moduleVersion() string {
	if v := e.getenv("AGENDA_INIT_VERSION"); v != "" {
		return v
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	return info.Main.Version
}
