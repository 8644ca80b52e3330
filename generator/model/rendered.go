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
// parsed document they were made from. The link phase puts each into the
// copy of its document that the linked strategy holds.
type Bodies map[*Doc]Rendered
