package store

import (
	"database/sql"
	"strconv"

	"github.com/mattn/go-sqlite3"
)

// driverName is go-sqlite3 registered under the store's own name, so that
// SQL functions and per-connection settings the store needs are added in
// one place.
const driverName = "sqlite3_parallax"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: configureConn})
}

// configureConn sets what the connection string cannot.
func configureConn(c *sqlite3.SQLiteConn) error {
	// Statement journals (every INSERT inside an import's transaction
	// opens one, for the triggers and the full-text index) stay in
	// memory: on disk they wrote about as many bytes to a temporary file
	// as the import wrote to the library.
	if _, err := c.Exec(`PRAGMA temp_store = MEMORY`, nil); err != nil {
		return err
	}
	// The write-ahead log is copied back into the file by the store's
	// checkpointer, on a goroutine of its own (checkpoint.go). SQLite's
	// own checkpoint, at 1,000 pages, ran inside the commit of every
	// import batch (a batch writes more than that), on the thread that
	// stores; it stays as a backstop for a log the checkpointer has not
	// kept small.
	_, err := c.Exec(`PRAGMA wal_autocheckpoint = `+strconv.Itoa(autoCheckpointPages), nil)
	return err
}

// autoCheckpointPages is the log size (in pages of 4 KB) at which a commit
// checkpoints in its own thread: 40 MB, far above what an import batch
// leaves between two runs of the checkpointer.
const autoCheckpointPages = 10000
