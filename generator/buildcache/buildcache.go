// Package buildcache keeps a build's work in a folder between runs of
// `agenda build`, so that a build after a small edit redoes only what the
// edit changed: the Markdown of the files that changed and the pages whose
// views changed (see render.Key). Everything else comes from the cache,
// byte for byte what a build without it makes.
//
// # Layout
//
//	<dir>/<version>/markdown*-*.bin rendered bodies, in shards (markdown.Cache.SaveShard)
//	<dir>/<version>/history-*.bin  the history from Git (history.Log.Encode)
//	<dir>/<version>/front-*.bin    parsed front matter (load.Tables.Save)
//	<dir>/<version>/data.bin       the data files: the key they were made from, and
//	                               where each file's bytes are in data.blob
//	<dir>/<version>/index.bin      the search index, the same way (index.blob), with
//	                               the state a build after an edit patches (index.Update)
//	<dir>/<version>/memos*-*.bin   what each page was made from (render.Memo),
//	                               in shards, with a table of the strings
//	                               they name (see memos.go)
//	<dir>/<version>/pages.idx      every page kept: key, size, checksum
//	<dir>/<version>/pages/<key>    the page's bytes
//
// <version> names the cache's format and the program that wrote it (a
// hash of its executable): a cache written by another version, or by
// anything else, is never read, and is removed. Every page is checked
// against its size and CRC-32C checksum before it is used, unless its
// size and modification time are those it had when it was last checked
// (the way Git trusts its index; see Page), and every file is written
// whole (a temporary name, then renamed), so a cache cut short or
// damaged is ignored where it is damaged, never trusted.
//
// A Cache serves one build at a time. Commit records what the build used
// and made and forgets the rest, so the cache holds one site's worth.
package buildcache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/commonagenda/agenda/generator/check"
	"github.com/commonagenda/agenda/generator/history"
	"github.com/commonagenda/agenda/generator/internal/binenc"
	"github.com/commonagenda/agenda/generator/load"
	"github.com/commonagenda/agenda/generator/markdown"
	"github.com/commonagenda/agenda/generator/render"
	"github.com/commonagenda/agenda/generator/timeline"
)

// format changes whenever the layout or an encoding changes.
const format = "v1"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Cache is an open build cache.
type Cache struct {
	root, dir string
	folder    *pagesFolder // the pages folder, open (see PageInfo)
	// real is each content folder's real path, by the path shown
	// (realFolder): found once, not for each of the files kept of it.
	real sync.Map

	mu    sync.Mutex
	later sync.WaitGroup     // what Later runs
	pages map[[32]byte]entry // from the last build
	// written is when the last build wrote pages.idx (Unix nanoseconds).
	written int64
	kept    map[[32]byte]entry // used or made by this build
	// made are, by set (see Keep), the file of the files this build
	// made, for Commit to put in place; used says which sets the build
	// used or made.
	made map[string][2]string // the set's list, its blob
	used map[string]bool
	// memos are what the last build remembered of its pages (see
	// render.Memo), read when first asked for; remembered what this one
	// does, for Commit to keep.
	memos      func() keptMemos
	memosOf    string // the display memos are of
	remembered map[string]render.Memo
	// memoNews says which shards of the memos hold one remembered that
	// memos did not hold, or held otherwise; memosKnown counts the
	// memos remembered of files that memos held (see Remember).
	memoNews   [MemoShards]bool
	memosKnown int
	// parsed says when what SaveParsed saves is saved, and whether it
	// could be; nil when it was not called.
	parsed chan error
	// unsure is whether the pages folder may hold pages the last
	// build's index does not list (a build stopped before Commit, or an
	// index lost): Commit then lists the folder to remove them.
	unsure bool
	// marked is whether this build has said, by the file busyFile, that
	// it is adding pages: asked for every page kept, without the lock.
	marked atomic.Bool
	// readHead is the commit of the history History read, which Commit
	// need not write again when the build's history ends at it too (the
	// history of one commit is always the same). Only its commit is
	// kept: the history itself is the build's to drop.
	readHead string
	// savedHead is the commit of the history SaveHistory saved.
	savedHead string
	// rechecked is whether a page was read whole because its time was
	// too near when the index was written to trust (see PageInfo): the
	// index is then written again, with the time of this build, after
	// which those pages are trusted by their time. Kept as it was, the
	// index would leave them near its time, each read whole again by
	// every build (11,758 pages, 49 MB, the search index's and the data
	// files made a moment before the index, at 10,000 files).
	rechecked atomic.Bool
}

type entry struct {
	size int64
	crc  uint32
	// mtime is the file's modification time when its bytes were last
	// found to be these, 0 when unknown (see Page).
	mtime int64
}

