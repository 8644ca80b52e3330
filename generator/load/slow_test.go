package load

import (
	"strings"
	"testing"
	"time"
	"os"
	"github.com/BurntSushi/toml"
)

func TestSlowInputs(t *testing.T) {
	for name, src := range map[string]string{
		"nested arrays": "a = " + strings.Repeat("[", 100000),
		"nested tables": "a = " + strings.Repeat("{b=", 100000),
		"many keys": strings.Repeat("a.", 50000) + "b = 1",
		"quotes": "a = \"" + strings.Repeat("\\", 100000),
		"headers": strings.Repeat("[[a]]\n", 20000),
		"headers dotted": "[" + strings.Repeat("a.", 20000) + "b]",
		"lines": strings.Repeat("\n", 1000000) + "a=1",
	} {
		if name != os.Getenv("CASE") { continue }
		start := time.Now()
		KeyPositions([]byte(src), "f")
		k := time.Since(start)
		start = time.Now()
		var m map[string]any
		toml.Decode(src, &m)
		t.Logf("%s: keys %v toml %v", name, k, time.Since(start))
	}
}
