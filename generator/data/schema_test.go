package data

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dlclark/regexp2"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The official JSON schemas of the standards the data files follow are
// in testdata/schemas, each with where it came from (see the README
// there). Tests validate the files against them with
// santhosh-tekuri/jsonschema, which implements drafts 4 to 2020-12 and
// asserts formats (uuid, uri, email, date-time) when asked to.

// ecmaRegexp is dlclark/regexp2 in ECMAScript mode: JSON Schema patterns
// are ECMA-262 regular expressions, and the Data Package profile's use
// lookahead, which Go's regexp does not have.
type ecmaRegexp regexp2.Regexp

func (re *ecmaRegexp) MatchString(s string) bool {
	ok, err := (*regexp2.Regexp)(re).MatchString(s)
	return err == nil && ok
}

func (re *ecmaRegexp) String() string { return (*regexp2.Regexp)(re).String() }

func compileECMA(s string) (jsonschema.Regexp, error) {
	re, err := regexp2.Compile(s, regexp2.ECMAScript)
	if err != nil {
		return nil, err
	}
	return (*ecmaRegexp)(re), nil
}

// loadSchemaDoc reads a schema file under testdata/schemas.
func loadSchemaDoc(t testing.TB, rel string) any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "schemas", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return doc
}

// schemaSet compiles one schema of a standard: the documents are added
// under the URLs their $refs name, so nothing is fetched.
type schemaSet struct {
	// docs maps a URL to a file under testdata/schemas.
	docs map[string]string
	// root is the URL of the schema to compile.
	root string
	// closed sets additionalProperties to false in every object schema
	// that lists properties and says nothing of others, so a misspelt
	// field fails (HSDS validates its examples that way).
	closed bool
	// edit, when set, changes the root document before it is compiled.
	edit func(doc any)
}

func (ss schemaSet) compile(t testing.TB) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.UseRegexpEngine(compileECMA)
	for url, rel := range ss.docs {
		doc := loadSchemaDoc(t, rel)
		if ss.closed {
			closeObjects(doc)
		}
		if url == ss.root && ss.edit != nil {
			ss.edit(doc)
		}
		if err := c.AddResource(url, doc); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
	}
	sch, err := c.Compile(ss.root)
	if err != nil {
		t.Fatalf("compiling %s: %v", ss.root, err)
	}
	return sch
}

func closeObjects(v any) {
	switch v := v.(type) {
	case map[string]any:
		if _, ok := v["properties"].(map[string]any); ok {
			if _, set := v["additionalProperties"]; !set {
				v["additionalProperties"] = false
			}
		}
		for _, e := range v {
			closeObjects(e)
		}
	case []any:
		for _, e := range v {
			closeObjects(e)
		}
	}
}

// validate checks a JSON document against a schema, reporting every
// violation.
func validate(t testing.TB, sch *jsonschema.Schema, name string, b []byte) error {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s is not JSON: %v", name, err)
	}
	return sch.Validate(doc)
}

// The standards' schemas.
const givingBase = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/"

var (
	givingSchema = schemaSet{
		docs: map[string]string{
			givingBase + "360-giving-package-schema.json": "360giving/360-giving-package-schema.json",
			givingBase + "360-giving-schema.json":         "360giving/360-giving-schema.json",
			// The package schema of 1.4.3 still refers to the grant
			// schema under 1.4.2's address (see the README).
			strings.Replace(givingBase, "1.4.3", "1.4.2", 1) + "360-giving-schema.json": "360giving/360-giving-schema.json",
		},
		root: givingBase + "360-giving-package-schema.json",
	}
	// hsdsSchema is one organization: the file is an array of them,
	// HSDS's organization package, whose items are this schema.
	hsdsSchema = schemaSet{
		docs:   map[string]string{"https://openreferral.example/hsds/organization.json": "hsds/organization.json"},
		root:   "https://openreferral.example/hsds/organization.json",
		closed: true,
	}
	dataPackageSchema = schemaSet{
		docs: map[string]string{DataPackageProfile: "datapackage/datapackage.json"},
		root: DataPackageProfile,
	}
)

var (
	compiledMu sync.Mutex
	compiled   = map[string]*jsonschema.Schema{}
)

// schema compiles a schema set once for all the tests that use it
// unchanged.
func schema(t testing.TB, ss schemaSet) *jsonschema.Schema {
	t.Helper()
	compiledMu.Lock()
	defer compiledMu.Unlock()
	if sch, ok := compiled[ss.root]; ok {
		return sch
	}
	sch := ss.compile(t)
	compiled[ss.root] = sch
	return sch
}
