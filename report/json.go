package report

import (
	"encoding/json"
	"io"
)

// writeJSON writes the model as indented JSON; JSON.md documents it.
func writeJSON(w io.Writer, m *model) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}
