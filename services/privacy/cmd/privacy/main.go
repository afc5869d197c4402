// Command privacy serves the privacy service: the encrypted personal data vault (A10).
package main

import (
	"os"

	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

func main() {
	os.Exit(service.Main(server.Spec()))
}
