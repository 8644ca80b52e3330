package index

import "testing"

func BenchmarkTmpDecode(b *testing.B) {
	s := realisticStrategy(seedVocabulary(b), 10000, 1)
	save, _ := Collect(s).Update(nil, func(name string, data []byte) error { return nil })
	state := saved(b, save)
	b.SetBytes(int64(len(state)))
	for b.Loop() {
		if _, err := decodeState(state); err != nil {
			b.Fatal(err)
		}
	}
}
