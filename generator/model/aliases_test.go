package model

import "testing"

func TestAliasPath(t *testing.T) {
	for in, want := range map[string]string{
		"":                "",
		"  ":              "",
		"/":               "/",
		"old/pv1":         "/old/pv1/",
		"/old//pv1":       "/old/pv1/",
		"/old/pv1/":       "/old/pv1/",
		"/about-us.html":  "/about-us.html",
		"/a/b.htm":        "/a/b.htm",
		"/../../etc/x":    "/etc/x/",
		" /goals/one/ ":   "/goals/one/",
		"/goals/./one/..": "/goals/",
		"/a/./b/../c":     "/a/c/",
		"/files/x.pdf":    "/files/x.pdf/",
	} {
		if got := AliasPath(in); got != want {
			t.Errorf("AliasPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Harbor House (North)": "harbor-house-north",
		"  --Already-a-slug--": "already-a-slug",
		"Café 24/7":            "caf-24-7",
		"!!!":                  "",
		"DOJ":                  "doj",
	} {
		got := Slugify(in)
		if got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
		if got != "" && !SlugPattern.MatchString(got) {
			t.Errorf("Slugify(%q) = %q, which is not a valid slug", in, got)
		}
	}
}
