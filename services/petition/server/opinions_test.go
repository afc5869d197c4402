package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// TestA6_2_OpinionNeedingAnswerBecomesComplaint: an opinion to the Mayor
// (A6.1) that needs an answer is received as a civil complaint with a
// receipt number, its clock started when the opinion arrived (A6.2).
func TestA6_2_OpinionNeedingAnswerBecomesComplaint(t *testing.T) {
	t.Parallel()
	f := start(t)
	op, err := f.api.SubmitOpinion(f.as(t, citizen), &petitionv1.SubmitOpinionRequest{
		RequestId: "op-1", Title: "따릉이 대여소 추가 요청", Body: "마포구 망원동에 대여소가 부족합니다.",
		Contact: &petitionv1.Contact{Name: "홍길동", Email: "hong@example.kr"},
	})
	require.NoError(t, err)
	o := op.GetOpinion()
	require.Equal(t, "홍*동", o.GetContact().GetName())
	require.Len(t, o.GetContact().GetTokens(), 2)
	require.Equal(t, 1, f.outboxCount(t, "seoul.petition.opinion.received"))

	// The triage queue is the Mayor's office's.
	_, err = f.api.ListOpinions(f.as(t, transport), &petitionv1.ListOpinionsRequest{PendingOnly: true})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	queue, err := f.api.ListOpinions(f.as(t, mayorOffice), &petitionv1.ListOpinionsRequest{PendingOnly: true})
	require.NoError(t, err)
	require.Len(t, queue.GetOpinions(), 1)

	tr, err := f.api.TriageOpinion(f.as(t, mayorOffice), &petitionv1.TriageOpinionRequest{
		OpinionId: o.GetId(), Decision: petitionv1.TriageDecision_TRIAGE_DECISION_COMPLAINT,
		ComplaintType: "proposal", DepartmentCode: "SMG-TRANSPORT", Note: "건의민원으로 접수",
	})
	require.NoError(t, err)
	c := tr.GetComplaint()
	require.Regexp(t, `^SMG-\d{4}-\d{6}$`, c.GetReceiptNumber())
	require.Equal(t, o.GetSubmitTime().AsTime(), c.GetReceiveTime().AsTime(), "received when the opinion arrived")
	require.Equal(t, "14d", c.GetDue().GetPeriod())
	require.Equal(t, int32(2), c.GetDue().GetHolidayTableVersion()) // the shipped table through 2030
	require.Equal(t, "SMG-TRANSPORT", c.GetDepartmentCode())
	require.Equal(t, petitionv1.OpinionStatus_OPINION_STATUS_CONVERTED, tr.GetOpinion().GetStatus())
	// The assignment made at triage is stored, so the department can act on it.
	stored, err := f.api.GetComplaint(f.as(t, transport), &petitionv1.GetComplaintRequest{ComplaintId: c.GetId()})
	require.NoError(t, err)
	require.Equal(t, "SMG-TRANSPORT", stored.GetDepartmentCode())
	for _, subject := range []string{"received", "triaged", "assigned"} {
		ev := f.streamed(t, "seoul.petition.complaint."+subject, c.GetId())
		require.Equal(t, "citizen-1", ev.GetCitizenSubject())
		require.NotContains(t, ev.String(), "홍")
	}

	// Triage happens once.
	_, err = f.api.TriageOpinion(f.as(t, mayorOffice), &petitionv1.TriageOpinionRequest{
		OpinionId: o.GetId(), Decision: petitionv1.TriageDecision_TRIAGE_DECISION_ACKNOWLEDGE})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
}

// TestA6_1_AnonymousOpinionStaysOpinionAndIsPublishedWithConsent: a sender
// without name and contact is not a complainant (시행령 제2조); an opinion
// that needs no answer is acknowledged and, with consent, published.
func TestA6_1_AnonymousOpinionStaysOpinionAndIsPublishedWithConsent(t *testing.T) {
	t.Parallel()
	f := start(t)
	op, err := f.api.SubmitOpinion(t.Context(), &petitionv1.SubmitOpinionRequest{
		Title: "한강공원 야간 조명", Body: "조명이 더 밝았으면 좋겠습니다.", PublishConsent: true,
	})
	require.NoError(t, err)
	require.True(t, op.GetOpinion().GetAnonymous())

	_, err = f.api.TriageOpinion(f.as(t, mayorOffice), &petitionv1.TriageOpinionRequest{
		OpinionId: op.GetOpinion().GetId(), Decision: petitionv1.TriageDecision_TRIAGE_DECISION_COMPLAINT, ComplaintType: "proposal"})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
	require.Zero(t, f.count(t, `SELECT count(*) FROM complaints`))

	// Published list is empty until acknowledged.
	pub, err := f.api.ListOpinions(t.Context(), &petitionv1.ListOpinionsRequest{})
	require.NoError(t, err)
	require.Empty(t, pub.GetOpinions())
	_, err = f.api.TriageOpinion(f.as(t, mayorOffice), &petitionv1.TriageOpinionRequest{
		OpinionId: op.GetOpinion().GetId(), Decision: petitionv1.TriageDecision_TRIAGE_DECISION_ACKNOWLEDGE, Note: "의견 감사합니다"})
	require.NoError(t, err)
	pub, err = f.api.ListOpinions(t.Context(), &petitionv1.ListOpinionsRequest{})
	require.NoError(t, err)
	require.Len(t, pub.GetOpinions(), 1)
	require.Equal(t, petitionv1.OpinionStatus_OPINION_STATUS_ACKNOWLEDGED, pub.GetOpinions()[0].GetStatus())

	// Anonymous senders cannot attach personal data.
	_, err = f.api.SubmitOpinion(t.Context(), &petitionv1.SubmitOpinionRequest{Title: "t", Body: "b",
		Contact: &petitionv1.Contact{Name: "홍길동"}})
	servicetest.RequireInvalidField(t, err, "contact")
}

// TestA6_1_OpinionWithoutConsentIsNotPublishedAndRetryIsIdempotent.
func TestA6_1_OpinionWithoutConsentIsNotPublishedAndRetryIsIdempotent(t *testing.T) {
	t.Parallel()
	f := start(t)
	req := &petitionv1.SubmitOpinionRequest{RequestId: "r-1", Title: "의견", Body: "본문"}
	a, err := f.api.SubmitOpinion(f.as(t, citizen), req)
	require.NoError(t, err)
	b, err := f.api.SubmitOpinion(f.as(t, citizen), req)
	require.NoError(t, err)
	require.Equal(t, a.GetOpinion().GetId(), b.GetOpinion().GetId())
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM opinions`))
	_, err = f.api.TriageOpinion(f.as(t, mayorOffice), &petitionv1.TriageOpinionRequest{
		OpinionId: a.GetOpinion().GetId(), Decision: petitionv1.TriageDecision_TRIAGE_DECISION_ACKNOWLEDGE})
	require.NoError(t, err)
	pub, err := f.api.ListOpinions(t.Context(), &petitionv1.ListOpinionsRequest{})
	require.NoError(t, err)
	require.Empty(t, pub.GetOpinions())
	// Others do not see it; the author does.
	_, err = f.api.GetOpinion(f.as(t, otherPerson), &petitionv1.GetOpinionRequest{OpinionId: a.GetOpinion().GetId()})
	servicetest.RequireCode(t, err, codes.NotFound)
	_, err = f.api.GetOpinion(f.as(t, citizen), &petitionv1.GetOpinionRequest{OpinionId: a.GetOpinion().GetId()})
	require.NoError(t, err)
}
