package store

import (
	"context"
	"testing"
)

// Every connection of the pool gets the store's settings: statement
// journals in memory, and SQLite's own checkpoint only as a backstop (the
// store's checkpointer copies the log back, off the thread that writes).
func TestConnectionSettings(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	// Two connections at once: the second is opened for this test.
	for range 2 {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		var tempStore, autoCheckpoint int
		if err := c.QueryRowContext(ctx, `PRAGMA temp_store`).Scan(&tempStore); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&autoCheckpoint); err != nil {
			t.Fatal(err)
		}
		if tempStore != 2 { // MEMORY
			t.Errorf("temp_store = %d, want 2 (memory)", tempStore)
		}
		if autoCheckpoint != autoCheckpointPages {
			t.Errorf("wal_autocheckpoint = %d, want %d", autoCheckpoint, autoCheckpointPages)
		}
	}
}
