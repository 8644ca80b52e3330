package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/commonagenda/agenda/generator/model"
)

// TestDataPackage validates datapackage.json against the Data Package
// 2.0 profile, and checks it against the CSV files beside it: one
// resource per file, the right size and hash, the fields in the order of
// the header, and every cell of the fixture of its field's type.
func TestDataPackage(t *testing.T) {
	s := givingFixture()
	s.Organizations[0].Verified = model.NewDate(2026, 1, 15)
	files := givingFiles(t, s)
	b := files[DataPackageFile]
	if err := validate(t, schema(t, dataPackageSchema), DataPackageFile, b); err != nil {
		t.Fatalf("datapackage.json is not a valid Data Package:\n%v\n%s", err, b)
	}
	var pkg DataPackage
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pkg); err != nil {
		t.Fatal(err)
	}

	var csvFiles, described []string
	for name := range files {
		if path.Ext(name) == ".csv" {
			csvFiles = append(csvFiles, name)
		}
	}
	used := map[string]bool{}
	for _, r := range pkg.Resources {
		name := Dir + r.Path
		described = append(described, name)
		content, ok := files[name]
		if !ok {
			t.Errorf("resource %s: no file %s", r.Name, name)
			continue
		}
		if sum := SumOf(content); r.Bytes != sum.Bytes || r.Hash != sum.Hash {
			t.Errorf("%s: bytes %d, hash %s; the file has %d, %s", name, r.Bytes, r.Hash, sum.Bytes, sum.Hash)
		}
		records, err := csv.NewReader(bytes.NewReader(content)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range r.Schema.Fields {
			names = append(names, f.Name)
			used[f.Name] = used[f.Name] || f.Type != "string"
		}
		if !slices.Equal(names, records[0]) {
			t.Errorf("%s: fields %q, header %q", name, names, records[0])
		}
		for _, row := range records[1:] {
			for i, f := range r.Schema.Fields {
				if !fitsType(f, row[i]) {
					t.Errorf("%s: %s = %q is not a %s", name, f.Name, row[i], f.Type)
				}
			}
		}
		for _, k := range r.Schema.PrimaryKey {
			i := slices.Index(names, k)
			seen := map[string]bool{}
			for _, row := range records[1:] {
				if i < 0 || seen[row[i]] {
					t.Errorf("%s: primary key %s repeats or is missing", name, k)
				}
				seen[row[i]] = true
			}
		}
	}
	slices.Sort(csvFiles)
	slices.Sort(described)
	if !slices.Equal(csvFiles, described) {
		t.Errorf("resources %v, CSV files %v", described, csvFiles)
	}
	for name := range columnTypes {
		if !used[name] {
			t.Errorf("columnTypes names %q, a column of no file", name)
		}
	}
}

// fitsType reports whether a cell holds a value of a Table Schema field
// (an empty cell is a missing value).
func fitsType(f TableField, v string) bool {
	if v == "" {
		return true
	}
	var err error
	switch f.Type {
	case "string":
	case "number":
		_, err = strconv.ParseFloat(v, 64)
	case "year":
		_, err = strconv.Atoi(v)
		if len(v) != 4 {
			return false
		}
	case "date":
		_, err = time.Parse(time.DateOnly, v)
	case "boolean":
		yes, no := f.TrueValues, f.FalseValues
		if yes == nil {
			yes, no = []string{"true", "True", "TRUE", "1"}, []string{"false", "False", "FALSE", "0"}
		}
		return slices.Contains(yes, v) || slices.Contains(no, v)
	default:
		return false
	}
	return err == nil
}

// TestDataPackageSchemaCatchesBreakage: the profile rejects a resource
// without a path, a field of an unknown type and a malformed hash.
func TestDataPackageSchemaCatchesBreakage(t *testing.T) {
	sch := schema(t, dataPackageSchema)
	s := fixture()
	good := givingFiles(t, s)[DataPackageFile]
	for name, breakIt := range map[string]func(m map[string]any){
		"no path": func(m map[string]any) { delete(resource(m), "path") },
		"type":    func(m map[string]any) { field(m)["type"] = "text" },
		"hash":    func(m map[string]any) { resource(m)["hash"] = "sha256:not-hex" },
	} {
		var m map[string]any
		json.Unmarshal(good, &m)
		breakIt(m)
		b, _ := json.Marshal(m)
		if err := validate(t, sch, name, b); err == nil {
			t.Errorf("%s: the Data Package profile accepted it", name)
		}
	}
}

func resource(m map[string]any) map[string]any { return m["resources"].([]any)[0].(map[string]any) }

func field(m map[string]any) map[string]any {
	return resource(m)["schema"].(map[string]any)["fields"].([]any)[0].(map[string]any)
}
