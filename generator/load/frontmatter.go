package load

import (
	"bytes"
	"fmt"
)

// FrontMatter is a Markdown file split into its TOML front matter and its
// body, both keeping the file's line numbers.
type FrontMatter struct {
	// TOML is the text between the "+++" lines, preceded by one empty line
	// for every file line up to and including the opening "+++", so a line
	// number in it is a line number in the file.
	TOML []byte
	// Open is the file line of the opening "+++".
	Open int
	// Body is the whole file with every line up to and including the
	// closing "+++" emptied (line endings kept), so a position in the
	// parsed Markdown is a position in the file.
	Body []byte
}

// SplitError is a file whose front matter cannot be found.
type SplitError struct {
	Line    int // file line of the problem, from 1
	Message string
	Hint    string
}

func (e *SplitError) Error() string {
	return fmt.Sprintf("line %d: %s (%s)", e.Line, e.Message, e.Hint)
}

const fence = "+++"

var bom = []byte("\xef\xbb\xbf")

// SplitFrontMatter finds the TOML front matter between "+++" lines at the
// start of src. It tolerates a UTF-8 byte order mark, CRLF line endings,
// blank lines before the opening "+++" and trailing spaces on the fences.
// YAML front matter ("---") is rejected with a hint to use TOML.
//
// It reads src line by line up to the closing "+++" only: the body after
// it is copied as it is, not cut into lines.
func SplitFrontMatter(src []byte) (FrontMatter, *SplitError) {
	return splitFront(src, true)
}

// splitFront is SplitFrontMatter; without copyBody, the body is the
// bytes after the closing line as they are in src, without a line for
// each line of the front matter (for versions, whose lines are not
// reported).
func splitFront(src []byte, copyBody bool) (FrontMatter, *SplitError) {
	lines := make([][]byte, 0, 64) // the lines read so far
	rest := src
	next := func() bool {
		if len(rest) == 0 {
			return false
		}
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			lines, rest = append(lines, rest), nil
		} else {
			lines, rest = append(lines, rest[:i+1]), rest[i+1:]
		}
		return true
	}
	open := -1
	for next() {
		i := len(lines) - 1
		text := fenceText(lines[i], i == 0)
		if len(text) == 0 {
			continue
		}
		switch {
		case string(text) == fence:
			open = i
		case string(text) == "---":
			return FrontMatter{}, &SplitError{Line: i + 1,
				Message: "YAML front matter is not supported",
				Hint:    `use TOML between "+++" lines`}
		case string(bytes.TrimLeft(text, " \t")) == fence:
			return FrontMatter{}, indented(i)
		}
		break
	}
	if open < 0 {
		return FrontMatter{}, &SplitError{Line: 1,
			Message: "missing front matter",
			Hint:    `start the file with TOML between "+++" lines: +++ title = "..." +++, each on its own line`}
	}
	closing := -1
	for next() {
		if i := len(lines) - 1; string(fenceText(lines[i], false)) == fence {
			closing = i
			break
		}
	}
	if closing < 0 {
		for i := open + 1; i < len(lines); i++ {
			if string(bytes.TrimLeft(fenceText(lines[i], false), " \t")) == fence {
				return FrontMatter{}, indented(i)
			}
		}
		return FrontMatter{}, &SplitError{Line: open + 1,
			Message: "front matter is not closed",
			Hint:    `end it with a "+++" line`}
	}
	fm := FrontMatter{Open: open + 1}
	head := len(src) - len(rest) // the bytes up to and including the closing line
	toml := make([]byte, 0, head)
	for i, l := range lines[:closing] {
		if i <= open {
			toml = append(toml, '\n')
		} else {
			toml = append(toml, l...)
		}
	}
	fm.TOML, fm.Body = toml, rest
	if copyBody {
		body := make([]byte, 0, 2*len(lines)+len(rest))
		for _, l := range lines {
			body = append(body, lineEnding(l)...)
		}
		fm.Body = append(body, rest...)
	}
	return fm, nil
}

// splitLines cuts src after every "\n", keeping the line endings; the
// last line may lack one.
func splitLines(src []byte) [][]byte {
	var lines [][]byte
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			lines = append(lines, src)
			break
		}
		lines = append(lines, src[:i+1])
		src = src[i+1:]
	}
	return lines
}

// fenceText is a line as compared with a fence: without its line ending,
// trailing spaces and, on the first line, a byte order mark.
// indented is the error of a "+++" line at index i that does not start
// its line: it is not a fence, and the file is taken for one without.
func indented(i int) *SplitError {
	return &SplitError{Line: i + 1,
		Message: `the "+++" line is indented`,
		Hint:    `remove the spaces before "+++": it must start the line`}
}

func fenceText(line []byte, first bool) []byte {
	if first {
		line = bytes.TrimPrefix(line, bom)
	}
	return bytes.TrimRight(line, " \t\r\n")
}

// lineEnding returns the "\n" or "\r\n" a line ends with, if any.
func lineEnding(line []byte) []byte {
	switch {
	case bytes.HasSuffix(line, []byte("\r\n")):
		return []byte("\r\n")
	case bytes.HasSuffix(line, []byte("\n")):
		return []byte("\n")
	}
	return nil
}
