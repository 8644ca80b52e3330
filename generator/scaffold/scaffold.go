// Package scaffold starts new content files for `agenda new`:
//
//	agenda new objective "Train hotel staff" --category prevention
//	agenda new organization "Harbor House"
//	agenda new partnership "Northern Task Force"
//
// The file has every key of its kind (package schema): the required ones
// first, filled where the name and flags say what they are and otherwise
// left empty, so `agenda check` points at each one until it is filled in;
// then every optional key, commented out under its description.
//
// An objective gets the next free id in its category, following the ids
// already there (PV-3 is followed by PV-4; a category with no objectives
// yet starts at the first two letters of its key, PR-1), and is written to
// objectives/<id in lower case>.md. Organizations and partnerships are
// written to <folder>/<slug>.md, the slug made from the name. An existing
// file is never overwritten.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/load"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/schema"
)

// Request says what to create.
type Request struct {
	// Kind is objective, organization or partnership.
	Kind string
	// Name is the new item's title.
	Name string
	// Category is an objective's category key (optional).
	Category string
	// Source is the content folder.
	Source string
	// Today is the example date in commented-out date keys.
	Today model.Date
}

// Kinds are the kinds of file New creates.
var Kinds = []string{"objective", "organization", "partnership"}

// New writes the file and returns its path. It reads the existing
// content to choose the id and to list the known categories and sectors,
// but does not need it to be free of errors.
func New(req Request) (string, error) {
	kind, ok := schema.Lookup(req.Kind)
	if !ok || kind.Name == "page" || kind.Name == "site" {
		return "", fmt.Errorf("unknown kind %q (known: %s)", req.Kind, strings.Join(Kinds, ", "))
	}
	name := strings.TrimSpace(req.Name)
	if name == "" {
		return "", errors.New("give the new " + req.Kind + " a name")
	}
	s, _ := load.Load(os.DirFS(req.Source), filepath.ToSlash(req.Source), load.Options{Drafts: true})
	if s == nil {
		s = &model.Strategy{}
	}
	s.Index()

	values := map[string]string{"title": quote(name)}
	notes := map[string]string{}
	var rel string
	switch req.Kind {
	case "objective":
		notes["category"] = known(s.CategoryKeys())
		notes["sectors"] = known(s.SectorKeys())
		id := ""
		// Its category gives an objective its id: without one, the file
		// would start with id = "", to be invented by hand.
		if req.Category == "" && len(s.Site.Categories) > 0 {
			return "", fmt.Errorf("an objective needs its category, which gives it its id: add --category with one of %s", strings.Join(s.CategoryKeys(), ", "))
		}
		if req.Category != "" {
			if len(s.Site.Categories) > 0 && s.Category(req.Category) == nil {
				return "", fmt.Errorf("unknown category %q %s", req.Category, known(s.CategoryKeys()))
			}
			values["category"] = quote(req.Category)
			id = NextID(s, req.Category)
			values["id"] = quote(id)
			rel = path.Join("objectives", strings.ToLower(id)+".md")
		} else {
			slug, err := Slug(name)
			if err != nil {
				return "", err
			}
			rel = path.Join("objectives", slug+".md")
		}
	case "organization", "partnership":
		slug, err := Slug(name)
		if err != nil {
			return "", err
		}
		rel = path.Join(req.Kind+"s", slug+".md")
		if req.Kind == "organization" {
			notes["sector"] = known(s.SectorKeys())
		}
	}
	text := schema.Template(kind, values, notes, req.Today)
	return write(req.Source, rel, text)
}

// write creates the file, refusing to replace an existing one.
func write(source, rel, text string) (string, error) {
	p := filepath.Join(source, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists; not overwriting it", p)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return "", err
	}
	return p, f.Close()
}

// known lists values for a comment: "Known: a, b, c."
func known(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return "Known: " + strings.Join(values, ", ") + "."
}

// idPattern splits a top-level objective id into prefix and number:
// "PV-3" is "PV-" and 3. Ids of sub-objectives (PV-3.1) do not match.
var idPattern = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9]*[-_.]?)([0-9]+)$`)

// NextID proposes the next free top-level id in a category: the prefix
// most of its top-level objectives use (the first in id order on a tie),
// followed by one more than the highest number with that prefix. A
// category with none starts at the first two letters of its key, upper
// case, then "-1". The id is free in the whole strategy, ignoring case.
func NextID(s *model.Strategy, category string) string {
	count := map[string]int{}
	highest := map[string]int{}
	best := ""
	for _, o := range s.Objectives {
		m := idPattern.FindStringSubmatch(o.ID)
		if o.Category != category || m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		count[m[1]]++
		highest[m[1]] = max(highest[m[1]], n)
		if best == "" || count[m[1]] > count[best] || count[m[1]] == count[best] && m[1] < best {
			best = m[1]
		}
	}
	if best == "" {
		key := strings.ToUpper(strings.Map(func(r rune) rune {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				return r
			}
			return -1
		}, category))
		best = key[:min(2, len(key))] + "-"
		if best == "-" {
			best = "OBJ-"
		}
	}
	for n := highest[best] + 1; ; n++ {
		id := best + strconv.Itoa(n)
		if s.Objective(id) == nil {
			return id
		}
	}
}

// Slug makes a file name from a name: lower-case letters and digits,
// other characters turned into single hyphens ("Harbor House (North)" is
// "harbor-house-north").
func Slug(name string) (string, error) {
	slug := model.Slugify(name)
	if slug == "" {
		return "", fmt.Errorf("cannot make a file name from %q: file names, which are the pages' addresses, use letters a to z and digits; give the name written in those (its sound, or its English name), then write the name in its own script as the title in the new file", name)
	}
	return slug, nil
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
