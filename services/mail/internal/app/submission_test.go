package app_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// accounts is an in-memory app.Accounts; Update runs the closure on a
// copy and keeps it only when it returns nil, as the store's transaction.
type accounts struct {
	mu   sync.Mutex
	byID map[string]*domain.Account
}

func newAccounts(list ...*domain.Account) *accounts {
	a := &accounts{byID: map[string]*domain.Account{}}
	for _, x := range list {
		c := *x
		a.byID[x.ID] = &c
	}
	return a
}

func (f *accounts) Create(_ context.Context, a *domain.Account, _, _ string) (*domain.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := *a
	f.byID[a.ID] = &c
	return &c, nil
}

func (f *accounts) find(match func(*domain.Account) bool) (*domain.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, a := range f.byID {
		if match(a) {
			c := *a
			return &c, nil
		}
	}
	return nil, errs.NotFound("MAIL_ACCOUNT_NOT_FOUND")
}

func (f *accounts) Get(_ context.Context, id string) (*domain.Account, error) {
	return f.find(func(a *domain.Account) bool { return a.ID == id })
}

func (f *accounts) LiveCitizen(_ context.Context, subject string) (*domain.Account, error) {
	return f.find(func(a *domain.Account) bool {
		return a.SubjectID == subject && a.Kind == domain.KindCitizen && a.State != domain.StateClosed
	})
}

func (f *accounts) ByAddress(_ context.Context, local, dom string) (*domain.Account, error) {
	return f.find(func(a *domain.Account) bool { return a.LocalPart == local && a.Domain == dom })
}

func (f *accounts) DepartmentOfficials(context.Context, string) ([]*domain.Account, error) {
	return nil, nil
}

func (f *accounts) Update(ctx context.Context, id string, fn func(*domain.Account) error) (*domain.Account, error) {
	a, err := f.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := fn(a); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.byID[id] = a
	return a, nil
}

// terms is the one version in force.
type terms struct{ domain.Terms }

func (t terms) Current(context.Context, time.Time) (domain.Terms, error) { return t.Terms, nil }
func (t terms) List(context.Context) ([]domain.Terms, error)             { return []domain.Terms{t.Terms}, nil }
func (t terms) Get(context.Context, string) (domain.Terms, error)        { return t.Terms, nil }
func (t terms) Add(context.Context, domain.Terms) error                  { return nil }

// complaints records what would be filed with the petition service.
type complaints struct{ filed []app.ComplaintByMail }

func (c *complaints) FileByMail(_ context.Context, in app.ComplaintByMail) (string, error) {
	c.filed = append(c.filed, in)
	return "SMG-2026-000001", nil
}

var (
	hongID      = &domain.Account{ID: "0193a000-0000-7000-8000-0000000000a1", Kind: domain.KindCitizen, LocalPart: "hong", Domain: "seoul.go.kr", SubjectID: "c1", State: domain.StateActive, AcceptedTerms: "1.0"}
	parkID      = &domain.Account{ID: "0193a000-0000-7000-8000-0000000000a2", Kind: domain.KindCitizen, LocalPart: "park", Domain: "seoul.go.kr", SubjectID: "c3", State: domain.StateSuspended, AcceptedTerms: "1.0"}
	officialsID = &domain.Account{ID: "0193a000-0000-7000-8000-0000000000a3", Kind: domain.KindOfficial, LocalPart: "kim", Domain: "seoul.go.kr", SubjectID: "o1", DepartmentCode: "D1", State: domain.StateActive, AcceptedTerms: "1.0"}
)

func submissionApp(c *complaints) *app.App {
	return app.New(app.Ports{Accounts: newAccounts(hongID, parkID, officialsID), Terms: terms{domain.Terms{Version: "1.0"}}, Complaints: c},
		app.Settings{Domain: "seoul.go.kr", ComplaintLocalPart: "minwon"}, clock.NewFake(time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)).Now)
}

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
