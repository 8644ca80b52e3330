package check

import "testing"

func TestStreetAddress(t *testing.T) {
	for text, want := range map[string]string{
		"Drop in at 12 Harbor Lane any time.":        "12 Harbor Lane",
		"200 Example Avenue, Suite 4":                "200 Example Avenue",
		"Write to P.O. Box 311.":                     "P.O. Box 311",
		"Our office is in Suite 12 of the building.": "Suite 12",
		"1600 Pennsylvania Ave. NW":                  "1600 Pennsylvania Ave.",
		"4821 Old Mill Rd":                           "4821 Old Mill Rd",
		"in a committed way, 2A committed way":       "",
		"We served 120 people in 2025 the hard way.": "",
		"Open 24 hours, 7 days a week":               "",
		"PV-1.2 and 3 more objectives":               "",
	} {
		if got := streetAddress.FindString(text); got != want {
			t.Errorf("%q: found %q, want %q", text, got, want)
		}
	}
}
