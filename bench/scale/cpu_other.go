//go:build !unix

package main

import "time"

// processCPUSelf is not measured here: figures show 0 CPU time.
func processCPUSelf() time.Duration { return 0 }
