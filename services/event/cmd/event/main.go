// Command event serves the event service: participation events with prizes (A7).
package main

import (
	"os"

	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/event/server"
)

func main() {
	os.Exit(service.Main(server.Spec()))
}
