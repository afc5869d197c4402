// Package pg connects services to their own PostgreSQL database: a pool
// from configuration, a transaction helper, SQLSTATE → error kinds, and
// embedded migrations applied with goose before the service serves.
package pg

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/errs"
)

// Connect opens a pool and pings it so a bad URL fails at once (the
// `migrate` subcommand); services use Open and wait for the database.
func Connect(ctx context.Context, cfg config.Postgres) (*pgxpool.Pool, error) {
	pool, err := Open(cfg)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("ping database: %w", err)
	}
	return pool, nil
}

// Open returns a pool without connecting: a service starts (and reports
// not ready) while its database is down, and the pool connects once it is
// back. A connect attempt gives up after connectTimeout unless the URL says
// otherwise, so work without a deadline of its own (consumers, jobs) never
// hangs on an unreachable host.
func Open(cfg config.Postgres) (*pgxpool.Pool, error) {
	pc, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	if cfg.MaxConns > 0 {
		pc.MaxConns = cfg.MaxConns
	}
	if pc.ConnConfig.ConnectTimeout == 0 {
		pc.ConnConfig.ConnectTimeout = connectTimeout
	}
	pool, err := pgxpool.NewWithConfig(context.Background(), pc)
	if err != nil {
		return nil, fmt.Errorf("open pool: %w", err)
	}
	return pool, nil
}

const connectTimeout = 5 * time.Second

// Beginner is what InTx needs: a pool or a connection.
type Beginner interface {
	BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error)
}

// InTx runs fn in a transaction, committing when fn returns nil and rolling
// back otherwise (also on panic). Errors are mapped to kinds.
func InTx(ctx context.Context, db Beginner, fn func(tx pgx.Tx) error) error {
	return InTxWith(ctx, db, pgx.TxOptions{}, fn)
}

// InTxWith is InTx with explicit options (isolation level, read-only).
func InTxWith(ctx context.Context, db Beginner, opts pgx.TxOptions, fn func(tx pgx.Tx) error) (err error) {
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return MapError(err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	if err = fn(tx); err != nil {
		return MapError(err)
	}
	return MapError(tx.Commit(ctx))
}

// SQLSTATE codes the suite reacts to.
const (
	UniqueViolation      = "23505"
	ForeignKeyViolation  = "23503"
	CheckViolation       = "23514"
	NotNullViolation     = "23502"
	SerializationFailure = "40001"
	DeadlockDetected     = "40P01"
	LockNotAvailable     = "55P03"
	StringTooLong        = "22001"
	InvalidTextRep       = "22P02"
)

// MapError classifies database errors by SQLSTATE (never by message text).
// Already-classified errors and nil pass through unchanged.
func MapError(err error) error {
	if err == nil {
		return nil
	}
	var e *errs.Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return errs.Wrap(errs.KindNotFound, err, "NOT_FOUND")
	}
	if Unavailable(err) {
		return ClassifyOutage(err)
	}
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return err
	}
	switch pgErr.Code {
	case UniqueViolation:
		return errs.Wrap(errs.KindAlreadyExists, err, "ALREADY_EXISTS")
	case ForeignKeyViolation:
		return errs.Wrap(errs.KindFailedPrecondition, err, "REFERENCE_MISSING")
	case CheckViolation, NotNullViolation, StringTooLong, InvalidTextRep:
		return errs.Wrap(errs.KindInvalid, err, "INVALID_VALUE")
	case SerializationFailure, DeadlockDetected, LockNotAvailable:
		return errs.Wrap(errs.KindConflict, err, "CONCURRENT_UPDATE")
	}
	return err
}

// Unavailable reports whether err means the database could not be reached
// or dropped the connection: refused or failed connects, a socket that went
// away mid-query, a server shutting down, crashing or still recovering, or
// out of connections. Such a failure says nothing about the request, so it
// is KindUnavailable (HTTP 503, retry later), never Internal; a commit cut
// off this way may or may not have happened, which is why creates carry a
// request id that makes the retry safe.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return unavailableCode(pgErr.Code)
	}
	var netErr net.Error
	return errors.Is(err, pgconn.ErrConnClosed) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.As(err, &netErr)
}

// ClassifyOutage classifies a database outage as KindUnavailable and
// leaves every other error as it is: the gRPC server applies it to what
// handlers return (grpcserver.Options.Classify), so a store that returned a
// driver error without MapError still answers 503, never 500.
func ClassifyOutage(err error) error {
	var e *errs.Error
	if errors.As(err, &e) || !Unavailable(err) {
		return err
	}
	return errs.Wrap(errs.KindUnavailable, err, "DATABASE_UNAVAILABLE")
}

// unavailableCode: class 08 (connection exception), class 53 (insufficient
// resources: too many connections, disk full), and operator intervention
// that ends sessions (57P01 admin shutdown, 57P02 crash shutdown, 57P03
// cannot connect now — starting up or recovering, 57P05 idle session timeout).
func unavailableCode(code string) bool {
	switch {
	case strings.HasPrefix(code, "08"), strings.HasPrefix(code, "53"):
		return true
	}
	return code == "57P01" || code == "57P02" || code == "57P03" || code == "57P05"
}

// IsCode reports whether err is a PostgreSQL error with SQLSTATE code.
func IsCode(err error, code string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == code
}

// DB is where a store runs its statements. Over the pool (Pool), each
// InTx is a transaction of its own; joined to a transaction a caller
// already holds (Joined: a consumer's inbox transaction), every statement
// and InTx runs inside it, so the same repository and use case serve an
// RPC and an event handler and the effect commits with the inbox row.
type DB interface {
	InTx(ctx context.Context, fn func(tx pgx.Tx) error) error
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// Pool is a DB over a connection pool.
func Pool(p *pgxpool.Pool) DB { return poolDB{p} }

type poolDB struct{ *pgxpool.Pool }

func (p poolDB) InTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return InTx(ctx, p.Pool, fn)
}

// Joined is a DB inside tx: InTx runs fn in tx itself, and the caller
// commits or rolls back.
func Joined(tx pgx.Tx) DB { return joinedDB{tx} }

type joinedDB struct{ pgx.Tx }

func (j joinedDB) InTx(_ context.Context, fn func(tx pgx.Tx) error) error { return MapError(fn(j.Tx)) }
