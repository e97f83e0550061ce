package store

import (
	"database/sql"

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
	_, err := c.Exec(`PRAGMA temp_store = MEMORY`, nil)
	return err
}
