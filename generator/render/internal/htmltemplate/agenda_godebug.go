// agenda: this file is not in the standard library; see ../README.md.

package template

import (
	"os"
	runtimedebug "runtime/debug"
	"strings"
	"sync"
)

// godebug stands in for the package internal/godebug, which only the
// standard library may import (forkgen removes the import). A setting's
// value is read as the standard library reads it: the last name=value in
// $GODEBUG, else in the default the go command built into the binary
// (from go.mod's go line and godebug directives), else "".
var godebug godebugPackage

type godebugPackage struct{}

func (godebugPackage) New(name string) *godebugSetting {
	return &godebugSetting{name: strings.TrimPrefix(name, "#")}
}

type godebugSetting struct{ name string }

// Value is read each time, so that it follows os.Setenv("GODEBUG", ...)
// as the standard library's does. html/template reads it when it
// escapes an action in a <meta> refresh URL, not when it executes one.
func (s *godebugSetting) Value() string {
	if v, ok := godebugLookup(os.Getenv("GODEBUG"), s.name); ok {
		return v
	}
	v, _ := godebugLookup(defaultGODEBUG(), s.name)
	return v
}

// IncNonDefault counts, in the standard library, uses of a non-default
// setting for runtime/metrics; this copy does not count them.
func (*godebugSetting) IncNonDefault() {}

var defaultGODEBUG = sync.OnceValue(func() string {
	if info, ok := runtimedebug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "DefaultGODEBUG" {
				return s.Value
			}
		}
	}
	return ""
})

// godebugLookup finds name in a GODEBUG list, k1=v1,k2=v2, in which a
// later setting overrides an earlier one.
func godebugLookup(list, name string) (value string, ok bool) {
	for kv := range strings.SplitSeq(list, ",") {
		if k, v, found := strings.Cut(kv, "="); found && k == name {
			value, ok = v, true
		}
	}
	return value, ok
}
