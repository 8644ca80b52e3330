//go:build !linux

package load

// folder is unused elsewhere than Linux: each file is asked about by its
// path.
type folder struct{}

func openFolder(string) *folder { return nil }

// stampOf is statOf of the file name, a link not followed; false when it
// cannot be asked about.
func (d dirFS) stampOf(name string) (statStamp, bool) {
	info, err := d.lstat(name)
	if err != nil {
		return statStamp{}, false
	}
	return statOf(info), true
}
