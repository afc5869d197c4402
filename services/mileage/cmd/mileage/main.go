// Command mileage serves the mileage service: the citizens' point ledger (A8).
package main

import (
	"os"

	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/mileage/server"
)

func main() {
	os.Exit(service.Main(server.Spec()))
}
