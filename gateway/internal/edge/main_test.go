package edge_test

import (
	"os"
	"testing"

	"github.com/seoul-gov/homepage/platform/testinfra"
)

// TestMain stops the NATS servers the edge cache's tests start.
func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }
