// Package assets embeds the files the binary ships: the app icon and the
// demo library.
package assets

import "embed"

// Demo holds the demo library: demo/STORY/VERSION.txt, one folder per story.
//
//go:embed demo
var Demo embed.FS

// Icon is the app icon, 512×512 PNG.
//
//go:embed icon.png
var Icon []byte
