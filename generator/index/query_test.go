package index

import (
	"bufio"
	"encoding/json"
	"io"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/commonagenda/agenda/generator/internal/browsertest"
)

// The search page reads queries in JavaScript (agendaQuery in the theme's
// search.js); the index was made by tokenize. A word the two read
// differently is a word search cannot find. These tests run the page's
// reader in node (tests/browser/query.mjs) against tokenize.

// queryResult is what query.mjs says of one query.
type queryResult struct {
	Tokens []struct {
		Text  string
		Ident bool
	}
	Terms   int
	Phrases [][]string
}

// queryReader is one node process running query.mjs, shared by the tests
// of a process (a fuzzing worker is one).
type queryReader struct {
	mu  sync.Mutex
	in  io.Writer
	out *bufio.Reader
}

var startQueryReader = sync.OnceValues(func() (*queryReader, error) {
	cmd := exec.Command("node", filepath.Join(browsertest.Dir, "query.mjs"))
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &queryReader{in: in, out: bufio.NewReaderSize(out, 1<<20)}, nil
})

func readQuery(t testing.TB, q string) queryResult {
	t.Helper()
	browsertest.Need(t, browsertest.Tool{Name: "node", How: "apt-get install nodejs"})
	r, err := startQueryReader()
	if err != nil {
		t.Fatalf("query.mjs: %v", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	line, _ := json.Marshal(q)
	if _, err := r.in.Write(append(line, '\n')); err != nil {
		t.Fatalf("query.mjs: %v", err)
	}
	answer, err := r.out.ReadBytes('\n')
	if err != nil {
		t.Fatalf("query.mjs: %v", err)
	}
	var res queryResult
	if err := json.Unmarshal(answer, &res); err != nil {
		t.Fatalf("query.mjs said %q: %v", answer, err)
	}
	return res
}

// queryTokens are the tokens a query should have: tokenize's, with an
// identifier's parts left out (a query looks for the identifier whole).
func queryTokens(q string) []token {
	var out []token
	all := tokenize(q, nil)
	for i := 0; i < len(all); i++ {
		out = append(out, all[i])
		if all[i].ident {
			i += len(strings.FieldsFunc(all[i].text, func(r rune) bool { return !isWordRune(r) }))
		}
	}
	return out
}

func checkQuery(t testing.TB, q string) {
	q = strings.ToValidUTF8(q, "\uFFFD") // as JSON carries it
	if r, ok := newerThanGo(q); ok {
		// The browser's Unicode is newer than Go's tables: a letter
		// assigned since (U+32CB2, CJK Extension J, Unicode 17) is a
		// letter to the search page and nothing to the index. Such text
		// cannot be found until Go's tables know it; nothing else differs.
		t.Logf("skipped: %U is unassigned in Go's Unicode %s", r, unicode.Version)
		return
	}
	res := readQuery(t, q)
	var got []token
	for _, tk := range res.Tokens {
		got = append(got, token{text: tk.Text, ident: tk.Ident})
	}
	if want := queryTokens(q); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
		t.Errorf("the search page reads %q as %+v, the index as %+v", q, got, want)
	}
	if res.Terms > len(res.Tokens) {
		t.Errorf("%q: %d terms from %d tokens", q, res.Terms, len(res.Tokens))
	}
}

func TestQueryTokensMatchIndex(t *testing.T) {
	for _, q := range []string{"", "forced labor", `"forced labor" PV-1.2`, "Well-being U.S. 2027-12-31",
		"İstanbul", "ΟΔΟΣ", "Straße", "x² ½ Ⅻ ٣-a", "日本-1 한국어", "ǅemal", "a--b a-.b -a a-", "organization’s",
		"café-2 e\u0301té", `"unterminated phrase`, `""`, "trafficking.", "A.b.C-1_d", "🙂 emoji-1"} {
		checkQuery(t, q)
	}
}

func FuzzQueryTokens(f *testing.F) {
	f.Add(`"Forced labor" in PV-1.2, İstanbul ΟΔΟΣ x²`)
	f.Add("ǅ-1 ß-a a_ǅ-2 ٣")
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 4096 {
			return
		}
		checkQuery(t, q)
	})
}

// TestQueryParseLinear guards the query reader against input that makes
// it slow: a query of quotes, joiners and identifiers takes about as long
// as plain words of the same length, measured in the same run (the
// quickest of three runs each, taken in turn, so that a busy machine
// slows both alike; a reader that is quadratic is hundreds of times
// slower at this length).
func TestQueryParseLinear(t *testing.T) {
	const n = 200_000
	plain := strings.Repeat("word ", n/5)
	readQuery(t, "warm up")
	timeOf := func(q string) time.Duration {
		start := time.Now()
		readQuery(t, q)
		return time.Since(start)
	}
	for _, q := range []string{strings.Repeat(`"`, n), strings.Repeat(`"a `, n/3), strings.Repeat("a-1.", n/4),
		strings.Repeat("a-", n/2), strings.Repeat("é", n/2)} {
		base, d := time.Hour, time.Hour
		for range 3 {
			base, d = min(base, timeOf(plain)), min(d, timeOf(q))
		}
		if d > 10*base+50*time.Millisecond {
			t.Errorf("a query of %q... took %v, plain words %v", q[:8], d, base)
		}
	}
}

// newerThanGo returns a code point of q that Go's Unicode tables leave
// unassigned (in no category), which a newer Unicode may have assigned.
func newerThanGo(q string) (rune, bool) {
	for _, r := range q {
		if !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs) {
			return r, true
		}
	}
	return 0, false
}
