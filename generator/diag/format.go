package diag

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// WriteText prints one diagnostic a line, then a summary line when there
// are any.
func WriteText(w io.Writer, items []Diagnostic) error {
	// One write for many lines: a terminal or a CI log takes each write
	// as a system call, and a strategy may have thousands of warnings.
	bw := bufio.NewWriter(w)
	if err := writeText(bw, items); err != nil {
		return err
	}
	return bw.Flush()
}

func writeText(w io.Writer, items []Diagnostic) error {
	var errs, warns int
	for _, d := range items {
		if d.Severity == Warning {
			warns++
		} else {
			errs++
		}
		if _, err := fmt.Fprintln(w, oneLine(d.String())); err != nil {
			return err
		}
	}
	if errs+warns == 0 {
		return nil
	}
	_, err := fmt.Fprintf(w, "%s, %s\n", Plural(errs, "error"), Plural(warns, "warning"))
	return err
}

// oneLine writes control characters (a newline in a file's name, say) as
// escapes, so that a diagnostic is always one line: a CI log reads each
// line that starts with "::error" as an annotation, and a file name must
// not be able to forge one.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Plural is n with word, in the plural unless n is 1: "1 warning",
// "3 warnings".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// WriteGitHub prints GitHub Actions workflow commands, so each problem
// shows as an annotation on the pull request's line.
// See https://docs.github.com/actions/reference/workflow-commands-for-github-actions.
func WriteGitHub(w io.Writer, items []Diagnostic) error {
	for _, d := range items {
		props := "file=" + escapeProperty(d.Path)
		if d.Line > 0 {
			props += fmt.Sprintf(",line=%d", d.Line)
		}
		if d.Col > 0 {
			props += fmt.Sprintf(",col=%d", d.Col)
		}
		msg := d.Message
		if d.Hint != "" {
			msg += " (" + d.Hint + ")"
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, props, escapeData(msg)); err != nil {
			return err
		}
	}
	return nil
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// jsonDiagnostic is the stable shape of a diagnostic in --format json.
type jsonDiagnostic struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

// WriteJSON prints {"diagnostics": [...], "errors": n, "warnings": n}.
func WriteJSON(w io.Writer, items []Diagnostic) error {
	out := struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
		Errors      int              `json:"errors"`
		Warnings    int              `json:"warnings"`
	}{Diagnostics: []jsonDiagnostic{}}
	for _, d := range items {
		out.Diagnostics = append(out.Diagnostics, jsonDiagnostic{d.Path, d.Line, d.Col, d.Severity.String(), d.Message, d.Hint})
		if d.Severity == Warning {
			out.Warnings++
		} else {
			out.Errors++
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
