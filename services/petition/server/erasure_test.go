package server_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/timestamppb"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/events"
	"github.com/seoul-gov/homepage/services/petition/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// TestA10_4_SubjectErasedDropsContacts: A10.4: when the privacy service
// erases a subject (crypto-shredding), the petition service drops the
// masked contact and the privacy tokens it kept on that subject's
// complaints and opinions, exactly once even when the event is delivered
// again, and keeps the records; other complainants' contacts stay.
func TestA10_4_SubjectErasedDropsContacts(t *testing.T) {
	t.Parallel()
	f := start(t)
	mine := f.submit(t, citizen, "proposal")
	theirs := f.submit(t, otherPerson, "proposal")
	op, err := f.api.SubmitOpinion(f.as(t, citizen), &petitionv1.SubmitOpinionRequest{
		RequestId: "op-erase", Title: "따릉이 대여소 추가 요청", Body: "마포구 망원동에 대여소가 부족합니다.",
		Contact: &petitionv1.Contact{Name: "홍길동", Email: "hong@example.kr"},
	})
	require.NoError(t, err)
	require.Equal(t, "홍*동", mine.GetContact().GetName())
	require.Len(t, op.GetOpinion().GetContact().GetTokens(), 2)

	// The citizen erases their data in the privacy service; its event names
	// the subject the petition service stored the contact under.
	_, err = privacyv1.NewPrivacyServiceClient(f.priv.Conn).EraseSubject(f.priv.As(t, citizen),
		&privacyv1.EraseSubjectRequest{SubjectId: citizen.Subject})
	require.NoError(t, err)
	servicetest.Eventually(t, "contacts dropped", func() bool {
		return f.count(t, `SELECT (SELECT count(*) FROM complaints WHERE citizen_subject = $1 AND name_token <> '')
			+ (SELECT count(*) FROM opinions WHERE citizen_subject = $1 AND email_token <> '')`, citizen.Subject) == 0
	})

	got, err := f.api.GetComplaint(f.as(t, mayorOffice), &petitionv1.GetComplaintRequest{ComplaintId: mine.GetId()})
	require.NoError(t, err)
	c := got
	requireErased(t, c.GetContact())
	require.Equal(t, mine.GetReceiptNumber(), c.GetReceiptNumber(), "the complaint itself stays")
	require.Equal(t, mine.GetBody(), c.GetBody())
	require.Equal(t, "contact_erased", c.GetHistory()[len(c.GetHistory())-1].GetAction())
	gotOp, err := f.api.GetOpinion(f.as(t, mayorOffice), &petitionv1.GetOpinionRequest{OpinionId: op.GetOpinion().GetId()})
	require.NoError(t, err)
	requireErased(t, gotOp.GetContact())
	other, err := f.api.GetComplaint(f.as(t, mayorOffice), &petitionv1.GetComplaintRequest{ComplaintId: theirs.GetId()})
	require.NoError(t, err)
	require.Equal(t, theirs.GetContact().GetName(), other.GetContact().GetName())
	require.Equal(t, theirs.GetContact().GetPhone(), other.GetContact().GetPhone())
	require.Len(t, other.GetContact().GetTokens(), 2, "another subject's contact is untouched")

	// Filed again after the erasure: the new contact is not touched by the
	// same erasure event delivered twice more, nor by a replay of the stream.
	again := f.submit(t, citizen, "proposal")
	var eventID string
	require.NoError(t, f.priv.Pool.QueryRow(t.Context(),
		`SELECT id::text FROM outbox WHERE subject = $1`, client.SubjectErased).Scan(&eventID))
	ev := &privacyv1.SubjectErased{SubjectId: citizen.Subject, OccurTime: timestamppb.Now()}
	// The privacy relay already published eventID: both copies are redeliveries.
	servicetest.PublishDuplicate(t, f.env.JS, "privacy", client.SubjectErased, eventID, ev)
	servicetest.PublishDuplicate(t, f.env.JS, "privacy", client.SubjectErased, eventID, ev)
	f.replayErasures(t) // returns once every copy on the stream was delivered and acknowledged again
	kept, err := f.api.GetComplaint(f.as(t, citizen), &petitionv1.GetComplaintRequest{ComplaintId: again.GetId()})
	require.NoError(t, err)
	require.Equal(t, "홍*동", kept.GetContact().GetName())
	require.Len(t, kept.GetContact().GetTokens(), 2)
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM inbox WHERE consumer = 'privacy-erasure' AND event_id = $1`, eventID))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM complaint_history WHERE action = 'contact_erased'`))
}

// requireErased checks that only the erased-person marker is left.
func requireErased(t *testing.T, m *petitionv1.MaskedContact) {
	t.Helper()
	require.Equal(t, "(삭제된 이용자)", m.GetName())
	require.Empty(t, m.GetPhone())
	require.Empty(t, m.GetEmail())
	require.Empty(t, m.GetTokens())
}

// replayErasures deletes the service's durable erasure consumer and runs a
// new one, which delivers the PRIVACY stream from its start again (as after
// restoring a backup); it returns once every erasure event on the stream
// was delivered and acknowledged again.
func (f fixture) replayErasures(t *testing.T) {
	t.Helper()
	const stream, durable = "PRIVACY", "petition-privacy-erasure"
	require.NoError(t, f.env.JS.DeleteConsumer(t.Context(), stream, durable))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = client.ErasureConsumer("petition", f.env.JS, f.env.Pool, slog.New(slog.DiscardHandler), func(ctx context.Context, tx pgx.Tx, subject string) error {
			return app.New(app.Ports{Store: postgres.New(pg.Joined(tx), events.Writer)}, app.Settings{MayorOffice: "SMG-CIVIL"}, nil).ForgetSubject(ctx, subject)
		}).Run(ctx)
	}()
	t.Cleanup(func() { cancel(); <-done })
	servicetest.Eventually(t, "erasure events replayed", func() bool {
		cons, err := f.env.JS.Consumer(t.Context(), stream, durable)
		if err != nil {
			return false
		}
		info, err := cons.Info(t.Context())
		return err == nil && info.Delivered.Consumer >= 1 && info.NumPending == 0 && info.NumAckPending == 0
	})
}
