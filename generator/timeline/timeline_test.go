package timeline

import (
	"strings"
	"testing"
)

func TestTimeline(t *testing.T) {
	end := Begin("before enabling")
	end()
	var b strings.Builder
	Write(&b)
	if b.Len() != 0 {
		t.Fatalf("recorded while disabled: %q", b.String())
	}
	Enable()
	defer current.Store(nil)
	outer := Begin("outer")
	Begin("inner")()
	outer()
	Write(&b)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], "  outer") || !strings.HasSuffix(lines[1], "  inner") {
		t.Fatalf("timeline:\n%s", b.String())
	}
}
