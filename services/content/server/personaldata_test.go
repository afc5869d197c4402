package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/content/server"
)

// A10.1, A3.3: personal data in a feedback comment is masked before it is
// stored, never refused; the citizen is told which kinds; the department
// reads only the masked comment.
func TestA10_1_FeedbackCommentMasked(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	item := s.publish(t, s.digital, draft("민원 서식 안내"))
	resp, err := s.c.SubmitFeedback(s.citizen, &contentv1.SubmitFeedbackRequest{ItemId: item.Id, Helpful: false,
		Comment: "서식이 틀렸어요. 010-7319-4682 로 연락 주세요, bimil.cha@example.org"})
	require.NoError(t, err)
	want := "서식이 틀렸어요. 010-****-4682 로 연락 주세요, b***@example.org"
	require.Equal(t, want, resp.Feedback.Comment)
	require.True(t, resp.Feedback.PersonalDataMasked)
	require.Equal(t, []string{"email_address", "phone_number"}, resp.Feedback.PersonalDataKinds)
	list, err := s.c.ListFeedback(s.digital, &contentv1.ListFeedbackRequest{DepartmentCode: "SMG-DIGITAL"})
	require.NoError(t, err)
	require.Equal(t, want, list.Feedback[0].Comment)
	require.Zero(t, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM feedback WHERE strpos(comment, '7319') > 0 OR strpos(comment, 'bimil') > 0`))
}

// A10.4: comments stored before the detector are masked when the service
// starts — the one change the append-only feedback table allows, and only
// once: the row cannot be edited otherwise afterwards.
func TestA10_4_FeedbackStoredBeforeScreeningIsMaskedAtStart(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	item := s.publish(t, s.digital, draft("민원 서식 안내"))
	ctx := context.Background()
	_, err := s.env.Pool.Exec(ctx, `INSERT INTO feedback (id, item_id, department_code, subject_id, helpful, comment, text_screened)
		VALUES (gen_random_uuid(), $1, 'SMG-DIGITAL', 'citizen-old', true, '예전 의견, 주민번호 850315-1234566', false)`, item.Id)
	require.NoError(t, err)
	_, err = s.env.Pool.Exec(ctx, `UPDATE feedback SET helpful = false WHERE subject_id = 'citizen-old'`)
	requireAppendOnly(t, err, "feedback")
	s.env.Stop()

	again := servicetest.Start(t, server.SpecWith(server.TestConfig()), servicetest.WithDatabase(s.env), servicetest.WithIssuer(s.env),
		servicetest.WithNATS(s.env.NATS))
	list, err := contentv1.NewContentServiceClient(again.Conn).ListFeedback(
		again.As(t, servicetest.Official("off-digital", "SMG-DIGITAL")), &contentv1.ListFeedbackRequest{DepartmentCode: "SMG-DIGITAL"})
	require.NoError(t, err)
	require.Equal(t, "예전 의견, 주민번호 ******-*******", list.Feedback[0].Comment)
	require.Equal(t, []string{"resident_registration_number"}, list.Feedback[0].PersonalDataKinds)
	_, err = s.env.Pool.Exec(ctx, `UPDATE feedback SET comment = 'changed', text_screened = true WHERE subject_id = 'citizen-old'`)
	requireAppendOnly(t, err, "feedback")
}
