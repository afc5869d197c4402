package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// A10.4: the subject or a privacy officer erases; the data key and the
// ciphertexts go, the erasure is logged and announced once; a live legal
// hold refuses it (logged for the subject, since they asked).
func TestEraseSubjectAuthorization(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		claims identity.Claims
		want   errs.Kind
	}{
		{"the subject", citizen("cit-1"), ok},
		{"privacy officer", officer, ok},
		{"another citizen", citizen("cit-2"), errs.KindPermissionDenied},
		{"admin", admin, errs.KindPermissionDenied},
		{"anonymous", anonymous, errs.KindUnauthenticated},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			tok := f.store(t, "cit-1", "phone", "010-1234-5678")
			at, err := f.app.EraseSubject(as(tc.claims), "cit-1")
			require.Equal(t, tc.want, kindOf(err), "%v", err)
			if tc.want != ok {
				require.Equal(t, 1, f.count(), "nothing erased")
				require.Empty(t, f.events)
				return
			}
			require.Equal(t, f.clock.Now(), at)
			require.Zero(t, f.count())
			require.Equal(t, []domain.Event{domain.SubjectErased{SubjectID: "cit-1", At: at}}, f.events)
			require.Len(t, f.logged(domain.OutcomeErased), 1)
			_, err = f.app.RevealPersonalData(as(citizen("cit-1")), app.RevealInput{Tokens: []string{tok["phone"]}, Purpose: "self_service"})
			require.Equal(t, errs.KindNotFound, kindOf(err))
			f.clock.Advance(time.Hour)
			again, err := f.app.EraseSubject(as(tc.claims), "cit-1")
			require.NoError(t, err)
			require.Equal(t, at, again, "erasing twice changes nothing")
			require.Len(t, f.events, 1)
		})
	}
}

// A legal hold keeps the data until it is released; only privacy officers
// place and release holds; their reasons are stored masked.
func TestLegalHolds(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.store(t, "cit-1", "phone", "010-1234-5678")
	h := domain.LegalHold{SubjectID: "cit-1", Reason: "소송 당사자 010-7319-4682", CaseReference: "court-1"}
	for _, c := range []identity.Claims{admin, citizen("cit-1"), official("o-1", "SMG-ROAD")} {
		_, err := f.app.PlaceLegalHold(as(c), h)
		require.Equal(t, errs.KindPermissionDenied, kindOf(err))
	}
	hold, err := f.app.PlaceLegalHold(as(officer), h)
	require.NoError(t, err)
	require.Equal(t, "소송 당사자 010-****-4682", hold.Reason)
	_, err = f.app.EraseSubject(as(citizen("cit-1")), "cit-1")
	require.Equal(t, errs.KindFailedPrecondition, kindOf(err))
	require.Len(t, f.logged(domain.OutcomeDenied), 1, "the refused erasure is logged for the subject")
	require.Equal(t, 1, f.count())
	_, err = f.app.ReleaseLegalHold(as(admin), "cit-1", hold.ID)
	require.Equal(t, errs.KindPermissionDenied, kindOf(err))
	released, err := f.app.ReleaseLegalHold(as(officer), "cit-1", hold.ID)
	require.NoError(t, err)
	f.clock.Advance(time.Hour)
	again, err := f.app.ReleaseLegalHold(as(person("po-2", identity.RolePrivacyOfficer)), "cit-1", hold.ID)
	require.NoError(t, err)
	require.Equal(t, *released.ReleasedAt, *again.ReleasedAt, "the first release stays")
	require.Equal(t, "po-1", again.ReleasedBy)
	_, err = f.app.EraseSubject(as(citizen("cit-1")), "cit-1")
	require.NoError(t, err)
	_, err = f.app.EraseSubject(as(officer), "nobody")
	require.Equal(t, errs.KindNotFound, kindOf(err))
}
