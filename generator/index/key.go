package index

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"unsafe"

	"github.com/commonagenda/agenda/generator/model"
)

// Key names everything the index of s is made from: every record
// (collect), each body's text and headings, and the categories and
// sectors of the facets. Two strategies with the same Key have the same
// index files, byte for byte, so a build cache can keep them by it (an
// edit to what no search reads, an objective's status or a funding
// amount, leaves the index as it was). It reads every body's text.
func Key(s *model.Strategy) [32]byte {
	k := keyHash{h: sha256.New()}
	k.str("agenda index key 1")
	for _, r := range collect(s) {
		k.str(r.url)
		k.str(r.title)
		k.str(r.summary)
		k.str(r.facts)
		k.num(r.kind)
		k.num(len(r.ids))
		for _, id := range r.ids {
			k.str(id)
		}
		k.ints(r.categories)
		k.ints(r.sectors)
		k.num(len(r.body.Headings))
		for _, h := range r.body.Headings {
			k.str(h.ID)
			k.str(h.Text)
			k.num(h.Level)
		}
		k.str(r.body.PlainText())
	}
	for _, c := range s.Site.Categories {
		k.str(c.Key)
		k.str(c.Title)
	}
	k.num(-1)
	for _, sec := range s.Site.Sectors {
		k.str(sec.Key)
		k.str(sec.Title)
	}
	k.flush()
	var out [32]byte
	k.h.Sum(out[:0])
	return out
}

// keyHash feeds a hash lengths and strings through a buffer.
type keyHash struct {
	h   hash.Hash
	buf []byte
}

func (k *keyHash) num(n int) {
	k.buf = binary.AppendVarint(k.buf, int64(n))
}

func (k *keyHash) ints(xs []int) {
	k.num(len(xs))
	for _, x := range xs {
		k.num(x)
	}
}

func (k *keyHash) str(s string) {
	k.num(len(s))
	if len(s) > 512 {
		k.flush()
		k.h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
		return
	}
	k.buf = append(k.buf, s...)
	if len(k.buf) > 32<<10 {
		k.flush()
	}
}

func (k *keyHash) flush() {
	k.h.Write(k.buf)
	k.buf = k.buf[:0]
}
