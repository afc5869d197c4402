package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/mileage/server"
)

// memos are the citizen's history lines' memos.
func (s *suite) memos(t *testing.T, sub string) []string {
	t.Helper()
	h, err := s.api.ListHistoryLines(s.citizen(t, sub), &mileagev1.ListHistoryLinesRequest{SubjectId: "me"})
	require.NoError(t, err)
	var out []string
	for _, l := range h.GetHistoryLines() {
		out = append(out, l.GetMemo())
	}
	return out
}

// A10.1, A8.1: an official's reason for a grant or a correction is stored
// with personal data masked, in the audit and in the memo of the citizen's
// history.
func TestA10_1_GrantAndCorrectionReasonsMasked(t *testing.T) {
	t.Parallel()
	s := start(t)
	r, err := s.api.GrantPoints(s.official(t), &mileagev1.GrantPointsRequest{SubjectId: "cit-pd", Points: 500,
		Reason: "민원 협조 감사 (연락처 010-7319-4682)", RequestId: "grant-pd-0001"})
	require.NoError(t, err)
	_, err = s.api.ReverseAward(s.official(t), &mileagev1.ReverseAwardRequest{AwardId: r.GetAward().GetAwardId(),
		Reason: "중복 지급, 계좌 110-123-456789 확인"})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{"manual grant: 민원 협조 감사 (연락처 010-****-4682)",
		"correction: 중복 지급, 계좌 ***-***-**6789 확인"}, s.memos(t, "cit-pd"))
	for _, secret := range []string{"7319-4682", "110-123-456789"} {
		require.Zero(t, s.count(t, `SELECT count(*) FROM manual_adjustments WHERE strpos(reason, $1) > 0`, secret))
		require.Zero(t, s.count(t, `SELECT count(*) FROM ledger_transactions WHERE strpos(memo, $1) > 0`, secret))
	}
}

// A10.4: reasons stored before the detector are masked when the service
// starts — in the immutable ledger only that one screening is admitted —
// and the ledger still balances.
func TestA10_4_ReasonsStoredBeforeScreeningAreMaskedAtStart(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.grant(t, "cit-old", 300, "grant-old-0001")
	ctx := context.Background()
	_, err := s.Pool.Exec(ctx, `UPDATE manual_adjustments SET reason = '연락처 010-7319-4682', text_screened = false`)
	require.NoError(t, err)
	_, err = s.Pool.Exec(ctx, `UPDATE ledger_transactions SET memo = 'manual grant: 연락처 010-7319-4682' WHERE kind = 'grant'`)
	require.Error(t, err, "the ledger refuses an edit that is not the screening")
	_, err = s.Pool.Exec(ctx, `ALTER TABLE ledger_transactions DISABLE TRIGGER ledger_transactions_immutable;
		UPDATE ledger_transactions SET memo = 'manual grant: 연락처 010-7319-4682', text_screened = false WHERE kind = 'grant';
		ALTER TABLE ledger_transactions ENABLE TRIGGER ledger_transactions_immutable`)
	require.NoError(t, err, "plant an old row as the migration would have found it")
	s.Stop()

	again := servicetest.Start(t, server.SpecWith(s.cfg), servicetest.WithDatabase(s.Env), servicetest.WithIssuer(s.Env),
		servicetest.WithNATS(s.NATS))
	h, err := mileagev1.NewMileageServiceClient(again.Conn).ListHistoryLines(again.As(t, servicetest.Citizen("cit-old")),
		&mileagev1.ListHistoryLinesRequest{SubjectId: "me"})
	require.NoError(t, err)
	require.Equal(t, "manual grant: 연락처 010-****-4682", h.GetHistoryLines()[0].GetMemo())
	require.Zero(t, s.count(t, `SELECT count(*) FROM manual_adjustments WHERE strpos(reason, '7319') > 0`))
	require.Zero(t, s.count(t, `SELECT count(*) FROM ledger_transactions WHERE NOT text_screened`))
}
