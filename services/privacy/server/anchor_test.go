package server_test

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/internal/envelope"
	"github.com/seoul-gov/homepage/services/privacy/internal/keyring"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// A10.1: the anchor job signs the access log's head and publishes it on a
// public endpoint and in seoul.privacy.accesslog.anchored; someone who
// holds the database and the chain key rewrites the whole chain
// consistently in SQL — the chain verifies on its own — and verification
// reports the mismatch with the anchor signed before.
func TestA10_1_RewrittenChainMismatchesItsAnchor(t *testing.T) {
	t.Parallel()
	cfg := server.TestConfig()
	cfg.AnchorInterval = 50 * time.Millisecond
	f := start(t, cfg)
	tok := f.store(t, "anchored", "phone", "010-1234-0000")
	_, err := f.reveal(t, "anchored", tok["phone"])
	require.NoError(t, err)
	var head int64
	require.NoError(t, f.db.QueryRow(context.Background(), `SELECT max(seq) FROM access_log`).Scan(&head))

	var anchors *privacyv1.ListAccessLogAnchorsResponse
	servicetest.Eventually(t, "the head anchored", func() bool {
		anchors, err = f.c.ListAccessLogAnchors(context.Background(), &privacyv1.ListAccessLogAnchorsRequest{})
		require.NoError(t, err, "public: no token needed")
		return len(anchors.AccessLogAnchors) > 0 && anchors.AccessLogAnchors[0].Seq == head
	})
	a := anchors.AccessLogAnchors[0]
	public, err := base64.StdEncoding.DecodeString(anchors.PublicKey)
	require.NoError(t, err)
	require.True(t, ed25519.Verify(public, statement(t, a), mustB64(t, a.Signature)), "anyone can check the signature")
	event := servicetest.WaitEvent(t, f.env.JS, "PRIVACY", "seoul.privacy.accesslog.anchored",
		func(m *privacyv1.AccessLogAnchored) bool { return m.GetSeq() == head })
	require.Equal(t, a.Signature, event.GetSignature())

	officer := f.as(t, servicetest.PrivacyOfficer("po-anchor"))
	v, err := f.c.VerifyAccessLog(officer, &privacyv1.VerifyAccessLogRequest{})
	require.NoError(t, err)
	require.True(t, v.Intact)
	require.Positive(t, v.AnchorsChecked)

	rewriteChain(t, f, cfg.IndexKey)
	v, err = f.c.VerifyAccessLog(officer, &privacyv1.VerifyAccessLogRequest{})
	require.NoError(t, err)
	require.False(t, v.Intact)
	require.Zero(t, v.FirstBrokenSeq, "the rewritten chain is consistent")
	// The first entry changed, so the earliest anchor already disagrees (the
	// job may have signed the store alone before the reveal was logged).
	earliest := anchors.AccessLogAnchors[len(anchors.AccessLogAnchors)-1].Seq
	require.Equal(t, earliest, v.AnchorMismatchSeq)
}

// rewriteChain changes the first entry's purpose and re-links every entry
// with the chain key, bypassing the append-only trigger as a database
// superuser could.
func rewriteChain(t *testing.T, f fixture, indexKey string) {
	t.Helper()
	raw, err := keyring.DecodeKey(indexKey)
	require.NoError(t, err)
	chainKey := envelope.DeriveKeys(raw).ChainKey()
	ctx := context.Background()
	conn, err := f.db.Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	err = pgx.BeginFunc(ctx, conn.Conn(), func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT seq, occurred_at, actor_subject, actor_roles, actor_department, calling_service,
			subject_id, fields, purpose, case_reference, outcome, reason FROM access_log ORDER BY seq`)
		if err != nil {
			return err
		}
		entries, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.AccessEntry, error) {
			var e domain.AccessEntry
			err := r.Scan(&e.Seq, &e.OccurredAt, &e.ActorSubject, &e.ActorRoles, &e.ActorDepartment, &e.CallingService,
				&e.SubjectID, &e.Fields, &e.Purpose, &e.CaseReference, &e.Outcome, &e.Reason)
			return e, err
		})
		if err != nil {
			return err
		}
		entries[0].Purpose = "rewritten"
		prev := []byte{}
		for _, e := range entries {
			hash := e.ChainHash(chainKey, prev)
			if _, err := tx.Exec(ctx, `UPDATE access_log SET purpose = $2, prev_hash = $3, hash = $4 WHERE seq = $1`,
				e.Seq, e.Purpose, prev, hash); err != nil {
				return err
			}
			prev = hash
		}
		return nil
	})
	require.NoError(t, err)
}

// statement rebuilds what an anchor's signature covers from the published
// fields, as an auditor would.
func statement(t *testing.T, a *privacyv1.AccessLogAnchor) []byte {
	t.Helper()
	head, err := hex.DecodeString(a.HeadHash)
	require.NoError(t, err)
	prev, err := hex.DecodeString(a.PreviousHash)
	require.NoError(t, err)
	return domain.Anchor{Number: a.Number, Seq: a.Seq, Head: head, At: a.AnchorTime.AsTime(), Previous: prev}.Statement()
}

func mustB64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	require.NoError(t, err)
	return b
}
