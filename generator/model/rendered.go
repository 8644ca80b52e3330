package model

// Rendered is what the markdown phase makes of a document's body: safe
// HTML (raw HTML dropped, links rewritten and checked), the headings with
// their ids, and the body as plain text for summaries and search.
type Rendered struct {
	HTML     string
	Headings []Heading
	Text     string
}

// Bodies are the renderings of a strategy's documents, keyed by the
// document's path under the content folder (Doc.Rel). A linked strategy
// holds them beside its entities rather than in them: the entities and
// their links depend only on the front matter, so an edit to a body alone
// gives a new strategy that shares every entity of the last one (see
// package site) and differs only in its Bodies.
type Bodies map[string]Rendered

// Body is the rendering of d's body in this strategy, empty when there is
// none (a parsed strategy, or a document without a body).
func (s *Strategy) Body(d *Doc) Rendered {
	if s == nil || d == nil {
		return Rendered{}
	}
	return s.Bodies[d.Rel]
}

// WithBodies returns a strategy that shares every entity, list and lookup
// of s and holds bodies instead of s's. Neither is written.
func (s *Strategy) WithBodies(bodies Bodies) *Strategy {
	c := *s
	c.Bodies = bodies
	return &c
}
