// Package mtls builds the mutual-TLS configurations of the suite's gRPC
// connections (edge → service, service → service) from config.TLS, and
// names the peer a connection was authenticated as. A service learns which
// service called it from the verified certificate (its common name), never
// from a header the caller could set.
package mtls

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/peer"

	"github.com/seoul-gov/homepage/platform/config"
)

// ServerConfig is the server side: its own certificate, and a client
// certificate signed by the CA required of every caller. nil when c is not
// enabled.
func ServerConfig(c config.TLS) (*tls.Config, error) {
	if !c.Enabled() {
		return nil, nil
	}
	pool, kp, err := load(c)
	if err != nil {
		return nil, err
	}
	return &tls.Config{MinVersion: tls.VersionTLS13, ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool,
		GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) { return kp.get() }}, nil
}

// ClientConfig is the client side: the server's certificate verified
// against the CA (and the dialled name), its own certificate presented.
// nil when c is not enabled.
func ClientConfig(c config.TLS) (*tls.Config, error) {
	if !c.Enabled() {
		return nil, nil
	}
	pool, kp, err := load(c)
	if err != nil {
		return nil, err
	}
	return &tls.Config{MinVersion: tls.VersionTLS13, RootCAs: pool,
		GetClientCertificate: func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return kp.get() }}, nil
}

// ServingCertificate is a TLS server's own certificate for a listener that
// is not mutual (the mail service's SMTP submission server), for
// tls.Config.GetCertificate: re-read like ServerConfig's when the
// certificate file changes, so a renewed certificate is served to new
// connections without a restart.
func ServingCertificate(certFile, keyFile string) (func(*tls.ClientHelloInfo) (*tls.Certificate, error), error) {
	kp := &keyPair{certFile: certFile, keyFile: keyFile}
	if _, err := kp.get(); err != nil {
		return nil, err
	}
	return func(*tls.ClientHelloInfo) (*tls.Certificate, error) { return kp.get() }, nil
}

func load(c config.TLS) (*x509.CertPool, *keyPair, error) {
	caPEM, err := os.ReadFile(c.CAFile)
	if err != nil {
		return nil, nil, fmt.Errorf("GRPC_TLS_CA_FILE: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, nil, errors.New("GRPC_TLS_CA_FILE: no PEM certificate in it")
	}
	kp := &keyPair{certFile: c.CertFile, keyFile: c.KeyFile}
	if _, err := kp.get(); err != nil {
		return nil, nil, fmt.Errorf("GRPC_TLS_CERT_FILE/GRPC_TLS_KEY_FILE: %w", err)
	}
	return pool, kp, nil
}

// keyPair re-reads the certificate and key when the certificate file
// changes, so a renewal by cert-manager is used by new connections
// without a restart.
type keyPair struct {
	certFile, keyFile string

	mu      sync.Mutex
	modTime time.Time
	cert    *tls.Certificate
}

func (k *keyPair) get() (*tls.Certificate, error) {
	st, err := os.Stat(k.certFile)
	if err != nil {
		return nil, err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cert != nil && st.ModTime().Equal(k.modTime) {
		return k.cert, nil
	}
	cert, err := tls.LoadX509KeyPair(k.certFile, k.keyFile)
	if err != nil {
		if k.cert != nil {
			return k.cert, nil // a renewal half written: keep the last good pair
		}
		return nil, err
	}
	k.cert, k.modTime = &cert, st.ModTime()
	return k.cert, nil
}

// PeerName is the common name of the verified client certificate of the
// connection ctx belongs to, or "" when the connection is not mutual TLS.
func PeerName(ctx context.Context) string {
	p, ok := peer.FromContext(ctx)
	if !ok {
		return ""
	}
	info, ok := p.AuthInfo.(credentials.TLSInfo)
	if !ok || len(info.State.VerifiedChains) == 0 || len(info.State.VerifiedChains[0]) == 0 {
		return ""
	}
	return info.State.VerifiedChains[0][0].Subject.CommonName
}
