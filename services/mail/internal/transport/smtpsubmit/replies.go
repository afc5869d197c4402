package smtpsubmit

import (
	"errors"
	"strings"

	"github.com/emersion/go-smtp"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/locale"
)

// A mail program shows the server's reply as it is, to a reader of either
// language, so every reply says it in Korean, then English, on two lines.
// The words are the catalogue's (platform/locale/messages/mail.*.json),
// like every other message of the suite.
var inKorean, inEnglish = locale.ForLanguage("ko"), locale.ForLanguage("en")

// reply is the reply code with the catalogue's message for reason.
func reply(code int, enh smtp.EnhancedCode, reason string, args ...any) *smtp.SMTPError {
	return &smtp.SMTPError{Code: code, EnhancedCode: enh,
		Message: inKorean.Message(reason, args...) + "\n" + inEnglish.Message(reason, args...)}
}

// refusal is a reply to mail that was not filed, and says so.
func refusal(code int, enh smtp.EnhancedCode, reason string, args ...any) *smtp.SMTPError {
	return &smtp.SMTPError{Code: code, EnhancedCode: enh,
		Message: nothingFiled(inKorean, reason, args) + "\n" + nothingFiled(inEnglish, reason, args)}
}

func nothingFiled(l locale.Localizer, reason string, args []any) string {
	return l.Message(reason, args...) + " " + l.Message("SMTP_NOTHING_FILED")
}

// The replies a citizen's mail program shows them.
var (
	errAuthRequired    = reply(530, smtp.EnhancedCode{5, 7, 0}, "SMTP_AUTH_REQUIRED")
	errTLSRequired     = reply(538, smtp.EnhancedCode{5, 7, 11}, "SMTP_TLS_REQUIRED")
	errAuthFailed      = reply(535, smtp.EnhancedCode{5, 7, 8}, "SUBMISSION_AUTH_FAILED")
	errTooManyFailures = reply(454, smtp.EnhancedCode{4, 7, 0}, "SMTP_TOO_MANY_FAILURES")
	errNoText          = refusal(550, smtp.EnhancedCode{5, 6, 0}, "SMTP_NO_TEXT")
	errTooLong         = refusal(552, smtp.EnhancedCode{5, 3, 4}, "SMTP_TOO_LONG")
	errAttachmentReply = refusal(554, smtp.EnhancedCode{5, 6, 1}, "SMTP_ATTACHMENT")
	errCharsetReply    = refusal(554, smtp.EnhancedCode{5, 6, 3}, "SMTP_CHARSET")
	errMalformedReply  = refusal(550, smtp.EnhancedCode{5, 6, 0}, "SMTP_MALFORMED")
	errTryLater        = reply(451, smtp.EnhancedCode{4, 3, 0}, "SMTP_TRY_LATER")
)

func errNotYourID(address string) *smtp.SMTPError {
	return refusal(550, smtp.EnhancedCode{5, 7, 1}, "SENDER_NOT_YOUR_ID", "address", address)
}

func errNotComplaintAddress(address string) *smtp.SMTPError {
	return reply(550, smtp.EnhancedCode{5, 1, 1}, "SMTP_NOT_COMPLAINT_ADDRESS", "address", address)
}

func errTooBig(max int64) *smtp.SMTPError {
	return refusal(552, smtp.EnhancedCode{5, 3, 4}, "SMTP_TOO_BIG", "max", max)
}

func accepted(receipt string) *smtp.SMTPError {
	return reply(250, smtp.EnhancedCode{2, 0, 0}, "SMTP_ACCEPTED", "receipt_number", receipt)
}

// idState explains why an ID cannot file now (suspended, closed, the
// terms in force not accepted, not a citizen's) in the words the ID's own
// refusal has in the catalogue.
func idState(err error) *smtp.SMTPError {
	var e *errs.Error
	if !errors.As(err, &e) {
		return errTryLater
	}
	line := func(l locale.Localizer) string {
		return l.Message("SMTP_ID_CANNOT_FILE") + " " + nothingFiled(l, e.Reason, e.Args)
	}
	return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: line(inKorean) + "\n" + line(inEnglish)}
}

// refused is the reply to what the complaint window refused as bad input,
// naming the fields.
func refused(e *errs.Error) *smtp.SMTPError {
	for _, v := range e.Violations {
		switch {
		case v.Field == "body" && v.Reason == "REQUIRED":
			return errNoText
		case v.Reason == "TOO_LONG":
			return errTooLong
		}
	}
	var fields []string
	for _, v := range e.Violations {
		fields = append(fields, v.Field)
	}
	return refusal(550, smtp.EnhancedCode{5, 6, 0}, "SMTP_REFUSED", "fields", strings.Join(fields, ", "))
}
