package smtpsubmit

import (
	"context"
	"errors"
	"io"
	"net"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// maxAuthFailures stops a connection that keeps guessing passwords: its
// further logins are refused without a check (the refusal is written
// before the connection would close, so the mail program can show it; the
// read timeout ends a connection that stays).
const maxAuthFailures = 3

// session is one SMTP connection of a citizen's mail program.
type session struct {
	s        *Server
	conn     *smtp.Conn
	acc      *domain.Account
	failures int
}

var _ smtp.AuthSession = (*session)(nil)

// authAllowed: AUTH only inside TLS, except from the same machine (a mail
// program on the server itself, make run), where nothing crosses a network.
func (x *session) authAllowed() bool {
	_, tls := x.conn.TLSConnectionState()
	return tls || loopback(x.conn.Conn().RemoteAddr())
}

// peerKey is the address failed logins are counted under: the peer's IP.
func peerKey(a net.Addr) string {
	if addr, ok := a.(*net.TCPAddr); ok {
		return addr.IP.String()
	}
	return a.String()
}

// loopback reports whether a peer connects from this very machine.
func loopback(a net.Addr) bool {
	addr, ok := a.(*net.TCPAddr)
	return ok && addr.IP.IsLoopback()
}

func (x *session) AuthMechanisms() []string {
	if !x.authAllowed() {
		return nil
	}
	return []string{sasl.Plain}
}

func (x *session) Auth(mech string) (sasl.Server, error) {
	if !x.authAllowed() {
		return nil, errTLSRequired
	}
	if mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(x.plain), nil
}

// plain checks AUTH PLAIN: the ID's address and its submission password.
// A peer address that failed too often lately is turned away before any
// hash is computed.
func (x *session) plain(identity, username, password string) error {
	peer := peerKey(x.conn.Conn().RemoteAddr())
	if x.failures >= maxAuthFailures || x.s.failures.Exhausted(peer) {
		return errTooManyFailures
	}
	ctx, cancel := x.s.call()
	defer cancel()
	acc, err := x.s.app.AuthenticateSubmitter(ctx, username, password)
	if err == nil && (identity == "" || identity == username) {
		x.acc = acc
		return nil
	}
	if err != nil && !errs.Is(err, errs.KindUnauthenticated) {
		x.s.log.WarnContext(ctx, "smtp submission: authentication could not be checked", "err", err)
		return errTryLater
	}
	x.failures++
	x.s.failures.Allow(peer)
	if x.failures >= maxAuthFailures {
		return errTooManyFailures
	}
	return errAuthFailed
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.acc == nil {
		return errAuthRequired
	}
	ctx, cancel := x.s.call()
	defer cancel()
	err := x.s.app.CheckSender(ctx, x.acc, from)
	switch {
	case err == nil:
		return nil
	case errs.Is(err, errs.KindPermissionDenied):
		return errNotYourID(x.acc.Address())
	case errs.Is(err, errs.KindFailedPrecondition):
		return idState(err)
	}
	x.s.log.WarnContext(ctx, "smtp submission: sender could not be checked", "account_id", x.acc.ID, "err", err)
	return errTryLater
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if x.acc == nil {
		return errAuthRequired
	}
	if !x.s.app.IsComplaintAddress(to) {
		return errNotComplaintAddress(x.s.app.ComplaintAddress())
	}
	return nil
}

// Data reads the message and files it; the reply says accepted with the
// receipt number, or why nothing was filed.
func (x *session) Data(r io.Reader) error {
	m, err := decode(r)
	if err != nil {
		return x.badMail(err)
	}
	ctx, cancel := x.s.call()
	defer cancel()
	receipt, err := x.s.app.FileComplaintByMail(ctx, x.acc, m)
	var e *errs.Error
	switch {
	case err == nil:
		x.s.log.InfoContext(ctx, "smtp submission: complaint filed", "account_id", x.acc.ID, "receipt_number", receipt)
		return accepted(receipt)
	case errors.As(err, &e) && e.Kind == errs.KindInvalid:
		return refused(e)
	case errs.Is(err, errs.KindFailedPrecondition):
		return idState(err)
	}
	x.s.log.WarnContext(ctx, "smtp submission: complaint not filed; the sender may retry", "account_id", x.acc.ID, "err", err)
	return errTryLater
}

func (x *session) badMail(err error) error {
	switch {
	case errors.Is(err, smtp.ErrDataTooLarge):
		return errTooBig(x.s.maxBytes)
	case errors.Is(err, errAttachment):
		return errAttachmentReply
	case errors.Is(err, errCharset):
		return errCharsetReply
	}
	return errMalformedReply
}

func (x *session) Reset()        {}
func (x *session) Logout() error { return nil }

// call is the context of one use-case call: the server's, bounded.
func (s *Server) call() (context.Context, context.CancelFunc) {
	return context.WithTimeout(s.ctx, s.timeout)
}