// Open opens the cache in the folder root, making it if needed, for the
// program running now. Caches of other versions in root are removed.
func Open(root string) (*Cache, error) {
	id, err := programID()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, format+"-"+id)
	if err := os.MkdirAll(filepath.Join(dir, "pages"), 0o755); err != nil {
		return nil, err
	}
	// Caches of other versions go; nothing else in root is touched.
	if entries, err := os.ReadDir(root); err == nil {
		for _, e := range entries {
			if e.Name() != filepath.Base(dir) && versionDir.MatchString(e.Name()) {
				os.RemoveAll(filepath.Join(root, e.Name()))
			}
		}
	}
	// Data files a build cut short was keeping are of no use.
	if tmps, err := filepath.Glob(filepath.Join(dir, "*-*.tmp")); err == nil {
		for _, t := range tmps {
			os.Remove(t)
		}
	}
	pages, written := readIndex(filepath.Join(dir, "pages.idx"))
	_, busy := os.Lstat(filepath.Join(dir, busyFile))
	// A build uses most of the last one's pages again, and remembers
	// about as many memos as it had pages that were pages of the site
	// (half of them, the rest the search index's and data files): made
	// the size they will be, the maps are not grown 14 times over.
	c := &Cache{root: root, dir: dir, pages: pages, written: written, kept: make(map[[32]byte]entry, len(pages)),
		unsure: written == 0 || busy == nil,
		made:   map[string][2]string{}, used: map[string]bool{},
		memos: func() keptMemos { return keptMemos{} }, remembered: make(map[string]render.Memo, len(pages)/2)}
	c.folder = openPages(filepath.Join(dir, "pages"))
	return c, nil
}

// busyFile is there while a build adds pages, until Commit lists them:
// a cache that has it when opened may hold pages no index lists.
const busyFile = "pages.busy"

// versionDir matches the folders Open makes.
var versionDir = regexp.MustCompile(`^v[0-9]+-[0-9a-f]{16}$`)

// programID names the running program by its executable's contents, so
// that any change to the generator starts a new cache: by the Go build
// ID the linker wrote into it (goBuildID), else by a hash of its bytes
// (20 MB: 15 ms of every build).
func programID() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if id := goBuildID(exe); id != "" {
		sum := sha256.Sum256([]byte("go build ID " + id))
		return hex.EncodeToString(sum[:8]), nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)[:8]), nil
}

// goBuildID is the build ID of the Go executable at exe, read from its
// ELF note, or "" when it has none. Its last part is the linker's hash of
// the executable's contents (with the ID left out), so it changes with
// any change to the program, as the bytes do; an ID without that part
// (set by hand, -ldflags=-buildid=...) is not used.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil || sec.Size > 4096 {
		return ""
	}
	note, err := sec.Data()
	if err != nil || len(note) < 16 {
		return ""
	}
	order := f.ByteOrder
	// A note: the sizes of its name and description, its type (4: a Go
	// build ID), the name "Go" padded to four bytes, the description.
	name, desc, kind := order.Uint32(note), order.Uint32(note[4:]), order.Uint32(note[8:])
	if name != 4 || kind != 4 || string(note[12:16]) != "Go\x00\x00" || uint64(desc) > uint64(len(note)-16) {
		return ""
	}
	id := string(note[16 : 16+desc])
	if parts := strings.Split(id, "/"); len(parts) < 2 || slices.Contains(parts, "") {
		return ""
	}
	return id
}

// Dir is the cache's folder for this program.
func (c *Cache) Dir() string { return c.dir }

// folderFile is where the file named prefix of the content folder shown
// as display is kept: by the folder itself, however --source names it
// ("content", "./content" or its full path), so that a build that names
// it another way finds what the last one kept.
func (c *Cache) folderFile(prefix, display string) string {
	return c.keyedFile(prefix, c.realFolder(display))
}

// shownFile is folderFile for what names the folder's files as display
// does: the problems of bodies and of checks, whose paths are shown as
// they are kept. A build that names the folder another way finds none.
func (c *Cache) shownFile(prefix, display string) string {
	return c.keyedFile(prefix, c.realFolder(display)+"\x00"+display)
}

func (c *Cache) keyedFile(prefix, key string) string {
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(c.dir, prefix+"-"+hex.EncodeToString(sum[:6])+".bin")
}

// realFolder is the folder at path with every link followed, from the
// root; path itself when it cannot be found.
func (c *Cache) realFolder(path string) string {
	if real, ok := c.real.Load(path); ok {
		return real.(string)
	}
	real := resolveFolder(path)
	c.real.Store(path, real)
	return real
}

func resolveFolder(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}

// markdownFile is where shard k of the rendered bodies of the content
// folder shown as display is kept (with their problems).
func (c *Cache) markdownFile(k int, display string) string {
	return c.shownFile(fmt.Sprintf("markdown%02d", k), display)
}

