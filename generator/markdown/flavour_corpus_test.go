package markdown_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/markdown"
	"github.com/commonagenda/agenda/generator/synth"
)

// The flavour without linkify makes the same document of every body that
// cannot hold a bare link: the bundled example's and a realistic
// synthetic strategy's, with and without their links.
func TestPlainFlavourIsTheSame(t *testing.T) {
	c := markdown.NewConverter()
	dir := t.TempDir()
	if err := synth.Write(dir, synth.ForFiles(600)); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, root := range []string{filepath.Join("..", "..", "content"), dir} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			markdown.SamePlain(t, c, p, data)
			markdown.SamePlain(t, c, p+" (links taken out)", markdown.StripLinks(data))
			n++
			return nil
		})
	}
	if n < 600 {
		t.Fatalf("compared %d files", n)
	}
}
