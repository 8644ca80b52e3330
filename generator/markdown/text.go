package markdown

import (
	"bytes"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// plainText is the text of a node's inline content, as a reader sees it:
// escapes and character references decoded, markup and raw HTML left out,
// whitespace collapsed.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeInline(&b, n, src)
	return collapseSpace(b.String())
}

// collapseSpace is strings.Join(strings.Fields(s), " ") in one pass,
// without the list of fields: every body's text goes through it.
func collapseSpace(s string) string {
	var c collapser
	c.b.Grow(len(s))
	// s is only read.
	c.write(unsafe.Slice(unsafe.StringData(s), len(s)))
	return c.b.String()
}

// asciiSpace marks the ASCII characters unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func writeInline(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			v := t.Value(src)
			if !t.IsRaw() {
				v = decodeText(v)
			}
			b.Write(v)
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tt, ok := cc.(*ast.Text); ok {
					b.Write(tt.Value(src))
				}
			}
		case *ast.AutoLink:
			b.Write(t.Label(src))
		case *ast.RawHTML:
		default:
			writeInline(b, c, src)
		}
	}
}

// decodeText resolves backslash escapes and character references, as the
// HTML renderer does for text.
func decodeText(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v // nothing to resolve, as in most text
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// documentText is the whole body as plain text: the inline content of each
// paragraph, heading, list item and table cell, joined with spaces. Code
// blocks are left out. headingsAt is where each heading's text starts in
// it, in the order of the document (assignHeadings').
func documentText(root ast.Node, src []byte) (text string, headingsAt []int) {
	var c collapser
	c.b.Grow(len(src) / 2)
	var block strings.Builder
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if _, ok := n.(*ast.Heading); ok {
			// Where its text starts: after the space between blocks.
			at := c.b.Len()
			if c.space && at > 0 {
				at++
			}
			headingsAt = append(headingsAt, at)
		}
		if first := n.FirstChild(); first != nil && first.Type() == ast.TypeInline {
			block.Reset()
			writeInline(&block, n, src)
			s := block.String()
			c.write(unsafe.Slice(unsafe.StringData(s), len(s)))
			c.space = true
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return c.b.String(), headingsAt
}

// position turns a byte offset in a body into a file position. Bodies
// keep their front matter as blank lines, so the line is the file's.
func position(path string, src []byte, offset int) diag.Pos {
	if offset < 0 || offset > len(src) {
		return diag.Pos{Path: path}
	}
	before := src[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := offset - bytes.LastIndexByte(before, '\n')
	return diag.Pos{Path: path, Line: line, Col: col}
}

// offsetOf is where a node starts in the source: its own position, else
// that of its nearest ancestor that knows one.
func offsetOf(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return p
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return -1
}
