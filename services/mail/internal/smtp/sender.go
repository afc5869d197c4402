// Package smtp hands notices to an SMTP server with go-mail: multipart
// text + HTML, UTF-8 with MIME-encoded Korean headers, STARTTLS or implicit
// TLS and authentication as configured. Failures are classified as the
// app expects: permanent (5xx), temporary (4xx) or unreachable.
package smtp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/seoul-gov/homepage/services/mail/internal/app"
)

// Config is how to reach the SMTP server.
type Config struct {
	Addr string
	// TLS is "none", "starttls" (required) or "implicit" (SMTPS).
	TLS                string
	Username, Password string
	Timeout            time.Duration
}

// Sender implements app.Sender.
type Sender struct {
	host string
	port int
	opts []gomail.Option
}

// New validates cfg and returns a sender; nothing is dialled yet.
func New(cfg Config) (*Sender, error) {
	host, p, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("MAIL_SMTP_ADDR: %w", err)
	}
	port, err := strconv.Atoi(p)
	if err != nil {
		return nil, fmt.Errorf("MAIL_SMTP_ADDR: bad port %q", p)
	}
	opts := []gomail.Option{gomail.WithPort(port), gomail.WithTimeout(cfg.Timeout), gomail.WithHELO("localhost")}
	switch cfg.TLS {
	case "none", "":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case "starttls":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case "implicit":
		opts = append(opts, gomail.WithSSL())
	default:
		return nil, fmt.Errorf("MAIL_SMTP_TLS: %q is not none, starttls or implicit", cfg.TLS)
	}
	if cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(cfg.Username),
			gomail.WithPassword(cfg.Password))
	}
	return &Sender{host: host, port: port, opts: opts}, nil
}

// Send delivers m to the SMTP server (one connection per message).
func (s *Sender) Send(ctx context.Context, m app.Message) error {
	msg, err := build(m)
	if err != nil {
		return &app.SendFailure{Permanent: true, Detail: "bad message: " + err.Error()}
	}
	client, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return &app.SendFailure{Detail: err.Error()}
	}
	return classify(client.DialAndSendWithContext(ctx, msg))
}

func build(m app.Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingB64))
	if err := msg.FromFormat(m.FromName, m.From); err != nil {
		return nil, err
	}
	if err := msg.To(m.To); err != nil {
		return nil, err
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.MessageID)
	msg.SetDate()
	msg.SetGenHeader(gomail.HeaderContentLang, "ko, en")
	if m.Unsubscribe != "" {
		// RFC 8058 one-click: the URL is POSTed by the mail client.
		msg.SetGenHeaderPreformatted(gomail.HeaderListUnsubscribe, "<"+m.Unsubscribe+">")
		msg.SetGenHeaderPreformatted(gomail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
	}
	if m.InReplyTo != "" {
		msg.SetGenHeaderPreformatted(gomail.HeaderInReplyTo, m.InReplyTo)
		msg.SetGenHeaderPreformatted(gomail.HeaderReferences, m.InReplyTo)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	return msg, nil
}

// classify maps go-mail's errors: an SMTP reply 5xx is permanent, 4xx is
// temporary, anything without a reply (refused, reset, timeout) is the
// server being unreachable.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var se *gomail.SendError
	if !errors.As(err, &se) {
		return &app.SendFailure{Detail: err.Error()}
	}
	// go-mail's own message names the recipients: keep the step and the
	// codes only, so no address reaches the notice's record or the logs.
	code := se.ErrorCode()
	detail := fmt.Sprintf("%s: SMTP %d %s", se.Reason, code, se.EnhancedStatusCode())
	return &app.SendFailure{Permanent: code >= 500, Answered: code >= 400, Detail: detail}
}
