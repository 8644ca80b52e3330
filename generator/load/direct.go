package load

import (
	"reflect"
	"time"

	"github.com/commonagenda/agenda/generator/internal/binenc"
	"github.com/commonagenda/agenda/generator/model"
)

// A front matter that decoded without a problem into a struct is kept as
// that struct's fields too (its direct form): a build that finds the
// front matter again sets the fields from it, rather than making a map
// of its table and decoding that again by reflect, which took 60 ms a
// build at 10,000 files. A front matter that decoded with a problem has
// none: its problems are found and said again each time, as they were.

// directForm is the fields a front matter gave a struct of the kind noun
// ("organization"), as encodeDirect writes them.
type directForm struct {
	noun string
	data string
}

// encodeDirect is the front-matter fields of the struct target points to
// (the fields decoder sets), or false when one is of a kind it does not
// write.
func encodeDirect(target any) (string, bool) {
	p := partEncoders.Get().(*partEncoder)
	defer partEncoders.Put(p)
	p.buf.Reset()
	if !writeDirect(p.e, reflect.ValueOf(target).Elem(), 0) {
		p.e.Close()
		return "", false
	}
	if err := p.e.Close(); err != nil {
		return "", false
	}
	return p.buf.String(), true
}

// writeDirect writes v, a value of a front-matter field (or the struct
// of them), by its type.
func writeDirect(e *binenc.Encoder, v reflect.Value, depth int) bool {
	if depth > maxNesting {
		return false
	}
	t := v.Type()
	switch {
	case t == dateType:
		d := v.Interface().(model.Date)
		if d.IsZero() {
			e.Bool(false)
			return true
		}
		// decoder makes every date with model.NewDate: a day, in UTC.
		if d.Location() != time.UTC || !d.Equal(model.NewDate(d.Date()).Time) {
			return false
		}
		y, m, day := d.Date()
		e.Bool(true)
		e.Int(int64(y))
		e.Uint(uint64(m))
		e.Uint(uint64(day))
		return true
	}
	switch t.Kind() {
	case reflect.String:
		e.String(v.String())
	case reflect.Bool:
		e.Bool(v.Bool())
	case reflect.Int, reflect.Int64, reflect.Int32:
		e.Int(v.Int())
	case reflect.Float64, reflect.Float32:
		e.Float(v.Float())
	case reflect.Pointer:
		e.Bool(!v.IsNil())
		if !v.IsNil() {
			return writeDirect(e, v.Elem(), depth+1)
		}
	case reflect.Slice:
		if v.IsNil() {
			e.Uint(0)
			return true
		}
		e.Uint(uint64(v.Len()) + 1)
		for i := range v.Len() {
			if !writeDirect(e, v.Index(i), depth+1) {
				return false
			}
		}
	case reflect.Struct:
		for _, f := range fieldsOf(t).fields {
			if !writeDirect(e, v.Field(f.index), depth+1) {
				return false
			}
		}
	default:
		return false
	}
	return true
}

// decodeDirect sets the front-matter fields of the struct target points
// to (a new one, all zero) from data; false, when data is damaged, with
// some fields maybe set.
func decodeDirect(data string, target any) bool {
	d := binenc.DecodePart(data)
	readDirect(d, reflect.ValueOf(target).Elem(), 0)
	return d.Done() == nil
}

// readDirect reads what writeDirect wrote of a value of v's type into v.
func readDirect(d *binenc.Decoder, v reflect.Value, depth int) {
	if depth > maxNesting || d.Err() != nil {
		d.Fail()
		return
	}
	t := v.Type()
	if t == dateType {
		if d.Bool() {
			y, m, day := d.Int(), d.Uint(), d.Uint()
			if y < 1 || y > 9999 || m < 1 || m > 12 || day < 1 || day > 31 {
				d.Fail()
				return
			}
			v.Set(reflect.ValueOf(model.NewDate(int(y), time.Month(m), int(day))))
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString(d.String())
	case reflect.Bool:
		v.SetBool(d.Bool())
	case reflect.Int, reflect.Int64, reflect.Int32:
		n := d.Int()
		if v.OverflowInt(n) {
			d.Fail()
			return
		}
		v.SetInt(n)
	case reflect.Float64, reflect.Float32:
		v.SetFloat(d.Float())
	case reflect.Pointer:
		if d.Bool() {
			elem := reflect.New(t.Elem())
			readDirect(d, elem.Elem(), depth+1)
			v.Set(elem)
		}
	case reflect.Slice:
		n := d.Len(1)
		if n == 0 {
			return // nil
		}
		n--
		if strs, ok := v.Addr().Interface().(*[]string); ok {
			out := make([]string, n)
			for i := range out {
				out[i] = d.String()
			}
			*strs = out
			return
		}
		out := reflect.MakeSlice(t, n, n)
		for i := range n {
			readDirect(d, out.Index(i), depth+1)
		}
		v.Set(out)
	case reflect.Struct:
		for _, f := range fieldsOf(t).fields {
			readDirect(d, v.Field(f.index), depth+1)
		}
	default:
		d.Fail()
	}
}
