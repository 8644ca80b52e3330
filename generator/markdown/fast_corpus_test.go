package markdown_test

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/markdown"
	"github.com/commonagenda/agenda/generator/synth"
)

// The fast path renders every body of the bundled example and of a
// realistic synthetic strategy that it reads as goldmark does, and it
// reads most of them: a fast path that quietly declined everything would
// cost a cold build a fifth of its time.
func TestFastPathOnCorpora(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.ForFiles(600)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		root string
		// least is the share of bodies the fast path must read, in
		// hundredths.
		least int
	}{
		{filepath.Join("..", "..", "content"), 50},
		{filepath.Join(dir, "content"), 85},
	} {
		bodies := map[string][]byte{}
		docs := map[string]markdown.Target{}
		var files []string
		filepath.WalkDir(c.root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(c.root, p)
			rel = filepath.ToSlash(rel)
			if !strings.HasSuffix(p, ".md") {
				files = append(files, rel)
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			bodies[rel] = blankFrontMatter(data)
			docs[rel] = markdown.Target{URL: "/" + strings.TrimSuffix(rel, ".md") + "/", Anchors: sectionsOf(rel)}
			return nil
		})
		if len(bodies) < 50 {
			t.Fatalf("%s: %d documents", c.root, len(bodies))
		}
		read := 0
		for rel, body := range bodies {
			whole := markdown.SameFast(t, rel, body, sectionsOf(rel), docs, files, false)
			partial := markdown.SameFast(t, rel, body, sectionsOf(rel), docs, files, true)
			if whole != partial {
				t.Errorf("%s: the fast path read the body with one resolver and not the other", rel)
			}
			if whole {
				read++
			}
		}
		t.Logf("%s: the fast path read %d of %d bodies", c.root, read, len(bodies))
		if read*100 < c.least*len(bodies) {
			t.Errorf("%s: the fast path read %d of %d bodies, fewer than %d %%", c.root, read, len(bodies), c.least)
		}
	}
}

// sectionsOf is the section anchors of the page of the document at rel.
func sectionsOf(rel string) []string {
	switch path.Dir(rel) {
	case "objectives":
		return markdown.ObjectiveSections
	case "organizations":
		return markdown.OrganizationSections
	case "partnerships":
		return markdown.PartnershipSections
	}
	return nil
}

// blankFrontMatter is data with its "+++" front matter made blank lines,
// as the load phase leaves a body.
func blankFrontMatter(data []byte) []byte {
	if !bytes.HasPrefix(data, []byte("+++\n")) {
		return data
	}
	end := bytes.Index(data[4:], []byte("\n+++\n"))
	if end < 0 {
		return data
	}
	end += 4 + len("\n+++\n")
	out := bytes.Repeat([]byte("\n"), bytes.Count(data[:end], []byte("\n")))
	return append(out, data[end:]...)
}
