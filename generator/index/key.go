package index

import (
	"github.com/commonagenda/agenda/generator/internal/keyhash"
	"github.com/commonagenda/agenda/generator/model"
)

// Key names everything the index of s is made from: every record
// (collect), each body's text and headings, and the categories and
// sectors of the facets. Two strategies with the same Key have the same
// index files, byte for byte, so a build cache can keep them by it (an
// edit to what no search reads, an objective's status or a funding
// amount, leaves the index as it was). It reads every body's text.
func Key(s *model.Strategy) [32]byte { return Collect(s).Key() }

// Key is the package's Key, of the records collected.
func (src *Source) Key() [32]byte {
	s := src.s
	k := keyhash.New("agenda index key 2")
	for i, sum := range src.sums() {
		r := &src.records[i]
		k.Bytes(sum[:]) // what the document gives the index and shows (docSum)
		k.Ints(r.categories)
		k.Ints(r.sectors)
	}
	for _, c := range s.Site.Categories {
		k.String(c.Key)
		k.String(c.Title)
	}
	k.Int(-1)
	for _, sec := range s.Site.Sectors {
		k.String(sec.Key)
		k.String(sec.Title)
	}
	return k.Sum()
}
