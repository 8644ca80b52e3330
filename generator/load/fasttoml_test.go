package load

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// fastSeeds are front matters of the kinds content files have, and
// near misses.
var fastSeeds = []string{
	"",
	"title = \"About\"\n",
	"id = \"PV-1\"\ntitle = \"Screen\\tall \\\"workers\\\" \\u00e9\"\nweight = -3\nneed = 1100000.50\ndue = 2028-02-29\nlead = [\"a\", 'b',]\n",
	"sectors = [\n  \"government\", # the state\n  \"business\",\n]\n# a comment\n\n[[indicators]]\nname = \"n\"\nbaseline = { value = 131, date = 2026-11-01 }\nprogress = [\n  { value = 1.5, date = 2026-12-01 },\n]\n\n[[indicators]]\nname = \"m\"\n",
	"[[funding]]\nobjective = \"PT-4\"\namount = 65000\nyear = 2024\n[contact]\nemail = \"a@b.org\"\n",
	"a = 1\r\nb = true\r\nc = false # no\r\n",
	"a = 2026-01-02 10:00:00\n", "a = 2026-13-01\n", "a = 1e5\n", "a = 0x10\n", "a = 1_000\n", "a = 01\n", "a = -0\n", "a = +1\n",
	"a.b = 1\n", "\"a\" = 1\n", "a = 1\na = 2\n", "[t]\n[t]\n", "t = 1\n[t]\n", "[[t]]\n[t]\n", "a = \"\"\"x\"\"\"\n", "a = '''x'''\n",
	"a = \"\\e\"\n", "a = \"\\x41\"\n", "a = { b = 1, }\n", "a = { b = 1,\n c = 2 }\n", "a = [1, \"x\", [2, [3]], {}]\n", "a = inf\n", "a = nan\n",
	"a = [\"é\", \"日本\", { b = \"ü\", c = 1 }]\n", "x = { a = \"ñ\", b = [\"ß\", [1, 2]] }\n", "[[t]]\n[[t]]\nk = 1\n[[t]]\nk = [\n 1,\n\t2 ]\n",
	"a = 9223372036854775808\n", "a = \"\\ud800\"\n", "a = \"\x01\"\n", "a = 1 # \x01\n", "a = 1\rb = 2\n", "a = [\n", "a = \"unterminated\n",
}

// FuzzFastTOML: whatever fastTOML reads, toml.Decode reads too, giving
// the same table, types and places of dates included.
func FuzzFastTOML(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, places, ok := fastTOMLPlaces([]byte(s))
		if !ok {
			return
		}
		keys, _ := scanKeys([]byte(s), "f.md")
		if want := placesOf(keys); !slices.Equal(places, want) {
			t.Fatalf("fastTOML(%q) places its keys at\n%v\nscanKeys at\n%v", s, places, want)
		}
		var want map[string]any
		if _, err := toml.Decode(s, &want); err != nil {
			t.Fatalf("fastTOML read what toml.Decode refuses (%v):\n%s", err, s)
		}
		if want == nil {
			want = map[string]any{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("fastTOML(%q)\n= %#v\nwant %#v", s, got, want)
		}
	})
}

// The bundled strategy's front matter is all read by fastTOML, as
// toml.Decode reads it: the general parser is for what content rarely
// holds.
func TestFastTOMLReadsTheBundledStrategy(t *testing.T) {
	read := 0
	filepath.WalkDir(filepath.Join("..", "..", "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fm, ferr := SplitFrontMatter(src)
		if ferr != nil {
			return nil
		}
		got, places, ok := fastTOMLPlaces(fm.TOML)
		if !ok {
			t.Errorf("%s: not read by fastTOML", p)
			return nil
		}
		keys, _ := scanKeys(fm.TOML, p)
		if want := placesOf(keys); !slices.Equal(places, want) {
			t.Errorf("%s: fastTOML places its keys at\n%v\nscanKeys at\n%v", p, places, want)
		}
		var want map[string]any
		if _, err := toml.Decode(string(fm.TOML), &want); err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		if want == nil {
			want = map[string]any{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: fastTOML gives\n%#v\nwant\n%#v", p, got, want)
		}
		read++
		return nil
	})
	if read < 20 {
		t.Errorf("only %d files read", read)
	}
}
