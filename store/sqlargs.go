package store

import (
	"context"
	"database/sql"
	"strings"
)

// placeholders is n statement parameters for an SQL IN list: "?,?,?".
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// idArgs is ids (row ids or grouping keys) as statement arguments.
func idArgs[K ~int64](ids []K) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = int64(id)
	}
	return args
}

// queryIn runs query, which ends in an open IN list ("… IN ("), once for
// each keysPerQuery of keys, and calls row for each row it returns.
func queryIn[K ~int64](ctx context.Context, q querier, query string, keys []K, row func(*sql.Rows) error) error {
	for start := 0; start < len(keys); start += keysPerQuery {
		part := keys[start:min(start+keysPerQuery, len(keys))]
		rows, err := q.QueryContext(ctx, query+placeholders(len(part))+`)`, idArgs(part)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := row(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
