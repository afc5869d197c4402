// Package localinfra starts throwaway infrastructure — a PostgreSQL cluster and
// an embedded NATS JetStream server — from what is already on the machine.
//
// Why: the suite's development and CI machines have no Docker, yet every
// service needs a real Postgres (pgx, migrations, extensions such as pg_trgm)
// and a real JetStream (outbox → stream → consumers). The dev launcher
// (`make run`) and the test harness (package testinfra) therefore run the
// machine's own PostgreSQL binaries (initdb/pg_ctl, found on PATH or under
// /usr/lib/postgresql/*/bin) and nats-server linked in as a Go library.
//
// Everything here trades durability for speed (fsync=off and friends): the
// data is meant to be thrown away. Nothing in this package is for production.
package localinfra
