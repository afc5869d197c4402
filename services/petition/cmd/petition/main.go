// Command petition serves the petition service: Ask the Mayor and the e-civil-complaint window (A3.1.3, A6).
package main

import (
	"os"

	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/petition/server"
)

func main() {
	os.Exit(service.Main(server.Spec()))
}
