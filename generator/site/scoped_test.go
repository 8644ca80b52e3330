package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/render"
	"github.com/commonagenda/agenda/generator/synth"
)

// A scoped page (render.Memo) is reused while the objectives,
// organizations and partnerships its view recorded keep their digests,
// and Later.Global stays: so its view must read no other entity. For
// every scoped page of the bundled strategy and of a realistic synthetic
// one, each entity the view did not record is poisoned (every field
// changed, every link and list cleared, and the lists of the categories
// and sectors too), the figures are made again from the poisoned
// strategy, and the view is built once more: its Key must not change.
func TestScopedViewsReadOnlyWhatTheyRecord(t *testing.T) {
	// The bundled strategy, with an old address (an alias) for an
	// objective, an organization and a partnership, whose redirect pages
	// name them.
	bundled := cacheSite(t)
	for _, kind := range []string{"objectives", "organizations", "partnerships"} {
		files, _ := filepath.Glob(filepath.Join(bundled, kind, "[a-z]*.md"))
		if len(files) == 0 {
			t.Fatalf("no %s", kind)
		}
		data, _ := os.ReadFile(files[0])
		if !bytes.HasPrefix(data, []byte("+++\n")) || bytes.Contains(data, []byte("\naliases")) {
			t.Fatalf("%s: not front matter this test can add to", files[0])
		}
		aliased := append([]byte("+++\naliases = [\"/old/"+kind+"/first/\"]\n"), data[4:]...)
		os.WriteFile(files[0], aliased, 0o644)
	}
	sources := map[string]string{"bundled": bundled}
	if !testing.Short() {
		dir := t.TempDir()
		if err := synth.Write(dir, synth.ForFiles(400)); err != nil {
			t.Fatal(err)
		}
		sources["synthetic"] = filepath.Join(dir, "content")
	}
	checked := map[string]int{}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range sources {
			if !yield(k) {
				return
			}
		}
	}) {
		t.Run(name, func(t *testing.T) { checkScoped(t, sources[name], checked) })
	}
	// Every kind of page that may be scoped was checked, in one corpus or
	// the other (the synthetic one without -short).
	for _, kind := range render.ScopedKinds() {
		if checked[kind] == 0 && !testing.Short() {
			t.Errorf("no page of kind %s was checked", kind)
		}
	}
}

func checkScoped(t *testing.T, dir string, checked map[string]int) {
	opts := Options{Source: dir, Today: today}
	sn, diags := Load(opts)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	s := sn.Strategy
	x := render.NewRenderer(s, sn.Theme, RenderOptions(opts, sn))
	later := render.Later{Graph: [32]byte{1}, Global: [32]byte{2}}
	plan := x.Plan(s, sn.Report, sn.Routes, later)

	// The pages that are not entities are in Later.Global: any page may
	// read them.
	entities := slices.DeleteFunc(s.Entities(), func(e model.Entity) bool {
		_, page := e.(*model.Page)
		return page
	})
	scoped, reads, partial := 0, 0, 0
	kinds := map[string]int{}
	for _, rt := range sn.Routes.Pages() {
		key, read, ok, named := plan.ViewKey(rt.Path)
		if !named || !ok {
			continue
		}
		scoped++
		reads += len(read)
		kinds[rt.Kind]++
		checked[rt.Kind]++
		// What the view may read: the entities it named, and those of
		// the groups it named; and the lists of categories and sectors
		// its groups name.
		// An entity read whole is left alone; one read as an item shows
		// it has its other fields poisoned (render.ItemFields).
		covered, lists := map[string]level{}, map[string]bool{}
		cover := func(u string, l level) { covered[u] = max(covered[u], l) }
		digests := map[string][32]byte{}
		for _, name := range read {
			d, ok := plan.Digest(name)
			if !ok {
				t.Errorf("%s: no digest for %s", rt.Path, name)
			}
			digests[name] = d
			item := strings.HasPrefix(name, "~")
			bare := strings.TrimPrefix(name, "~")
			switch {
			case bare[0] == '@' || bare[0] == '#':
				lists[bare[1:]] = true
				// A coverage cell's lists are made from its category's
				// (analysis.Cell): those are kept too, or the cell
				// would change with them.
				if parts := strings.Split(bare[1:], "/"); len(parts) == 4 && parts[0] == "cell" {
					lists["category/"+parts[1]+"/"+parts[3]] = true
				}
				if bare[0] == '@' {
					urls, _ := plan.Group(name)
					for _, u := range urls {
						cover(u, map[bool]level{true: asItem, false: whole}[item])
					}
				}
			case item:
				cover(bare, asItem)
			default:
				cover(bare, whole)
			}
		}
		// Poison every kind at once; where that changes what the page
		// names (a coverage cell loses the organizations whose
		// objectives lost their category), poison one kind at a time.
		tried := false
		for _, kinds := range [][]string{{"objectives", "organizations", "partnerships"}, {"objectives"}, {"organizations"}, {"partnerships"}} {
			var restore []func()
			for _, e := range entities {
				if l := covered[e.URL()]; l < whole && slices.Contains(kinds, kindOf(e)) {
					keep := []string{"ID", "Slug"}
					if l == asItem {
						keep = append(keep, render.ItemFields(e)...)
					}
					restore = append(restore, poison(e, keep))
				}
			}
			restore = append(restore, poisonLists(s, lists))
			poisoned, same, err := poisonedKey(s, sn, x, later, rt.Path, digests)
			for _, f := range slices.Backward(restore) {
				f()
			}
			if err == nil && !same {
				continue // poisoning changed a digest the page names: try less
			}
			tried = true
			switch {
			case err != nil:
				t.Errorf("%s: with the %v its view did not record poisoned: %v", rt.Path, kinds, err)
			case poisoned != key:
				t.Errorf("%s: its view read one of the %v it did not record (%d recorded: %v)", rt.Path, kinds, len(read), read)
			}
			if len(kinds) == 3 {
				break
			}
		}
		if !tried {
			partial++
		}
	}
	if scoped == 0 || reads == 0 {
		t.Fatalf("%d scoped pages read %d entities", scoped, reads)
	}
	t.Logf("%d scoped pages (%v), %.1f entities and groups read each; %d could not be poisoned", scoped, kinds, float64(reads)/float64(scoped), partial)
	if partial > scoped/10 {
		t.Errorf("%d of %d scoped pages could not be poisoned without changing what they name", partial, scoped)
	}
}

