package scaffold

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"

	"github.com/commonagenda/agenda/generator/internal/browsertest"
	"github.com/commonagenda/agenda/generator/model"
)

// The site's forms (themes/default/static/js/propose.js) name a new
// organization's or partnership's file and choose an objective's id in
// the browser. These tests run the script's rules in node
// (tests/browser/propose.mjs) against the Go ones on many inputs, so a
// file made on the site is named as `agenda new` would name it.

// nodeAnswers sends each request to propose.mjs and returns its answers.
func nodeAnswers(t *testing.T, requests []any) []map[string]string {
	t.Helper()
	browsertest.Need(t, browsertest.Tool{Name: "node", How: "apt-get install nodejs"})
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	enc.SetEscapeHTML(false)
	for _, r := range requests {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("node", "propose.mjs")
	cmd.Dir = browsertest.Dir
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("propose.mjs: %v\n%s", err, stderr.Bytes())
	}
	var answers []map[string]string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a map[string]string
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("propose.mjs printed %q: %v", sc.Text(), err)
		}
		answers = append(answers, a)
	}
	if len(answers) != len(requests) {
		t.Fatalf("propose.mjs answered %d of %d requests", len(answers), len(requests))
	}
	return answers
}

// names are names to slug: the hard cases by hand, then random ones
// drawn from letters that lower-case, transliterate or neither.
func names() []string {
	out := []string{
		"Harbor House", "Harbor House (North)", "Children's Fund", "Children’s Fund", "Niños Libres Café",
		"İstanbul Kadın Derneği", "Straße der Hoffnung", "ẞTRASSE", "Łódź Øresund Þing", "ΣΟΦΙΑ Σ", "Москва",
		"東京", "  --  ", "", "A&B", "100% Safe", "ǅemal", "Ǆ", "K", "Å", "ﬁle", "ÆSIR œuvre", "ŉ", "ı", "ΐ",
		"Dz\u0307", "e\u0301cole", "x\U0001F600y", "Ａｂｃ", "Ⅻ", "①②", "Ǻ", "Ḿ",
	}
	pool := []rune("abcXYZ09 -_'’.,&()/ÀÉÎÕÜßÆŒÞÐŁĐİIıØñçšžĞŞȘȚőűĄĘΣσςΑωДжЁ東ǅǄẞK\u0301\u0307\U0001F600Ａ")
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		n := 1 + r.IntN(14)
		var b strings.Builder
		for range n {
			b.WriteRune(pool[r.IntN(len(pool))])
		}
		out = append(out, b.String())
	}
	return out
}

func TestScriptSlugsAsGo(t *testing.T) {
	in := names()
	var requests []any
	for _, n := range in {
		requests = append(requests, map[string]string{"slug": n})
	}
	bad := 0
	for i, a := range nodeAnswers(t, requests) {
		if want := model.Slugify(in[i]); a["slug"] != want {
			if bad++; bad <= 20 {
				t.Errorf("slug of %q (%+q): script %q, Go %q", in[i], in[i], a["slug"], want)
			}
		}
	}
	t.Logf("%d names, %d differ", len(in), bad)
}

func TestScriptQuotesAsGo(t *testing.T) {
	in := append(names(), "a \"quoted\" \\ word", "tab\there", "line\nbreak", "\x00\x1f\x7f", "é\u2028")
	var requests []any
	for _, n := range in {
		requests = append(requests, map[string]string{"quote": n})
	}
	for i, a := range nodeAnswers(t, requests) {
		if want := quote(in[i]); a["quote"] != want {
			t.Errorf("quote of %q: script %s, Go %s", in[i], a["quote"], want)
		}
	}
}

// TestScriptNextIDAsGo: random strategies of ids in several categories,
// with prefixes that tie, sub-objectives, gaps and ids taken in another
// category.
func TestScriptNextIDAsGo(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	categories := []string{"prevention", "protection", "prosecution", "partnership", "p2", "x-1"}
	prefixes := []string{"PV-", "PT-", "PS-", "PA-", "pv-", "PV", "PV.", "PV_", "P2-", "OBJ-", "Z"}
	var requests []any
	var want []string
	for range 400 {
		s := &model.Strategy{}
		objectives := [][3]string{}
		for range r.IntN(12) {
			id := prefixes[r.IntN(len(prefixes))] + fmt.Sprint(1+r.IntN(6))
			if r.IntN(5) == 0 {
				id += fmt.Sprintf(".%d", 1+r.IntN(3))
			}
			cat := categories[r.IntN(len(categories))]
			s.Objectives = append(s.Objectives, &model.Objective{ID: id, Category: cat})
			objectives = append(objectives, [3]string{id, "T", cat})
		}
		s.Index()
		cat := categories[r.IntN(len(categories))]
		requests = append(requests, map[string]any{"objectives": objectives, "category": cat})
		want = append(want, NextID(s, cat))
	}
	for i, a := range nodeAnswers(t, requests) {
		if a["id"] != want[i] {
			t.Errorf("next id in %s of %v: script %q, Go %q", requests[i].(map[string]any)["category"], requests[i].(map[string]any)["objectives"], a["id"], want[i])
		}
	}
}

// TestScriptFormatsAsChecker: the script finds a problem with a website,
// e-mail address, phone number or id exactly where the checker does
// (generator/check's webProblem, emailProblem, phoneProblem; model.IsID).
func TestScriptFormatsAsChecker(t *testing.T) {
	cases := []struct {
		format, value string
		bad           bool
	}{
		{"web", "https://example.org/", false}, {"web", "HTTP://example.org", false}, {"web", "https://user@host.org/x?y#z", false},
		{"web", "example.org", true}, {"web", "ftp://example.org", true}, {"web", "https://", true}, {"web", "https://exa mple.org", true},
		{"email", "info@example.org", false}, {"email", "a.b+c@sub.example.org", false}, {"email", "x@exämple.org", false},
		{"email", "mailto:info@example.org", true}, {"email", "info@example", true}, {"email", "a@b@c.org", true},
		{"email", "@example.org", true}, {"email", "in fo@example.org", true}, {"email", "info@.example.org", true},
		{"email", "info@example.org.", true}, {"email", "in(fo@example.org", true}, {"email", "info@exa_mple.org", true},
		{"phone", "+1 (202) 555-0100", false}, {"phone", "211", false}, {"phone", "21", true}, {"phone", "call 211", true},
		{"id", "PV-4", false}, {"id", "pv-1.2_a", false}, {"id", "-PV", true}, {"id", "PV 4", true}, {"id", "PV/4", true},
	}
	var requests []any
	for _, c := range cases {
		requests = append(requests, map[string]string{"format": c.format, "value": c.value})
	}
	for i, a := range nodeAnswers(t, requests) {
		if c := cases[i]; (a["problem"] != "") != c.bad {
			t.Errorf("%s %q: script says %q, want a problem: %v", c.format, c.value, a["problem"], c.bad)
		}
	}
}
