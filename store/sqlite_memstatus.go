package store

/*
// sqlite3_config is SQLite's own, compiled into github.com/mattn/go-sqlite3
// and linked into the same program.
extern int sqlite3_config(int, ...);

// SQLITE_CONFIG_MEMSTATUS is 9 in sqlite3.h.
static int parallaxMemstatusOff(void) { return sqlite3_config(9, 0); }
*/
import "C"

// memstatusOff reports whether SQLite's memory statistics were turned off
// (see init).
var memstatusOff bool

// SQLite counts every allocation under one process-wide mutex unless told
// not to (go-sqlite3 builds it with the default, on). The library's
// connections and the search indexer's (search_index.go) allocate on two
// threads at once, and the mutex passed between them cost more CPU than
// the index's own work saved: `strace -c` of a 500-file import counted
// 5,500 futex calls with it, 1,900 without (2,400 before the index had
// its own thread). Nothing reads the statistics. It must be set before
// SQLite initialises, which its first connection does.
func init() {
	memstatusOff = C.parallaxMemstatusOff() == 0
}
