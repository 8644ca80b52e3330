package site

// For the tests of package site_test.
var (
	ReadTree = readTree
	SameTree = sameTree
)

// ContentDirForTest is contentDir.
var ContentDirForTest = contentDir
