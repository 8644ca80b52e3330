package buildcache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckKeepsCacheApart(t *testing.T) {
	for _, tt := range []struct{ cache, out, source, want string }{
		{".agenda-cache", "public", "content", ""},
		{"/tmp/agenda-cache", "public", "content", ""},
		{"public/.cache", "public", "content", "must be apart"},
		{"public", "public", "content", "must be apart"},
		{".", "public", "content", "must be apart"},
		{"content", "public", "content", "may not be or contain the content folder"},
		{"site", "public", "site/content", "may not be or contain the content folder"},
	} {
		err := Check(tt.cache, tt.out, tt.source)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("Check(%q, %q, %q) = %v, want %q", tt.cache, tt.out, tt.source, err, tt.want)
		}
	}
}

// A page kept is given back only while its bytes are the ones kept, and
// Commit forgets the pages a build did not use.
func TestPagesAreCheckedAndPruned(t *testing.T) {
	root := t.TempDir()
	c, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	staged := filepath.Join(t.TempDir(), "page.html")
	os.WriteFile(staged, []byte("<p>one</p>"), 0o644)
	k1, k2 := [32]byte{1}, [32]byte{2}
	c.KeepPage(k1, staged, []byte("<p>one</p>"))
	c.KeepPage(k2, staged, []byte("<p>one</p>"))
	if err := c.Commit(nil, nil, "content", nil); err != nil {
		t.Fatal(err)
	}
	c, _ = Open(root)
	if _, ok := c.Page(k1); !ok {
		t.Fatal("a kept page is not given back")
	}
	if err := c.Commit(nil, nil, "content", nil); err != nil { // k2 unused: forgotten
		t.Fatal(err)
	}
	c, _ = Open(root)
	if _, ok := c.Page(k2); ok {
		t.Error("a page no build used is still kept")
	}
	p, _ := c.Page(k1)
	os.Remove(p)
	os.WriteFile(p, []byte("<p>One</p>"), 0o644) // same size, other bytes
	if _, ok := c.Page(k1); ok {
		t.Error("a damaged page was given back")
	}
}
