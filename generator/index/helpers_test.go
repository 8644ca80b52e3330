package index_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/site"
	"golang.org/x/tools/txtar"
)

// buildFixture builds testdata/site.txtar with the whole generator and
// returns the site's files.
func buildFixture(t *testing.T) map[string][]byte {
	t.Helper()
	archive, err := os.ReadFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	fsys, err := txtar.FS(txtar.Parse(archive))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	built, diags := site.Build(site.Options{Source: filepath.Join(dir, "content")})
	if built == nil {
		var b strings.Builder
		diag.WriteText(&b, diags.Items())
		t.Fatalf("fixture does not build:\n%s", b.String())
	}
	return built.Files
}
