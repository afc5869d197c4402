package launcher

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/mtls"

	"github.com/seoul-gov/homepage/services/mileage/sandbox"
	privacyserver "github.com/seoul-gov/homepage/services/privacy/server"
)

// serviceEnv is the service-specific configuration of a local run: the
// privacy service's development keys and the mileage partners' sandbox.
func (s *Suite) serviceEnv(svc string) ([]string, error) {
	switch svc {
	case "privacy":
		vars, err := privacyserver.WriteDevKeys(filepath.Join(s.state, "privacy-keys"))
		if err != nil {
			return nil, err
		}
		return envList(vars), nil
	case "mail":
		return s.mailEnv()
	case "board":
		return s.boardEnv()
	case "mileage":
		if err := s.startSandbox(); err != nil {
			return nil, err
		}
		return []string{"MILEAGE_PARTNER_URL=http://" + s.cfg.Ports.Sandbox()}, nil
	}
	return nil, nil
}

// boardEnv gives the board service a fresh secret for its authors'
// pseudonyms (kept in the state directory for the run).
func (s *Suite) boardEnv() ([]string, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	path := filepath.Join(s.state, "board-pseudonym.key")
	if err := os.WriteFile(path, []byte(base64.StdEncoding.EncodeToString(key)), 0o600); err != nil {
		return nil, err
	}
	return []string{"BOARD_PSEUDONYM_KEY_FILE=" + path}, nil
}

// mailEnv points the mail service at the SMTP server and the edge, and
// gives it a machine token ("mail", role service) to reveal addresses from
// the privacy vault for the purpose "notification".
func (s *Suite) mailEnv() ([]string, error) {
	tok, err := s.issuer.Mint(identity.Claims{Subject: "client-mail", Roles: []identity.Role{identity.RoleService},
		Client: "mail"}, 30*24*time.Hour)
	if err != nil {
		return nil, err
	}
	tokenFile := filepath.Join(s.state, "mail-client.token")
	if err := os.WriteFile(tokenFile, []byte(tok), 0o600); err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	smtpAddr := s.cfg.SMTPAddr
	if s.mailpit != nil {
		smtpAddr = s.mailpit.SMTPAddr()
	}
	tls, err := s.submissionTLS()
	if err != nil {
		return nil, err
	}
	return []string{"MAIL_SMTP_ADDR=" + smtpAddr, "MAIL_CLIENT_TOKEN_FILE=" + tokenFile,
		"MAIL_PUBLIC_BASE_URL=" + s.EdgeURL(), "MAIL_UNSUBSCRIBE_KEY=" + base64.StdEncoding.EncodeToString(key),
		"MAIL_SUBMISSION_ADDR=" + s.cfg.Ports.Submission(),
		"MAIL_SUBMISSION_TLS_CERT_FILE=" + tls.CertFile, "MAIL_SUBMISSION_TLS_KEY_FILE=" + tls.KeyFile}, nil
}

// submissionTLS makes the certificate of the SMTP submission server for
// this run (complaints by e-mail): issued at start by a throwaway CA, whose
// certificate (SubmissionCA) a mail program or a test trusts to verify it.
func (s *Suite) submissionTLS() (config.TLS, error) {
	dir := filepath.Join(s.state, "mail-submission")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return config.TLS{}, err
	}
	ca, err := mtls.NewDevCA()
	if err != nil {
		return config.TLS{}, err
	}
	return ca.Issue(dir, "mail-submission", "127.0.0.1", "localhost")
}

// SubmissionCA is the CA certificate (PEM) the submission server's
// certificate is issued by.
func (s *Suite) SubmissionCA() string { return filepath.Join(s.state, "mail-submission", "ca.crt") }

// startSandbox serves the redemption partners' sandbox (transit top-up,
// library gift certificates) in this process, as a real HTTP server.
func (s *Suite) startSandbox() error {
	ln, err := net.Listen("tcp", s.cfg.Ports.Sandbox())
	if err != nil {
		return fmt.Errorf("partner sandbox: %w", err)
	}
	srv := &http.Server{Handler: sandbox.NewHandler(), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	s.cleanup = append(s.cleanup, func() { _ = srv.Close() })
	return nil
}

func envList(vars map[string]string) []string {
	out := make([]string, 0, len(vars))
	for k, v := range vars {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

func asPg(err error, target **pgconn.PgError) bool { return errors.As(err, target) }
