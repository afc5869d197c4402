package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
)

// A9.1: only the holder of an active citizen's ID sets its submission
// password; the password then logs in, and the one before it does not.
func TestA9_1ResetSubmissionPasswordTheHolderOnly(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		caller identity.Claims
		id     string
		kind   errs.Kind
	}{
		{"the anonymous", anonymous, hongID.ID, errs.KindUnauthenticated},
		{"another citizen", citizen2, hongID.ID, errs.KindNotFound},
		{"an official", officialD1, hongID.ID, errs.KindNotFound},
		{"an admin, who may see the ID", adminA, hongID.ID, errs.KindPermissionDenied},
		{"the holder of a suspended ID", identity.Claims{Subject: "c3", Roles: []identity.Role{identity.RoleCitizen}}, parkID.ID, errs.KindFailedPrecondition},
		{"an official for their own ID", identity.Claims{Subject: "o1", Roles: []identity.Role{identity.RoleOfficial}, Department: "D1"}, officialsID.ID, errs.KindFailedPrecondition},
	} {
		_, _, err := submissionApp(&complaints{}).ResetSubmissionPassword(identity.With(context.Background(), tc.caller), tc.id)
		require.True(t, errs.Is(err, tc.kind), "%s: %v", tc.name, err)
	}
	a := submissionApp(&complaints{})
	ctx := identity.With(context.Background(), citizen1)
	_, first, err := a.ResetSubmissionPassword(ctx, "me")
	require.NoError(t, err)
	acc, second, err := a.ResetSubmissionPassword(ctx, hongID.ID)
	require.NoError(t, err)
	require.NotContains(t, acc.SubmissionHash, second)
	_, err = a.AuthenticateSubmitter(context.Background(), "HONG@seoul.go.kr", second)
	require.NoError(t, err, "the address as mail programs may write it")
	_, err = a.AuthenticateSubmitter(context.Background(), "hong@seoul.go.kr", first)
	require.True(t, errs.Is(err, errs.KindUnauthenticated), "the previous password stops working")
	_, err = a.AuthenticateSubmitter(context.Background(), "nobody@seoul.go.kr", second)
	require.True(t, errs.Is(err, errs.KindUnauthenticated))
	_, err = a.AuthenticateSubmitter(context.Background(), "hong@example.kr", second)
	require.True(t, errs.Is(err, errs.KindUnauthenticated), "another domain is no ID")
}

// A9.1: what is filed from a message: the subject as title (else the
// text's first line), the display name if it can be a name, a request id
// fixed by the Message-ID; no text or too much text files nothing.
func TestA9_1FileComplaintByMail(t *testing.T) {
	t.Parallel()
	c := &complaints{}
	a := submissionApp(c)
	ctx := context.Background()
	receipt, err := a.FileComplaintByMail(ctx, hongID, app.MailComplaint{MessageID: "<m1@x>", SenderName: "홍길동", Subject: " 가로등 ", Text: "고장입니다.\n"})
	require.NoError(t, err)
	require.Equal(t, "SMG-2026-000001", receipt)
	_, err = a.FileComplaintByMail(ctx, hongID, app.MailComplaint{MessageID: "<m1@x>", SenderName: "홍<길동>\x07", Text: "첫 줄 제목\n본문"})
	require.NoError(t, err)
	require.Len(t, c.filed, 2)
	first, second := c.filed[0], c.filed[1]
	require.Equal(t, app.ComplaintByMail{Subject: "c1", MailID: "hong@seoul.go.kr", RequestID: first.RequestID, Type: "proposal",
		Title: "가로등", Body: "고장입니다.", Name: "홍길동"}, first)
	require.Equal(t, first.RequestID, second.RequestID, "the same Message-ID is the same complaint")
	require.Equal(t, "첫 줄 제목", second.Title)
	require.Empty(t, second.Name, "a name with a control character is no name")

	for name, m := range map[string]app.MailComplaint{
		"no text":        {Subject: "제목", Text: " \u3164 "},
		"too much text":  {Subject: "제목", Text: strings.Repeat("가", 10001)},
		"too long title": {Subject: strings.Repeat("가", 201), Text: "본문"},
	} {
		_, err := a.FileComplaintByMail(ctx, hongID, m)
		require.True(t, errs.Is(err, errs.KindInvalid), name)
	}
	require.Len(t, c.filed, 2, "nothing more was filed")
}

// A9.1: MAIL FROM is the authenticated ID's own address, and the ID must
// still be able to file; RCPT TO is the complaint address only.
func TestA9_1SenderAndRecipient(t *testing.T) {
	t.Parallel()
	a := submissionApp(&complaints{})
	ctx := context.Background()
	require.NoError(t, a.CheckSender(ctx, hongID, "Hong@Seoul.go.kr"))
	require.True(t, errs.Is(a.CheckSender(ctx, hongID, "kim@seoul.go.kr"), errs.KindPermissionDenied))
	require.True(t, errs.Is(a.CheckSender(ctx, parkID, "park@seoul.go.kr"), errs.KindFailedPrecondition), "suspended")
	require.True(t, a.IsComplaintAddress("MINWON@seoul.go.kr"))
	require.False(t, a.IsComplaintAddress("mayor@seoul.go.kr"))
	require.Equal(t, "minwon@seoul.go.kr", a.ComplaintAddress())
}
