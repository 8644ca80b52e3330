// agenda: this file is not in the standard library; see ../README.md.

package template

import "unicode/utf8"

// htmlReplacer is upstream's htmlReplacer (htmlReplacerUpstream), which
// allocates a strings.Builder even for a string that needs no escaping,
// for strings that do: most text needs none, and is returned as it is
// without decoding its ASCII. The test for "needs escaping" is
// upstream's, rune by rune.
func htmlReplacer(s string, replacementTable []string, badRunes bool) string {
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if int(r) < len(replacementTable) {
			if len(replacementTable[r]) != 0 {
				return htmlReplacerUpstream(s, replacementTable, badRunes)
			}
		} else if !badRunes && (0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff) {
			return htmlReplacerUpstream(s, replacementTable, badRunes)
		}
		i += w
	}
	return s
}
