package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// requireStored re-reads the complaint a write returned and requires the
// stored one to be identical: whatever the domain computed was persisted
// and is read back.
func (f fixture) requireStored(t *testing.T, who identity.Claims, written *petitionv1.Complaint) {
	t.Helper()
	got, err := f.api.GetComplaint(f.as(t, who), &petitionv1.GetComplaintRequest{ComplaintId: written.GetId()})
	require.NoError(t, err)
	requireSameProto(t, written, got)
}

func requireSameProto(t *testing.T, want, got proto.Message) {
	t.Helper()
	require.True(t, proto.Equal(want, got), "written:\n%s\nread back:\n%s", prototext.Format(want), prototext.Format(got))
}

// TestA6_2_EveryWriteIsReadBack (A6.1, A6.2, A3.1.3): after each write of a
// complaint's life — triage, assignment with handler, transfer, two
// extensions, answer, rating, additional answer, progress notice, second
// answer — GetComplaint returns exactly what the write returned.
func TestA6_2_EveryWriteIsReadBack(t *testing.T) {
	t.Parallel()
	f := start(t)
	op, err := f.api.SubmitOpinion(f.as(t, citizen), &petitionv1.SubmitOpinionRequest{RequestId: "rb-1",
		Title: "가로등 고장", Body: "골목 가로등이 꺼져 있습니다.", PublishConsent: true,
		Contact: &petitionv1.Contact{Name: "홍길동", Phone: "010-1234-5678"}})
	require.NoError(t, err)
	gotOp, err := f.api.GetOpinion(f.as(t, citizen), &petitionv1.GetOpinionRequest{OpinionId: op.GetOpinion().GetId()})
	require.NoError(t, err)
	requireSameProto(t, op.GetOpinion(), gotOp)

	tr, err := f.api.TriageOpinion(f.as(t, mayorOffice), &petitionv1.TriageOpinionRequest{OpinionId: op.GetOpinion().GetId(),
		Decision: petitionv1.TriageDecision_TRIAGE_DECISION_COMPLAINT, ComplaintType: "inquiry_procedure",
		DepartmentCode: "SMG-WELFARE", Note: "답변 필요"})
	require.NoError(t, err)
	gotOp, err = f.api.GetOpinion(f.as(t, mayorOffice), &petitionv1.GetOpinionRequest{OpinionId: op.GetOpinion().GetId()})
	require.NoError(t, err)
	requireSameProto(t, tr.GetOpinion(), gotOp)
	c := tr.GetComplaint()
	f.requireStored(t, mayorOffice, c)
	id := c.GetId()

	steps := []func() (*petitionv1.Complaint, error){
		func() (*petitionv1.Complaint, error) {
			r, err := f.api.AssignComplaint(f.as(t, welfare), &petitionv1.AssignComplaintRequest{ComplaintId: id,
				DepartmentCode: "SMG-WELFARE", HandlerSubject: "welfare-1"})
			return r.GetComplaint(), err
		},
		func() (*petitionv1.Complaint, error) {
			r, err := f.api.TransferComplaint(f.as(t, welfare), &petitionv1.TransferComplaintRequest{ComplaintId: id,
				ToDepartmentCode: "SMG-TRANSPORT", Reason: "소관 부서"})
			return r.GetComplaint(), err
		},
		func() (*petitionv1.Complaint, error) {
			r, err := f.api.ExtendComplaint(f.as(t, transport), &petitionv1.ExtendComplaintRequest{ComplaintId: id,
				Period: "5d", Reason: "현장 확인"})
			return r.GetComplaint(), err
		},
		func() (*petitionv1.Complaint, error) {
			r, err := f.api.ConsentToExtension(f.as(t, citizen), &petitionv1.ConsentToExtensionRequest{ComplaintId: id, Granted: true})
			return r.GetComplaint(), err
		},
		func() (*petitionv1.Complaint, error) {
			r, err := f.api.ExtendComplaint(f.as(t, transport), &petitionv1.ExtendComplaintRequest{ComplaintId: id,
				Period: "2d", Reason: "추가 협의"})
			return r.GetComplaint(), err
		},
		func() (*petitionv1.Complaint, error) {
			r, err := f.api.RequestProgress(f.as(t, citizen), &petitionv1.RequestProgressRequest{ComplaintId: id})
			return r.GetComplaint(), err
		},
		func() (*petitionv1.Complaint, error) {
			r, err := f.api.AnswerComplaint(f.as(t, transport), &petitionv1.AnswerComplaintRequest{ComplaintId: id,
				Body: "수리하겠습니다.", Refusal: true, RefusalReasons: "예산", Remedies: "행정심판"})
			return r.GetComplaint(), err
		},
		func() (*petitionv1.Complaint, error) {
			r, err := f.api.RateComplaint(f.as(t, citizen), &petitionv1.RateComplaintRequest{ComplaintId: id,
				Satisfaction: 3, Comment: "보통"})
			return r.GetComplaint(), err
		},
		func() (*petitionv1.Complaint, error) {
			r, err := f.api.RequestAdditionalAnswer(f.as(t, citizen), &petitionv1.RequestAdditionalAnswerRequest{
				ComplaintId: id, Reason: "일정 안내 요청"})
			return r.GetComplaint(), err
		},
		func() (*petitionv1.Complaint, error) {
			r, err := f.api.AnswerComplaint(f.as(t, transport), &petitionv1.AnswerComplaintRequest{ComplaintId: id,
				Body: "다음 주에 수리합니다."})
			return r.GetComplaint(), err
		},
	}
	for i, step := range steps {
		written, err := step()
		require.NoError(t, err, "step %d", i)
		f.requireStored(t, citizen, written)
		f.requireStored(t, mayorOffice, written)
	}
	final, err := f.api.GetComplaint(f.as(t, citizen), &petitionv1.GetComplaintRequest{ComplaintId: id})
	require.NoError(t, err)
	require.Equal(t, "welfare-1", lastAssigned(final).GetDetail(), "the handler named is in the trail")
	require.Len(t, final.GetExtensions(), 2)
	require.Len(t, final.GetAnswers(), 2)
	require.Equal(t, int32(3), final.GetSatisfaction())
	require.Equal(t, "보통", final.GetSatisfactionComment())
}