// level is how much of an entity a view may read.
type level int

const (
	none level = iota
	asItem
	whole
)

func kindOf(e model.Entity) string {
	switch e.(type) {
	case *model.Objective:
		return "objectives"
	case *model.Organization:
		return "organizations"
	}
	return "partnerships"
}

// poisonedKey is the Key of the view at path in a plan of s as it is now,
// its figures made again.
// poisonedKey is the Key of the view at path in a plan of s as it is now,
// its figures made again, and whether the names the page read still have
// their digests.
func poisonedKey(s *model.Strategy, sn *Snapshot, x *render.Renderer, later render.Later, path string, digests map[string][32]byte) (key render.Key, same bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	rep := analysis.Analyze(s)
	plan := x.Plan(s, rep, sn.Routes, later)
	for name, want := range digests {
		if d, _ := plan.Digest(name); d != want {
			return key, false, nil
		}
	}
	key, _, _, ok := plan.ViewKey(path)
	if !ok {
		return key, true, fmt.Errorf("no key")
	}
	return key, true, nil
}

// poison changes every field of e but those named by keep, and returns
// what puts it back. Its id or slug is always kept: the URL it makes is
// in the route table, which Later.Global names, so a page may show the
// URL of any entity.
func poison(e model.Entity, keep []string) func() {
	v := reflect.ValueOf(e).Elem()
	saved := reflect.New(v.Type()).Elem()
	saved.Set(v)
	for i := range v.NumField() {
		if !slices.Contains(keep, v.Type().Field(i).Name) {
			poisonValue(v.Field(i))
		}
	}
	return func() { v.Set(saved) }
}

func poisonValue(f reflect.Value) {
	if !f.CanSet() {
		return
	}
	switch f.Kind() {
	case reflect.String:
		f.SetString(f.String() + " (poisoned)")
	case reflect.Bool:
		f.SetBool(!f.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		f.SetInt(f.Int() + 7)
	case reflect.Float32, reflect.Float64:
		f.SetFloat(f.Float() + 7.5)
	case reflect.Struct:
		if d, ok := f.Interface().(model.Date); ok {
			f.Set(reflect.ValueOf(model.Date{Time: d.AddDate(1, 1, 1)}))
		}
	case reflect.Pointer, reflect.Slice, reflect.Map:
		f.SetZero()
	}
}

// poisonLists clears what the link phase lists on the categories and
// sectors, which site.toml's key in Later.Global does not name, but for
// the lists named by keep ("category/prevention/organizations").
func poisonLists(s *model.Strategy, keep map[string]bool) func() {
	var restore []func()
	clear := func(scope string, objs *[]*model.Objective, orgs *[]*model.Organization, parts *[]*model.Partnership) {
		o, g, p := *objs, *orgs, *parts
		restore = append(restore, func() { *objs, *orgs, *parts = o, g, p })
		if !keep[scope+"/objectives"] {
			*objs = nil
		}
		if !keep[scope+"/organizations"] {
			*orgs = nil
		}
		if !keep[scope+"/partnerships"] {
			*parts = nil
		}
	}
	for _, c := range s.Site.Categories {
		clear("category/"+c.Key, &c.Objectives, &c.Organizations, &c.Partnerships)
	}
	for _, sec := range s.Site.Sectors {
		clear("sector/"+sec.Key, &sec.Objectives, &sec.Organizations, &sec.Partnerships)
	}
	return func() {
		for _, f := range restore {
			f()
		}
	}
}
