//go:build race

package index_test

// raceEnabled is set under the race detector, which makes a 10,000-file
// build ten times slower and finds nothing in what TestSearchBytes
// measures.
const raceEnabled = true
