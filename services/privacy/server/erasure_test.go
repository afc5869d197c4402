package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/internal/keyring"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// backup is a copy of a subject's rows taken before erasure.
type backup struct {
	wrapped []byte
	version int32
	token   string
	cipher  []byte
}

func takeBackup(t *testing.T, f fixture, subject, token string) backup {
	t.Helper()
	b := backup{token: token}
	require.NoError(t, f.db.QueryRow(context.Background(), `SELECT s.wrapped_key, s.kek_version, f.ciphertext
		FROM subjects s JOIN personal_fields f USING (subject_id) WHERE f.token = $1`, token).Scan(&b.wrapped, &b.version, &b.cipher))
	return b
}

// restoreFields puts the backed-up ciphertext back, as restoring an old
// backup of the table would.
func restoreFields(t *testing.T, f fixture, subject, field string, b backup) {
	t.Helper()
	_, err := f.db.Exec(context.Background(), `INSERT INTO personal_fields (token, subject_id, field, ciphertext, purpose)
		VALUES ($1, $2, $3, $4, 'restored')`, b.token, subject, field, b.cipher)
	require.NoError(t, err)
}

// TestErasureShredsKeyAndPublishesEvent: after erasure the subject's data
// is unreadable, a restored copy of the ciphertext too, and other services
// are told by seoul.privacy.subject.erased.
func TestErasureShredsKeyAndPublishesEvent(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	tok := f.store(t, "leaver", "name", "이탈자", "phone", "010-4444-5555")
	b := takeBackup(t, f, "leaver", tok["phone"])

	resp, err := f.c.EraseSubject(f.as(t, servicetest.Citizen("leaver")), &privacyv1.EraseSubjectRequest{SubjectId: "leaver"})
	require.NoError(t, err)
	require.NotNil(t, resp.EraseTime)
	_, err = f.reveal(t, "leaver", tok["phone"])
	servicetest.RequireCode(t, err, codes.NotFound)
	_, err = f.c.GetMaskedData(f.as(t, servicetest.Citizen("leaver")), &privacyv1.GetMaskedDataRequest{SubjectId: "leaver"})
	servicetest.RequireCode(t, err, codes.NotFound)
	require.Zero(t, f.count(t, `SELECT count(*) FROM subjects WHERE subject_id = 'leaver' AND wrapped_key IS NOT NULL`))

	restoreFields(t, f, "leaver", "phone", b)
	_, err = f.reveal(t, "leaver", tok["phone"])
	servicetest.RequireCode(t, err, codes.NotFound) // no data key exists any more

	// Erasing again is a no-op with the same time.
	again, err := f.c.EraseSubject(f.as(t, servicetest.Citizen("leaver")), &privacyv1.EraseSubjectRequest{SubjectId: "leaver"})
	require.NoError(t, err)
	require.Equal(t, resp.EraseTime.AsTime(), again.EraseTime.AsTime())

	msg := nextEvent(t, f, "seoul.privacy.subject.erased")
	var ev privacyv1.SubjectErased
	require.NoError(t, proto.Unmarshal(msg.Data(), &ev))
	require.Equal(t, "leaver", ev.SubjectId)
}

func nextEvent(t *testing.T, f fixture, subject string) jetstream.Msg {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cons, err := f.env.JS.OrderedConsumer(ctx, "PRIVACY", jetstream.OrderedConsumerConfig{FilterSubjects: []string{subject}})
	require.NoError(t, err)
	msg, err := cons.Next(jetstream.FetchMaxWait(30 * time.Second))
	require.NoError(t, err)
	return msg
}

// TestErasureOfBackupsAfterKeyRetirement: a backup that still holds the
// wrapped data key becomes unreadable once the KEK version that wrapped it
// is rotated out and retired (A10.4 crypto-shredding of backups).
func TestErasureOfBackupsAfterKeyRetirement(t *testing.T) {
	t.Parallel()
	idx, k1, k2 := keyring.EncodeKey(keyring.RandomKey()), keyring.EncodeKey(keyring.RandomKey()), keyring.EncodeKey(keyring.RandomKey())
	f := start(t, keyConfig(idx, 1, map[int]string{1: k1}))
	tok := f.store(t, "gone", "phone", "010-6666-7777")
	b := takeBackup(t, f, "gone", tok["phone"])
	_, err := f.c.EraseSubject(f.as(t, servicetest.Citizen("gone")), &privacyv1.EraseSubjectRequest{SubjectId: "gone"})
	require.NoError(t, err)

	f = restart(t, f, keyConfig(idx, 2, map[int]string{2: k2}))
	// Restore the whole backup, wrapped key included.
	_, err = f.db.Exec(context.Background(), `UPDATE subjects SET wrapped_key = $2, kek_version = $3, erased_at = NULL WHERE subject_id = $1`,
		"gone", b.wrapped, b.version)
	require.NoError(t, err)
	restoreFields(t, f, "gone", "phone", b)
	_, err = f.reveal(t, "gone", tok["phone"])
	servicetest.RequireCode(t, err, codes.Internal) // wrapped by a destroyed KEK version
}

// TestLegalHoldBlocksErasure: a recorded legal hold refuses erasure (and
// the refusal is logged); after release the erasure proceeds.
func TestLegalHoldBlocksErasure(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	tok := f.store(t, "held", "phone", "010-8888-9999")
	officer := f.as(t, servicetest.PrivacyOfficer("po1"))
	hold, err := f.c.PlaceLegalHold(officer, &privacyv1.PlaceLegalHoldRequest{SubjectId: "held", Reason: "수사 협조 요청에 따른 보존", CaseReference: "police-2026-77"})
	require.NoError(t, err)
	_, err = f.c.PlaceLegalHold(f.as(t, servicetest.Citizen("held")), &privacyv1.PlaceLegalHoldRequest{SubjectId: "held", Reason: "x", CaseReference: "y"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	_, err = f.c.EraseSubject(f.as(t, servicetest.Citizen("held")), &privacyv1.EraseSubjectRequest{SubjectId: "held"})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
	_, err = f.reveal(t, "held", tok["phone"])
	require.NoError(t, err, "held data stays readable")
	log := f.accessLog(t, "held")
	require.Equal(t, privacyv1.AccessOutcome_ACCESS_OUTCOME_DENIED, log[1].GetOutcome())
	require.Equal(t, "legal hold", log[1].GetReason())

	_, err = f.c.EraseSubject(f.as(t, servicetest.Citizen("someone")), &privacyv1.EraseSubjectRequest{SubjectId: "held"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	_, err = f.c.ReleaseLegalHold(officer, &privacyv1.ReleaseLegalHoldRequest{SubjectId: "held", HoldId: hold.Hold.Id})
	require.NoError(t, err)
	_, err = f.c.EraseSubject(officer, &privacyv1.EraseSubjectRequest{SubjectId: "held"})
	require.NoError(t, err)
	_, err = f.reveal(t, "held", tok["phone"])
	servicetest.RequireCode(t, err, codes.NotFound)
}
