//go:build tools

// Package mailpit pins Mailpit, the SMTP server with a web inbox and an API
// that `make run` and the tests deliver mail to. It is a module of its own,
// outside go.work, so Mailpit's dependencies never shift the versions the
// suite's modules build with. Build it with its web inbox (whose JavaScript
// bundle the module does not ship; ui/ pins what builds it) with
//
//	scripts/build-mailpit.sh bin/mailpit
package mailpit

import _ "github.com/axllent/mailpit"
