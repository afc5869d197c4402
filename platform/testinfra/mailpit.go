package testinfra

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/seoul-gov/homepage/platform/localinfra"
)

// MailpitEnv names a prebuilt mailpit binary (scripts/with-testinfra.sh
// builds one for the whole run); without it each test binary builds its
// own once.
const MailpitEnv = "SEOUL_TEST_MAILPIT"

var mailpitBin struct {
	once sync.Once
	path string
	err  error
}

func mailpitBinary() (string, error) {
	mailpitBin.once.Do(func() {
		if bin := os.Getenv(MailpitEnv); bin != "" {
			mailpitBin.path = bin
			return
		}
		dir, err := os.MkdirTemp("", "seoul-mailpitbin-")
		if err != nil {
			mailpitBin.err = err
			return
		}
		onExit(func() { _ = os.RemoveAll(dir) })
		mailpitBin.path, mailpitBin.err = localinfra.BuildMailpit(context.Background(), dir)
	})
	return mailpitBin.path, mailpitBin.err
}

// Mailpit starts a real SMTP server (Mailpit) owned by this test, whose
// API the test reads delivered messages from, and shuts it down when the
// test ends. Tests may Stop and Start it.
func Mailpit(t testing.TB) *localinfra.Mailpit {
	t.Helper()
	requireMain(t)
	bin, err := mailpitBinary()
	if err != nil {
		t.Fatalf("testinfra: building mailpit: %v", err)
	}
	m, err := localinfra.StartMailpit(localinfra.MailpitOptions{Binary: bin})
	if err != nil {
		t.Fatalf("testinfra: starting mailpit: %v", err)
	}
	t.Cleanup(m.Shutdown)
	return m
}
