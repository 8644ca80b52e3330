// Package load is the first phase of the generator: it reads a content
// folder into a model.Strategy and reports every problem it finds in the
// files' form, each at its file, line and column.
//
// # What it reads
//
//	site.toml                    the site settings (plain TOML)
//	_index.md                    the home page's introduction (Strategy.Home)
//	objectives/**/*.md           one objective each, at any depth
//	organizations/*.md           one organization each; the slug is the file name
//	partnerships/*.md            one partnership each; the slug is the file name
//	objectives/_index.md         the introduction of /objectives/ (Strategy.Intros),
//	                             likewise for organizations/, partnerships/,
//	                             coverage/, funding/ and data/
//	any other .md                a plain page: about.md is /about/,
//	                             help/faq.md is /help/faq/, help/_index.md is /help/
//	any other file               copied as is (Strategy.Files), when of a
//	                             safe type (SafeTypes); other files, and any
//	                             file but Markdown in the entity folders, are
//	                             errors
//
// Names starting with "." are skipped everywhere, and so are editors'
// backup and probe files (Skipped). Every list is sorted by
// the file's path, so the result does not depend on the order files are
// read in (they are read in parallel).
//
// # Front matter
//
// Every Markdown file starts with TOML between "+++" lines
// (SplitFrontMatter). The TOML is decoded by BurntSushi/toml into a map,
// then into the model's structs by their tags (`toml:"key"`,
// `agenda:"required"`), reporting unknown keys (with a "did you mean"
// hint), missing required keys, wrong types and quoted dates. Positions of
// keys come from KeyPositions and are kept in Doc.Keys for later phases.
//
// What load does not check: references between files, vocabularies, the
// form of ids and slugs, duplicates. That is the check phase's job.
package load

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/internal/gitobj"
	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/timeline"
)

// Options change what Load keeps.
type Options struct {
	// Drafts keeps items with draft = true; otherwise they are checked
	// for problems and left out.
	Drafts bool
	// Cache, when set, lets this Load reuse the parse of every file whose
	// contents did not change since the Load that last used the cache.
	Cache *Cache
	// Changed, with a Cache, names the only paths (slash paths under the
	// content folder: files, or folders created or removed) that may have
	// changed since the Load that last used the Cache, as a file watcher
	// reported them. Every other file is taken as it was then without
	// being looked at, so an edit costs reading what changed, not listing
	// and examining ten thousand files. Nil means that anything may have
	// changed: every file is looked at.
	Changed []string
	// Tables, when set, keeps the parsed front matter of every file for
	// a later build and offers that of an earlier one (agenda build's
	// cache; see Tables).
	Tables *Tables
	// Blobs names each objective, organization and partnership by the
	// name Git gives its bytes (model.Doc.Blob), for the history.
	Blobs bool
	// Stamps, when set, spares reading the files that did not change
	// since an earlier build, and keeps what this one read for a later
	// one (agenda build's cache; see Stamps). It needs Tables.
	Stamps *Stamps
}

// newEntity is an empty objective, organization or partnership for the
// file doc, by kind, with the noun messages call it; nil for another kind.
func newEntity(k kind, slug string, doc *model.Doc) (any, string) {
	switch k {
	case kindObjective:
		return &model.Objective{Doc: doc}, "objective"
	case kindOrganization:
		return &model.Organization{Slug: slug, Doc: doc}, "organization"
	case kindPartnership:
		return &model.Partnership{Slug: slug, Doc: doc}, "partnership"
	}
	return nil, ""
}

// Skipped reports whether a file or folder name is left out of the
// content: hidden names (".git", ".DS_Store"), and the files editors leave
// beside the one being saved (Emacs' and Vim's "name~" backups, Vim's
// "4913" probe), which are never content and come and go with each save.
func Skipped(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || name == "4913"
}

const siteFile = "site.toml"

// kind is what a content file becomes.
type kind int

const (
	kindFile kind = iota
	kindObjective
	kindOrganization
	kindPartnership
	kindPage
	kindHome
	kindIntro
	kindMisplaced // a .md nested under organizations/ or partnerships/
)

// job is one content file to read.
type job struct {
	rel  string
	kind kind
	// stamp is the file's size and modification time, when a Cache
	// asks for them.
	stamp stamp
	// same is set when a file watcher said the file has not changed
	// since the Cache last saw it (Options.Changed).
	same bool
}

// stamp tells whether a file may have changed without reading it.
type stamp struct {
	size int64
	mod  int64 // Unix nanoseconds
}

