package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// migrationFiles are the schema changes, NNN_name.sql, applied in order.
// A shipped migration is never edited; changes come as a new file.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations reads the embedded migrations, sorted by version.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, n := range names {
		base := path.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a number and _", base)
		}
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share a number", out[i-1].name, out[i].name)
		}
	}
	return out, nil
}

// SchemaVersion is the newest migration this program knows: a library
// opened by it is brought up to this version.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrate applies the migrations the library has not seen, each in its own
// transaction, recording each in schema_migrations.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	applied, err := s.appliedVersions(ctx)
	if err != nil {
		return err
	}
	if n := len(ms); n > 0 && len(applied) > 0 {
		newest := 0
		for v := range applied {
			newest = max(newest, v)
		}
		if newest > ms[n-1].version {
			return fmt.Errorf("store: open %s: the library has schema version %d, newer than this program knows (%d); update Parallax", s.path, newest, ms[n-1].version)
		}
	}
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		if err := s.applyMigration(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// checkSchemaReadOnly accepts a library opened read-only only when it
// needs no migration, since none can be applied.
func (s *Store) checkSchemaReadOnly(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'`).Scan(&n); err != nil {
		return s.fail("open "+s.path, err)
	}
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	newest := 0
	if n > 0 {
		if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&newest); err != nil {
			return s.fail("open "+s.path, err)
		}
	}
	if len(ms) > 0 && newest < ms[len(ms)-1].version {
		return fmt.Errorf("store: open %s: %w and needs an upgrade (schema version %d of %d); open it once with write access",
			s.path, ErrReadOnly, newest, ms[len(ms)-1].version)
	}
	return nil
}

// migrationPending reports whether a migration this program knows is not
// applied to the library, reading only (schema_migrations must exist).
func (s *Store) migrationPending(ctx context.Context) (bool, error) {
	ms, err := migrations()
	if err != nil {
		return false, fmt.Errorf("store: migrate: %w", err)
	}
	applied, err := s.readAppliedVersions(ctx)
	if err != nil {
		return false, err
	}
	for _, m := range ms {
		if !applied[m.version] {
			return true, nil
		}
	}
	return false, nil
}

// appliedVersions reads schema_migrations, creating it when absent.
func (s *Store) appliedVersions(ctx context.Context) (map[int]bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'`).Scan(&n); err != nil {
		return nil, s.fail("migrate", err)
	}
	if n == 0 {
		_, err := s.execWrite(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at TEXT NOT NULL
		)`)
		if err != nil {
			return nil, s.fail("migrate", err)
		}
	}
	return s.readAppliedVersions(ctx)
}

// readAppliedVersions reads schema_migrations.
func (s *Store) readAppliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, s.fail("migrate", err)
	}
	defer rows.Close()
	applied := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, s.fail("migrate", err)
		}
		applied[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("migrate", err)
	}
	return applied, nil
}

func (s *Store) applyMigration(ctx context.Context, m migration) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return s.fail("migrate "+m.name, err)
	}
	defer tx.Rollback()
	// Another process may have applied it while this one waited for the lock.
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&done); err != nil {
		return s.fail("migrate "+m.name, err)
	}
	if done > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return s.fail("migrate "+m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, s.now().UTC().Format(time.RFC3339Nano)); err != nil {
		return s.fail("migrate "+m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return s.fail("migrate "+m.name, err)
	}
	return nil
}
