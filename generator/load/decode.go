package load

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// decoder fills a model struct from a TOML table, driven by the struct's
// tags (`toml:"key"`, `agenda:"required"`). Unlike a plain TOML decoder it
// reports every problem, each at the position of its key: unknown keys,
// missing required keys, wrong types and bad dates.
type decoder struct {
	doc   *model.Doc
	diags *diag.List
	// top are the keys of the front matter itself, and noun what it is:
	// a key of it found in a [[table]] below was meant for it.
	top  []string
	noun string
}

// field is one front-matter key of a struct.
type field struct {
	key      string
	index    int
	required bool
}

// fieldSet is the keys of a struct type: its fields, and their keys in
// the same order.
type fieldSet struct {
	fields []field
	known  []string
}

// structFields caches fieldsOf by type: loading 10,000 files asks for the
// same few types over and over.
var structFields sync.Map // reflect.Type -> *fieldSet

// fieldsOf lists the keys of struct type t in declaration order, leaving
// out fields tagged toml:"-" (and untagged ones), which are never read.
func fieldsOf(t reflect.Type) *fieldSet {
	if f, ok := structFields.Load(t); ok {
		return f.(*fieldSet)
	}
	fs := &fieldSet{}
	for i := range t.NumField() {
		f := t.Field(i)
		key := f.Tag.Get("toml")
		if key == "" || key == "-" || !f.IsExported() {
			continue
		}
		fs.fields = append(fs.fields, field{key, i, f.Tag.Get("agenda") == "required"})
		fs.known = append(fs.known, key)
	}
	structFields.Store(t, fs)
	return fs
}

var dateType = reflect.TypeFor[model.Date]()

// table decodes m into the struct rv. path is the key path of the table
// ("" for the front matter itself, "indicators.0" for an entry); noun
// names it in messages about unknown keys.
func (d *decoder) table(m map[string]any, rv reflect.Value, path, noun string) {
	fs := fieldsOf(rv.Type())
	known := fs.known
	if path == "" {
		d.top, d.noun = known, "the "+noun
		if noun == siteFile {
			d.noun = "the site's settings"
		}
	}
	// The fields in order (the problems are sorted when printed), then
	// the keys no field has, if any.
	found := 0
	for _, f := range fs.fields {
		v, ok := m[f.key]
		if ok {
			found++
			d.value(v, rv.Field(f.index), join(path, f.key))
		}
		switch {
		case f.required && !ok:
			d.diags.Errorf(d.doc.Pos(path), "missing required key %q", f.key)
		case f.required && isBlank(v):
			// agenda new writes required keys as "" until filled in.
			d.diags.ErrorHint(d.doc.Pos(join(path, f.key)), "fill it in", "required key %q is empty", f.key)
		}
	}
	if found == len(m) {
		return
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, key := range unknown {
		// In TOML every key after a [[table]] line belongs to that
		// table, up to the next one: a key of the front matter
		// written below [[indicators]] is read as an indicator's.
		if table, _, nested := strings.Cut(path, "."); nested && slices.Contains(d.top, key) {
			d.diags.ErrorHint(d.doc.Pos(join(path, key)), "move it above the first [["+table+"]] line",
				"%q belongs to %s, but below a [[%s]] line it is read as part of that entry", key, d.noun, table)
			continue
		}
		d.diags.ErrorHint(d.doc.Pos(join(path, key)), diag.Suggest(key, known),
			"unknown key %q in %s", key, noun)
	}
}

// contentKind is a kind of content file, in a folder of its own.
type contentKind struct {
	noun, folder string
	t            reflect.Type
}

// kinds are the kinds of content file whose front matter says what they
// are by its keys.
var kinds = []contentKind{
	{"objective", "objectives", reflect.TypeFor[model.Objective]()},
	{"organization", "organizations", reflect.TypeFor[model.Organization]()},
	{"partnership", "partnerships", reflect.TypeFor[model.Partnership]()},
}

// misplaced finds the kind of content the front matter m was written for
// when it is not t's, the kind of its folder: m has a key t has not, and
// m has every required key of the other kind and no key it has not (an
// organization's file saved among the objectives).
func misplaced(m map[string]any, t reflect.Type) (other contentKind, ok bool) {
	if !slices.ContainsFunc(kinds, func(k contentKind) bool { return k.t == t }) {
		return other, false
	}
	own := fieldsOf(t)
	foreign := false
	for k := range m {
		if !slices.Contains(own.known, k) {
			foreign = true
			break
		}
	}
	if !foreign {
		return other, false
	}
	for _, k := range kinds {
		if k.t == t {
			continue
		}
		fs := fieldsOf(k.t)
		fits := true
		for key := range m {
			fits = fits && slices.Contains(fs.known, key)
		}
		for _, f := range fs.fields {
			if _, has := m[f.key]; f.required && !has {
				fits = false
			}
		}
		if fits {
			return k, true
		}
	}
	return other, false
}

// article is "a" or "an" before noun.
func article(noun string) string {
	if strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an"
	}
	return "a"
}