// readFile reads the file at name with read; false when there is none
// or it cannot be read.
func readFile[T any](name string, read func(io.Reader) (T, error)) (T, bool) {
	var zero T
	f, err := os.Open(name)
	if err != nil {
		return zero, false
	}
	defer f.Close()
	v, err := read(f)
	if err != nil {
		return zero, false
	}
	return v, true
}

// Markdown returns the rendered bodies kept by the last build of the
// content folder shown as display, or an empty cache when there are none
// or they cannot be read.
func (c *Cache) Markdown(display string) *markdown.Cache {
	return markdown.ReadCache(func(k int) (*os.File, error) {
		return os.Open(c.markdownFile(k, display))
	})
}

// Tables returns the parsed front matter the last build of the content
// folder shown as display kept, or nil when there is none or it cannot
// be read.
func (c *Cache) Tables(display string) *load.Tables {
	t, _ := readFile(c.folderFile("front", display), load.ReadTables)
	return t
}

// Checks returns the problems of each entity the last build of the
// content folder shown as display found (check.ReadCache), or an empty
// cache to keep this build's.
func (c *Cache) Checks(display string) *check.Cache {
	if k, ok := readFile(c.shownFile("check", display), check.ReadCache); ok {
		return k
	}
	return check.NewPersistentCache()
}

// Stamps returns what the last build of the content folder shown as
// display kept of the files it read (load.Stamps), or nil.
func (c *Cache) Stamps(display string) *load.Stamps {
	s, _ := readFile(c.folderFile("stamps", display), load.ReadStamps)
	return s
}

// setFormat names the layout of a kept set of files, in two files: the
// set's list (<set>.bin: the key the files were made from, then what was
// kept beside the files (2, or 4 when it carries its own checksum) with
// its name, where its bytes are in the other file, their length and
// CRC-32C checksum; each file, kept as a page (3), with its name and key;
// and 0), and the bytes of what was kept beside (<set>.blob), read when
// asked for, so that a damaged one is found when it is read.
const setFormat = "agenda kept files 4"

// Sets are the sets of files a build keeps whole, each made from what
// its key names: the data files (site's dataKey) but the organizations
// in HSDS (site's hsdsKey), the search index (index.Key), the feeds,
// sitemap and host's rules (site's feedsKey), and the feeds of changes
// of the objectives, categories and sectors (site's changesKey).
const (
	DataSet    = "data"
	HSDSSet    = "hsds"
	IndexSet   = "index"
	FeedsSet   = "feeds"
	ChangesSet = "changes"
)

// sets are all the sets, for Commit.
var sets = [...]string{DataSet, HSDSSet, IndexSet, FeedsSet, ChangesSet}

// setFile is where the list of the set of files named set of the last
// build is kept, with the key it was made from; blobFile their bytes.
func (c *Cache) setFile(set string) string  { return filepath.Join(c.dir, set+".bin") }
func (c *Cache) blobFile(set string) string { return filepath.Join(c.dir, set+".blob") }

// keptPage is a file of a kept set that the cache keeps as a page, by
// its key (see FileWriter.AddPage).
type keptPage struct {
	name string
	key  [32]byte
}

// Pages calls f with each file of the set kept as a page, and its key, in
// the order they were kept (see FileWriter.AddPage, Page).
func (e *Earlier) Pages(f func(name string, key [32]byte)) {
	for _, p := range e.pages {
		f(p.name, p.key)
	}
}

// keptEntry is one file of a kept set, or what was kept beside them:
// where its bytes are in the set's blob.
type keptEntry struct {
	name     string
	off, len int64
	crc      uint32
	// own is set for what was kept beside the files with a checksum of
	// its own format (KeepBesideChecked): crc is not kept, nor checked.
	own bool
}

// Earlier is a set of files of the last build, whatever it was made
// from, for a build that makes its own from them.
type Earlier struct {
	c      *Cache
	set    string
	key    string
	pages  []keptPage // files kept as pages (AddPage)
	beside map[string]keptEntry
	blob   *os.File
	size   int64
}

// Earlier returns the set of files named set of the last build, or
// false when there is none or its list is damaged. Close it when done.
func (c *Cache) Earlier(set string) (*Earlier, bool) {
	f, err := os.Open(c.setFile(set))
	if err != nil {
		return nil, false
	}
	d, err := binenc.NewDecoder(f, setFormat)
	f.Close()
	if err != nil {
		return nil, false
	}
	e := &Earlier{c: c, set: set, key: d.String(), beside: map[string]keptEntry{}}
loop:
	for {
		kind := d.Uint()
		if kind == 3 {
			name := d.String()
			var key [32]byte
			d.Fixed(key[:])
			e.pages = append(e.pages, keptPage{name, key})
			continue
		}
		if kind != 2 && kind != 4 {
			break loop
		}
		k := keptEntry{name: d.String(), off: int64(d.Uint()), len: int64(d.Uint()), crc: uint32(d.Uint()), own: kind == 4}
		if k.off < 0 || k.len < 0 {
			d.Fail()
			break loop
		}
		e.beside[k.name] = k
	}
	if d.Done() != nil {
		return nil, false
	}
	blob, err := os.Open(c.blobFile(set))
	if err != nil {
		return nil, false
	}
	if fi, err := blob.Stat(); err == nil {
		e.size = fi.Size()
	}
	e.blob = blob
	return e, true
}

