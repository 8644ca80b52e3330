package diag

import "github.com/commonagenda/agenda/generator/internal/binenc"

// Encode writes ds for Decode: the build cache keeps the problems of
// what it keeps (a body's, an entity's), to give them again.
func Encode(e *binenc.Encoder, ds []Diagnostic) {
	e.Uint(uint64(len(ds)))
	for _, d := range ds {
		e.String(d.Path)
		e.Int(int64(d.Line))
		e.Int(int64(d.Col))
		e.Int(int64(d.Severity))
		e.String(d.Message)
		e.String(d.Hint)
	}
}

// Decode reads what Encode wrote, each text through str (d.String, or a
// copy of it where the decoder's bytes are let go of); an empty list
// when there was none.
func Decode(d *binenc.Decoder, str func() string) []Diagnostic {
	ds := make([]Diagnostic, d.Len(6))
	for i := range ds {
		ds[i] = Diagnostic{Pos: Pos{Path: str(), Line: int(d.Int()), Col: int(d.Int())}, Severity: Severity(d.Int())}
		ds[i].Message, ds[i].Hint = str(), str()
	}
	return ds
}
