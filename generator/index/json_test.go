package index

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// encodingJSON is how the files were written before they were written by
// hand.
func encodingJSON(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	samples := []string{"", "plain", "<a href=\"x\">&amp;</a>", "\\", "\x00\x01\x08\x09\x0a\x0c\x0d\x1f\x7f",
		"\u2028\u2029", "é日本🙂", "\xff", "a\xc3", "\xe2\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "�"}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", " ", "\"", "\\", "\x00", "\n", "\x7f", "é", "\u2028", "\u2029", "\xff", "\xe2", "\x80", "🙂", "<", "&"}
	for range 5000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		samples = append(samples, string(b))
	}
	for _, s := range samples {
		want := encodingJSON(t, s)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
		if got := appendString(nil, []byte(s)); !bytes.Equal(got, want) {
			t.Errorf("appendString([]byte(%q)) = %s, want %s", s, got, want)
		}
	}
}

func TestManifestMatchesEncodingJSON(t *testing.T) {
	for _, m := range []manifest{
		{},
		{Version: 2, Docs: 3, Terms: [][2]string{{"", "abc"}, {"k\"", "d"}}, Pairs: "x", Facets: "f", Stop: []string{}},
		{Version: 1, Stop: []string{"a", "the"}},
	} {
		if got, want := m.appendJSON(nil), encodingJSON(t, m); !bytes.Equal(got, want) {
			t.Errorf("manifest\n got %s\nwant %s", got, want)
		}
	}
}
