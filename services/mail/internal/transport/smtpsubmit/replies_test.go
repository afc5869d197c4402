package smtpsubmit

import (
	"strings"
	"testing"

	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
)

// A9.1: every reply the submission server gives is the catalogue's words,
// Korean on the first line and English on the second, with its arguments
// filled in; a refusal of the mail says that nothing was filed, and an ID
// that cannot file is told why in the words of its own refusal.
func TestA9_1RepliesInKoreanAndEnglishFromTheCatalogue(t *testing.T) {
	t.Parallel()
	all := map[string]*smtp.SMTPError{
		"auth required": errAuthRequired, "tls required": errTLSRequired, "auth failed": errAuthFailed,
		"too many failures": errTooManyFailures, "no text": errNoText, "too long": errTooLong,
		"attachment": errAttachmentReply, "charset": errCharsetReply, "malformed": errMalformedReply,
		"try later": errTryLater, "not your id": errNotYourID("hong@seoul.go.kr"),
		"not the complaint address": errNotComplaintAddress("minwon@seoul.go.kr"), "too big": errTooBig(65536),
		"accepted": accepted("SMG-2026-000001"),
		"terms":    idState(errs.FailedPrecondition("TERMS_MUST_BE_ACCEPTED", "version", "2.0")),
		"refused":  refused(errs.Invalid("title", "NOT_ONE_OF")),
	}
	for name, r := range all {
		ko, en, ok := strings.Cut(r.Message, "\n")
		require.True(t, ok, name)
		require.NotContains(t, r.Message, "SMTP_", "%s: a reason missing from the catalogue", name)
		require.Regexp(t, `\p{Hangul}`, ko, name)
		require.NotRegexp(t, `\p{Hangul}`, en, name)
		require.NotContains(t, r.Message, "{{", name)
	}
	for _, r := range []*smtp.SMTPError{errNoText, errTooLong, errAttachmentReply, errNotYourID("x"), errTooBig(1), all["terms"], all["refused"]} {
		require.Contains(t, r.Message, "접수되지 않았습니다.\n")
		require.True(t, strings.HasSuffix(r.Message, "Nothing was filed."), r.Message)
	}
	require.Contains(t, errNotYourID("hong@seoul.go.kr").Message, "hong@seoul.go.kr 이어야 합니다")
	require.Contains(t, errTooBig(65536).Message, "at most 65536 bytes")
	require.Contains(t, accepted("SMG-2026-000001").Message, "접수번호 SMG-2026-000001")
	require.Contains(t, all["terms"].Message, "이용약관 2.0판에 먼저 동의해야 합니다")
	require.Contains(t, all["terms"].Message, "version 2.0 must be accepted first")
	require.Contains(t, all["refused"].Message, "(title)")
}
