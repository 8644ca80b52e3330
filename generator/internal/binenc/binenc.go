// Package binenc writes and reads the build cache's files in a plain
// binary form: unsigned varints and length-prefixed strings, a header
// naming the format first and a CRC-32C checksum of everything last.
//
// It replaces encoding/gob for the cache's two large files (the rendered
// Markdown and the history), which a build after a small edit reads and
// writes whole: a Decoder hands out strings that share the one string the
// file was read into, so reading tens of megabytes allocates once, and
// the collector has one object to see instead of hundreds of thousands.
//
// A damaged or foreign file is an error, never a panic or a wrong value:
// the checksum is checked before anything is decoded, and every length is
// checked against what is left.
package binenc

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"unsafe"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Encoder writes one file. Values gather in a buffer, which is added to
// the checksum and written a chunk at a time: a file of hundreds of
// thousands of small numbers costs as much as its bytes, not a checksum
// update and a write call each.
type Encoder struct {
	w    io.Writer
	crc  uint32
	buf  []byte
	err  error
	part bool // a part of a file: no checksum (NewPart)
}

// chunk is how many bytes an Encoder gathers before it writes them.
const chunk = 1 << 16

// NewEncoder starts a file of the format named header on w.
func NewEncoder(w io.Writer, header string) *Encoder {
	e := &Encoder{w: w, buf: make([]byte, 0, chunk+binary.MaxVarintLen64)}
	e.String(header)
	return e
}

// flush adds what the buffer holds to the checksum and writes it.
func (e *Encoder) flush() {
	if e.err == nil && len(e.buf) > 0 {
		e.crc = crc32.Update(e.crc, castagnoli, e.buf)
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
}

// Uint writes v.
func (e *Encoder) Uint(v uint64) {
	e.buf = binary.AppendUvarint(e.buf, v)
	if len(e.buf) >= chunk {
		e.flush()
	}
}

// Int writes v (zig-zag, so small negative numbers stay small).
func (e *Encoder) Int(v int64) {
	e.buf = binary.AppendVarint(e.buf, v)
	if len(e.buf) >= chunk {
		e.flush()
	}
}

// Float writes v.
func (e *Encoder) Float(v float64) { e.Uint(math.Float64bits(v)) }

// Bool writes b.
func (e *Encoder) Bool(b bool) {
	if b {
		e.Uint(1)
	} else {
		e.Uint(0)
	}
}

// String writes s.
func (e *Encoder) String(s string) {
	e.Uint(uint64(len(s)))
	if len(e.buf)+len(s) <= chunk {
		e.buf = append(e.buf, s...)
		return
	}
	e.flush()
	if e.err == nil {
		b := unsafe.Slice(unsafe.StringData(s), len(s))
		e.crc = crc32.Update(e.crc, castagnoli, b)
		_, e.err = e.w.Write(b)
	}
}

// Bytes writes b as String writes a string: its length, then its bytes.
func (e *Encoder) Bytes(b []byte) { e.String(unsafe.String(unsafe.SliceData(b), len(b))) }

// Close writes the checksum and flushes; it returns the first error.
func (e *Encoder) Close() error {
	e.flush()
	if e.err != nil || e.part {
		return e.err
	}
	var sum [4]byte
	binary.LittleEndian.PutUint32(sum[:], e.crc)
	_, err := e.w.Write(sum[:])
	return err
}

// NewPart starts a part of a file: values with neither header nor
// checksum, which a file holds as one string (see Encoder.String) and
// a Decoder from DecodePart reads; Close only flushes.
func NewPart(w io.Writer) *Encoder {
	return &Encoder{w: w, buf: make([]byte, 0, chunk+binary.MaxVarintLen64), part: true}
}

// DecodePart reads what an Encoder from NewPart wrote: its checksum is
// the file's, checked when the file was read.
func DecodePart(data string) *Decoder { return &Decoder{data: data} }

// ErrDamaged is the error of a file that is not whole or not of the
// format asked for.
var ErrDamaged = errors.New("damaged or foreign cache file")

// Decoder reads one file, held whole in memory as a string.
type Decoder struct {
	data string
	pos  int
	err  error
}

// NewDecoder reads all of r and checks its checksum and header. A file
// is read straight into the one string it is held in, sized from the
// file's size.
func NewDecoder(r io.Reader, header string) (*Decoder, error) {
	size := -1
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() < 1<<40 {
			size = int(info.Size())
		}
	}
	var buf []byte
	if size >= 0 {
		// Read in place, and checked there: the file is copied once.
		buf = make([]byte, size+1) // one more, to see a file that grew
		n, err := io.ReadFull(r, buf)
		switch {
		case err == io.ErrUnexpectedEOF && n == size:
		case err == nil || err == io.EOF || err == io.ErrUnexpectedEOF:
			return nil, ErrDamaged // longer or shorter than it was: being written
		default:
			return nil, err
		}
		buf = buf[:n]
	} else {
		var err error
		if buf, err = io.ReadAll(r); err != nil {
			return nil, err
		}
	}
	return decoderOf(buf, header)
}

