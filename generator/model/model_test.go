package model

import (
	"strings"
	"testing"
)

func TestSlugifyTransliterates(t *testing.T) {
	for name, want := range map[string]string{
		"Niños Libres Café":            "ninos-libres-cafe",
		"Straße der Hoffnung":          "strasse-der-hoffnung",
		"Children's Advocacy Center":   "childrens-advocacy-center",
		"Łódź Œuvre — São Tomé (2024)": "lodz-oeuvre-sao-tome-2024",
		"日本 NGO":                       "ngo",
	} {
		if got := Slugify(name); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", name, got, want)
		}
	}
}

// slugifyPlain is Slugify as first written, letter by letter of the
// lowered name: the reference the faster one must agree with.
func slugifyPlain(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		latin, ok := latinLetters[r]
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			latin, ok = string(r), true
		}
		if ok {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteString(latin)
			hyphen = false
			continue
		}
		if r == '\'' || r == '’' {
			continue
		}
		hyphen = true
	}
	return b.String()
}

func TestSlugifyIsPlain(t *testing.T) {
	for _, name := range []string{"", "A", "--A--b--", "Kelvin \u212a", "İstanbul", "ÉCOLE d’Été", "\xff\xfeA\xc3", "O'Brien's", "x\u0130y", "ǅungla", "Ⅻ 12"} {
		if got, want := Slugify(name), slugifyPlain(name); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", name, got, want)
		}
	}
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Niños Libres Café", "Children's", "\u212a\u0130\xff", "A--b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if got, want := Slugify(name), slugifyPlain(name); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", name, got, want)
		}
	})
}
