package data

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// This file writes /data/datapackage.json, a Frictionless Data Package
// (https://datapackage.org/, version 2.0) describing every CSV file under
// /data/: its path, format, encoding, size and SHA-256 hash, and a Table
// Schema with each column's name, type and meaning, so tools such as
// frictionless validate or load the files with their types.

// DataPackageFile is the path of the descriptor in the output.
var DataPackageFile = Dir + routes.DataPackage

// DataPackageProfile is the Data Package version the descriptor follows.
const DataPackageProfile = "https://datapackage.org/profiles/2.0/datapackage.json"

// DataPackage is datapackage.json.
type DataPackage struct {
	Profile     string         `json:"$schema"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Homepage    string         `json:"homepage"`
	Resources   []DataResource `json:"resources"`
}

// DataResource is one CSV file.
type DataResource struct {
	Name        string      `json:"name"`
	Path        string      `json:"path"`
	Type        string      `json:"type"`
	Description string      `json:"description"`
	Format      string      `json:"format"`
	Mediatype   string      `json:"mediatype"`
	Encoding    string      `json:"encoding"`
	Bytes       int         `json:"bytes"`
	Hash        string      `json:"hash"`
	Schema      TableSchema `json:"schema"`
}

// TableSchema describes a CSV file's columns.
type TableSchema struct {
	Fields []TableField `json:"fields"`
	// PrimaryKey is the column that tells rows apart, when one does.
	PrimaryKey []string `json:"primaryKey,omitempty"`
	// MissingValues are the cells that mean no value: empty ones.
	MissingValues []string `json:"missingValues"`
}

// TableField is one column.
type TableField struct {
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	Description string   `json:"description"`
	TrueValues  []string `json:"trueValues,omitempty"`
	FalseValues []string `json:"falseValues,omitempty"`
}

// columnTypes are the Table Schema types of the columns that are not
// plain text ("string"), by column name: a name means the same in every
// table that has it.
var columnTypes = map[string]string{
	"start": "date", "due": "date", "started": "date", "ended": "date", "verified": "date",
	"baseline_date": "date", "target_date": "date", "Award Date": "date",
	"need": "number", "committed": "number", "gap": "number", "amount": "number",
	"funding_given": "number", "funding_received": "number",
	"baseline": "number", "target": "number", "expected": "number", "Amount Awarded": "number",
	"year": "year",
	// yes or no
	"overdue": "boolean", "survivor_led": "boolean", "survivor_voice": "boolean", "off_track": "boolean",
	// true or false
	"confidential": "boolean",
}

// primaryKeys are the columns that identify a row, by file.
var primaryKeys = map[string]string{
	routes.ObjectivesCSV: "id", routes.OrganizationsCSV: "slug", routes.PartnershipsCSV: "slug", routes.GivingCSV: "Identifier",
}

// tableField is the Table Schema field of a column.
func tableField(c Column) TableField {
	f := TableField{Name: c.Name, Type: "string", Description: c.Doc}
	if t, ok := columnTypes[c.Name]; ok {
		f.Type = t
	}
	if f.Type == "boolean" && c.Name != "confidential" {
		f.TrueValues, f.FalseValues = []string{"yes"}, []string{"no"}
	}
	return f
}

// FileSum is the size and SHA-256 hash of a file, as a Data Package
// gives them.
type FileSum struct {
	Bytes int
	Hash  string
}

// SumOf is the FileSum of b.
func SumOf(b []byte) FileSum {
	sum := sha256.Sum256(b)
	return FileSum{Bytes: len(b), Hash: "sha256:" + hex.EncodeToString(sum[:])}
}

// DataPackageJSON returns datapackage.json for the tables, whose CSV
// files sit beside it with the sizes and hashes of sums (by table name).
func DataPackageJSON(s *model.Strategy, base string, tables []Table, sums map[string]FileSum) ([]byte, error) {
	pkg := DataPackage{
		Profile:     DataPackageProfile,
		Title:       s.Site.Title,
		Description: "The spreadsheet files of the strategy, rebuilt with the site: " + absURL(base, routes.Data),
		Homepage:    absURL(base, routes.Data),
		Resources:   make([]DataResource, 0, len(tables)),
	}
	for _, t := range tables {
		sum := sums[t.Name]
		r := DataResource{
			Name: strings.TrimSuffix(t.Name, ".csv"), Path: t.Name, Type: "table", Description: t.About,
			Format: "csv", Mediatype: "text/csv", Encoding: "utf-8",
			Bytes: sum.Bytes, Hash: sum.Hash,
			Schema: TableSchema{MissingValues: []string{""}},
		}
		for _, c := range t.Columns {
			r.Schema.Fields = append(r.Schema.Fields, tableField(c))
		}
		if k, ok := primaryKeys[t.Name]; ok {
			r.Schema.PrimaryKey = []string{k}
		}
		pkg.Resources = append(pkg.Resources, r)
	}
	return marshal(pkg, routes.DataPackage)
}
