package render

import (
	"slices"
	"strings"
	"testing"

	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
)

func TestMoney(t *testing.T) {
	tests := []struct {
		currency string
		v        float64
		want     string
	}{
		{"USD", 0, "$0"},
		{"USD", 999, "$999"},
		{"USD", 1000, "$1,000"},
		{"USD", 1250000, "$1,250,000"},
		{"USD", 1234.5, "$1,234.50"},
		{"EUR", 12, "€12"},
		{"CHF", 123456, "123,456 CHF"},
		{"USD", -5000, "-$5,000"},
	}
	for _, tt := range tests {
		r := &renderer{currency: tt.currency}
		if got := r.money(tt.v); got != tt.want {
			t.Errorf("money(%v %s) = %q, want %q", tt.v, tt.currency, got, tt.want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := map[float64]string{0: "0", 12.5: "12.5", 1234567: "1,234,567", 0.25: "0.25", -1000: "-1,000"}
	for v, want := range tests {
		if got := formatNumber(v); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestContactLinks(t *testing.T) {
	web := map[string]string{
		"https://example.org/x": "https://example.org/x",
		"http://example.org":    "http://example.org",
		"javascript:alert(1)":   "",
		"//example.org":         "",
		"ftp://example.org":     "",
		"example.org":           "",
	}
	for in, want := range web {
		if got := webURL(in); got != want {
			t.Errorf("webURL(%q) = %q, want %q", in, got, want)
		}
	}
	mail := map[string]template.URL{
		"info@example.org":          "mailto:info@example.org",
		"a@b":                       "",
		"a@@b.org":                  "",
		`a@b.org"><script>`:         "",
		"a@b.org?subject=x":         "",
		"first.last+tag@ex-ample.c": "mailto:first.last+tag@ex-ample.c",
	}
	for in, want := range mail {
		if got := mailtoURL(in); got != want {
			t.Errorf("mailtoURL(%q) = %q, want %q", in, got, want)
		}
	}
	tel := map[string]template.URL{
		"+1 (202) 555-0100":   "tel:+12025550100",
		"202.555.0100":        "tel:2025550100",
		"javascript:alert(1)": "",
		"call me":             "",
		"":                    "",
	}
	for in, want := range tel {
		if got := telURL(in); got != want {
			t.Errorf("telURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLabelAndPlural(t *testing.T) {
	if got := label("in-progress"); got != "In progress" {
		t.Errorf("label = %q", got)
	}
	if got := plural(1, "member", "members"); got != "1 member" {
		t.Errorf("plural(1) = %q", got)
	}
	if got := plural(0, "member", "members"); got != "0 members" {
		t.Errorf("plural(0) = %q", got)
	}
}

func TestLabelIsReplaceAndUpper(t *testing.T) {
	for _, key := range []string{"", "a", "in-progress", "at-risk", "-x", "Already-up", "é-x", "x--y-", "task-force", "1-2"} {
		want := ""
		if key != "" {
			s := strings.ReplaceAll(key, "-", " ")
			want = strings.ToUpper(s[:1]) + s[1:]
		}
		if got := label(key); got != want {
			t.Errorf("label(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestNavForIsMakeNav holds the lists navFor gives out, made once, to
// the list made for the page.
func TestNavForIsMakeNav(t *testing.T) {
	paths := []string{"/", "", "/about/", "/objectives", "/objectives-x/", "/categories/prevention/"}
	for _, l := range nav {
		paths = append(paths, l.URL, l.URL+"x/", l.URL+"page/2/", strings.TrimSuffix(l.URL, "/"))
	}
	for _, p := range paths {
		if got, want := navFor(p), makeNav(p); !slices.Equal(got, want) {
			t.Errorf("navFor(%q) = %v, want %v", p, got, want)
		}
	}
}
