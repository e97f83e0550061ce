package ui

import "github.com/parallax-news/parallax/library"

// readable turns an error into a sentence for the analyst.
func readable(err error) string { return library.Explain(err) }
