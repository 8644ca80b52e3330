package themes

import (
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"testing"
)

// tagColours reads each tag class's ink and tint from the default
// theme's stylesheet: "p0" (the first P), "s0" (the first sector).
func tagColours(t *testing.T) map[string][2]string {
	t.Helper()
	css, err := fs.ReadFile(Default(), "static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`\.tag--([ps]\d+)\b[^{]*\{ --tag-ink: (#[0-9a-f]{6}); --tag-bg: (#[0-9a-f]{6});`)
	out := map[string][2]string{}
	for _, m := range re.FindAllStringSubmatch(string(css), -1) {
		out[m[1]] = [2]string{m[2], m[3]}
	}
	if len(out) != 16 {
		t.Fatalf("found %d tag colours, want 4 Ps and 12 sectors: %v", len(out), out)
	}
	return out
}

// luminance is a colour's relative luminance (WCAG 2.1).
func luminance(hex string) float64 {
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestTagColoursAreDistinct: no sector wears a P's colours, and the
// sectors people confuse most when they sit side by side (Government s0,
// Victim services s2, Academia s8, Health care s9 in the bundled order)
// differ from each other and from every P; every tag's text passes 7:1
// on its tint. Tags keep their own colours in dark mode, so one check
// covers both.
func TestTagColoursAreDistinct(t *testing.T) {
	c := tagColours(t)
	for k, v := range c {
		if r := contrast(v[0], v[1]); r < 7 {
			t.Errorf("tag--%s: text %s on %s is %.1f:1, want at least 7:1", k, v[0], v[1], r)
		}
	}
	for p := 0; p < 4; p++ {
		for s := 0; s < 12; s++ {
			pc, sc := c[fmt.Sprint("p", p)], c[fmt.Sprint("s", s)]
			if pc[1] == sc[1] || pc == sc {
				t.Errorf("P %d and sector %d share colours %v", p, s, pc)
			}
		}
	}
	apart := []string{"s0", "s2", "s8", "s9", "p0", "p1", "p2", "p3"}
	for i, a := range apart {
		for _, b := range apart[i+1:] {
			if d := distance(c[a][1], c[b][1]); d < 20 {
				t.Errorf("tag--%s %s and tag--%s %s are too alike (distance %.0f, want 20 or more)", a, c[a][1], b, c[b][1], d)
			}
		}
	}
}

// sectorMarks reads each sector's mark from the stylesheet: its edge
// colour and its shape (a clip-path), by class number.
func sectorMarks(t *testing.T) map[string][2]string {
	t.Helper()
	css, err := fs.ReadFile(Default(), "static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`\.tag--(s\d+) \{ [^}]*--tag-edge: (#[0-9a-f]{6}); --shape: ([^;]+); \}`)
	out := map[string][2]string{}
	for _, m := range re.FindAllStringSubmatch(string(css), -1) {
		out[m[1]] = [2]string{m[2], m[3]}
	}
	if len(out) != 12 {
		t.Fatalf("found %d sector marks, want 12: %v", len(out), out)
	}
	return out
}

// TestSectorsDifferWithoutColour: each sector's tag has a shape of its
// own, so two sectors are told apart in grey or by a colour-blind reader;
// each mark's colour is at least 3:1 on its tag's tint (a graphic, WCAG
// 1.4.11), tints are light and fixed, so this holds in both schemes; and
// mark colours are far apart from each other and from every P's colour.
func TestSectorsDifferWithoutColour(t *testing.T) {
	tags, marks := tagColours(t), sectorMarks(t)
	shapes := map[string]string{}
	for s, m := range marks {
		if other, ok := shapes[m[1]]; ok {
			t.Errorf("tag--%s and tag--%s share the shape %s", s, other, m[1])
		}
		shapes[m[1]] = s
		if r := contrast(m[0], tags[s][1]); r < 3 {
			t.Errorf("tag--%s: mark %s on tint %s is %.1f:1, want at least 3:1", s, m[0], tags[s][1], r)
		}
		for p := 0; p < 4; p++ {
			pc := tags[fmt.Sprint("p", p)][1]
			if d := distance(m[0], pc); d < 40 {
				t.Errorf("tag--%s mark %s is too like P %d's %s (distance %.0f)", s, m[0], p, pc, d)
			}
		}
	}
	for a := 0; a < 12; a++ {
		for b := a + 1; b < 12; b++ {
			ka, kb := fmt.Sprint("s", a), fmt.Sprint("s", b)
			if d := distance(marks[ka][0], marks[kb][0]); d < 40 {
				t.Errorf("tag--%s %s and tag--%s %s are too alike (distance %.0f, want 40 or more)", ka, marks[ka][0], kb, marks[kb][0], d)
			}
			if tags[ka][1] == tags[kb][1] {
				t.Errorf("tag--%s and tag--%s share the tint %s", ka, kb, tags[ka][1])
			}
		}
	}
}

// distance is how far apart two colours are, as the Euclidean distance
// of their 8-bit RGB components.
func distance(a, b string) float64 {
	var sum float64
	for i := 0; i < 3; i++ {
		x, _ := strconv.ParseUint(a[1+2*i:3+2*i], 16, 8)
		y, _ := strconv.ParseUint(b[1+2*i:3+2*i], 16, 8)
		sum += math.Pow(float64(x)-float64(y), 2)
	}
	return math.Sqrt(sum)
}
