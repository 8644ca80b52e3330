package diff

import (
	"fmt"
	"io"
	"strings"

	"github.com/commonagenda/agenda/generator/analysis"
)

// MaxErrors is how many content errors of a side Markdown lists; the
// rest are counted.
const MaxErrors = 10

// Markdown writes the result for a pull request's summary or comment
// (GitHub-flavoured Markdown). Everything taken from content — titles,
// names, error messages — is escaped (Text), so a title cannot break a
// table, add a link, mention someone or put HTML into the page.
func Markdown(w io.Writer, r *Result) error {
	var b strings.Builder
	b.WriteString("## What this change does to the strategy\n\n")
	fmt.Fprintf(&b, "From %s to %s.\n\n", sideName(r.Base), sideName(r.Head))
	for _, s := range []*Side{r.Base, r.Head} {
		writeSide(&b, s)
	}
	if r.Empty() {
		b.WriteString("No objective, organization or partnership changes, and no figure moves: coverage, shortfalls and funding stay as they are.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	writeEntities(&b, r)
	writeCoverage(&b, r)
	writeShortfalls(&b, r)
	writeFunding(&b, r)
	_, err := io.WriteString(w, b.String())
	return err
}

func sideName(s *Side) string {
	if s == nil {
		return "nothing"
	}
	return "**" + Text(s.Label) + "**"
}

// writeSide says what could not be read on a side.
func writeSide(b *strings.Builder, s *Side) {
	if s == nil {
		return
	}
	if s.Absent {
		fmt.Fprintf(b, "There is no content folder in %s: everything on the other side counts as new.\n\n", sideName(s))
		return
	}
	if len(s.Errors) == 0 {
		return
	}
	fmt.Fprintf(b, "> [!WARNING]\n> %s has %s; the comparison covers what could be read. `agenda check` lists them with hints.\n",
		sideName(s), plural(len(s.Errors), "content error", "content errors"))
	for i, d := range s.Errors {
		if i == MaxErrors {
			fmt.Fprintf(b, "> - and %d more\n", len(s.Errors)-MaxErrors)
			break
		}
		fmt.Fprintf(b, "> - %s\n", Text(d.String()))
	}
	b.WriteString("\n")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func writeEntities(b *strings.Builder, r *Result) {
	b.WriteString("### Objectives, organizations and partnerships\n\n")
	if len(r.Added)+len(r.Removed)+len(r.Changed)+len(r.Unreadable) == 0 {
		b.WriteString("None added, removed or changed.\n\n")
		return
	}
	b.WriteString("| Change | Kind | Name | What changed |\n|---|---|---|---|\n")
	row := func(change string, e Entity, fields []string, values map[string][2]string) {
		quoted := make([]string, len(fields))
		for i, f := range fields {
			quoted[i] = "`" + f + "`" // keys of the schema, not content
			if v, ok := values[f]; ok {
				quoted[i] += " " + shownValue(v[0]) + " → " + shownValue(v[1])
			}
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", change, e.Kind, Text(e.Name), strings.Join(quoted, ", "))
	}
	for _, e := range r.Added {
		row("added", e, nil, nil)
	}
	for _, e := range r.Removed {
		row("removed", e, nil, nil)
	}
	for _, c := range r.Changed {
		row("changed", c.Entity, c.Fields, c.Values)
	}
	for _, u := range r.Unreadable {
		side := r.Head
		if u.In == "old" {
			side = r.Base
		}
		row("unreadable in "+sideName(side), u.Entity, nil, nil)
	}
	b.WriteString("\n")
}

// shownValue is a value of a changed key in the table: content, made
// safe for it (Text), cut short when long; "(none)" for nothing.
func shownValue(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(none)"
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "…"
	}
	return Text(s)
}

func writeCoverage(b *strings.Builder, r *Result) {
	b.WriteString("### Coverage by P and sector\n\n")
	if len(r.Cells) == 0 {
		b.WriteString("No cell of the coverage matrix changes.\n\n")
		return
	}
	b.WriteString("| P | Sector | Organizations | Partnerships | Joined | Left |\n|---|---|---|---|---|---|\n")
	for _, c := range r.Cells {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", Text(c.Category), Text(c.Sector),
			counts(c.Organizations), counts(c.Partnerships), names(c.Joined), names(c.Left))
	}
	b.WriteString("\n")
}

func counts(p Pair[int]) string {
	if p.Before == p.After {
		return fmt.Sprint(p.After)
	}
	return fmt.Sprintf("%d → %d", p.Before, p.After)
}

func names(list []string) string {
	escaped := make([]string, len(list))
	for i, n := range list {
		escaped[i] = Text(n)
	}
	return strings.Join(escaped, ", ")
}

func writeShortfalls(b *strings.Builder, r *Result) {
	b.WriteString("### Shortfalls\n\n")
	if len(r.Opened)+len(r.Closed) == 0 {
		b.WriteString("None opened or closed.\n\n")
		return
	}
	list := func(title string, sfs []ShortfallChange) {
		if len(sfs) == 0 {
			return
		}
		fmt.Fprintf(b, "%s:\n\n", title)
		for _, sf := range sfs {
			fmt.Fprintf(b, "- %s: %s. %s\n", sf.Kind.Info().Title, Text(sf.Subject), Text(sf.Reason))
		}
		b.WriteString("\n")
	}
	list(fmt.Sprintf("Opened (%d)", len(r.Opened)), r.Opened)
	list(fmt.Sprintf("Closed (%d)", len(r.Closed)), r.Closed)
}

func writeFunding(b *strings.Builder, r *Result) {
	fmt.Fprintf(b, "### Funding (%s)\n\n", Text(r.Currency))
	if !r.FundingChanged() {
		fmt.Fprintf(b, "No commitment or need changes; %s is committed in all.\n\n", r.Money(r.Total.After))
		return
	}
	if len(r.Objectives) > 0 {
		b.WriteString("| Objective | Committed before | Committed after | Need before | Need after |\n|---|--:|--:|--:|--:|\n")
		for _, o := range r.Objectives {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", Text(o.Name), r.amount(o.Committed.Before), r.amount(o.Committed.After),
				r.need(o.Need.Before), r.need(o.Need.After))
		}
		b.WriteString("\n")
	}
	b.WriteString("| P | Committed before | Committed after | Change |\n|---|--:|--:|--:|\n")
	for _, c := range r.Categories {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", Text(c.Name), r.amount(c.Committed.Before), r.amount(c.Committed.After), change(c.Committed))
	}
	fmt.Fprintf(b, "| **Total** | %s | %s | %s |\n\n", r.amount(r.Total.Before), r.amount(r.Total.After), change(r.Total))
}

func (r *Result) amount(v float64) string { return analysis.FormatAmount(v) }

func (r *Result) need(v *float64) string {
	if v == nil {
		return "–"
	}
	return r.amount(*v)
}

// change is the difference after minus before, signed.
func change(p Pair[float64]) string {
	d := p.After - p.Before
	switch {
	case d > 0:
		return "+" + analysis.FormatAmount(d)
	case d < 0:
		return analysis.FormatAmount(d)
	}
	return "0"
}

// Text escapes text from content for Markdown: on one line, with every
// character that could start formatting, a link, a table cell or HTML
// written so that it shows as itself, wherever on a line it is put. An @
// is followed by a zero-width space so that a title never mentions a
// GitHub user or team.
func Text(s string) string {
	var b strings.Builder
	for i, c := range s {
		switch {
		case c == '\n' || c == '\r' || c == '\t':
			b.WriteByte(' ')
		case c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029':
			// dropped: control characters have no business in a title
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case c == '&':
			b.WriteString("&amp;")
		case c == '@':
			b.WriteString("@\u200b")
		case strings.ContainsRune("\\`*_[]|~#!$", c), startsBlock(s, i):
			b.WriteByte('\\')
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// startsBlock reports whether the character at i would make the text a
// list item or a heading underline if it began a line: a leading -, + or
// =, or the . or ) after leading digits ("1. ").
func startsBlock(s string, i int) bool {
	if i == 0 {
		return strings.ContainsRune("-+=", rune(s[0]))
	}
	return (s[i] == '.' || s[i] == ')') && digits(s) == i
}
