// Package model is the domain of Common Agenda: a strategy made of
// objectives grouped by the four Ps, the organizations that work on them and
// the partnerships they form, each tagged by sector.
//
// The types are plain Go values with no knowledge of HTML, flags or the
// file system. Fields tagged `toml` are read from a file's front matter by
// the load phase; the struct tags are also the schema the field reference is
// generated from:
//
//	toml:"key"            the front-matter key ("-" for fields not read)
//	agenda:"required"     the key must be present
//	doc:"..."             one line for contributors
//	values:"sectors"      the value (or each of a list's) is one of a
//	                      vocabulary: categories, sectors, statuses, kinds,
//	                      levels, or the ids or slugs of objectives,
//	                      organizations or recipients (either)
//	format:"email"        a text's form: id, web, email or phone
//	min:"2"               the least a number may be, or the fewest
//	                      entries a list may have
//	form:"-"              left out of the site's forms for new files
//	                      (aliases, drafts: what a newcomer never sets)
//
// Fields without a toml key are filled by the link phase (see package link):
// resolved references and reverse links. They are empty in what the load
// phase parses, which is never written after parsing and may be shared by
// many builds (the dev server and the build cache keep it); the link phase
// fills them in copies it makes for one build, the build's snapshot, which
// nothing writes once Link returns.
package model

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/commonagenda/agenda/generator/diag"
)

// Date is a calendar date read from a TOML local date. The zero Date means
// "not given".
type Date struct{ time.Time }

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// String formats the date as 2006-01-02, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// Vocabularies fixed by the specification.
var (
	Statuses = []string{"planned", "in-progress", "at-risk", "achieved", "discontinued"}
	Kinds    = []string{"task-force", "coalition", "alliance", "working-group", "network", "agreement"}
	Levels   = []string{"cooperation", "coordination", "collaboration"}
)

// DefaultStatus is an objective's status when none is given.
const DefaultStatus = "planned"

