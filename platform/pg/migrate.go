package pg

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/database"
	"github.com/pressly/goose/v3/lock"
)

// platformMigrations are the tables every service needs for the outbox and
// idempotent consumers. They are versioned apart from the service's own
// migrations so the platform can evolve them without renumbering services.
//
//go:embed migrations/*.sql
var platformMigrations embed.FS

// Migrate applies the platform migrations, then the service's own (a
// directory of numbered .sql files at the root of migrations).
func Migrate(ctx context.Context, pool *pgxpool.Pool, migrations fs.FS) error {
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	sub, err := fs.Sub(platformMigrations, "migrations")
	if err != nil {
		return err
	}
	if err := apply(ctx, db, sub, "platform_schema_version"); err != nil {
		return fmt.Errorf("platform migrations: %w", err)
	}
	if err := apply(ctx, db, migrations, "schema_version"); err != nil {
		return fmt.Errorf("service migrations: %w", err)
	}
	return nil
}

// MigrateURL opens a short-lived pool to url, migrates it and closes every
// connection (test templates must have none left to be cloned).
func MigrateURL(ctx context.Context, url string, migrations fs.FS) error {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return err
	}
	defer pool.Close()
	return Migrate(ctx, pool, migrations)
}

// apply runs the migrations of fsys under a session advisory lock: the
// replicas of a service start together and each migrates, so one applies
// the migrations while the others wait, then find nothing left to do.
func apply(ctx context.Context, db *sql.DB, fsys fs.FS, table string) error {
	store, err := database.NewStore(database.DialectPostgres, table)
	if err != nil {
		return err
	}
	// Retried every second for up to ten minutes: a long migration holds
	// it that long.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 600))
	if err != nil {
		return err
	}
	p, err := goose.NewProvider("", db, fsys, goose.WithStore(store), goose.WithSessionLocker(locker))
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}
