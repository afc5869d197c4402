package server_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// TestA10_1_AccessLogIsAppendOnlyAndChainDetectsEdits: the table refuses
// UPDATE and DELETE; an edit made by bypassing the trigger (as a database
// superuser could) is reported by VerifyAccessLog at the edited row.
func TestA10_1_AccessLogIsAppendOnlyAndChainDetectsEdits(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	ctx := context.Background()
	tok := f.store(t, "logged", "phone", "010-1234-0000")
	for range 3 {
		_, err := f.reveal(t, "logged", tok["phone"])
		require.NoError(t, err)
	}
	officer := f.as(t, servicetest.PrivacyOfficer("po1"))
	v, err := f.c.VerifyAccessLog(officer, &privacyv1.VerifyAccessLogRequest{})
	require.NoError(t, err)
	require.True(t, v.Intact)
	require.EqualValues(t, 4, v.EntriesChecked)

	// The trigger, not some other failure, refuses each change, and the
	// row and the table read back unchanged.
	var target int64
	require.NoError(t, f.db.QueryRow(ctx, `SELECT min(seq) + 1 FROM access_log`).Scan(&target))
	row := func() (purpose string, n int) {
		require.NoError(t, f.db.QueryRow(ctx, `SELECT purpose, (SELECT count(*) FROM access_log) FROM access_log WHERE seq = $1`,
			target).Scan(&purpose, &n))
		return purpose, n
	}
	purpose, rows := row()
	for _, sql := range []string{`UPDATE access_log SET purpose = 'edited' WHERE seq = $1`,
		`DELETE FROM access_log WHERE seq = $1`, `TRUNCATE access_log`} {
		var args []any
		if sql != `TRUNCATE access_log` {
			args = append(args, target)
		}
		_, err = f.db.Exec(ctx, sql, args...)
		var pgErr *pgconn.PgError
		require.ErrorAs(t, err, &pgErr, sql)
		require.Equal(t, "42501", pgErr.Code, sql) // insufficient_privilege, raised by the trigger
		require.Equal(t, "access_log is append-only", pgErr.Message, sql)
		gotPurpose, gotRows := row()
		require.Equal(t, purpose, gotPurpose, sql)
		require.Equal(t, rows, gotRows, sql)
	}

	conn, err := f.db.Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	err = pgx.BeginFunc(ctx, conn.Conn(), func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE access_log SET actor_subject = 'someone-else' WHERE seq = (SELECT min(seq) + 2 FROM access_log)`)
		return err
	})
	require.NoError(t, err)
	var edited int64
	require.NoError(t, f.db.QueryRow(ctx, `SELECT min(seq) + 2 FROM access_log`).Scan(&edited))

	v, err = f.c.VerifyAccessLog(officer, &privacyv1.VerifyAccessLogRequest{})
	require.NoError(t, err)
	require.False(t, v.Intact)
	require.Equal(t, edited, v.FirstBrokenSeq)

	_, err = f.c.VerifyAccessLog(f.as(t, servicetest.Citizen("logged")), &privacyv1.VerifyAccessLogRequest{})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
}

// TestA10_1_CitizenSeesWhoAccessedOwnData: a citizen lists the accesses to
// their own data and nobody else's; privacy officers query by actor.
func TestA10_1_CitizenSeesWhoAccessedOwnData(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	tok := f.store(t, "curious", "phone", "010-7777-8888")
	f.store(t, "other", "phone", "010-7777-9999")
	f.assign(t, "complaint-9", "SMG-CIVIL", "curious")
	_, err := f.c.RevealPersonalData(f.as(t, servicetest.Official("o9", "SMG-CIVIL")), &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{tok["phone"]}, Purpose: "complaint_handling", CaseReference: "complaint-9"})
	require.NoError(t, err)

	me := f.as(t, servicetest.Citizen("curious"))
	own, err := f.c.ListAccessLogEntries(me, &privacyv1.ListAccessLogEntriesRequest{SubjectId: "curious"})
	require.NoError(t, err)
	require.Len(t, own.AccessLogEntries, 2)
	require.Equal(t, "o9", own.AccessLogEntries[0].GetActorSubject())
	require.Equal(t, "complaint_handling", own.AccessLogEntries[0].GetPurpose())

	_, err = f.c.ListAccessLogEntries(me, &privacyv1.ListAccessLogEntriesRequest{SubjectId: "other"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.c.ListAccessLogEntries(me, &privacyv1.ListAccessLogEntriesRequest{})
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	// o9's one access fills a page of one, and the list ends there: no
	// empty last page.
	byActor, err := f.c.ListAccessLogEntries(f.as(t, servicetest.PrivacyOfficer("po")), &privacyv1.ListAccessLogEntriesRequest{ActorSubject: "o9", PageSize: 1})
	require.NoError(t, err)
	require.Len(t, byActor.AccessLogEntries, 1)
	require.Empty(t, byActor.NextPageToken)
	firstPage, err := f.c.ListAccessLogEntries(f.as(t, servicetest.PrivacyOfficer("po")), &privacyv1.ListAccessLogEntriesRequest{SubjectId: "curious", PageSize: 1})
	require.NoError(t, err)
	require.NotEmpty(t, firstPage.NextPageToken)
	next, err := f.c.ListAccessLogEntries(f.as(t, servicetest.PrivacyOfficer("po")), &privacyv1.ListAccessLogEntriesRequest{SubjectId: "curious", PageSize: 1, PageToken: firstPage.NextPageToken})
	require.NoError(t, err)
	require.Len(t, next.AccessLogEntries, 1)
	require.Less(t, next.AccessLogEntries[0].GetSeq(), firstPage.AccessLogEntries[0].GetSeq())
	require.Empty(t, next.NextPageToken)
	// A token is bound to its filters: replayed with others it is bad input.
	_, err = f.c.ListAccessLogEntries(f.as(t, servicetest.PrivacyOfficer("po")), &privacyv1.ListAccessLogEntriesRequest{SubjectId: "other", PageSize: 1, PageToken: firstPage.NextPageToken})
	servicetest.RequireInvalidField(t, err, "page_token")
}

// A10.1: a forged page_token is bad input naming page_token, never a 500
// (a position beyond int4 was one: it overflowed the query's parameter); a
// position in range but never issued is just a position.
func TestA10_1_ForgedAccessLogPageTokenIsInvalid(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	f.store(t, "paged", "phone", "010-7777-1111")
	f.store(t, "paged", "email", "paged@example.com")
	me := f.as(t, servicetest.Citizen("paged"))
	first, err := f.c.ListAccessLogEntries(me, &privacyv1.ListAccessLogEntriesRequest{SubjectId: "paged", PageSize: 1})
	require.NoError(t, err)
	// The client edits the position inside a token it was given.
	forge := func(position string) string {
		raw, err := base64.RawURLEncoding.DecodeString(first.GetNextPageToken())
		require.NoError(t, err)
		var tok map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(raw, &tok))
		tok["p"] = json.RawMessage(position)
		raw, err = json.Marshal(tok)
		require.NoError(t, err)
		return base64.RawURLEncoding.EncodeToString(raw)
	}
	page, err := f.c.ListAccessLogEntries(me, &privacyv1.ListAccessLogEntriesRequest{SubjectId: "paged", PageToken: forge(`{"b":4294967296}`)})
	require.NoError(t, err)
	require.Len(t, page.GetAccessLogEntries(), 2, "every entry lies before that position")
	for _, forged := range []string{forge(`{"b":9223372036854775807}`), forge(`{"b":-5}`), forge(`{"b":1e40}`), "bm90IGEgdG9rZW4"} {
		_, err := f.c.ListAccessLogEntries(me, &privacyv1.ListAccessLogEntriesRequest{SubjectId: "paged", PageToken: forged})
		servicetest.RequireInvalidField(t, err, "page_token")
	}
}