// isBlank reports whether v is a string of nothing but spaces.
func isBlank(v any) bool {
	s, ok := v.(string)
	return ok && strings.TrimSpace(s) == ""
}

// value decodes v into rv, reporting a wrong type at path. It reports
// whether v had the right type (its contents may still have problems).
func (d *decoder) value(v any, rv reflect.Value, path string) bool {
	t := rv.Type()
	switch {
	case t == dateType:
		return d.date(v, rv, path)
	case t.Kind() == reflect.Pointer:
		elem := reflect.New(t.Elem())
		if !d.value(v, elem.Elem(), path) {
			return false
		}
		rv.Set(elem)
		return true
	case t.Kind() == reflect.Slice:
		return d.list(v, rv, path)
	case t.Kind() == reflect.Struct:
		m, ok := v.(map[string]any)
		if ok {
			d.table(m, rv, path, lastKey(path))
		}
		return d.check(ok, v, t, path)
	}
	return d.scalar(v, rv, path)
}

// scalar decodes strings, booleans and numbers. Whole numbers are
// accepted where a decimal is expected, but not the other way round.
func (d *decoder) scalar(v any, rv reflect.Value, path string) bool {
	switch rv.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if ok {
			rv.SetString(s)
		}
		return d.check(ok, v, rv.Type(), path)
	case reflect.Bool:
		b, ok := v.(bool)
		if ok {
			rv.SetBool(b)
		}
		return d.check(ok, v, rv.Type(), path)
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, ok := v.(int64)
		if ok && rv.OverflowInt(n) {
			d.diags.Errorf(d.doc.Pos(path), "%s is too large", readable(path))
			return false
		}
		if ok {
			rv.SetInt(n)
		}
		return d.check(ok, v, rv.Type(), path)
	case reflect.Float64, reflect.Float32:
		var f float64
		switch x := v.(type) {
		case int64:
			f = float64(x)
		case float64:
			f = x
		default:
			return d.check(false, v, rv.Type(), path)
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			d.diags.Errorf(d.doc.Pos(path), "%s must be a finite number, got %v", readable(path), v)
			return false
		}
		rv.SetFloat(f)
		return true
	}
	d.diags.Errorf(d.doc.Pos(path), "%s cannot be read (field of kind %s)", readable(path), rv.Kind())
	return false
}

// list decodes a TOML array (or array of tables) into the slice rv.
// Elements of the wrong type are reported and left out.
func (d *decoder) list(v any, rv reflect.Value, path string) bool {
	src := reflect.ValueOf(v)
	if v == nil || src.Kind() != reflect.Slice {
		return d.check(false, v, rv.Type(), path)
	}
	// A list of strings, the usual kind, is read without reflection when
	// every item is one.
	if strs, ok := rv.Addr().Interface().(*[]string); ok {
		if items, ok := v.([]any); ok {
			out := make([]string, len(items))
			all := true
			for i, item := range items {
				if out[i], all = item.(string); !all {
					break
				}
			}
			if all {
				*strs = out
				return true
			}
		}
	}
	// Each item is decoded in its place; one with a problem is left out.
	out := reflect.MakeSlice(rv.Type(), src.Len(), src.Len())
	n := 0
	for i := range src.Len() {
		if d.value(src.Index(i).Interface(), out.Index(n), join(path, strconv.Itoa(i))) {
			n++
		} else {
			out.Index(n).SetZero()
		}
	}
	rv.Set(out.Slice(0, n))
	return true
}

// date decodes a TOML local date. Quoted dates and dates with a time of
// day are common slips, so they get a hint showing the right form.
func (d *decoder) date(v any, rv reflect.Value, path string) bool {
	switch x := v.(type) {
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			if y := x.Year(); y < 1900 || y > 2200 {
				// A slip of the keyboard (0202-06-30): no strategy's
				// dates are so far off, and sorting by them would be.
				d.diags.ErrorHint(d.doc.Pos(path), "a four-digit year between 1900 and 2200",
					"%s %s is not a plausible date", readable(path), x.Format(time.DateOnly))
				d.doc.Unread = append(d.doc.Unread, path)
				return false
			}
			rv.Set(reflect.ValueOf(model.NewDate(x.Date())))
			return true
		case "time-local":
			return d.check(false, v, rv.Type(), path)
		}
		d.diags.ErrorHint(d.doc.Pos(path), fmt.Sprintf("write %s = %s", lastKey(path), x.Format(time.DateOnly)),
			"%s must be a date, got %s", readable(path), describeValue(v))
		return false
	case string:
		if _, err := time.Parse(time.DateOnly, x); err == nil {
			d.diags.ErrorHint(d.doc.Pos(path), fmt.Sprintf("write dates without quotes: %s = %s", lastKey(path), x),
				"%s must be a date, got a string", readable(path))
			return false
		}
	}
	return d.check(false, v, rv.Type(), path)
}