// Close lets go of the set's files.
func (e *Earlier) Close() { e.blob.Close() }

// read reads one file's bytes and checks them.
func (e *Earlier) read(k keptEntry) ([]byte, bool) {
	if k.off > e.size || k.len > e.size-k.off {
		return nil, false
	}
	data := make([]byte, k.len)
	if _, err := e.blob.ReadAt(data, k.off); err != nil || !k.own && crc32.Checksum(data, castagnoli) != k.crc {
		return nil, false
	}
	return data, true
}

// Key reports whether the files were made from key.
func (e *Earlier) Key(key [32]byte) bool { return e.key == string(key[:]) }

// Use keeps the set for the next build, as it is.
func (e *Earlier) Use() {
	e.c.mu.Lock()
	e.c.used[e.set] = true
	e.c.mu.Unlock()
}

// Beside returns what was kept beside the files under name (see
// KeepBeside; what KeepBesideChecked kept is returned as it was read, for
// its reader to check).
func (e *Earlier) Beside(name string) ([]byte, bool) {
	k, ok := e.beside[name]
	if !ok {
		return nil, false
	}
	return e.read(k)
}

// BesideMapped is Beside for what KeepBesideChecked kept, mapped into
// memory rather than read where the system allows it: neither copied nor
// cleared first (the search index's state is 50 MB at 10,000 files, read
// after every edit). The mapping is never let go of, so that what is
// made of it may use its bytes where they lie for the rest of the
// process; a build cache's files are replaced, never written in place.
func (e *Earlier) BesideMapped(name string) ([]byte, bool) {
	k, ok := e.beside[name]
	if !ok || !k.own || k.off > e.size || k.len > e.size-k.off {
		return nil, false
	}
	if data, ok := mapRegion(e.blob, k.off, k.len); ok {
		return data, true
	}
	return e.read(k)
}

// FileWriter keeps a set of files of a build as they are made: the names
// and keys of the files, each kept as a page (AddPage; its bytes kept by
// Cache.KeepPage), and what they were made from beside them
// (KeepBeside), in files of its own, which Commit puts in place of the
// last build's.
type FileWriter struct {
	c       *Cache
	set     string
	key     [32]byte
	blob    *os.File
	w       *bufio.Writer
	off     int64
	entries []keptEntry
	kinds   []uint64
	mu      sync.Mutex
	pages   []keptPage
	err     error
}

// AddPage keeps a file of the set that the cache keeps as a page with
// key (KeepPage, or PageInfo for one kept before): the set names it, and a
// next build links it from the cache (Earlier.Pages). It may be called
// from several goroutines.
func (w *FileWriter) AddPage(name string, key [32]byte) {
	if w == nil {
		return
	}
	w.mu.Lock()
	w.pages = append(w.pages, keptPage{name, key})
	w.mu.Unlock()
}

// Keep starts keeping the set of files made with key. Nil when the
// cache cannot be written: the build goes on without keeping them.
func (c *Cache) Keep(set string, key [32]byte) *FileWriter {
	f, err := os.CreateTemp(c.dir, set+"-*.blob.tmp")
	if err != nil {
		return nil
	}
	return &FileWriter{c: c, set: set, key: key, blob: f, w: bufio.NewWriterSize(f, 1<<16)}
}

// KeepBeside keeps what write writes under name beside the files, for
// the next build's Earlier: what the files were made from, not a file of
// the set. A write that fails throws the set away.
func (w *FileWriter) KeepBeside(name string, write func(io.Writer) error) {
	if w == nil || w.err != nil {
		return
	}
	cw := &crcWriter{w: w.w}
	if err := write(cw); err != nil {
		w.err = err
		return
	}
	w.entries = append(w.entries, keptEntry{name: name, off: w.off, len: cw.n, crc: cw.crc})
	w.kinds = append(w.kinds, 2)
	w.off += cw.n
}

// KeepBesideChecked is KeepBeside for bytes whose format carries a
// checksum of its own, which their reader checks (the search index's
// state): they are not checksummed a second time, on either side. The
// search index's state is 50 MB at 10,000 files.
func (w *FileWriter) KeepBesideChecked(name string, write func(io.Writer) error) {
	if w == nil || w.err != nil {
		return
	}
	// At a multiple of 8 bytes from the blob's start, where a mapping of
	// it puts numbers of 8 bytes in their place (BesideMapped).
	if pad := (8 - w.off%8) % 8; pad > 0 {
		if _, err := w.w.Write(make([]byte, pad)); err != nil {
			w.err = err
			return
		}
		w.off += pad
	}
	cw := &countWriter{w: w.w}
	if err := write(cw); err != nil {
		w.err = err
		return
	}
	w.entries = append(w.entries, keptEntry{name: name, off: w.off, len: cw.n, own: true})
	w.kinds = append(w.kinds, 4)
	w.off += cw.n
}

