package render

import (
	"reflect"
	"testing"

	"github.com/commonagenda/agenda/generator/internal/keyhash"
	"github.com/commonagenda/agenda/generator/model"
)

// An entity's digest changes with any of its fields, its links to other
// entities included, and its item's digest with any field its item shows:
// a scoped page is reused only while what it read keeps its digest.
func TestDigestNamesEveryField(t *testing.T) {
	s := fixture()
	d := digester{keyhash.New("")}
	for _, e := range s.Entities() {
		whole, ok := d.entity(e)
		item, ok2 := d.item(e)
		if !ok || !ok2 {
			t.Fatalf("%s: no digest", e.URL())
		}
		v := reflect.ValueOf(e).Elem()
		for i := range v.NumField() {
			f := v.Field(i)
			name := v.Type().Field(i).Name
			if !v.Type().Field(i).IsExported() {
				continue // what the entity keeps of its own fields (its URL)
			}
			saved := reflect.New(f.Type()).Elem()
			saved.Set(f)
			if !change(f) {
				continue
			}
			if got, _ := d.entity(e); got == whole {
				t.Errorf("%s: changing %s keeps its digest", e.URL(), name)
			}
			inItem := false
			for _, n := range ItemFields(e) {
				inItem = inItem || n == name
			}
			if got, _ := d.item(e); inItem && got == item {
				t.Errorf("%s: changing %s, which its item shows, keeps the item's digest", e.URL(), name)
			}
			f.Set(saved)
		}
		if again, _ := d.entity(e); again != whole {
			t.Errorf("%s: the digest is not the same twice", e.URL())
		}
	}
}

// change changes f, if it can.
func change(f reflect.Value) bool {
	switch f.Kind() {
	case reflect.String:
		f.SetString(f.String() + "x")
	case reflect.Bool:
		f.SetBool(!f.Bool())
	case reflect.Int, reflect.Int64:
		f.SetInt(f.Int() + 1)
	case reflect.Float64:
		f.SetFloat(f.Float() + 1)
	case reflect.Struct:
		if dt, ok := f.Interface().(model.Date); ok {
			f.Set(reflect.ValueOf(model.Date{Time: dt.AddDate(0, 0, 1)}))
			return true
		}
		return false
	case reflect.Pointer, reflect.Slice:
		if f.IsNil() {
			if f.Kind() == reflect.Slice {
				f.Set(reflect.MakeSlice(f.Type(), 1, 1))
			} else {
				f.Set(reflect.New(f.Type().Elem()))
			}
		} else {
			f.SetZero()
		}
	default:
		return false
	}
	return true
}