// check reports a wrong type unless ok, and returns ok.
func (d *decoder) check(ok bool, v any, t reflect.Type, path string) bool {
	if !ok {
		d.diags.ErrorHint(d.doc.Pos(path), typeHint(v, t, path),
			"%s must be %s, got %s", readable(path), describeType(t), describeValue(v))
		d.doc.Unread = append(d.doc.Unread, path)
	}
	return ok
}

// typeHint shows how to write the value with the expected type, where
// the intent is clear: lead = "doj" becomes lead = ["doj"].
func typeHint(v any, t reflect.Type, path string) string {
	key := lastKey(path)
	if key != path[strings.LastIndexByte(path, '.')+1:] {
		return "" // an element of a list: no key to show
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	s, isString := v.(string)
	switch {
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String && isString:
		// "a, b" is two entries: each gets its own quotes.
		var items []string
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
			if part = strings.TrimSpace(part); part != "" {
				items = append(items, strconv.Quote(part))
			}
		}
		if len(items) == 0 {
			items = []string{strconv.Quote(s)}
		}
		return fmt.Sprintf("write %s = [%s]", key, strings.Join(items, ", "))
	case t.Kind() == reflect.String && isScalar(v):
		return fmt.Sprintf("write %s = %q", key, fmt.Sprint(v))
	case t.Kind() == reflect.Bool && (s == "true" || s == "false"):
		return fmt.Sprintf("write %s = %s without quotes", key, s)
	case isNumber(t) && isString:
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return fmt.Sprintf("write numbers without quotes: %s = %s", key, s)
		}
	case isNumber(t) && t.Kind() != reflect.Float64:
		if f, ok := v.(float64); ok && f == math.Trunc(f) && !math.IsInf(f, 0) {
			return fmt.Sprintf("write %s = %d", key, int64(f))
		}
	}
	return ""
}

// isScalar reports whether v is a number or a boolean.
func isScalar(v any) bool {
	switch v.(type) {
	case int64, float64, bool:
		return true
	}
	return false
}

func isNumber(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64, reflect.Float32:
		return true
	}
	return false
}

// describeType names what a field expects, for people.
func describeType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == dateType:
		return "a date"
	case t.Kind() == reflect.Slice:
		return "a list of " + plural(t.Elem())
	case t.Kind() == reflect.Struct:
		return "a table"
	case t.Kind() == reflect.String:
		return "a string"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() == reflect.Float64, t.Kind() == reflect.Float32:
		return "a number"
	case isNumber(t):
		return "a whole number"
	}
	return t.String()
}

// plural names several values of type t: "strings", "tables".
func plural(t reflect.Type) string {
	switch d := describeType(t); d {
	case "true or false":
		return "booleans"
	default:
		return strings.TrimPrefix(d, "a ") + "s"
	}
}

// describeValue names the kind of a decoded TOML value, for people.
func describeValue(v any) string {
	switch x := v.(type) {
	case string:
		return "a string"
	case int64:
		return "a whole number"
	case float64:
		return "a decimal number"
	case bool:
		return "a boolean"
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return "a date"
		case "time-local":
			return "a time of day"
		}
		return "a date and time"
	case map[string]any:
		return "a table"
	case []map[string]any, []any:
		return "a list"
	}
	return fmt.Sprintf("%T", v)
}

// lastKey is the last key of a path that is not a list index:
// "indicators.0" gives "indicators".
// readable names a key path for people rather than as the program keeps
// it: "due" is "due", "lead.1" is entry 2 of "lead", and
// "indicators.0.progress.1.date" is "date" (indicator 1, progress entry 2).
func readable(path string) string {
	parts := strings.Split(path, ".")
	leaf, rest := parts[len(parts)-1], parts[:len(parts)-1]
	subject := strconv.Quote(leaf)
	if n, err := strconv.Atoi(leaf); err == nil && len(rest) > 0 {
		subject = fmt.Sprintf("entry %d of %q", n+1, rest[len(rest)-1])
		rest = rest[:len(rest)-1]
	}
	var where []string
	for i := 0; i < len(rest); i++ {
		if i+1 < len(rest) {
			if n, err := strconv.Atoi(rest[i+1]); err == nil {
				where = append(where, fmt.Sprintf("%s %d", singular(rest[i]), n+1))
				i++
				continue
			}
		}
		where = append(where, rest[i])
	}
	if len(where) == 0 {
		return subject
	}
	return subject + " (" + strings.Join(where, ", ") + ")"
}

// singular names one entry of a list of tables.
func singular(list string) string {
	switch list {
	case "indicators":
		return "indicator"
	case "categories":
		return "category"
	case "sectors":
		return "sector"
	}
	return list + " entry"
}

func lastKey(path string) string {
	parts := strings.Split(path, ".")
	for i := len(parts) - 1; i >= 0; i-- {
		if _, err := strconv.Atoi(parts[i]); err != nil {
			return parts[i]
		}
	}
	return path
}