// countWriter counts what goes through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// crcWriter counts and checksums what goes through it.
type crcWriter struct {
	w   io.Writer
	n   int64
	crc uint32
}

func (c *crcWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.crc = crc32.Update(c.crc, castagnoli, p[:n])
	c.n += int64(n)
	return n, err
}

// Done ends the files: whole when ok, for Commit to keep, or thrown away.
func (w *FileWriter) Done(ok bool) {
	if w == nil {
		return
	}
	err := w.err
	if ferr := w.w.Flush(); err == nil {
		err = ferr
	}
	if cerr := w.blob.Close(); err == nil {
		err = cerr
	}
	var list string
	if ok && err == nil {
		list, err = w.writeList()
	}
	if !ok || err != nil {
		os.Remove(w.blob.Name())
		if list != "" {
			os.Remove(list)
		}
		return
	}
	w.c.mu.Lock()
	if old, ok := w.c.made[w.set]; ok {
		os.Remove(old[0])
		os.Remove(old[1])
	}
	w.c.made[w.set], w.c.used[w.set] = [2]string{list, w.blob.Name()}, true
	w.c.mu.Unlock()
}

// writeList writes the set's list to a file of its own and returns its
// name.
func (w *FileWriter) writeList() (string, error) {
	f, err := os.CreateTemp(w.c.dir, w.set+"-*.bin.tmp")
	if err != nil {
		return "", err
	}
	enc := binenc.NewEncoder(f, setFormat)
	enc.String(string(w.key[:]))
	for i, e := range w.entries {
		enc.Uint(w.kinds[i])
		enc.String(e.name)
		enc.Uint(uint64(e.off))
		enc.Uint(uint64(e.len))
		enc.Uint(uint64(e.crc))
	}
	slices.SortFunc(w.pages, func(a, b keptPage) int { return strings.Compare(a.name, b.name) })
	for _, p := range w.pages {
		enc.Uint(3)
		enc.String(p.name)
		enc.Bytes(p.key[:])
	}
	enc.Uint(0)
	err = enc.Close()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// History returns the history from Git the last build of the content
// folder shown as display kept, or nil when there is none or it cannot
// be read.
func (c *Cache) History(display string) *history.Log {
	log, ok := readFile(c.folderFile("history", display), history.Decode)
	if !ok {
		return nil
	}
	c.mu.Lock()
	c.readHead = log.Head
	c.mu.Unlock()
	return log
}

// SaveHistory saves log, the history from Git of the content folder
// shown as display, in the background (see Later), unless it is the one
// History read. A history is the same whatever a build makes of it, so
// it is saved as soon as it is read, not after the build; Commit then
// need not save it.
func (c *Cache) SaveHistory(log *history.Log, display string) {
	if !wholeHistory(log) {
		return
	}
	c.mu.Lock()
	if log.Head == c.readHead || log.Head == c.savedHead {
		c.mu.Unlock()
		return
	}
	c.savedHead = log.Head
	c.mu.Unlock()
	c.Later(func() {
		defer timeline.Begin("cache: history, early")()
		if err := writeAtomic(c.folderFile("history", display), log.Encode); err != nil {
			c.mu.Lock()
			c.savedHead = "" // Commit tries again
			c.mu.Unlock()
		}
	})
}

// wholeHistory reports whether log is a history a later build may
// start from (see history.Log.Encode).
func wholeHistory(log *history.Log) bool {
	return log != nil && log.Head != "" && log.Note == "" && !log.Shallow
}

// PageInfo returns the path of the kept page with this key, after
// checking that its bytes are the ones kept, and what os.Stat said of
// it then (a stage compares it with the file it would replace).
func (c *Cache) PageInfo(key [32]byte) (string, fs.FileInfo, bool) {
	c.mu.Lock()
	e, ok := c.pages[key]
	c.mu.Unlock()
	if !ok {
		return "", nil, false
	}
	p := c.pagePath(key)
	fi, err := statPage(c.folder, p[len(p)-2*len(key):], p)
	if err != nil || fi.Size() != e.size {
		return "", nil, false
	}
	// A page whose size and modification time are those it had when
	// its bytes were last checked is not read again, as Git trusts its
	// index: unless that time is within a second of when the index was
	// written, when a change made just after might not have moved the
	// file's time (the "racily clean" case; file systems keep times in
	// ticks). Any other page is read and checked against its checksum.
	mtime := fi.ModTime().UnixNano()
	if e.mtime == 0 || mtime != e.mtime || mtime >= c.written-int64(time.Second) {
		if !intact(p, e) {
			return "", nil, false
		}
		e.mtime = mtime
		c.rechecked.Store(true)
	}
	c.keep(key, e)
	return p, fi, true
}

// intact reports whether the file at p has the size and checksum of e,
// reading it through a reused buffer.
func intact(p string, e entry) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(buf)
	h := crc32.New(castagnoli)
	// Through a plain reader: a file copies itself to a writer with a
	// buffer of its own (File.WriteTo), 32 KB made anew for each page.
	n, err := io.CopyBuffer(h, struct{ io.Reader }{f}, *buf)
	return err == nil && n == e.size && h.Sum32() == e.crc
}