// NewMappedDecoder is NewDecoder of the file f, mapped into memory rather
// than copied where the system allows it (a file of tens of megabytes is
// then neither copied nor cleared first). The strings it reads share the
// mapping: the caller copies those it keeps before it calls release,
// after which none may be used. The file must not be written meanwhile
// (a build cache's files are replaced, never written in place).
func NewMappedDecoder(f *os.File, header string) (d *Decoder, release func(), err error) {
	if data, unmap, ok := mapped(f); ok {
		d, err := decoderOf(data, header)
		if err != nil {
			unmap()
			return nil, nil, err
		}
		return d, unmap, nil
	}
	d, err = NewDecoder(f, header)
	return d, func() {}, err
}

// decoderOf checks the checksum at the end of buf and its header, and
// returns a Decoder of it.
func decoderOf(buf []byte, header string) (*Decoder, error) {
	if len(buf) < 4 {
		return nil, ErrDamaged
	}
	body, tail := buf[:len(buf)-4], buf[len(buf)-4:]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(tail) {
		return nil, ErrDamaged
	}
	// The bytes are never written again: the strings read share them.
	data := unsafe.String(unsafe.SliceData(body), len(body))
	d := &Decoder{data: data}
	if d.String() != header || d.err != nil {
		return nil, ErrDamaged
	}
	return d, nil
}

// Err is the first error met; after one, every read returns zero.
func (d *Decoder) Err() error { return d.err }

// Fail marks the file damaged: a value read does not make sense.
func (d *Decoder) Fail() {
	if d.err == nil {
		d.err = ErrDamaged
	}
}

// Done reports an error unless everything was read without one.
func (d *Decoder) Done() error {
	if d.err == nil && d.pos != len(d.data) {
		d.err = ErrDamaged
	}
	return d.err
}

// Uint reads an unsigned varint.
func (d *Decoder) Uint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	var shift uint
	for i := 0; i < binary.MaxVarintLen64; i++ {
		if d.pos >= len(d.data) {
			break
		}
		c := d.data[d.pos]
		d.pos++
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break
			}
			return v | uint64(c)<<shift
		}
		v |= uint64(c&0x7f) << shift
		shift += 7
	}
	d.err = ErrDamaged
	return 0
}

// Int reads a signed varint.
func (d *Decoder) Int() int64 {
	u := d.Uint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// Float reads a float64.
func (d *Decoder) Float() float64 { return math.Float64frombits(d.Uint()) }

// Bool reads a bool.
func (d *Decoder) Bool() bool { return d.Uint() != 0 }

// String reads a string: a part of the file's string, not a copy.
func (d *Decoder) String() string {
	n := d.Uint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.data)-d.pos) {
		d.err = ErrDamaged
		return ""
	}
	s := d.data[d.pos : d.pos+int(n)]
	d.pos += int(n)
	return s
}

// Span reads a string as String does, but returns where it is in the
// file (its offset from the file's first byte, and its length) instead
// of it: a reader that keeps the file open can read it when it needs it.
func (d *Decoder) Span() (off, n int) {
	s := d.String()
	if d.err != nil {
		return 0, 0
	}
	return d.pos - len(s), len(s)
}

// Fixed reads a string of exactly len(dst) bytes into dst (a checksum,
// a key); any other length is damage.
func (d *Decoder) Fixed(dst []byte) {
	if s := d.String(); len(s) == len(dst) {
		copy(dst, s)
	} else {
		d.Fail()
	}
}

// Len reads the length of a list whose items take at least min bytes
// each: a length the rest of the file cannot hold is an error, so a
// damaged length never makes a huge allocation.
func (d *Decoder) Len(min int) int {
	n := d.Uint()
	if d.err != nil {
		return 0
	}
	if n > uint64(len(d.data)-d.pos)/uint64(max(min, 1)) {
		d.err = ErrDamaged
		return 0
	}
	return int(n)
}
