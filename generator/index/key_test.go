package index_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/commonagenda/agenda/generator/index"
	"github.com/commonagenda/agenda/generator/site"
)

// Key changes with what the index reads (a summary, a body) and with
// nothing else (a status, a funding amount).
func TestKeyNamesWhatTheIndexReads(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	key := func() [32]byte {
		t.Helper()
		s, _, diags := site.Read(site.Options{Source: dir, NoHistory: true})
		if s == nil || diags.HasErrors() {
			t.Fatal(diags.Items())
		}
		return index.Key(s)
	}
	file := filepath.Join(dir, "objectives", "pv-1.md")
	edit := func(old, new string) {
		t.Helper()
		data, _ := os.ReadFile(file)
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("pv-1.md holds no %q", old)
		}
		os.WriteFile(file, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644)
	}
	k0 := key()
	if key() != k0 {
		t.Fatal("the key of the same strategy differs")
	}
	edit(`status = "`, "status = \"at-risk\"\n# was \"")
	if key() != k0 {
		t.Error("a status changed the key")
	}
	edit(`summary = "`, `summary = "Urgently: `)
	k1 := key()
	if k1 == k0 {
		t.Error("a summary did not change the key")
	}
	edit("+++\n\n", "+++\n\nA new first paragraph.\n\n")
	if key() == k1 {
		t.Error("a body did not change the key")
	}
}
