//go:build !unix

package group

import "time"

// processCPU is not measured here.
func processCPU() time.Duration { return 0 }
