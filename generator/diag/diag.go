// Package diag holds diagnostics: problems found in a strategy's files,
// reported to people as "path:line:col: message (hint)".
//
// Every phase of the generator collects diagnostics as values in a List
// instead of stopping at the first problem, so one run reports everything a
// contributor has to fix. The command sorts the list and prints it once, as
// text, as GitHub Actions annotations or as JSON.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
)

// Pos is a place in a source file. Line and Col count from 1; a zero Line
// means the whole file, a zero Col the whole line.
type Pos struct {
	Path string `json:"path"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// String formats the position as path:line:col, leaving out unknown parts.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.Path
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
}

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	Error   Severity = iota // the build fails
	Warning                 // reported, but the build goes on
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem at one place.
type Diagnostic struct {
	Pos
	Severity Severity
	Message  string
	// Hint helps fix the problem: the known values, or "did you mean ...?".
	Hint string
}

// String formats the diagnostic as "path:line:col: message (hint)".
// Warnings are marked; errors are the default and are not.
func (d Diagnostic) String() string {
	s := d.Pos.String() + ": "
	if d.Severity == Warning {
		s += "warning: "
	}
	s += d.Message
	if d.Hint != "" {
		s += " (" + d.Hint + ")"
	}
	return s
}

// List collects diagnostics. Its methods are safe for concurrent use, so
// phases that work in parallel can share one List.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records a diagnostic.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// ErrorHint records an error at pos with a hint.
func (l *List) ErrorHint(pos Pos, hint, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// WarnHint records a warning at pos with a hint.
func (l *List) WarnHint(pos Pos, hint, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// Merge adds all of other's diagnostics to l. They are sorted, and
// duplicates dropped, when l's are read (Items), not here: a preview
// merges thousands of a snapshot's warnings after each edit.
func (l *List) Merge(other *List) {
	if other == nil || other == l {
		return
	}
	other.mu.Lock()
	items := slices.Clone(other.items)
	other.mu.Unlock()
	l.mu.Lock()
	l.items = append(l.items, items...)
	l.mu.Unlock()
}

// Items returns the diagnostics sorted by path, line, column and message,
// with exact duplicates removed.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	items := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortStableFunc(items, Compare)
	return slices.Compact(items)
}

// Len reports how many diagnostics the list holds.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Compare orders diagnostics by path, line, column, then message.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Hint, b.Hint),
	)
}
