// Command mail serves the mail service: e-mail IDs, the terms of the
// service and every notice to people, over SMTP (A9).
package main

import (
	"os"

	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/mail/server"
)

func main() {
	os.Exit(service.Main(server.Spec()))
}
