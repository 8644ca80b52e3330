package model

import "testing"

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
