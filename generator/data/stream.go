package data

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// A Stream takes a large file as it is written rather than whole: write
// writes the file's bytes to w, in order. It returns write's error, or
// its own.
type Stream func(name string, write func(w io.Writer) error) error

// streamOrPut is stream, or, when it is nil, a Stream that gathers the
// bytes and puts them whole.
func streamOrPut(stream Stream, put func(name string, data []byte) error) Stream {
	if stream != nil {
		return stream
	}
	return func(name string, write func(io.Writer) error) error {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		return put(name, b.Bytes())
	}
}

// jsonWriter writes JSON as json.Marshal writes it, a value at a time,
// through a buffer: the largest files (strategy.json and the HSDS
// organizations, 70 MB each at 50,000 files) are written as they are
// made, never held whole, nor copied as json.Marshal copies what it made.
type jsonWriter struct {
	w   *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

func newJSONWriter(w io.Writer) *jsonWriter {
	j := &jsonWriter{w: bufio.NewWriterSize(w, 64<<10)}
	j.enc = json.NewEncoder(&j.buf) // escaping HTML, as json.Marshal does
	return j
}

// raw writes s as it is.
func (j *jsonWriter) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

// value writes v as json.Marshal(v) writes it.
func (j *jsonWriter) value(v any) {
	if j.err != nil {
		return
	}
	j.buf.Reset()
	if err := j.enc.Encode(v); err != nil {
		j.err = err
		return
	}
	b := j.buf.Bytes()
	_, j.err = j.w.Write(b[:len(b)-1]) // Encode ends it with a newline
}

// list writes a JSON array of what each calls emit with, in order: each
// as value writes it (a pointer to a struct, as an element of a slice is
// written).
func (j *jsonWriter) list(each func(emit func(elem any))) {
	j.raw("[")
	n := 0
	each(func(elem any) {
		if n > 0 {
			j.raw(",")
		}
		n++
		j.value(elem)
	})
	j.raw("]")
}

// object writes the struct v as json.Marshal(v) writes it, but for its
// fields named (by their JSON names) in lists, which are arrays written
// an element at a time by list (never null): their values in v are not
// read. It
// knows the tags this package uses (a name, omitempty), and panics on
// any other, or on a name in lists that v has not: that is a mistake in
// this package, which the tests find.
func (j *jsonWriter) object(v any, lists map[string]func(emit func(elem any))) {
	rv := reflect.ValueOf(v)
	t := rv.Type()
	j.raw("{")
	first, seen := true, 0
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			panic(fmt.Sprintf("data: %s.%s is embedded, which object does not write", t, f.Name))
		}
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		omitEmpty := false
		for o := range strings.SplitSeq(opts, ",") {
			switch o {
			case "":
			case "omitempty":
				omitEmpty = true
			default:
				panic(fmt.Sprintf("data: %s.%s has the option %q, which object does not write", t, f.Name, o))
			}
		}
		each, listed := lists[name]
		fv := rv.Field(i)
		if !listed && omitEmpty && isEmptyValue(fv) {
			continue
		}
		if !first {
			j.raw(",")
		}
		first = false
		j.value(name)
		j.raw(":")
		if listed {
			seen++
			j.list(each)
			continue
		}
		j.value(fv.Interface())
	}
	if seen != len(lists) {
		panic(fmt.Sprintf("data: %s lacks a field of the lists given to object", t))
	}
	j.raw("}")
}

// isEmptyValue is what omitempty leaves out, as encoding/json says.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// flush writes what the buffer holds, and returns the first error.
func (j *jsonWriter) flush() error {
	if j.err == nil {
		j.err = j.w.Flush()
	}
	return j.err
}
