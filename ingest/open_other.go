//go:build !unix

package ingest

import (
	"io"
	"os"
)

// openInput opens a file to read one input.
func openInput(path string) (io.ReadCloser, error) {
	return os.Open(path)
}
