// Command board serves the board service: participation boards and their public moderation (A3.1.4, A5).
package main

import (
	"os"

	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/board/server"
)

func main() {
	os.Exit(service.Main(server.Spec()))
}
