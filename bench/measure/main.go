// The kernel's accounting of a finished child (getrusage) is read on
// Unix systems alone.

//go:build unix

// Command measure runs a command and reports its wall time, its CPU time
// (user and system, including the children it waited for) and its peak
// resident memory, as the kernel counts them for the process.
//
//	go run ./bench/measure -- agenda build --source content --out public
//	measure: wall 3.21 s, cpu 5.10 s (user 4.80 s, sys 0.30 s), peak rss 512.3 MB
//
// The report goes to standard error, after the command's own output; with
// -o FILE, a tab-separated line "wall_s user_s sys_s maxrss_kb" is
// appended to FILE instead, for scripts (bench/compare-hugo). The exit
// status is the command's. Build the command first rather than measuring
// `go run`, which would count the compiler.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	out := flag.String("o", "", "append a tab-separated line `wall_s user_s sys_s maxrss_kb` to this file instead of printing a report")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: measure [-o FILE] [--] COMMAND [ARG...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	m, err := run(flag.Args())
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(2)
	}
	if *out != "" {
		if err := appendLine(*out, m.tsv()); err != nil {
			fmt.Fprintln(os.Stderr, "measure:", err)
			os.Exit(2)
		}
	} else {
		fmt.Fprintln(os.Stderr, "measure:", m)
	}
	if exit != nil {
		os.Exit(max(exit.ExitCode(), 1))
	}
}

// measurement is what one run cost.
type measurement struct {
	wall, user, sys time.Duration
	maxRSSKB        int64 // kilobytes on Linux (ru_maxrss)
}

func (m measurement) String() string {
	return fmt.Sprintf("wall %.2f s, cpu %.2f s (user %.2f s, sys %.2f s), peak rss %.1f MB",
		m.wall.Seconds(), (m.user + m.sys).Seconds(), m.user.Seconds(), m.sys.Seconds(), float64(m.maxRSSKB)/1024)
}

func (m measurement) tsv() string {
	return fmt.Sprintf("%.3f\t%.3f\t%.3f\t%d\n", m.wall.Seconds(), m.user.Seconds(), m.sys.Seconds(), m.maxRSSKB)
}

// run runs args with the standard streams passed through. A command that
// ran but failed returns its measurement and an *exec.ExitError.
func run(args []string) (measurement, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return measurement{}, err
	}
	m := measurement{wall: wall, user: cmd.ProcessState.UserTime(), sys: cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.maxRSSKB = int64(ru.Maxrss)
	}
	return m, err
}

func appendLine(name, line string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(line); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
