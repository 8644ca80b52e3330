package check

import (
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/model"
)

// The matcher finds a confidential address's street part however it is
// written, and nothing that only looks alike.
func TestLeakMatcherFindsTheStreetPart(t *testing.T) {
	s := &model.Strategy{Organizations: []*model.Organization{
		{Slug: "a", Confidential: true, Address: "1234 Secretlane Ave, Springfield, ZZ 99999"},
		{Slug: "b", Confidential: true, Address: "Rue de la Paix 12, Paris"},
		{Slug: "c", Confidential: true, Address: "Old Mill Road, Ashby"},
		{Slug: "d", Confidential: true, Address: "Downtown"},             // one word: never searched
		{Slug: "e", Confidential: false, Address: "77 Public Square, X"}, // public
	}}
	m := newLeakMatcher(s)
	for text, want := range map[string]string{
		"Meet at 1234 Secretlane Ave.":                    "a",
		"meet at 1234 SECRETLANE   avenue":                "a",
		"１２３４ Secret\u00adlane Ave":                       "a",
		"q=1234+Secretlane+Ave&z=1":                       "a",
		"q=1234%20Secretlane%20Ave":                       "a",
		"1234\nsecretlane\nave":                           "a",
		strings.Repeat("x", 500) + " 1234 Secretlane Ave": "a",
		"at rue de la paix 12":                            "b",
		"the Old Mill Rd, near Ashby":                     "c",
		"1234 Secretlane Boulevard":                       "",
		"1235 Secretlane Ave":                             "",
		"1234 Secret Lane Ave":                            "",
		"x1234 Secretlane Ave":                            "",
		"Downtown office":                                 "",
		"77 Public Square":                                "",
		"12 rue de la paix":                               "",
		strings.Repeat("1234 ", 1000) + "Secretlane":      "",
		"nothing here at all, not even a number":          "",
		"12345 Secretlane Ave and 234 Secretlane Ave":     "",
	} {
		got := ""
		if a, at := m.find([]byte(text)); a >= 0 {
			got = m.addrs[a].org.Slug
			if at < 0 || at >= len(text) {
				t.Errorf("%q: found at %d", text, at)
			}
		}
		if got != want {
			t.Errorf("find(%q) = %q, want %q", text, got, want)
		}
	}
	if newLeakMatcher(&model.Strategy{}) != nil {
		t.Error("a matcher without any confidential address")
	}
}
