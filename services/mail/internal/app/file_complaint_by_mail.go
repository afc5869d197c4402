package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/textrule"
	"github.com/seoul-gov/homepage/services/mail/internal/apppassword"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// MailComplaint is a complaint as a citizen sent it by e-mail, decoded
// from MIME by the SMTP transport.
type MailComplaint struct {
	MessageID  string
	SenderName string
	Subject    string
	Text       string
}

// Limits of a complaint by e-mail: the petition service's own.
const (
	maxTitle = 200
	maxBody  = 10000
	maxName  = 50
)

// mailComplaintType is the type a complaint by e-mail is filed as: a
// proposal (건의민원, 14 days); the department may reclassify it.
const mailComplaintType = "proposal"

// AuthenticateSubmitter checks SMTP AUTH: the address of a citizen's ID
// that is not closed and the app password set for it. Any mismatch is the
// same Unauthenticated, and an unknown address costs a hash check too, so
// neither answer nor timing tells which IDs exist.
func (a *App) AuthenticateSubmitter(ctx context.Context, address, password string) (*domain.Account, error) {
	acc, err := a.byAddress(ctx, address)
	if err != nil && !errs.Is(err, errs.KindNotFound) {
		return nil, err
	}
	known := acc != nil && acc.Kind == domain.KindCitizen && acc.State != domain.StateClosed && acc.SubmissionHash != ""
	hash := apppassword.Decoy
	if known {
		hash = acc.SubmissionHash
	}
	if !apppassword.Verify(hash, password) || !known {
		return nil, errs.Unauthenticated("SUBMISSION_AUTH_FAILED")
	}
	return acc, nil
}

// byAddress finds the ID of an address under the service's domain.
func (a *App) byAddress(ctx context.Context, address string) (*domain.Account, error) {
	local, dom, ok := strings.Cut(strings.ToLower(strings.TrimSpace(address)), "@")
	if !ok || dom != strings.ToLower(a.set.Domain) || domain.CheckLocalPart("local_part", local) != nil {
		return nil, errs.NotFound("MAIL_ACCOUNT_NOT_FOUND")
	}
	return a.accounts.ByAddress(ctx, local, a.set.Domain)
}

// CheckSender decides MAIL FROM: it must be the authenticated ID's own
// address, and the ID must still be able to file (active, a citizen's, the
// terms in force accepted).
func (a *App) CheckSender(ctx context.Context, acc *domain.Account, from string) error {
	if !domain.SameAddress(from, acc.Address()) {
		return errs.PermissionDenied("SENDER_NOT_YOUR_ID", "address", acc.Address())
	}
	fresh, err := a.accounts.Get(ctx, acc.ID)
	if err != nil {
		return err
	}
	terms, err := a.terms.Current(ctx, a.now())
	if err != nil {
		return err
	}
	return fresh.MaySubmit(terms)
}

// IsComplaintAddress decides RCPT TO: the complaint address only.
func (a *App) IsComplaintAddress(to string) bool { return domain.SameAddress(to, a.ComplaintAddress()) }

// FileComplaintByMail files the complaint the authenticated citizen sent
// (A9.1) through the petition service, on their behalf, and returns its
// receipt number. The title is the subject (else the text's first line);
// a message without text or longer than the complaint window takes is
// Invalid naming body or title, and nothing is filed. The request id
// comes from the Message-ID, so the same message sent again files once.
func (a *App) FileComplaintByMail(ctx context.Context, acc *domain.Account, m MailComplaint) (string, error) {
	body := strings.TrimSpace(m.Text)
	title := titleOf(m.Subject, body)
	var v errs.Violations
	v.Check(textrule.Blank(body), "body", "REQUIRED")
	v.Check(utf8.RuneCountInString(body) > maxBody, "body", "TOO_LONG", "max", maxBody)
	v.Check(utf8.RuneCountInString(title) > maxTitle, "title", "TOO_LONG", "max", maxTitle)
	if err := v.Err(); err != nil {
		return "", err
	}
	return a.complaints.FileByMail(ctx, ComplaintByMail{Subject: acc.SubjectID, MailID: acc.Address(),
		RequestID: requestID(acc, m, title, body), Type: mailComplaintType, Title: title, Body: body,
		Name: senderName(m.SenderName)})
}

// titleOf is the subject, or the first line of the text when the subject
// is blank (cut to 100 characters).
func titleOf(subject, body string) string {
	if t := strings.TrimSpace(subject); !textrule.Blank(t) {
		return t
	}
	line, _, _ := strings.Cut(body, "\n")
	line = strings.TrimSpace(line)
	if r := []rune(line); len(r) > 100 {
		line = string(r[:100])
	}
	return line
}

// senderName is the From header's display name when it can be a
// complainant's name (the petition service vaults it), else none.
func senderName(name string) string {
	name = strings.TrimSpace(name)
	if textrule.Blank(name) || utf8.RuneCountInString(name) > maxName || textrule.HasControl(name) {
		return ""
	}
	return name
}

// requestID is derived from the Message-ID (from the text when there is
// none), scoped to the ID: a resent message is the same complaint.
func requestID(acc *domain.Account, m MailComplaint, title, body string) string {
	key := m.MessageID
	if strings.TrimSpace(key) == "" {
		key = title + "\x00" + body
	}
	sum := sha256.Sum256([]byte(acc.ID + "\x00" + key))
	return "mail-" + hex.EncodeToString(sum[:16])
}