// Load reads the content folder fsys. display is how the folder is shown
// in diagnostics ("content", "../site/content"); each Doc.Path is display
// joined with the file's slash path. The strategy is returned even when
// there are errors, holding everything that could be read, with its
// lookups built (Strategy.Index).
func Load(fsys fs.FS, display string, opts Options) (*model.Strategy, *diag.List) {
	diags := &diag.List{}
	s := &model.Strategy{Intros: map[string]*model.Page{}}
	s.Site = loadSite(fsys, display, diags)
	var jobs []job
	prune := opts.Cache != nil
	if opts.Cache != nil && opts.Changed != nil {
		// Files that left the list are forgotten; when none did, the
		// cache has nothing to forget.
		jobs, prune = opts.Cache.update(fsys, opts.Changed)
	}
	if jobs == nil {
		prune = opts.Cache != nil
		walked := &diag.List{}
		endList := timeline.Begin("load: list")
		jobs = walk(fsys, display, walked)
		endList()
		if opts.Cache != nil {
			// A later Load may start from this list only if walking found
			// nothing to say: the warnings are about files that a change
			// report might not name again.
			opts.Cache.listed(jobs, walked.Len() == 0)
		}
		diags.Merge(walked)
	}
	if prune {
		defer opts.Cache.keep(jobs)
	}
	endParse := timeline.Begin("load: parse")
	items := parseAll(fsys, display, jobs, opts.Cache, opts.Tables, opts.Stamps, opts.Blobs, diags)
	endParse()
	defer timeline.Begin("load: add")()
	for i, j := range jobs {
		if j.kind == kindFile {
			if problem, hint := unsafeFile(j.rel); problem != "" {
				diags.ErrorHint(diag.Pos{Path: displayPath(display, j.rel)}, hint, "%s", problem)
				// A Markdown file with the wrong extension still claims
				// its name, so the files that name it are not reported.
				if c := claimMisnamed(j.rel); c != nil {
					s.Unreadable = append(s.Unreadable, *c)
				}
				continue
			}
		}
		add(s, j, items[i], opts)
	}
	s.Index()
	return s, diags
}

// walk lists the content files in order of their slash paths and sorts
// each into its kind.
func walk(fsys fs.FS, display string, diags *diag.List) []job {
	var jobs []job
	err := fs.WalkDir(fsys, ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Errorf(diag.Pos{Path: displayPath(display, rel)}, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		if rel == "." {
			return nil
		}
		if Skipped(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir(), rel == siteFile:
		case !d.Type().IsRegular():
			diags.Warnf(diag.Pos{Path: displayPath(display, rel)}, "skipped: not a regular file")
		default:
			jobs = append(jobs, job{rel: rel, kind: classify(rel)})
		}
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Pos{Path: display}, "cannot read: %v", unwrapPathError(err))
	}
	slices.SortFunc(jobs, func(a, b job) int { return strings.Compare(a.rel, b.rel) })
	return jobs
}

// lists are the folders whose items have generated list pages.
var lists = []string{"objectives", "organizations", "partnerships", "coverage", "funding", "data"}

// classify says what the file at rel becomes.
func classify(rel string) kind {
	if !strings.HasSuffix(rel, ".md") {
		return kindFile
	}
	top, rest, nested := strings.Cut(rel, "/")
	switch {
	case rel == "_index.md":
		return kindHome
	case nested && rest == "_index.md" && slices.Contains(lists, top):
		return kindIntro
	case nested && top == "objectives":
		return kindObjective
	case nested && (top == "organizations" || top == "partnerships") && strings.Contains(rest, "/"):
		return kindMisplaced
	case nested && top == "organizations":
		return kindOrganization
	case nested && top == "partnerships":
		return kindPartnership
	}
	return kindPage
}

// pagePath is the URL path of the plain page at rel: "about.md" is
// "/about/", "help/_index.md" and "help/index.md" are "/help/".
func pagePath(rel string) string {
	p := strings.TrimSuffix(rel, ".md")
	if base := path.Base(p); base == "_index" || base == "index" {
		p = path.Dir(p)
	}
	if p == "." {
		return "/"
	}
	return "/" + p + "/"
}

// displayPath is rel as shown to people.
func displayPath(display, rel string) string {
	if display == "" || display == "." {
		return rel
	}
	return path.Join(display, rel)
}

// parseAll reads and parses the Markdown files of jobs on a pool of
// workers. items[i] is the entity read from jobs[i], or nil.
func parseAll(fsys fs.FS, display string, jobs []job, cache *Cache, tables *Tables, stamps *Stamps, blobs bool, diags *diag.List) []any {
	items := make([]any, len(jobs))
	// The files a watcher said are unchanged come from the cache, at
	// once; the pool is for the others.
	var todo []int
	if cache != nil {
		cache.mu.RLock()
		for i, j := range jobs {
			if e, ok := cache.files[j.rel]; ok && j.same {
				items[i] = e.item
				for _, d := range e.diags {
					diags.Add(d)
				}
				continue
			}
			todo = append(todo, i)
		}
		cache.mu.RUnlock()
	} else {
		todo = make([]int, len(jobs))
		for i := range todo {
			todo[i] = i
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	// More workers than processors, so that reading a file from a cold
	// disk does not leave a processor idle.
	for range min(4*runtime.GOMAXPROCS(0), 16, len(todo)) {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(todo) {
					return
				}
				i := todo[k]
				items[i] = parseSafely(fsys, display, jobs[i], cache, tables, stamps, blobs, diags)
			}
		})
	}
	wg.Wait()
	return items
}

