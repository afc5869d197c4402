// Package localinfra starts throwaway infrastructure — a PostgreSQL cluster and
// a NATS JetStream server — from what is already on the machine.
//
// Why: the suite's development and CI machines have no Docker, yet every
// service needs a real Postgres (pgx, migrations, extensions such as pg_trgm)
// and a real JetStream (outbox → stream → consumers). The dev launcher
// (`make run`) and the test harness (package testinfra) therefore run the
// machine's own PostgreSQL binaries (initdb/pg_ctl, found on PATH or under
// /usr/lib/postgresql/*/bin) and nats-server from its Go module: inside the
// calling process, or as the natsd child process (platform/cmd/natsd) that
// tests and the launcher use so NATS can be killed like a real server.
//
// PostgreSQL acknowledges a commit only once its WAL is written
// (synchronous_commit on, always) and, by default, flushed to disk (fsync,
// full-page writes): `make run` is a setup a small office may really use.
// Test clusters may ask for fsync off (PostgresOptions.NoFsync), which
// survives a PostgreSQL crash but not a machine crash. NATS keeps
// sync-always, because tests kill it and prove that no acknowledged event is
// lost. Production runs its own, managed servers (see the README).
package localinfra
