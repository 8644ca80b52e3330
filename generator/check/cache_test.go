package check

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/commonagenda/agenda/generator/diag"
)

// TestCacheSavedAndReadBack: the problems kept between builds come back
// as they were saved, with the vocabularies' checksum; a damaged or cut
// file is an error, never a cache.
func TestCacheSavedAndReadBack(t *testing.T) {
	c := NewPersistentCache()
	c.keptVocab = [32]byte{1, 2, 3}
	c.made = map[string][]diag.Diagnostic{
		"organization\x00organizations/a.md\x00content/organizations/a.md\x00front-body": {
			{Pos: diag.Pos{Path: "content/organizations/a.md", Line: 3, Col: 9}, Severity: diag.Warning, Message: "verified over a year ago", Hint: "confirm it"},
			{Pos: diag.Pos{Path: "content/organizations/a.md", Line: 12, Col: 1}, Severity: diag.Error, Message: "phone \"x\" is not a number"},
		},
		"objective\x00objectives/pv-1.md\x00content/objectives/pv-1.md\x00front-body": {},
	}
	var buf bytes.Buffer
	if err := c.Save(&buf); err != nil {
		t.Fatal(err)
	}
	read, err := ReadCache(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if read.keptVocab != c.keptVocab || !read.persistent {
		t.Error("the vocabularies' checksum is not read back")
	}
	want := map[string][]diag.Diagnostic{}
	for k, v := range c.made {
		if len(v) == 0 {
			v = []diag.Diagnostic{}
		}
		want[k] = v
	}
	if !reflect.DeepEqual(read.kept, want) {
		t.Errorf("read back\n%#v\nwant\n%#v", read.kept, want)
	}
	data := buf.Bytes()
	for _, bad := range [][]byte{data[:len(data)/2], append(append([]byte{}, data[:20]...), 'x'), []byte("agenda check cache 0\n")} {
		if _, err := ReadCache(bytes.NewReader(bad)); err == nil {
			t.Errorf("a damaged file (%d bytes) was read", len(bad))
		}
	}
}