// Forms of identifiers.
var (
	// IDPattern is the form of an objective id, such as PV-1.2.
	// At most MaxIDLength characters, and not ending with a dot.
	IDPattern = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9_-])?$`)
	// SlugPattern is the form of an organization or partnership slug, the
	// file name without ".md".
	SlugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	// KeyPattern is the form of a category or sector key.
	KeyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// IsSlug reports whether s matches SlugPattern (and KeyPattern, the same
// form), without a regular expression: it is asked of every file on every
// build.
func IsSlug(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' && i > 0 {
			continue
		}
		return false
	}
	return s != ""
}

// IsID reports whether s matches IDPattern, without a regular expression.
func IsID(s string) bool {
	if len(s) > MaxIDLength || strings.HasSuffix(s, ".") {
		// A folder is named by the id: no file system takes a name of
		// hundreds of characters, and Windows drops a final dot.
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			i > 0 && (c == '.' || c == '_' || c == '-') {
			continue
		}
		return false
	}
	return s != ""
}

// MaxIDLength is the longest an objective id may be.
const MaxIDLength = 64

// Doc is the file an entity was read from: where it is, where each of its
// front-matter keys sits (for diagnostics), and its Markdown body.
type Doc struct {
	// Path is the file's path as shown to people, relative to the current
	// folder when the source was given that way ("content/objectives/pv-1.md").
	Path string
	// Rel is the slash-separated path relative to the content root
	// ("objectives/pv-1.md").
	Rel string
	// Open is the position of the opening "+++" line.
	Open diag.Pos
	// Keys maps key paths to their positions: "lead", "lead.1",
	// "indicators.0.progress.2.value".
	Keys Keys
	// Body is the whole file with its front matter lines blanked, so
	// positions in the parsed Markdown are positions in the file. Only
	// the markdown phase reads it: it is nil in the linked strategy.
	Body []byte

	// Unread are the key paths whose values could not be read (of the
	// wrong type, reported where they are): checks that depend on them
	// count them as absent and say nothing more, so that one mistake
	// gives one message.
	Unread []string

	// Front identifies the front matter: a hash of its text and of the
	// line it opens on. Two documents of one file with the same Front
	// parse to equal entities, whatever their bodies. FrontSum is the
	// same as a SHA-256, the same in every process: what a build cache
	// names things made from front matter alone by.
	Front    uint64
	FrontSum [32]byte

	// Blob is the name Git gives the file's bytes (a SHA-1 object
	// name) for an objective, organization or partnership: the history
	// knows which version of a file the build read by it.
	Blob [20]byte

	// BodySum is the SHA-256 of Body, when the load phase made it (a
	// build with a build cache): a body is known by it. Such a build
	// may leave the body of a file it found unchanged unread (Body nil)
	// until something asks for it (Markdown).
	BodySum [32]byte
	// readBody reads Body from the file, for a body left unread.
	readBody func() ([]byte, error)
}

// Markdown returns the document's body: Body, or for a body the load
// phase left unread, the file's, read now. A file that no longer holds
// the body BodySum names is an error: it changed during the build.
func (d *Doc) Markdown() ([]byte, error) {
	if d.Body != nil || d.readBody == nil {
		return d.Body, nil
	}
	return d.readBody()
}

// BodyUnread reports whether the body was left unread (see BodySum).
func (d *Doc) BodyUnread() bool { return d.Body == nil && d.readBody != nil }

// WithBodyReader returns d to read its body with read when asked
// (Markdown), its Body left nil: for the load phase.
func (d *Doc) WithBodyReader(read func() ([]byte, error)) *Doc {
	d.Body, d.readBody = nil, read
	return d
}

// Heading is a heading in a body.
type Heading struct {
	Level int
	ID    string
	Text  string
	// At is where Text starts in the body's plain text (Rendered.Text),
	// which holds each heading's text whole, in order: the search index
	// cuts the text into sections there.
	At int
}

// Pos returns the position of a front-matter key path, falling back to its
// nearest known parent ("lead.3" to "lead") and then to the opening "+++".
func (d *Doc) Pos(key string) diag.Pos {
	if d == nil {
		return diag.Pos{}
	}
	for key != "" {
		if p, ok := d.Keys.Get(key); ok {
			return p
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return d.Open
}

// Entity is what every page-producing content item shares.
type Entity interface {
	Document() *Doc
	URL() string
	Name() string
}

// Slugify makes a slug from a name: lower-case ASCII letters and digits,
// every run of other characters turned into one hyphen ("Harbor House
// (North)" is "harbor-house-north"). The result is "" when the name has no
// such letter or digit; otherwise it matches SlugPattern.
func Slugify(name string) string {
	// Most names are plain ASCII: lowered and looked at a byte at a time,
	// without a copy of the lowered name or a look-up per letter.
	b := make([]byte, 0, len(name))
	hyphen := false
	letter := func(s string) {
		if hyphen && len(b) > 0 {
			b = append(b, '-')
		}
		b = append(b, s...)
		hyphen = false
	}
	for i := 0; i < len(name); {
		c := name[i]
		if c < utf8.RuneSelf {
			i++
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				if hyphen && len(b) > 0 {
					b = append(b, '-')
				}
				b = append(b, c)
				hyphen = false
			case c == '\'':
				// "Children's" is childrens, not children-s
			default:
				hyphen = true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(name[i:])
		i += n
		// As strings.ToLower lowers a name that is not ASCII.
		r = unicode.ToLower(r)
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			letter(string(r))
			continue
		}
		if latin, ok := latinLetters[r]; ok {
			letter(latin)
			continue
		}
		if r == '’' {
			continue
		}
		hyphen = true
	}
	return string(b)
}

// latinLetters spells accented and other Latin letters in plain ones, as
// slugs are written: "Niños Libres Café" is ninos-libres-cafe.
var latinLetters = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ð': "d", 'ł': "l", 'đ': "d", 'ı': "i", 'ø': "o"}
	for plain, letters := range map[string]string{
		"a": "áàâäãåāăą", "c": "çćĉċč", "d": "ď", "e": "éèêëēĕėęě", "g": "ĝğġģ", "h": "ĥħ",
		"i": "íìîïĩīĭįİ", "j": "ĵ", "k": "ķ", "l": "ĺļľŀ", "n": "ñńņňŉ", "o": "óòôöõōŏő",
		"r": "ŕŗř", "s": "śŝşšș", "t": "ţťŧț", "u": "úùûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
	} {
		for _, r := range letters {
			m[r] = plain
		}
	}
	return m
}()
