package store

import (
	"database/sql"

	"github.com/mattn/go-sqlite3"
)

// driverName is go-sqlite3 registered under the store's own name, so that
// SQL functions the store may need are added in one place.
const driverName = "sqlite3_parallax"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{})
}
