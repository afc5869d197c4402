package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// Who may enter, and when (A7.4): signed-in citizens, real-name verified
// where the plan requires it, within the entry period of an open event.
func TestCreateEntry(t *testing.T) {
	t.Parallel()
	unverified := citizen
	unverified.RealNameVerified = false
	for _, tc := range []struct {
		name   string
		caller identity.Claims
		at     func(e *domain.ParticipationEvent) time.Time
		kind   errs.Kind
		reason string
	}{
		{"verified citizen in the period", citizen, nil, 0, ""},
		{"anonymous", anon, nil, errs.KindUnauthenticated, ""},
		{"official", official, nil, errs.KindPermissionDenied, ""},
		{"without real-name verification", unverified, nil, errs.KindPermissionDenied, "REAL_NAME_VERIFIED_ONLY"},
		{"after the period", citizen, func(e *domain.ParticipationEvent) time.Time { return e.Draft.EntryEndsAt },
			errs.KindFailedPrecondition, "ENTRY_PERIOD_ENDED"},
		{"before the period", citizen, func(e *domain.ParticipationEvent) time.Time { return start.Add(-time.Second) },
			errs.KindFailedPrecondition, "ENTRY_PERIOD_NOT_STARTED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			e := f.open(t)
			if tc.at != nil {
				f.clock.Set(tc.at(e))
			}
			en, err := f.enter(as(tc.caller), e.ID)
			if tc.kind != 0 {
				requireErr(t, err, tc.kind, tc.reason)
				require.Empty(t, f.w.entries[e.ID])
				require.Zero(t, f.privacy.Len(), "nothing vaulted")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.caller.Subject, en.SubjectID)
			// The contact is in the vault; only its tokens are kept.
			name, ok := f.privacy.Value(tc.caller.Subject, "name")
			require.True(t, ok)
			require.Equal(t, "홍길동", name)
			require.NotEqual(t, "홍길동", en.Contact.Name)
			require.NotEmpty(t, en.Contact.Phone)
			require.Equal(t, domain.EntryCreated{EventID: e.ID, EntryID: en.ID, SubjectID: tc.caller.Subject,
				At: f.clock.Now()}, f.w.written[len(f.w.written)-1])
		})
	}
}

// A draft takes no entries, and is not there for citizens.
func TestCreateEntryBeforeOpen(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.create(t)
	_, err := f.enter(as(citizen), e.ID)
	requireErr(t, err, errs.KindNotFound, "EVENT_NOT_FOUND")
	_, err = f.app.AnnounceParticipationEvent(as(official), e.ID, "")
	require.NoError(t, err)
	f.clock.Set(start.Add(time.Hour))
	_, err = f.enter(as(citizen), e.ID)
	requireErr(t, err, errs.KindFailedPrecondition, "EVENT_NOT_OPEN")
}

// One entry per citizen: a repeat returns the first entry, vaults nothing
// and publishes nothing.
func TestCreateEntryOncePerCitizen(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.open(t)
	first, err := f.enter(as(citizen), e.ID)
	require.NoError(t, err)
	vaulted, written := f.privacy.Len(), len(f.w.written)
	again, err := f.enter(as(citizen), e.ID)
	require.NoError(t, err)
	require.Equal(t, first.ID, again.ID)
	require.Equal(t, vaulted, f.privacy.Len())
	require.Len(t, f.w.written, written)
	require.Len(t, f.w.entries[e.ID], 1)

	mine, err := f.app.GetMyEntry(as(citizen), e.ID)
	require.NoError(t, err)
	require.Equal(t, first.ID, mine.ID)
	_, err = f.app.GetMyEntry(as(citizenN(3)), e.ID)
	requireErr(t, err, errs.KindNotFound, "NO_ENTRY_OF_YOURS")
	_, err = f.app.GetMyEntry(as(anon), e.ID)
	requireErr(t, err, errs.KindUnauthenticated, "")
}

// Bad answers and contacts are refused before anything leaves the
// service; personal data in answers is masked, never refused (A10.1).
func TestCreateEntryInput(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.open(t)
	_, err := f.app.CreateEntry(as(citizen), e.ID, nil, domain.Contact{Name: "홍길동", Phone: "010-1234-5678"})
	requireErr(t, err, errs.KindInvalid, "")
	require.Zero(t, f.privacy.Len())
	en, err := f.app.CreateEntry(as(citizen), e.ID, []domain.Answer{{QuestionID: "q1", Value: "청계천"},
		{QuestionID: "q2", Value: "연락은 010-9876-5432 로 주세요"}}, domain.Contact{Name: "홍길동", Phone: "010-1234-5678"})
	require.NoError(t, err)
	require.NotContains(t, en.Answers[1].Value, "9876")
	require.NotEmpty(t, en.PersonalDataKinds)
}
