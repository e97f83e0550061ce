package library

import (
	"errors"
	"strings"

	"github.com/parallax-news/parallax/ingest"
	"github.com/parallax-news/parallax/store"
)

// More errors of the storage layer that callers test for.
var (
	ErrLocked     = store.ErrLocked
	ErrNotLibrary = store.ErrNotLibrary
	ErrDamaged    = store.ErrDamaged
)

// Explain turns an error into a sentence for the analyst: the known
// conditions in plain words, anything else as its message, capitalised.
func Explain(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, store.ErrLocked):
		return "The library is in use by another Parallax window or program. Close it and try again."
	case errors.Is(err, store.ErrDamaged):
		return "The library is damaged (SQLite's check found errors), so nothing is written into it. It can still be read."
	case errors.Is(err, store.ErrNotLibrary):
		return "This file is not a Parallax library (or it is damaged). It was left untouched."
	case errors.Is(err, store.ErrDuplicate):
		return "This text is already in the library."
	case errors.Is(err, ingest.ErrEmpty):
		return "There is no text in it."
	case errors.Is(err, ingest.ErrBinary):
		return "It is not text (an image, an archive or another binary file)."
	case errors.Is(err, ingest.ErrTooLarge):
		return "It is larger than the 20 MB limit."
	case errors.Is(err, ingest.ErrUndecodable):
		return "Its characters could not be decoded (unknown text encoding)."
	case errors.Is(err, ingest.ErrUnsupported):
		return "It is not an article file."
	case errors.Is(err, ingest.ErrSymlinkLoop):
		return "A folder link leads back to a folder already read; skipped."
	case errors.Is(err, store.ErrNotFound):
		return "It is no longer in the library (deleted or moved meanwhile)."
	}
	msg := err.Error()
	if msg == "" {
		return "Unknown error."
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}
