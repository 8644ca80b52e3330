package index

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	got := tokenize("PV-1.2: Well-being, U.S. 2027-12-31 Ünïcode trafficking.", nil)
	var texts []string
	for _, tok := range got {
		s := tok.text
		if tok.ident {
			s = "=" + s
		}
		texts = append(texts, s)
	}
	want := []string{"=pv-1.2", "pv", "1", "2", "well", "being", "u", "s", "=2027-12-31", "2027", "12", "31", "ünïcode", "trafficking"}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("tokenize:\n got %q\nwant %q", texts, want)
	}
}

func TestStemmer(t *testing.T) {
	st := stemmer{}
	for word, want := range map[string]string{
		"trafficking": "traffick", "trafficked": "traffick", "survivors": "survivor",
		"recruitment": "recruit", "pv-1": "pv-1", "2027": "2027", "ünïcode": "ünïcode",
	} {
		if got := st.stem(token{text: word, ident: strings.Contains(word, "-")}); got != want {
			t.Errorf("stem(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestIntsRoundTrip(t *testing.T) {
	in := []int{0, 1, 31, 32, 33, 1023, 1024, 99999, 5}
	var b []byte
	for _, v := range in {
		b = appendInt(b, v)
	}
	if got := decodeInts(string(b)); !reflect.DeepEqual(got, in) {
		t.Errorf("decodeInts(appendInt(%v)) = %v", in, got)
	}
	if got := string(appendInt(nil, 5)); len(got) != 1 {
		t.Errorf("a small number takes %d characters", len(got))
	}
	if got := decodeInts(runs([]int{0, 1, 2, 5, 6, 9})); !reflect.DeepEqual(got, []int{0, 3, 2, 2, 2, 1}) {
		t.Errorf("runs = %v", got)
	}
}

func TestClip(t *testing.T) {
	if got := clip("short", 10); got != "short" {
		t.Errorf("clip kept %q", got)
	}
	if got := clip("one two three four", 10); got != "one two…" {
		t.Errorf("clip = %q", got)
	}
	if got := clip(strings.Repeat("é", 10), 5); got != "éé…" {
		t.Errorf("clip split a character: %q", got)
	}
}

func TestFindRun(t *testing.T) {
	text := "Intro about hotline. Hotline Call the Hotline Hotline numbers"
	if got := findRun(text, "Hotline", 0); got != 21 {
		t.Errorf("findRun = %d, want 21 (a whole run)", got)
	}
	if got := findRun(text, "Hotline numbers", 22); got != 46 {
		t.Errorf("findRun = %d, want 46", got)
	}
	if got := findRun(text, "absent", 0); got != -1 {
		t.Errorf("findRun found %d", got)
	}
}

// lookup finds a key's chunk the way search.js does.
func lookup(t *testing.T, files map[string][]byte, m manifest, kind, key string) chunk {
	t.Helper()
	list := m.Terms
	if kind == "words" {
		list = m.Words
	}
	if kind == "pairs" {
		list = nil
		if err := json.Unmarshal(files[ChunkDir+"pairlist-"+m.Pairs+".json"], &list); err != nil {
			t.Fatal(err)
		}
	}
	i := 0
	for j, c := range list {
		if c[0] <= key {
			i = j
		}
	}
	var c chunk
	if err := json.Unmarshal(files[ChunkDir+kind+"-"+list[i][1]+".json"], &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestChunksCoverEveryKeyInOrder(t *testing.T) {
	var keys []string
	for i := range 3000 {
		w := strings.Repeat("w", i%7+1) + string(rune('a'+i%26)) + strings.Repeat("x", i%5)
		keys = append(keys, w+string(rune('0'+i%10)))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	files := map[string][]byte{}
	postings := []byte(strings.Repeat("1", 40))
	c := &chunker{kind: termsChunk, n: len(keys), earlier: map[string]chunkRef{},
		reuse: func(string) bool { return false },
		emit:  func(name string, data []byte) error { files[name] = data; return nil },
		key:   func(i int) string { return keys[i] },
		cut:   func(i int) uint64 { return hashWord([]byte(keys[i])) },
		size:  func(i int) int { return len(keys[i]) + len(postings) + 6 },
		encode: func(from, to int) []byte {
			var p []byte
			for _, k := range keys[from:to] {
				p = appendDigitsMember(p, k, postings)
			}
			return chunkJSON(nil, nil, p)
		},
	}
	refs, err := c.run()
	if err != nil {
		t.Fatal(err)
	}
	list := refList(refs)
	if len(list) < 3 || list[0][0] != "" {
		t.Fatalf("chunks %v", list[:min(len(list), 3)])
	}
	m := manifest{Terms: list}
	for _, k := range keys {
		if _, ok := lookup(t, files, m, "terms", k).P[k]; !ok {
			t.Fatalf("key %q is not in the chunk its range points to", k)
		}
	}
	for i := 1; i < len(list); i++ {
		if list[i-1][0] >= list[i][0] {
			t.Errorf("chunk keys out of order: %q then %q", list[i-1][0], list[i][0])
		}
	}
}

// eachTokens collects what eachToken finds, as tokenize writes it.
func eachTokens(s string) []token {
	var out []token
	eachToken(s, nil, func(text []byte, ident bool) { out = append(out, token{text: string(text), ident: ident}) })
	return out
}

func TestEachTokenIsTokenize(t *testing.T) {
	for _, s := range []string{"", "PV-1.2: Well-being, U.S. 2027-12-31 Ünïcode trafficking.", "a-", "-a", "a--b", "a-.b", "x_1", "İstanbul-2 é-3 3-é",
		"organization’s", "A.b.C-1_d", "日本-1", "a\xffb", "ends-", "1.", ".1", "a-é", "é-a", "aé", "éa"} {
		if got, want := eachTokens(s), tokenize(s, nil); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Errorf("eachToken(%q) = %+v, tokenize = %+v", s, got, want)
		}
	}
}

func FuzzEachTokenIsTokenize(f *testing.F) {
	f.Add("PV-1.2: Well-being, U.S. 2027-12-31 Ünïcode trafficking.")
	f.Add("İ-1 ß-a a_ǅ-2")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := eachTokens(s), tokenize(s, nil); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Errorf("eachToken(%q) = %+v, tokenize = %+v", s, got, want)
		}
	})
}
