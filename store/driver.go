package store

import (
	"database/sql"

	"github.com/mattn/go-sqlite3"
)

// driverName is go-sqlite3 with the functions the store's SQL calls.
const driverName = "sqlite3_parallax"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			return c.RegisterFunc("parallax_rank", rankMatchinfo, true)
		},
	})
}
