// Package migrations holds the service's numbered SQL migrations, embedded
// in the binary and applied at start (and by the `migrate` subcommand).
package migrations

import "embed"

// FS is the migrations directory.
//
//go:embed *.sql
var FS embed.FS
