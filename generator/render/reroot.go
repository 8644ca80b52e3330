package render

import (
	"bytes"
	"net/url"
)

// Themes and the markdown phase write internal links as site paths
// ("/objectives/pv-1/"). A site published under a sub-path
// (https://example.org/strategy/) needs them re-rooted under that path.
// Doing it once on each rendered page, rather than in every template and
// view, means no link can be forgotten.
//
// Only attribute values are touched: html/template and goldmark escape
// every quote in text, so the byte sequence `href="/` can only be markup.

// rerootAttrs are the attributes whose values may hold site paths.
var rerootAttrs = [][]byte{[]byte(` href="/`), []byte(` src="/`), []byte(` action="/`)}

// basePath returns the path part of base ("/strategy/"), "/" for a site at
// the root of its host.
func basePath(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.EscapedPath()
}

// reroot prefixes every root-relative attribute value in page with
// prefix ("/strategy/"), leaving protocol-relative "//host" values alone.
func reroot(page []byte, prefix string) []byte {
	if prefix == "/" {
		return page
	}
	for _, attr := range rerootAttrs {
		if !bytes.Contains(page, attr) {
			continue
		}
		var out bytes.Buffer
		out.Grow(len(page) + 64)
		rest := page
		for {
			i := bytes.Index(rest, attr)
			if i < 0 {
				out.Write(rest)
				break
			}
			end := i + len(attr)
			out.Write(rest[:end-1]) // up to and including the quote
			if end < len(rest) && rest[end] == '/' {
				out.WriteByte('/') // "//host": not a site path
			} else {
				out.WriteString(prefix)
			}
			rest = rest[end:]
		}
		page = out.Bytes()
	}
	return page
}
