package mtls

import (
	"crypto/tls"
	"crypto/x509"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A server's own certificate is read again when its file changes (a
// renewal written into the mounted secret): new connections get the new
// one without a restart; a renewal half written keeps the last good pair;
// a missing pair fails the start.
func TestServingCertificateFollowsRenewal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ca, err := NewDevCA()
	require.NoError(t, err)
	first, err := ca.Issue(dir, "mail-submission", "127.0.0.1")
	require.NoError(t, err)
	get, err := ServingCertificate(first.CertFile, first.KeyFile)
	require.NoError(t, err)
	before := serialOf(t, get)

	_, err = ca.Issue(dir, "mail-submission", "127.0.0.1")
	require.NoError(t, err)
	touch(t, first.CertFile, time.Minute)
	renewed := serialOf(t, get)
	require.NotEqual(t, before, renewed, "the renewed certificate is served")

	require.NoError(t, os.WriteFile(first.KeyFile, []byte("half written"), 0o600))
	touch(t, first.CertFile, 2*time.Minute)
	require.Equal(t, renewed, serialOf(t, get), "a broken renewal keeps the last good pair")

	_, err = ServingCertificate(filepath.Join(dir, "none.crt"), filepath.Join(dir, "none.key"))
	require.Error(t, err)
}

func serialOf(t *testing.T, get func(*tls.ClientHelloInfo) (*tls.Certificate, error)) string {
	t.Helper()
	c, err := get(nil)
	require.NoError(t, err)
	leaf, err := x509.ParseCertificate(c.Certificate[0])
	require.NoError(t, err)
	return leaf.SerialNumber.String()
}

// touch moves a file's modification time ahead, as a later write would.
func touch(t *testing.T, path string, ahead time.Duration) {
	t.Helper()
	later := time.Now().Add(ahead)
	require.NoError(t, os.Chtimes(path, later, later))
}