func lastAssigned(c *petitionv1.Complaint) *petitionv1.HistoryEntry {
	var last *petitionv1.HistoryEntry
	for _, h := range c.GetHistory() {
		if h.GetAction() == "assigned" {
			last = h
		}
	}
	return last
}

// TestA6_2_ReadBackOfClosingWrites (A6.2): transfer out of the city,
// closure as repeated and the holiday-table amendment are read back as
// written.
func TestA6_2_ReadBackOfClosingWrites(t *testing.T) {
	t.Parallel()
	f := start(t)
	out := f.submit(t, citizen, "grievance")
	r, err := f.api.TransferComplaint(f.as(t, mayorOffice), &petitionv1.TransferComplaintRequest{ComplaintId: out.GetId(),
		OutsideAgency: "국토교통부", Reason: "소관 기관"})
	require.NoError(t, err)
	f.requireStored(t, citizen, r.GetComplaint())
	require.Equal(t, "국토교통부", r.GetComplaint().GetOutsideAgency())

	var earlier []string
	for range 2 {
		c := f.submit(t, citizen, "other")
		_, err := f.api.AnswerComplaint(f.as(t, mayorOffice), &petitionv1.AnswerComplaintRequest{ComplaintId: c.GetId(), Body: "답변"})
		require.NoError(t, err)
		earlier = append(earlier, c.GetId())
	}
	third := f.submit(t, citizen, "other")
	f.requireStored(t, citizen, third)
	closed, err := f.api.CloseRepeatedComplaint(f.as(t, mayorOffice), &petitionv1.CloseRepeatedComplaintRequest{
		ComplaintId: third.GetId(), EarlierComplaintIds: earlier, Note: "반복 민원"})
	require.NoError(t, err)
	f.requireStored(t, citizen, closed.GetComplaint())

	am, err := f.api.AmendHolidayTable(f.as(t, admin), &petitionv1.AmendHolidayTableRequest{
		Add: []*petitionv1.Holiday{{Date: "2026-10-02", Name: "임시공휴일"}}, Reason: "임시공휴일 지정", Source: "인사혁신처 공고"})
	require.NoError(t, err)
	got, err := f.api.GetHolidayTable(t.Context(), &petitionv1.GetHolidayTableRequest{Version: am.GetTable().GetVersion()})
	require.NoError(t, err)
	requireSameProto(t, am.GetTable(), got)
}

// TestA6_2_ReopenedUnassignedComplaintWaitsForDispatch (A6.2): a complaint
// the Mayor's office answered without assigning it goes back to the
// dispatch queue when the complainant asks for an additional answer — it
// is not "assigned" to nobody.
func TestA6_2_ReopenedUnassignedComplaintWaitsForDispatch(t *testing.T) {
	t.Parallel()
	f := start(t)
	c := f.submit(t, citizen, "other")
	_, err := f.api.AnswerComplaint(f.as(t, mayorOffice), &petitionv1.AnswerComplaintRequest{ComplaintId: c.GetId(), Body: "답변"})
	require.NoError(t, err)
	re, err := f.api.RequestAdditionalAnswer(f.as(t, citizen), &petitionv1.RequestAdditionalAnswerRequest{
		ComplaintId: c.GetId(), Reason: "추가 설명"})
	require.NoError(t, err)
	require.Equal(t, petitionv1.ComplaintStatus_COMPLAINT_STATUS_RECEIVED, re.GetComplaint().GetStatus())
	f.requireStored(t, citizen, re.GetComplaint())
}

