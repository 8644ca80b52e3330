package load

import (
	"bytes"
	"fmt"
)

// Limits on a body's shape. goldmark's time or memory grows much faster
// than the text on a few shapes no real document has: lists or quotes
// nested thousands deep, tables thousands of cells wide, and tens of
// thousands of unclosed links ("[a](" over and over). Such a body is an
// error, at its line, and is not handed to the Markdown parser.
const (
	maxIndent   = 200   // columns of indentation
	maxQuotes   = 50    // ">" markers opening one line
	maxCells    = 500   // "|" on one line
	maxBrackets = 20000 // "[" in one body
)

// bodyProblem returns the line and the description of the first shape
// past the limits, or 0 and "".
func bodyProblem(body []byte) (line int, problem string) {
	if n := bytes.Count(body, []byte("[")); n > maxBrackets {
		i := 0
		for range maxBrackets + 1 {
			i += bytes.IndexByte(body[i:], '[') + 1
		}
		return 1 + bytes.Count(body[:i], []byte("\n")), fmt.Sprintf("the body has %d \"[\", more than the %d a document can have (links or brackets)", n, maxBrackets)
	}
	for ln := 0; len(body) > 0 || ln == 0; ln++ {
		text := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			text, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		indent, quotes := 0, 0
	lead:
		for _, c := range text {
			switch c {
			case ' ':
				indent++
			case '\t':
				indent += 4
			case '>':
				quotes++
			default:
				break lead
			}
		}
		switch {
		case indent > maxIndent:
			return ln + 1, fmt.Sprintf("the line is indented %d columns, more than %d (lists or quotes nested too deep)", indent, maxIndent)
		case quotes > maxQuotes:
			return ln + 1, fmt.Sprintf("the line opens %d quotes, more than %d", quotes, maxQuotes)
		case bytes.Count(text, []byte("|")) > maxCells:
			return ln + 1, fmt.Sprintf("the line has more than %d \"|\" (a table row of too many cells)", maxCells)
		}
	}
	return 0, ""
}
