package load

import (
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/commonagenda/agenda/generator/internal/binenc"
)

// Stamps lets agenda build leave unread the files that did not change
// since the last build (package buildcache keeps them between builds), as
// Git trusts its index: a file whose size, modification and change times
// and inode are those it had when it was read is taken to hold the same
// bytes. The file is not read; its document is made from what was kept
// of it (where its front matter opens, the checksums of its front matter
// and of its body, its Git blob name), its entity from the front matter
// the Tables kept, and its body is read only if something asks for it
// (model.Doc.Markdown): the Markdown phase, for a body its cache does not
// hold, or a check that reads bodies.
//
// A file changed within a second of the moment the stamps were saved is
// read all the same (the "racily clean" case: a change made just after
// may not have moved its times, which file systems keep in ticks). Only
// files read without a problem are kept: a file with one is read again
// each time, so that its messages are given again. Where the system does
// not give a file's change time and inode, nothing is trusted.
//
// A Stamps serves one build: its methods may be called from many
// goroutines; Save writes what this build read or trusted.
type Stamps struct {
	mu      sync.Mutex
	old     map[string]fileStamp
	used    map[string]fileStamp
	written int64 // when old was saved, in Unix nanoseconds
	changed bool
	// ready, when set, waits until old is read (see StampsFrom).
	ready func()
}

// fileStamp is what a build kept of one file it read.
type fileStamp struct {
	stat     statStamp
	open     int // the line of the opening "+++"
	frontSum [32]byte
	bodySum  [32]byte
	blob     [20]byte
}

// statStamp is what the system says of a file that tells whether it may
// have changed.
type statStamp struct {
	size, mod, change int64 // bytes; Unix nanoseconds
	inode, device     uint64
}

// NewStamps returns empty stamps.
func NewStamps() *Stamps {
	return &Stamps{old: map[string]fileStamp{}, used: map[string]fileStamp{}}
}

// StampsFrom returns stamps offering those earlier returns (nil for
// none), which is asked for when the first file is looked at: earlier
// may still be reading them then, while the files are listed.
func StampsFrom(earlier func() *Stamps) *Stamps {
	s := NewStamps()
	s.ready = sync.OnceFunc(func() {
		if r := earlier(); r != nil {
			s.mu.Lock()
			s.old, s.written = r.old, r.written
			s.mu.Unlock()
		}
	})
	return s
}

// unchanged returns what was kept of the file at rel, when st says it
// has not changed since and it was not changed too near the save.
func (s *Stamps) unchanged(rel string, st statStamp) (fileStamp, bool) {
	if s == nil || st == (statStamp{}) {
		return fileStamp{}, false
	}
	if s.ready != nil {
		s.ready()
	}
	s.mu.Lock()
	f, ok := s.old[rel]
	written := s.written
	s.mu.Unlock()
	if !ok || f.stat != st || st.mod >= written-int64(time.Second) || st.change >= written-int64(time.Second) {
		return fileStamp{}, false
	}
	return f, true
}

// keep notes what this build read of the file at rel, or trusted. A file
// read although its stamp was kept as it is (too near the save to be
// trusted) has the stamps saved again, with a later time, after which it
// is trusted.
func (s *Stamps) keep(rel string, f fileStamp, trusted bool) {
	if s == nil || f.stat == (statStamp{}) {
		return
	}
	if s.ready != nil {
		s.ready()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.old[rel]; !ok || old != f || !trusted {
		s.changed = true
	}
	s.used[rel] = f
}

// Changed reports whether Save would write other stamps than were read.
func (s *Stamps) Changed() bool {
	if s.ready != nil {
		s.ready()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed || len(s.used) != len(s.old)
}

// stampsFormat names the layout Save writes.
const stampsFormat = "agenda file stamps 1"

// Save writes the stamps of the files this build read or trusted, with
// the time now, which the racily clean rule compares with.
func (s *Stamps) Save(w io.Writer) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := binenc.NewEncoder(w, stampsFormat)
	e.Int(time.Now().UnixNano())
	rels := slices.Sorted(maps.Keys(s.used))
	e.Uint(uint64(len(rels)))
	for _, rel := range rels {
		f := s.used[rel]
		e.String(rel)
		e.Int(f.stat.size)
		e.Int(f.stat.mod)
		e.Int(f.stat.change)
		e.Uint(f.stat.inode)
		e.Uint(f.stat.device)
		e.Int(int64(f.open))
		e.String(string(f.frontSum[:]))
		e.String(string(f.bodySum[:]))
		e.String(string(f.blob[:]))
	}
	return e.Close()
}

// ReadStamps reads what Save wrote; anything else, or anything damaged,
// is an error, and the caller starts with NewStamps.
func ReadStamps(r io.Reader) (*Stamps, error) {
	d, err := binenc.NewDecoder(r, stampsFormat)
	if err != nil {
		return nil, err
	}
	s := NewStamps()
	s.written = d.Int()
	for range d.Len(8) {
		rel := d.String()
		var f fileStamp
		f.stat = statStamp{size: d.Int(), mod: d.Int(), change: d.Int(), inode: d.Uint(), device: d.Uint()}
		f.open = int(d.Int())
		d.Fixed(f.frontSum[:])
		d.Fixed(f.bodySum[:])
		d.Fixed(f.blob[:])
		if d.Err() != nil {
			break
		}
		s.old[rel] = f
	}
	if err := d.Done(); err != nil {
		return nil, err
	}
	return s, nil
}

// bodyReader reads the body of the file at rel again, for a document left
// unread: the body it holds now must be the one sum names.
func bodyReader(fsys fs.FS, rel string, sum [32]byte) func() ([]byte, error) {
	return func() ([]byte, error) {
		src, err := readContent(fsys, rel)
		if err != nil {
			return nil, err
		}
		fm, serr := SplitFrontMatter(src)
		if serr != nil || sha256.Sum256(fm.Body) != sum {
			return nil, errChangedDuringBuild
		}
		return fm.Body, nil
	}
}

var errChangedDuringBuild = errors.New("the file changed while the site was being built: build again")
