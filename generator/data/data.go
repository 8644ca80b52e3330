// Package data writes the strategy as data for other programs: the whole
// strategy as /data/strategy.json, spreadsheet files under /data/ (one
// per kind of record), and an index.json next to each objective's page
// for funders' tools that follow one objective.
//
//	data/strategy.json             everything, with its figures (JSONStrategy)
//	data/objectives.csv            one row per objective
//	data/organizations.csv         one row per organization
//	data/partnerships.csv          one row per partnership
//	data/funding.csv               one row per funding commitment
//	data/indicators.csv            one row per indicator
//	data/360giving.json            funding as 360Giving grants (giving.go)
//	data/360giving.csv             the same, as a 360Giving spreadsheet
//	data/hsds/organizations.json   organizations and services in HSDS (hsds.go)
//	data/datapackage.json          a Frictionless Data Package of the CSV files (datapackage.go)
//	objectives/<id>/index.json     one objective (JSONObjectiveFile)
//	contribute/names.json          the names the forms offer (Names)
//
// The figures (funding committed and gaps, shortfalls, indicators off
// track) come from package analysis, the same Report the pages show, so
// the files and the site always agree. The /data/ page documents every
// file from the same definitions the files are written from (Fields,
// Tables), so the documentation cannot drift.
//
// Everything is deterministic: the same strategy gives byte-identical
// files. CSV files follow RFC 4180 (encoding/csv: comma-separated, a
// header row, CRLF line ends, quotes where needed), in UTF-8; list values
// are joined with "; ". Text that a spreadsheet would run as a formula
// (starting with =, +, -, @, a tab or a carriage return) is prefixed with
// an apostrophe, as content is untrusted.
package data

import (
	"cmp"
	"io"
	"net/url"
	"strings"
	"sync"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/routes"
)

// Paths of the files under /data/: the route table's (package routes),
// without the leading slash.
var (
	Dir          = strings.TrimPrefix(routes.Data, "/")
	StrategyFile = strings.TrimPrefix(routes.StrategyJSON, "/")
)

// Files returns every data file, keyed by its path in the output
// ("data/strategy.json", "objectives/pv-1/index.json"). base is the
// site's absolute address with a trailing slash.
func Files(s *model.Strategy, rep *analysis.Report, base string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := Write(s, rep, base, func(name string, data []byte) error {
		files[name] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// writeStandards writes the CSV files, the 360Giving files, the HSDS
// organizations and, last, the Data Package descriptor of the CSV files,
// which gives their sizes and hashes.
func writeStandards(s *model.Strategy, rep *analysis.Report, base string, put func(name string, data []byte) error) error {
	// Without a grant there are no 360Giving files: the standard's
	// package must hold one (routes declares them only then).
	grants := Grants(s, rep, base)
	tables := Tables(s, rep)
	if len(grants) > 0 {
		tables = append(tables, GivingTable(grants))
	}
	sums := make(map[string]FileSum, len(tables))
	for _, t := range tables {
		b := t.CSV()
		sums[t.Name] = SumOf(b)
		if err := put(Dir+t.Name, b); err != nil {
			return err
		}
	}
	if len(grants) > 0 {
		b, err := GivingJSON(s, rep, base, grants)
		if err == nil {
			err = put(GivingFile, b)
		}
		if err != nil {
			return err
		}
	}
	b, err := DataPackageJSON(s, base, tables, sums)
	if err == nil {
		err = put(DataPackageFile, b)
	}
	return err
}

// WriteHSDS makes the organizations in HSDS (HSDSFile), which are made
// from the organizations alone: a build cache keeps it apart from the
// other files (see WriteOthers), which every front matter changes. The
// file is written to stream as it is made, or put whole when stream is
// nil.
func WriteHSDS(s *model.Strategy, base string, put func(name string, data []byte) error, stream Stream) error {
	return streamOrPut(stream, put)(HSDSFile, func(w io.Writer) error { return WriteHSDSJSON(w, s, base) })
}

// Write makes the files of Files and hands each to put as soon as it is
// made, so that a build holds few of them at a time (strategy.json alone
// is tens of megabytes at 50,000 files): strategy.json beside the others,
// which are made one at a time, in a fixed order; put is called by one
// at a time. It stops at the first error, from making a file or from put.
func Write(s *model.Strategy, rep *analysis.Report, base string, put func(name string, data []byte) error) error {
	if err := WriteOthers(s, rep, base, put, nil); err != nil {
		return err
	}
	return WriteHSDS(s, base, put, nil)
}

// WriteOthers is Write but for WriteHSDS's file. strategy.json, tens of
// megabytes at 50,000 files, is written to stream as it is made, or put
// whole when stream is nil.
func WriteOthers(s *model.Strategy, rep *analysis.Report, base string, put func(name string, data []byte) error, stream Stream) error {
	// strategy.json, the largest, is made beside the others, which take
	// as long together: each on a processor of its own. put is called
	// by one at a time.
	var mu sync.Mutex
	locked := func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		return put(name, data)
	}
	var whole error
	var wg sync.WaitGroup
	wg.Go(func() {
		whole = streamOrPut(stream, locked)(StrategyFile, func(w io.Writer) error {
			return WriteStrategyJSON(w, s, rep, base)
		})
	})
	err := writeParts(s, rep, base, locked)
	wg.Wait()
	return cmp.Or(whole, err)
}

// writeParts makes the files of WriteOthers but strategy.json.
func writeParts(s *model.Strategy, rep *analysis.Report, base string, put func(name string, data []byte) error) error {
	names, err := Names(s)
	if err != nil {
		return err
	}
	if err := put(NamesFile, names); err != nil {
		return err
	}
	if err := writeStandards(s, rep, base, put); err != nil {
		return err
	}
	for _, o := range s.Objectives {
		b, err := ObjectiveJSON(s, rep, base, o)
		if err == nil {
			err = put(ObjectiveFile(o), b)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// ObjectiveFile is the path of an objective's index.json in the output.
func ObjectiveFile(o *model.Objective) string {
	return strings.TrimPrefix(routes.ObjectiveData(o.URL()), "/")
}

// absURL is the absolute address of the site path p ("/about/") under
// base, percent-encoding what may not appear raw in a URL path.
func absURL(base, p string) string {
	if !strings.ContainsFunc(p, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("/-._~", r))
	}) {
		return base + strings.TrimPrefix(p, "/") // nothing to escape
	}
	return base + strings.TrimPrefix((&url.URL{Path: p}).EscapedPath(), "/")
}
