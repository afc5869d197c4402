//go:build tools

// Package mailpit pins Mailpit, the SMTP server with a web inbox and an API
// that `make run` and the tests deliver mail to. It is a module of its own,
// outside go.work, so Mailpit's dependencies never shift the versions the
// suite's modules build with; build it with
//
//	GOWORK=off go build -C tools/mailpit -o bin/mailpit github.com/axllent/mailpit
package mailpit

import _ "github.com/axllent/mailpit"
