package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/client"
	"github.com/seoul-gov/homepage/services/privacy/client/clienttest"
)

// sender records the messages handed to the SMTP server.
type sender struct{ sent []app.Message }

func (s *sender) Send(_ context.Context, m app.Message) error {
	s.sent = append(s.sent, m)
	return nil
}

// A9.1, A10: a citizen's notice goes to the contact e-mail the privacy
// vault reveals at send time; without one (nothing held, the subject
// erased, no vault) to their city ID; a vault that cannot answer retries
// the notice with the privacy client's error, nothing sent.
func TestA9_1DeliveryRevealsTheContactAddress(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		vault   func(t *testing.T) app.Privacy
		to      string
		pending bool
	}{
		{"the vault's contact e-mail", func(t *testing.T) app.Privacy {
			v := clienttest.New()
			_, err := v.Store(context.Background(), client.StoreRequest{Subject: "c1", Purpose: "complaint",
				Fields: []client.Field{{Name: "email", Value: "hong@example.com"}}})
			require.NoError(t, err)
			return v
		}, "hong@example.com", false},
		{"nothing in the vault: the city ID", func(*testing.T) app.Privacy { return clienttest.New() }, "hong@seoul.go.kr", false},
		{"the subject erased: the city ID", func(t *testing.T) app.Privacy {
			v := clienttest.New()
			_, err := v.Store(context.Background(), client.StoreRequest{Subject: "c1", Purpose: "complaint",
				Fields: []client.Field{{Name: "email", Value: "hong@example.com"}}})
			require.NoError(t, err)
			v.Erase("c1")
			return v
		}, "hong@seoul.go.kr", false},
		{"no vault: the city ID", func(*testing.T) app.Privacy { return nil }, "hong@seoul.go.kr", false},
		{"the vault unavailable: retried", func(*testing.T) app.Privacy {
			v := clienttest.New()
			v.Fail(errs.E(errs.KindUnavailable, "PRIVACY_UNAVAILABLE"))
			return v
		}, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			n := &domain.Notice{ID: "0193a000-0000-7000-8000-000000000010", SourceEventID: "ev-1", Template: "complaint_received",
				Recipient: domain.RecipientSubject + "c1", RecipientSubject: "c1", Status: domain.StatusPending, CreatedAt: now,
				NextAttemptAt: now, Params: map[string]string{"receipt_number": "SMG-2026-000001",
					"due_at": "2026-12-19T09:00:00Z", "legal_basis": "민원처리법"}}
			notices, s := newNotices(n), &sender{}
			a := app.New(app.Ports{Accounts: newAccounts(hongID), Notices: notices, Privacy: tc.vault(t), Sender: s},
				app.Settings{Domain: "seoul.go.kr", From: "noreply@seoul.go.kr", Retry: domain.RetryPolicy{First: time.Minute,
					Max: time.Hour, GiveUpAfter: 24 * time.Hour}}, clock.NewFake(now).Now)
			tried, err := a.DeliverDue(context.Background())
			require.NoError(t, err)
			require.Equal(t, 1, tried)
			got, err := notices.Get(context.Background(), n.ID)
			require.NoError(t, err)
			if tc.pending {
				require.Empty(t, s.sent)
				require.Equal(t, domain.StatusPending, got.Status)
				require.Contains(t, got.LastError, "PRIVACY_UNAVAILABLE")
				return
			}
			require.Len(t, s.sent, 1)
			require.Equal(t, tc.to, s.sent[0].To)
			require.Equal(t, domain.StatusAccepted, got.Status, got.LastError)
		})
	}
}
