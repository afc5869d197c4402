// Command content serves the content service: information with its
// responsible departments (A3.1, A4).
package main

import (
	"os"

	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/content/server"
)

func main() {
	os.Exit(service.Main(server.Spec()))
}