// parseSafely is parseJob that turns a panic into a diagnostic: a panic
// in a worker would end the whole program, and content is untrusted.
func parseSafely(fsys fs.FS, display string, j job, cache *Cache, tables *Tables, stamps *Stamps, blobs bool, diags *diag.List) (item any) {
	defer func() {
		if r := recover(); r != nil {
			diags.Errorf(diag.Pos{Path: displayPath(display, j.rel)}, "internal error reading this file: %v", r)
			item = nil
		}
	}()
	item = parseJob(fsys, display, j, cache, tables, stamps, blobs, diags)
	if s, ok := item.(interface{ Settle() }); ok {
		s.Settle()
	}
	return item
}

// parseJob reads one content file into its entity: *model.Objective,
// *model.Organization, *model.Partnership or *model.Page. It returns nil
// for copied files and for files that could not be read.
func parseJob(fsys fs.FS, display string, j job, cache *Cache, tables *Tables, stamps *Stamps, blobs bool, diags *diag.List) any {
	doc := &model.Doc{Path: displayPath(display, j.rel), Rel: j.rel}
	var item any
	noun := "page"
	slug := strings.TrimSuffix(path.Base(j.rel), ".md")
	switch j.kind {
	case kindFile:
		return nil
	case kindMisplaced:
		top, _, _ := strings.Cut(j.rel, "/")
		diags.ErrorHint(diag.Pos{Path: doc.Path}, "move it to "+top+"/"+path.Base(j.rel),
			"files in %s/ must sit directly in that folder, not in a subfolder", top)
		return nil
	case kindObjective, kindOrganization, kindPartnership:
		item, noun = newEntity(j.kind, slug, doc)
	case kindHome:
		item = &model.Page{Path: "/", Doc: doc}
	case kindIntro:
		item = &model.Page{Path: "/" + path.Dir(j.rel) + "/", Doc: doc}
	default:
		item = &model.Page{Path: pagePath(j.rel), Doc: doc}
	}
	if cache != nil {
		// A cache of parsed files may spare the reading, by the file's
		// size and time, looked at here, on the pool of workers.
		if info, err := fs.Stat(fsys, j.rel); err == nil {
			j.stamp = stamp{info.Size(), info.ModTime().UnixNano()}
		}
		if e, ok := cache.unchanged(j.rel, j.stamp); ok {
			for _, d := range e.diags {
				diags.Add(d)
			}
			return e.item
		}
	}
	// The history knows an entity's versions by their Git blob names.
	entity := j.kind == kindObjective || j.kind == kindOrganization || j.kind == kindPartnership
	var st statStamp
	if stamps != nil && tables != nil {
		// A file unchanged since the last build is not read (Stamps). A
		// link is not followed: it is refused when read.
		if d, ok := fsys.(dirFS); ok {
			st, _ = d.stampOf(j.rel)
		}
		if f, ok := stamps.unchanged(j.rel, st); ok && (!blobs || !entity || f.blob != [20]byte{}) {
			// Unless its front matter was not kept: then it is read as
			// any file.
			if _, ok := decodeKept(doc, item, noun, f.frontSum, tables, diags); ok {
				doc.Open = diag.Pos{Path: doc.Path, Line: f.open, Col: 1}
				doc.BodySum = f.bodySum
				if blobs && entity {
					doc.Blob = f.blob
				}
				doc.WithBodyReader(bodyReader(fsys, j.rel, f.bodySum))
				stamps.keep(j.rel, f, true)
				return item
			}
		}
	}
	src, err := readContent(fsys, j.rel)
	switch {
	case errors.Is(err, errTooLarge):
		diags.Errorf(diag.Pos{Path: doc.Path}, "the file is larger than %d MB", maxFile>>20)
		return claimOf(j, nil)
	case err != nil:
		diags.Errorf(diag.Pos{Path: doc.Path}, "cannot read: %v", unwrapPathError(err))
		return claimOf(j, nil)
	}
	if blobs && entity {
		doc.Blob = gitobj.BlobID(src)
	}
	if cache == nil {
		if stamps != nil {
			own := &diag.List{}
			ok := parseMarkdown(src, doc, item, noun, tables, own)
			if ok && own.Len() == 0 && doc.Body != nil {
				doc.BodySum = sha256.Sum256(doc.Body)
				stamps.keep(j.rel, fileStamp{stat: st, open: doc.Open.Line, frontSum: doc.FrontSum, bodySum: doc.BodySum, blob: doc.Blob}, false)
			}
			diags.Merge(own)
			if !ok {
				return claimOf(j, src)
			}
			return item
		}
		if !parseMarkdown(src, doc, item, noun, tables, diags) {
			return claimOf(j, src)
		}
		return item
	}
	if e, ok := cache.lookup(j.rel, src, j.stamp); ok {
		for _, d := range e.diags {
			diags.Add(d)
		}
		return e.item
	}
	own := &diag.List{}
	if !parseMarkdown(src, doc, item, noun, tables, own) {
		item = claimOf(j, src)
	}
	cache.store(j.rel, cached{src: src, stamp: j.stamp, item: item, diags: own.Items()})
	diags.Merge(own)
	return item
}

