package model

import (
	"strings"
	"testing"
)

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
		"Café 24/7":            "cafe-24-7",
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

// The fast checks agree with the patterns they stand for.
func TestIsSlugAndIsIDMatchThePatterns(t *testing.T) {
	for _, s := range []string{"", "a", "a-b", "-a", "a-", "A", "pv-1.2", "PV-1.2", "pv_1", ".a", "a.b", "1", "é", "a b", "a--b", "x\x00",
		"pv-1.", "a.", "a" + strings.Repeat("b", 63), "a" + strings.Repeat("b", 64), strings.Repeat("x", 300)} {
		if got, want := IsSlug(s), SlugPattern.MatchString(s); got != want {
			t.Errorf("IsSlug(%q) = %v, SlugPattern says %v", s, got, want)
		}
		if got, want := IsSlug(s), KeyPattern.MatchString(s); got != want {
			t.Errorf("IsSlug(%q) = %v, KeyPattern says %v", s, got, want)
		}
		if got, want := IsID(s), IDPattern.MatchString(s); got != want {
			t.Errorf("IsID(%q) = %v, IDPattern says %v", s, got, want)
		}
	}
}

func FuzzIsSlugAndIsID(f *testing.F) {
	f.Add("pv-1.2")
	f.Fuzz(func(t *testing.T, s string) {
		if IsSlug(s) != SlugPattern.MatchString(s) || IsID(s) != IDPattern.MatchString(s) {
			t.Fatalf("%q: fast check and pattern disagree", s)
		}
	})
}

// An alias the host would read as a pattern is refused: it would redirect
// more than the one old path.
func TestAliasProblemRefusesHostPatterns(t *testing.T) {
	for _, a := range []string{"/:splat", "/old/*", "/a/:id/b"} {
		if AliasProblem(a) == "" {
			t.Errorf("alias %q accepted", a)
		}
	}
	for _, a := range []string{"/old/page/", "/a:b/", "/2024/report.html"} {
		if p := AliasProblem(a); p != "" {
			t.Errorf("alias %q refused: %s", a, p)
		}
	}
}
