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
