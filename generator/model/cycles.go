package model

import "slices"

// ParentCycles returns the cycles that parent links form among nodes
// (objectives or organizations), each as its members in parent order,
// starting with the member met first. The check phase reports them; the
// link phase cuts them so that walking up to a root always ends. It visits
// every node once, so long chains cost no more than short ones.
func ParentCycles[T any](nodes []*T, parent func(*T) *T) [][]*T {
	const (
		onPath = 1
		done   = 2
	)
	state := make(map[*T]int, len(nodes))
	var out [][]*T
	for _, n := range nodes {
		var path []*T
		x := n
		for x != nil && state[x] == 0 {
			state[x] = onPath
			path = append(path, x)
			x = parent(x)
		}
		if x != nil && state[x] == onPath {
			out = append(out, slices.Clone(path[slices.Index(path, x):]))
		}
		for _, p := range path {
			state[p] = done
		}
	}
	return out
}
