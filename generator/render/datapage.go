package render

import (
	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
	"github.com/commonagenda/agenda/generator/routes"
	"strconv"

	"github.com/commonagenda/agenda/generator/data"
)

// This file builds /data/, the page that lists and documents every data
// file package data writes. The columns and fields come from package
// data's own definitions, so the page describes exactly what is written.

// dataURL is the data page.
const dataURL = routes.Data

// DataView is /data/.
type DataView struct {
	Meta
	Intro template.HTML
	// Sizes are the files' sizes by their path ("/data/objectives.csv":
	// "12 KB"), when the build knows them.
	Sizes map[string]string
	// Currency is the code of every amount; AsOf the date overdue is
	// counted against ("" when unknown).
	Currency, AsOf string
	// Strategy is strategy.json's URL; StrategyFields its fields.
	Strategy       string
	StrategyFields []data.Field
	// Tables are the CSV files, with URLs.
	Tables []DataTable
	// ObjectiveFields document each objective's index.json; Example is
	// the index.json of the first objective ("" when there is none).
	ObjectiveFields []data.Field
	Example         string
	Version         int
	// Standards are the files in open standards' formats.
	Standards DataStandards
}

// DataStandards are the files in open standards' formats: their URLs
// and what the page says of their identifiers and versions.
type DataStandards struct {
	// GivingJSON and GivingCSV are the 360Giving files; GivingPrefix the
	// placeholder that starts their identifiers, GivingVersion the
	// standard's version, GivingTable the spreadsheet's columns.
	GivingJSON, GivingCSV, GivingPrefix, GivingVersion string
	// GivingPlaceholder is set while site.toml names no prefix.
	GivingPlaceholder bool
	GivingTable       DataTable
	// HSDS is the organizations in HSDS, of HSDSVersion; HSDSNamespace
	// the UUID namespace of its identifiers.
	HSDS, HSDSVersion, HSDSNamespace string
	// DataPackage is the Data Package descriptor of the CSV files.
	DataPackage string
}

// DataTable is one CSV file.
type DataTable struct {
	Name, URL, About string
	Columns          []data.Column
}

// dataView is /data/.
func (r *renderer) dataView() any {
	m := r.listPage(dataURL, "Data downloads", "The whole strategy as data: JSON and spreadsheet files, rebuilt with the site.")
	v := DataView{
		Meta: m, Intro: r.bodyOf(r.intro(dataURL)), Currency: r.currency, AsOf: r.s.Today.String(),
		Strategy: "/" + data.StrategyFile, StrategyFields: data.StrategyFields(),
		ObjectiveFields: data.ObjectiveFileFields(), Version: data.Version,
	}
	for _, t := range data.Schemas() {
		v.Tables = append(v.Tables, DataTable{Name: t.Name, URL: "/" + data.Dir + t.Name, About: t.About, Columns: t.Columns})
	}
	v.Standards = DataStandards{
		GivingJSON: r.routed("/" + data.GivingFile), GivingCSV: r.routed("/" + data.GivingCSVFile),
		GivingPrefix: data.Prefix(r.s), GivingPlaceholder: data.Prefix(r.s) == data.GivingPrefix, GivingVersion: data.GivingVersion,
		GivingTable: DataTable{Name: "360giving.csv", Columns: data.GivingTable(nil).Columns},
		HSDS:        "/" + data.HSDSFile, HSDSVersion: data.HSDSVersion, HSDSNamespace: data.HSDSNamespaceString(),
		DataPackage: "/" + data.DataPackageFile,
	}
	if len(r.s.Objectives) > 0 {
		v.Example = "/" + data.ObjectiveFile(r.s.Objectives[0])
	}
	if r.sizes != nil {
		v.Sizes = map[string]string{}
		for file, n := range r.sizes() {
			v.Sizes["/"+file] = fileSize(n)
		}
	}
	return v
}

// fileSize writes a file's size for people: "850 bytes", "12 KB", "3.4 MB".
func fileSize(n int) string {
	switch {
	case n < 1000:
		return plural(n, "byte", "bytes")
	case n < 1000*1000:
		return strconv.Itoa((n+500)/1000) + " KB"
	}
	return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB"
}

// routed is the path when the route table has it, else "".
func (r *renderer) routed(path string) string {
	if r.routes.Lookup(path) == nil {
		return ""
	}
	return path
}
