package model

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"unsafe"
)

// A Store keeps the renderings of bodies in a file instead of in memory:
// a large strategy's HTML and text are most of what a build would hold
// (300 MB at 50,000 files), and each is read once or twice. The file is
// private to the process: on Unix it is removed from its folder as soon
// as it is made, so nothing is left behind, and it is closed when the
// last rendering stored in it is dropped. A Store is safe for concurrent
// use; what it holds is never written again.
type Store struct {
	f    *os.File
	mu   sync.Mutex
	size int64
	err  error
	// mapped is the file mapped into memory once nothing more is
	// stored (Seal): what is read from then on shares its bytes.
	mapped atomic.Pointer[[]byte]
}

// Seal says that nothing more will be stored in s: the file is mapped
// into memory, where the system allows it, and what is read from then on
// is read there, neither copied nor read by a system call (the bodies'
// HTML and text are read 100 MB a build at 10,000 files). The mapping
// stays for the rest of the process: the strings read share it. A Store
// that cannot be mapped reads its file as before; Stored after Seal is
// an error.
func (s *Store) Seal() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil || s.size == 0 || s.mapped.Load() != nil {
		return
	}
	s.err = errSealed
	if data, ok := mapFile(s.f, s.size); ok {
		s.mapped.Store(&data)
	}
}

var errSealed = fmt.Errorf("a sealed store takes no more")

// Release lets the system take back the memory of what was read from a
// sealed store so far: the mapping stays, and what is read again is
// read from the file again. A build calls it between phases, so that
// the bodies one phase read do not count against the next's memory.
func (s *Store) Release() {
	if s == nil {
		return
	}
	if m := s.mapped.Load(); m != nil {
		releaseMapped(*m)
	}
}

// NewStore makes a Store in the folder dir ("" for the system's).
func NewStore(dir string) (*Store, error) {
	// Where a file open cannot be removed (Windows), an earlier build's
	// is removed by the next; elsewhere there is never one to remove.
	if old, err := filepath.Glob(filepath.Join(dir, storePrefix+"*")); err == nil {
		for _, name := range old {
			os.Remove(name)
		}
	}
	f, err := os.CreateTemp(dir, storePrefix+"*")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name()) // where a file open cannot be removed, it stays until closed
	return &Store{f: f}, nil
}

// storePrefix starts the names of the files of Stores.
const storePrefix = ".agenda-bodies-"

// stored is a string in a Store.
type stored struct {
	s   *Store
	off int64
	n   int
}

// put writes str at the end of the store, or reports false when it
// cannot: the string is then kept in memory, as the store only ever
// saves memory. An empty string needs no place.
func (s *Store) put(str string) (stored, bool) {
	if str == "" {
		return stored{}, true
	}
	s.mu.Lock()
	off, failed := s.size, s.err != nil
	if !failed {
		s.size += int64(len(str))
	}
	s.mu.Unlock()
	if failed {
		return stored{}, false
	}
	if _, err := s.f.WriteAt(unsafe.Slice(unsafe.StringData(str), len(str)), off); err != nil {
		s.mu.Lock()
		s.err = err
		s.mu.Unlock()
		return stored{}, false
	}
	return stored{s: s, off: off, n: len(str)}, true
}

// get reads a string back.
func (x stored) get() (string, error) {
	if x.s == nil {
		return "", nil
	}
	if m := x.s.mapped.Load(); m != nil && x.off >= 0 && x.off+int64(x.n) <= int64(len(*m)) {
		return unsafe.String(&(*m)[x.off], x.n), nil
	}
	b := make([]byte, x.n)
	if _, err := x.s.f.ReadAt(b, x.off); err != nil {
		return "", fmt.Errorf("reading a stored body: %w", err)
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}

// Stored is r with its HTML and text kept in s instead of in memory
// (each kept in memory when it could not be written).
func (s *Store) Stored(r Rendered) Rendered {
	if s == nil || r.stored != nil {
		return r
	}
	out := Rendered{Headings: r.Headings, stored: &storedBody{}, digest: r.digest}
	var ok bool
	if out.stored.html, ok = s.put(r.HTML); !ok {
		out.HTML = r.HTML
	}
	if out.stored.text, ok = s.put(r.Text); !ok {
		out.Text = r.Text
	}
	return out
}

// ReadStore is a Store of what a file already holds, written by another
// build (a build cache's rendered bodies): it is only read, at the places
// Kept is given. f must not be written while the renderings are in use;
// it is closed when none is left.
func ReadStore(f *os.File) *Store {
	return &Store{f: f, err: errReadOnly}
}

var errReadOnly = fmt.Errorf("a store of a kept file is read only")

// Kept is the rendering whose HTML and text are in s's file at the given
// places, of the given digest (see Rendered.Digest).
func (s *Store) Kept(headings []Heading, htmlAt int64, htmlLen int, textAt int64, textLen int, digest [32]byte) Rendered {
	r := Rendered{Headings: headings, stored: &storedBody{}, digest: digest}
	if htmlLen > 0 {
		r.stored.html = stored{s: s, off: htmlAt, n: htmlLen}
	}
	if textLen > 0 {
		r.stored.text = stored{s: s, off: textAt, n: textLen}
	}
	return r
}

// storedBody is where a rendering's HTML and text are in a Store.
type storedBody struct{ html, text stored }
