package server_test

import (
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// TestA6_2_InterimNoticeAfter30DaysDespiteEarlierRequest: a progress notice
// the complainant asked for does not discharge the notice owed 30 days
// after receipt (the Decree asks for both); the 30-day notice comes once.
func TestA6_2_InterimNoticeAfter30DaysDespiteEarlierRequest(t *testing.T) {
	t.Parallel()
	f, fake := startAt(t, time.Date(2026, 3, 9, 10, 0, 0, 0, clock.Seoul)) // a Monday
	c := f.submit(t, citizen, "proposal")
	_, err := f.api.RequestProgress(f.as(t, citizen), &petitionv1.RequestProgressRequest{ComplaintId: c.GetId()})
	require.NoError(t, err)
	require.Equal(t, 1, f.outboxCount(t, "seoul.petition.complaint.progress"))

	fake.Advance(29 * 24 * time.Hour)
	n, err := f.replica(fake.Now).AnnounceDue(t.Context())
	require.NoError(t, err)
	require.Zero(t, f.interimLines(t, c.GetId()), "not owed before 30 days (%d claimed)", n)

	fake.Advance(24 * time.Hour)
	servicetest.Eventually(t, "the 30-day notice", func() bool { return f.interimLines(t, c.GetId()) == 1 })
	require.Equal(t, 2, f.outboxCount(t, "seoul.petition.complaint.progress"))
	ev := f.streamed(t, "seoul.petition.complaint.progress", c.GetId())
	require.NotEmpty(t, ev.GetDueTime(), "the notice tells the expected completion")

	fake.Advance(24 * time.Hour)
	_, err = f.replica(fake.Now).AnnounceDue(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, f.interimLines(t, c.GetId()), "owed once")
	got, err := f.api.GetComplaint(f.as(t, citizen), &petitionv1.GetComplaintRequest{ComplaintId: c.GetId()})
	require.NoError(t, err)
	var details []string
	for _, h := range got.GetHistory() {
		if h.GetAction() == "progress_notice" {
			details = append(details, h.GetDetail())
		}
	}
	require.Equal(t, []string{"requested", "30 days since receipt"}, details)
}

func (f fixture) interimLines(t testing.TB, id string) int {
	return f.count(t, `SELECT count(*) FROM complaint_history WHERE complaint_id = $1 AND action = 'progress_notice'
		AND detail = '30 days since receipt'`, id)
}

// TestA6_2_ComplaintHistoryIsAppendOnly: the audit trail cannot be edited,
// deleted or truncated, whoever holds the database connection.
func TestA6_2_ComplaintHistoryIsAppendOnly(t *testing.T) {
	t.Parallel()
	f := start(t)
	c := f.submit(t, citizen, "other")
	lines := f.count(t, `SELECT count(*) FROM complaint_history WHERE complaint_id = $1`, c.GetId())
	require.Positive(t, lines)
	for _, sql := range []string{
		`UPDATE complaint_history SET detail = 'rewritten' WHERE complaint_id = $1`,
		`UPDATE complaint_history SET at = at - interval '1 day' WHERE complaint_id = $1`,
		`DELETE FROM complaint_history WHERE complaint_id = $1`,
		`TRUNCATE complaint_history CASCADE`,
	} {
		var args []any
		if sql[0] != 'T' {
			args = append(args, c.GetId())
		}
		_, err := f.env.Pool.Exec(t.Context(), sql, args...)
		var pgErr *pgconn.PgError
		require.ErrorAs(t, err, &pgErr, sql)
		require.Equal(t, "23001", pgErr.Code, sql) // restrict_violation
	}
	require.Equal(t, lines, f.count(t, `SELECT count(*) FROM complaint_history WHERE complaint_id = $1 AND detail <> 'rewritten'`, c.GetId()))
}