// TestA6_1_AnonymousRequestIDsDoNotRevealOthersOpinions (A6.1, A10):
// anonymous senders share one request-id namespace; reusing another
// sender's request id must not hand back that opinion, while a genuine
// retry of the same text still returns the first one.
func TestA6_1_AnonymousRequestIDsDoNotRevealOthersOpinions(t *testing.T) {
	t.Parallel()
	f := start(t)
	first, err := f.api.SubmitOpinion(t.Context(), &petitionv1.SubmitOpinionRequest{RequestId: "anon-1",
		Title: "비공개 제보", Body: "우리 동네 문제입니다."})
	require.NoError(t, err)
	_, err = f.api.SubmitOpinion(t.Context(), &petitionv1.SubmitOpinionRequest{RequestId: "anon-1",
		Title: "다른 의견", Body: "다른 내용"})
	servicetest.RequireCode(t, err, codes.AlreadyExists)
	retry, err := f.api.SubmitOpinion(t.Context(), &petitionv1.SubmitOpinionRequest{RequestId: "anon-1",
		Title: "비공개 제보", Body: "우리 동네 문제입니다."})
	require.NoError(t, err)
	require.Equal(t, first.GetOpinion().GetId(), retry.GetOpinion().GetId())
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM opinions`))
}

// TestControlCharactersAreBadInputNotInternalErrors (A6.2, A3.1.3): control
// characters in any text (NUL itself is refused by the platform before the
// service) and forged page tokens or Open311 ids that PostgreSQL cannot
// compare are InvalidArgument naming the field — never an internal error —
// and nothing is stored.
func TestControlCharactersAreBadInputNotInternalErrors(t *testing.T) {
	t.Parallel()
	f := start(t)
	_, err := f.api.SubmitComplaint(f.as(t, citizen), &petitionv1.SubmitComplaintRequest{ComplaintType: "other",
		Title: "a\ab", Body: "b\a", RequestId: "r\a", Contact: &petitionv1.Contact{Name: "홍\a", Email: "a\a@b.kr"},
		Location: &petitionv1.Location{Address: "\a"}})
	for _, field := range []string{"title", "body", "request_id", "contact.name", "contact.email", "location.address"} {
		servicetest.RequireInvalidField(t, err, field)
	}
	_, err = f.api.SubmitOpinion(t.Context(), &petitionv1.SubmitOpinionRequest{Title: "t\a", Body: "b"})
	servicetest.RequireInvalidField(t, err, "title")
	c := f.submit(t, citizen, "other")
	_, err = f.api.AssignComplaint(f.as(t, mayorOffice), &petitionv1.AssignComplaintRequest{ComplaintId: c.GetId(),
		DepartmentCode: "SMG-WELFARE", HandlerSubject: "h\a"})
	servicetest.RequireInvalidField(t, err, "handler_subject")
	_, err = f.api.TransferComplaint(f.as(t, mayorOffice), &petitionv1.TransferComplaintRequest{ComplaintId: c.GetId(),
		OutsideAgency: "a\a", Reason: "   "})
	servicetest.RequireInvalidField(t, err, "outside_agency")
	servicetest.RequireInvalidField(t, err, "reason")
	_, err = f.api.ExtendComplaint(f.as(t, mayorOffice), &petitionv1.ExtendComplaintRequest{ComplaintId: c.GetId(),
		Period: "1h", Reason: "r\a"})
	servicetest.RequireInvalidField(t, err, "reason")
	_, err = f.api.AnswerComplaint(f.as(t, mayorOffice), &petitionv1.AnswerComplaintRequest{ComplaintId: c.GetId(), Body: "\a"})
	servicetest.RequireInvalidField(t, err, "body")
	_, err = f.api.AmendHolidayTable(f.as(t, admin), &petitionv1.AmendHolidayTableRequest{
		Add: []*petitionv1.Holiday{{Date: "2026-10-02", Name: "x\a"}}, Reason: "r\a", Source: "s"})
	servicetest.RequireInvalidField(t, err, "add[0].name")
	servicetest.RequireInvalidField(t, err, "reason")
	for _, tok := range []string{"MXwA", "MXz_"} { // "1|\x00", "1|\xff": the token hides them from the platform check
		_, err = f.api.ListComplaints(f.as(t, citizen), &petitionv1.ListComplaintsRequest{PageToken: tok})
		servicetest.RequireInvalidField(t, err, "page_token")
		_, err = f.api.ListOpinions(t.Context(), &petitionv1.ListOpinionsRequest{PageToken: tok})
		servicetest.RequireInvalidField(t, err, "page_token")
	}
	_, err = f.api.Open311ListRequests(t.Context(), &petitionv1.Open311ListRequestsRequest{ServiceRequestId: "a\ab"})
	servicetest.RequireInvalidField(t, err, "service_request_id")
	_, err = f.api.Open311GetRequest(t.Context(), &petitionv1.Open311GetRequestRequest{ServiceRequestId: "a\ab.json"})
	servicetest.RequireInvalidField(t, err, "service_request_id")

	stored, err := f.api.GetComplaint(f.as(t, citizen), &petitionv1.GetComplaintRequest{ComplaintId: c.GetId()})
	require.NoError(t, err)
	requireSameProto(t, c, stored)
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM complaints`))
	require.Zero(t, f.count(t, `SELECT count(*) FROM opinions`))
	require.Equal(t, 2, f.count(t, `SELECT count(*) FROM holiday_tables`)) // the shipped versions: nothing amended
}