var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// KeepPage keeps the page with key whose bytes are data, as the file
// written at path (linked there when it can be, so nothing is written
// twice).
func (c *Cache) KeepPage(key [32]byte, path string, data []byte) {
	c.keepPage(key, path, int64(len(data)), crc32.Checksum(data, castagnoli), data)
}

// PageSum sums a page's bytes as they are written elsewhere (a file
// too large to hold whole, streamed to the stage), for KeepSummed.
type PageSum struct {
	key hash.Hash
	crc uint32
	n   int64
}

// NewPageSum returns a PageSum of nothing yet.
func NewPageSum() *PageSum { return &PageSum{key: sha256.New()} }

func (p *PageSum) Write(b []byte) (int, error) {
	p.key.Write(b)
	p.crc = crc32.Update(p.crc, castagnoli, b)
	p.n += int64(len(b))
	return len(b), nil
}

// Key is the SHA-256 of the bytes written, as sha256.Sum256 of them all.
func (p *PageSum) Key() (k [32]byte) {
	p.key.Sum(k[:0])
	return k
}

// KeepSummed is KeepPage for a page whose bytes sum summed as they were
// written to path.
func (c *Cache) KeepSummed(key [32]byte, path string, sum *PageSum) {
	c.keepPage(key, path, sum.n, sum.crc, nil)
}

// keepPage keeps the page at path, of size bytes whose checksum is crc,
// under key: linked, or copied where it cannot be (from data, or when
// nil from path).
func (c *Cache) keepPage(key [32]byte, path string, size int64, crc uint32, data []byte) {
	if c.marked.CompareAndSwap(false, true) {
		if f, err := os.Create(filepath.Join(c.dir, busyFile)); err == nil {
			f.Close()
		} else {
			c.mu.Lock()
			c.unsure = true
			c.mu.Unlock()
		}
	}
	dst := c.pagePath(key)
	tmp := dst + ".tmp"
	os.Remove(tmp)
	if err := os.Link(path, tmp); err != nil {
		if data == nil {
			var rerr error
			if data, rerr = os.ReadFile(path); rerr != nil || int64(len(data)) != size || crc32.Checksum(data, castagnoli) != crc {
				return
			}
		}
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			return
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return
	}
	e := entry{size: size, crc: crc}
	// Its time now, so that the next build need not read it again (see
	// Page): the bytes were just checksummed as they were written.
	if fi, err := os.Stat(dst); err == nil && fi.Size() == e.size {
		e.mtime = fi.ModTime().UnixNano()
	}
	c.keep(key, e)
}

func (c *Cache) keep(key [32]byte, e entry) {
	c.mu.Lock()
	c.kept[key] = e
	c.mu.Unlock()
}

// pagePath is where the page with key is kept. (Some 25,000 are asked
// for a build: one string made, not three.)
func (c *Cache) pagePath(key [32]byte) string {
	var name [64]byte
	hex.Encode(name[:], key[:])
	return c.dir + string(filepath.Separator) + "pages" + string(filepath.Separator) + string(name[:])
}

// now is the time Commit writes the pages' index at (a test moves it).
var now = time.Now

// Later runs save on a goroutine of its own: what a build keeps for the
// next (a set's files' state, see FileWriter.KeepBeside), which need not
// delay its output. Commit waits for every save before it puts the sets
// in place, and Wait waits for them.
func (c *Cache) Later(save func()) { c.later.Go(save) }

// Wait waits for what Later runs (for a build that ends without Commit).
func (c *Cache) Wait() { c.later.Wait() }

// SaveParsed saves, in the background (see Later), what the build
// parsed of the content folder shown as display: md, its rendered
// bodies, tables, its front matter, stamps, its files' stamps, and
// checks, each entity's own problems, the parts of them that changed.
// Each is kept by what it was made from, so it may be saved as soon as
// it is complete, whether or not the build goes on to succeed; Commit
// then need not save them. Until Commit, a later call saves them again.
func (c *Cache) SaveParsed(md *markdown.Cache, tables *load.Tables, stamps *load.Stamps, checks *check.Cache, display string) {
	done := make(chan error, 1)
	c.mu.Lock()
	c.parsed = done
	c.mu.Unlock()
	c.Later(func() {
		defer timeline.Begin("cache: parsed files, early")()
		done <- c.saveParsed(md, tables, stamps, checks, display)
	})
}