// readContent reads the content file at rel, refusing one larger than
// maxFile (errTooLarge) without reading it: DirFS reads a file with one
// open and refuses what is not a plain file; any other folder is asked
// the file's size first.
func readContent(fsys fs.FS, rel string) ([]byte, error) {
	if d, ok := fsys.(dirFS); ok {
		return d.readRegular(rel, maxFile)
	}
	if info, err := fs.Stat(fsys, rel); err == nil && info.Size() > maxFile {
		return nil, errTooLarge
	}
	src, err := fs.ReadFile(fsys, rel)
	if err == nil && len(src) > maxFile {
		return nil, errTooLarge
	}
	return src, err
}

// claimOf is what an objective, organization or partnership file that
// could not be read or parsed still says of itself (model.Claim): its
// slug, or its id as its id line gives it, best effort, and its file
// name; nil for other files. src is the file, when it was read.
func claimOf(j job, src []byte) any {
	name := strings.TrimSuffix(path.Base(j.rel), ".md")
	switch j.kind {
	case kindOrganization:
		return model.Claim{Kind: "organization", Rel: j.rel, Names: []string{name}}
	case kindPartnership:
		return model.Claim{Kind: "partnership", Rel: j.rel, Names: []string{name}}
	case kindObjective:
		names := []string{name}
		if m := idLine.FindSubmatch(src); m != nil {
			names = append(names, string(m[1]))
		}
		return model.Claim{Kind: "objective", Rel: j.rel, Names: names}
	}
	return nil
}

// claimMisnamed is the claim of a Markdown file with another extension
// directly in an entity folder ("organizations/x.markdown"), or nil.
func claimMisnamed(rel string) *model.Claim {
	name, ok := misnamedMarkdown(rel)
	top, rest, _ := strings.Cut(rel, "/")
	if !ok || strings.Contains(rest, "/") && top != "objectives" {
		return nil
	}
	i := slices.IndexFunc(kinds, func(k contentKind) bool { return k.folder == top })
	if i < 0 {
		return nil
	}
	return &model.Claim{Kind: kinds[i].noun, Rel: rel, Names: []string{name}}
}

// idLine finds an objective's id in a file TOML could not read: a line
// such as id = "PT-1", with straight or curly quotes.
var idLine = regexp.MustCompile(`(?m)^\s*id\s*[=:]\s*["'“”‘’]?([A-Za-z0-9][A-Za-z0-9._-]*)`)

// add puts the item read from j into the strategy, unless it is a draft
// and drafts are not wanted.
func add(s *model.Strategy, j job, item any, opts Options) {
	if j.kind == kindFile {
		s.Files = append(s.Files, model.File{Rel: j.rel, Path: j.rel})
		return
	}
	switch x := item.(type) {
	case *model.Objective:
		if opts.Drafts || !x.Draft {
			s.Objectives = append(s.Objectives, x)
		} else {
			s.Drafts = append(s.Drafts, model.Claim{Kind: "objective", Rel: j.rel, Names: []string{x.ID}})
		}
	case *model.Organization:
		if opts.Drafts || !x.Draft {
			s.Organizations = append(s.Organizations, x)
		} else {
			s.Drafts = append(s.Drafts, model.Claim{Kind: "organization", Rel: j.rel, Names: []string{x.Slug}})
		}
	case *model.Partnership:
		if opts.Drafts || !x.Draft {
			s.Partnerships = append(s.Partnerships, x)
		} else {
			s.Drafts = append(s.Drafts, model.Claim{Kind: "partnership", Rel: j.rel, Names: []string{x.Slug}})
		}
	case model.Claim:
		s.Unreadable = append(s.Unreadable, x)
	case *model.Page:
		switch {
		case x.Draft && !opts.Drafts:
		case j.kind == kindHome:
			s.Home = x
		case j.kind == kindIntro:
			s.Intros[x.Path] = x
		default:
			s.Pages = append(s.Pages, x)
		}
	}
}
