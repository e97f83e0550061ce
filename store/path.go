package store

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"
)

// EnvPath names the environment variable that overrides the default
// library path.
const EnvPath = "PARALLAX_DB"

// DefaultPath is the library file in the user's data directory, following
// each system's convention ($XDG_DATA_HOME/parallax/library.db on Linux,
// ~/Library/Application Support/parallax on macOS, %LOCALAPPDATA% on
// Windows).
func DefaultPath() string {
	return filepath.Join(xdg.DataHome, "parallax", "library.db")
}

// ResolvePath picks the library path: flag (from --db) when set, else
// $PARALLAX_DB, else DefaultPath.
func ResolvePath(flag string) string {
	if flag != "" {
		return flag
	}
	if p := os.Getenv(EnvPath); p != "" {
		return p
	}
	return DefaultPath()
}

// EnvBusyTimeout names the environment variable that sets, as a Go
// duration ("5s", "250ms"), how long OpenDefault's store waits for another
// process holding the library.
const EnvBusyTimeout = "PARALLAX_BUSY_TIMEOUT"

// OpenDefault opens the library ResolvePath(flag) names, with the busy
// timeout from $PARALLAX_BUSY_TIMEOUT when set; opts come after it.
func OpenDefault(flag string, opts ...Option) (*Store, error) {
	if v := os.Getenv(EnvBusyTimeout); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return nil, fmt.Errorf("store: $%s=%q: want a duration such as 5s", EnvBusyTimeout, v)
		}
		opts = append([]Option{WithBusyTimeout(d)}, opts...)
	}
	return Open(ResolvePath(flag), opts...)
}