// saveParsed writes the parts of what SaveParsed saves that changed
// since they were read, each on a goroutine.
func (c *Cache) saveParsed(md *markdown.Cache, tables *load.Tables, stamps *load.Stamps, checks *check.Cache, display string) error {
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	// What was read as it is need not be written again.
	keep := func(name string, changed bool, save func(io.Writer) error) {
		if _, err := os.Stat(name); err == nil && !changed {
			return
		}
		wg.Go(func() {
			if err := writeAtomic(name, save); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	if md != nil {
		for k := range markdown.Shards {
			keep(c.markdownFile(k, display), md.Changed(k), func(w io.Writer) error { return md.SaveShard(k, w) })
		}
	}
	if tables != nil {
		keep(c.folderFile("front", display), tables.Changed(), tables.Save)
	}
	if stamps != nil {
		keep(c.folderFile("stamps", display), stamps.Changed(), stamps.Save)
	}
	if checks != nil {
		keep(c.shownFile("check", display), checks.Changed(), checks.Save)
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Commit records the build that just succeeded: the pages it used or
// made, md, the rendered bodies of the content folder shown as display,
// tables, its parsed front matter, and log, its history (kept when
// whole; see history.Log.Encode). Pages no longer used are removed.
func (c *Cache) Commit(md *markdown.Cache, tables *load.Tables, stamps *load.Stamps, checks *check.Cache, display string, log *history.Log) error {
	// The files are written on two goroutines beside this one: the
	// parsed files' caches and the history on one, the memos on
	// another, the pages' index on this one (a build waits for them).
	var errsMu sync.Mutex
	var errs []error
	fail := func(err error) {
		errsMu.Lock()
		errs = append(errs, err)
		errsMu.Unlock()
	}
	var wg sync.WaitGroup
	c.mu.Lock()
	parsed := c.parsed
	c.parsed = nil
	c.mu.Unlock()
	wg.Go(func() {
		defer timeline.Begin("cache: parsed files")()
		var err error
		if parsed != nil {
			err = <-parsed
		} else {
			err = c.saveParsed(md, tables, stamps, checks, display)
		}
		if err != nil {
			fail(err)
		}
		c.mu.Lock()
		written := log != nil && (log.Head == c.readHead || log.Head == c.savedHead)
		c.mu.Unlock()
		if wholeHistory(log) && !written {
			fail(writeAtomic(c.folderFile("history", display), log.Encode))
		}
	})
	c.mu.Lock()
	kept, remembered, listed, unsure, recalled, memosOf := c.kept, c.remembered, c.pages, c.unsure, c.memos, c.memosOf
	news, known := c.memoNews, c.memosKnown
	// The index is written again unless it lists what it would (a build
	// that made no page and used every one) and no page was read whole
	// for being too new to trust (rechecked), with the time it was
	// written, which decides which pages are checked whole (see Page).
	written := now().UnixNano()
	rechecked := c.rechecked.Swap(false)
	sameIndex := !unsure && !rechecked && c.written != 0 && maps.Equal(kept, listed)
	if sameIndex {
		written = c.written
	}
	c.pages, c.written, c.kept, c.remembered = kept, written, make(map[[32]byte]entry, len(kept)), make(map[string]render.Memo, len(remembered))
	c.memoNews, c.memosKnown = [MemoShards]bool{}, 0
	c.unsure = false
	c.marked.Store(false)
	c.mu.Unlock()
	// The memos, on a goroutine beside this one; the memos recalled are
	// those of another folder when display is not the one ReadMemos was
	// given.
	var last keptMemos
	if recalled != nil && display == memosOf {
		last = recalled()
	} else {
		for k := range news {
			news[k] = true // remembered against another folder's memos
		}
	}
	var now keptMemos
	wg.Go(func() {
		defer timeline.Begin("cache: memos")()
		var err error
		now, err = c.saveMemos(display, last, remembered, news, known)
		if err != nil {
			fail(err)
		}
	})
	var indexErr error
	if !sameIndex {
		endIndex := timeline.Begin("cache: pages' index")
		indexErr = writeAtomic(filepath.Join(c.dir, "pages.idx"), func(w io.Writer) error { return writeIndex(w, kept, written) })
		endIndex()
		fail(indexErr)
	}
	if indexErr != nil {
		c.mu.Lock()
		c.unsure = true // the index on disk is not this one
		c.mu.Unlock()
	}
	// The sets of files the build made, once what Later runs has saved
	// what they were made from.
	endLater := timeline.Begin("cache: wait for what Later saves")
	c.later.Wait()
	endLater()
	c.mu.Lock()
	made, used := c.made, c.used
	c.made, c.used = map[string][2]string{}, map[string]bool{}
	c.mu.Unlock()
	for _, set := range sets {
		switch m, ok := made[set]; {
		case ok:
			// The bytes first: a list is only read with its own bytes'
			// checksums, so a list left with other bytes finds them
			// damaged.
			err := os.Rename(m[1], c.blobFile(set))
			if err == nil {
				err = os.Rename(m[0], c.setFile(set))
			}
			if err != nil {
				os.Remove(m[0])
				os.Remove(m[1])
				fail(err)
			}
		case !used[set]:
			os.Remove(c.setFile(set))
			os.Remove(c.blobFile(set))
		}
	}
	// The pages no longer used go: those the last build's index listed,
	// or, when the folder may hold others, every page it holds.
	if unsure {
		if entries, err := os.ReadDir(filepath.Join(c.dir, "pages")); err == nil {
			for _, e := range entries {
				key, ok := parseKey(e.Name())
				if _, keep := kept[key]; !ok || !keep {
					os.Remove(filepath.Join(c.dir, "pages", e.Name()))
				}
			}
		}
	} else {
		for key := range listed {
			if _, keep := kept[key]; !keep {
				os.Remove(c.pagePath(key))
			}
		}
	}
	wg.Wait()
	c.mu.Lock()
	c.memos, c.memosOf = func() keptMemos { return now }, display
	c.mu.Unlock()
	if indexErr == nil {
		os.Remove(filepath.Join(c.dir, busyFile))
	}
	return errors.Join(errs...)
}

func parseKey(name string) ([32]byte, bool) {
	var k [32]byte
	b, err := hex.DecodeString(name)
	if err != nil || len(b) != len(k) {
		return k, false
	}
	copy(k[:], b)
	return k, true
}

// writeAtomic writes a file whole: a temporary name, then renamed.
func writeAtomic(name string, write func(io.Writer) error) error {
	tmp := name + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 64<<10)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// The index: a header, when it was written, then for each page its key,
// size, checksum and modification time, then a checksum of everything
// before it.
const indexMagic = "agenda pages 2\n"

const indexRecord = 32 + 8 + 4 + 8

func writeIndex(w io.Writer, pages map[[32]byte]entry, written int64) error {
	b := make([]byte, 0, len(indexMagic)+8+len(pages)*indexRecord+4)
	b = append(b, indexMagic...)
	b = binary.LittleEndian.AppendUint64(b, uint64(written))
	// In the map's order: the index is read into a map.
	for k, e := range pages {
		b = append(b, k[:]...)
		b = binary.LittleEndian.AppendUint64(b, uint64(e.size))
		b = binary.LittleEndian.AppendUint32(b, e.crc)
		b = binary.LittleEndian.AppendUint64(b, uint64(e.mtime))
	}
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
	_, err := w.Write(b)
	return err
}

// readIndex reads the index and when it was written, or returns an empty
// one when it is missing or damaged in any way.
func readIndex(name string) (map[[32]byte]entry, int64) {
	out := map[[32]byte]entry{}
	data, err := os.ReadFile(name)
	head := len(indexMagic) + 8
	if err != nil || len(data) < head+4 || !bytes.HasPrefix(data, []byte(indexMagic)) {
		return out, 0
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, castagnoli) != sum || (len(body)-head)%indexRecord != 0 {
		return out, 0
	}
	written := int64(binary.LittleEndian.Uint64(body[len(indexMagic):]))
	out = make(map[[32]byte]entry, (len(body)-head)/indexRecord)
	for b := body[head:]; len(b) > 0; b = b[indexRecord:] {
		var k [32]byte
		copy(k[:], b)
		out[k] = entry{size: int64(binary.LittleEndian.Uint64(b[32:])), crc: binary.LittleEndian.Uint32(b[40:]),
			mtime: int64(binary.LittleEndian.Uint64(b[44:]))}
	}
	return out, written
}

// Check refuses a cache folder that a build would destroy or that would
// mix with the content: the output folder, anything inside it or
// containing it, and the content folder or a folder containing it.
func Check(cacheDir, out, source string) error {
	c, err1 := filepath.Abs(cacheDir)
	o, err2 := filepath.Abs(out)
	s, err3 := filepath.Abs(source)
	if err := errors.Join(err1, err2, err3); err != nil {
		return err
	}
	if within(c, o) || within(o, c) {
		return fmt.Errorf("the cache folder %q and the output folder %q must be apart: a build replaces the output folder whole", cacheDir, out)
	}
	if within(c, s) {
		return fmt.Errorf("the cache folder %q may not be or contain the content folder %q", cacheDir, source)
	}
	return nil
}

func within(dir, p string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}
