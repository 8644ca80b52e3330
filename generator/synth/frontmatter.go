package synth

import (
	"fmt"
	"strconv"
	"strings"
)

// frontMatter writes TOML keys. Strings are quoted with strconv.Quote,
// whose escapes (\" \\ \n \uXXXX) TOML reads the same way for the text
// the generator makes.
type frontMatter struct{ b *strings.Builder }

func (f frontMatter) str(key, value string) {
	if value != "" {
		fmt.Fprintf(f.b, "%s = %s\n", key, strconv.Quote(value))
	}
}

func (f frontMatter) strs(key string, values []string) {
	if len(values) == 0 {
		return
	}
	f.b.WriteString(key)
	f.b.WriteString(" = [")
	for i, v := range values {
		if i > 0 {
			f.b.WriteString(", ")
		}
		f.b.WriteString(strconv.Quote(v))
	}
	f.b.WriteString("]\n")
}

func (f frontMatter) raw(key string, value any) {
	fmt.Fprintf(f.b, "%s = %v\n", key, value)
}

// date is a TOML local date.
type date struct{ y, m, d int }

func (d date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d) }

func (d date) before(e date) bool {
	return d.y < e.y || d.y == e.y && (d.m < e.m || d.m == e.m && d.d < e.d)
}

// monthEnd is the last day of month m of year y, close enough for
// generated dates (February has 28 days).
func monthEnd(y, m int) date {
	return date{y, m, [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]}
}
