package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// TestA6_2_ComplaintProcessing walks a complaint through the Civil
// Petitions Act: receipt, assignment, transfer with an audit trail, one
// extension on the office's decision and a second only with consent, a
// refusal that must state reasons and remedies, the complainant's rating
// and publication without personal data (A3.1.3, A6.2).
func TestA6_2_ComplaintProcessing(t *testing.T) {
	t.Parallel()
	f := start(t)
	c := f.submit(t, citizen, "inquiry_procedure")
	require.Equal(t, "7d", c.GetDue().GetPeriod())
	require.Equal(t, "홍*동", c.GetContact().GetName())
	require.Equal(t, "010-****-5678", c.GetContact().GetPhone())
	id := c.GetId()

	_, err := f.api.AssignComplaint(f.as(t, transport), &petitionv1.AssignComplaintRequest{ComplaintId: id, DepartmentCode: "SMG-TRANSPORT"})
	servicetest.RequireCode(t, err, codes.NotFound) // only the Mayor's office dispatches; others do not see it
	_, err = f.api.AssignComplaint(f.as(t, mayorOffice), &petitionv1.AssignComplaintRequest{ComplaintId: id, DepartmentCode: "SMG-WELFARE"})
	require.NoError(t, err)

	// The wrong department hands it on by transfer, recorded in the trail.
	tr, err := f.api.TransferComplaint(f.as(t, welfare), &petitionv1.TransferComplaintRequest{
		ComplaintId: id, ToDepartmentCode: "SMG-TRANSPORT", Reason: "버스 정류장 시설은 교통정책과 소관"})
	require.NoError(t, err)
	require.Equal(t, "SMG-TRANSPORT", tr.GetComplaint().GetDepartmentCode())
	require.Equal(t, c.GetDue().GetDueTime().AsTime(), tr.GetComplaint().GetDue().GetDueTime().AsTime(), "the period keeps running")
	last := tr.GetComplaint().GetHistory()[len(tr.GetComplaint().GetHistory())-1]
	require.Equal(t, "transferred", last.GetAction())
	require.Equal(t, "SMG-WELFARE", last.GetFromDepartment())
	_, err = f.api.AnswerComplaint(f.as(t, welfare), &petitionv1.AnswerComplaintRequest{ComplaintId: id, Body: "x"})
	servicetest.RequireCode(t, err, codes.NotFound) // no longer its complaint: as GetComplaint answers

	// Extensions: at most the original period; the second needs the
	// complainant's own consent (시행령 제21조①), which an official cannot
	// give for them; never a third.
	_, err = f.api.ExtendComplaint(f.as(t, transport), &petitionv1.ExtendComplaintRequest{ComplaintId: id, Period: "8d", Reason: "현장 확인"})
	servicetest.RequireInvalidField(t, err, "period")
	ext, err := f.api.ExtendComplaint(f.as(t, transport), &petitionv1.ExtendComplaintRequest{ComplaintId: id, Period: "7d", Reason: "현장 확인 필요"})
	require.NoError(t, err)
	require.True(t, ext.GetComplaint().GetDue().GetDueTime().AsTime().After(c.GetDue().GetDueTime().AsTime()))
	require.Len(t, ext.GetComplaint().GetExtensions(), 1)
	second := &petitionv1.ExtendComplaintRequest{ComplaintId: id, Period: "3d", Reason: "추가 협의"}
	_, err = f.api.ExtendComplaint(f.as(t, transport), second)
	servicetest.RequireReason(t, err, codes.FailedPrecondition, "EXTENSION_NEEDS_CONSENT")
	_, err = f.api.ExtendComplaint(f.as(t, transport), &petitionv1.ExtendComplaintRequest{ComplaintId: id, Period: "3d",
		Reason: "추가 협의", ComplainantConsent: true})
	servicetest.RequireInvalidField(t, err, "complainant_consent")
	_, err = f.api.ConsentToExtension(f.as(t, otherPerson), &petitionv1.ConsentToExtensionRequest{ComplaintId: id, Granted: true})
	servicetest.RequireCode(t, err, codes.NotFound) // only the complainant's to give
	_, err = f.api.ConsentToExtension(f.as(t, transport), &petitionv1.ConsentToExtensionRequest{ComplaintId: id, Granted: true})
	servicetest.RequireCode(t, err, codes.NotFound)
	refused, err := f.api.ConsentToExtension(f.as(t, citizen), &petitionv1.ConsentToExtensionRequest{ComplaintId: id, Granted: false})
	require.NoError(t, err)
	require.Equal(t, petitionv1.ExtensionConsent_EXTENSION_CONSENT_REFUSED, refused.GetComplaint().GetExtensionConsent())
	_, err = f.api.ExtendComplaint(f.as(t, transport), second)
	servicetest.RequireReason(t, err, codes.FailedPrecondition, "EXTENSION_NEEDS_CONSENT")
	granted, err := f.api.ConsentToExtension(f.as(t, citizen), &petitionv1.ConsentToExtensionRequest{ComplaintId: id, Granted: true,
		Etag: refused.GetComplaint().GetEtag()})
	require.NoError(t, err)
	require.Equal(t, petitionv1.ExtensionConsent_EXTENSION_CONSENT_GRANTED, granted.GetComplaint().GetExtensionConsent())
	require.Equal(t, "refused", f.streamed(t, "seoul.petition.complaint.extension_consent", id).GetDetail(), "the first answer")
	require.Equal(t, 2, f.outboxCount(t, "seoul.petition.complaint.extension_consent"))
	ext, err = f.api.ExtendComplaint(f.as(t, transport), second)
	require.NoError(t, err)
	require.False(t, ext.GetComplaint().GetExtensions()[0].GetComplainantConsent())
	require.True(t, ext.GetComplaint().GetExtensions()[1].GetComplainantConsent())
	_, err = f.api.ExtendComplaint(f.as(t, transport), &petitionv1.ExtendComplaintRequest{ComplaintId: id, Period: "1d", Reason: "또"})
	servicetest.RequireReason(t, err, codes.FailedPrecondition, "EXTENSION_LIMIT")
	require.Equal(t, "extension 1 by 7d", f.streamed(t, "seoul.petition.complaint.extended", id).GetDetail())

	// A refusal states reasons and remedies.
	_, err = f.api.AnswerComplaint(f.as(t, transport), &petitionv1.AnswerComplaintRequest{ComplaintId: id, Body: "불가", Refusal: true})
	servicetest.RequireInvalidField(t, err, "refusal_reasons")
	servicetest.RequireInvalidField(t, err, "remedies")
	ans, err := f.api.AnswerComplaint(f.as(t, transport), &petitionv1.AnswerComplaintRequest{ComplaintId: id,
		Body: "안내판 교체가 어렵습니다.", Refusal: true, RefusalReasons: "예산 미편성", Remedies: "행정심판 청구(90일 이내)"})
	require.NoError(t, err)
	require.Equal(t, petitionv1.ComplaintStatus_COMPLAINT_STATUS_ANSWERED, ans.GetComplaint().GetStatus())
	ev := f.streamed(t, "seoul.petition.complaint.answered", id)
	require.Equal(t, "citizen-1", ev.GetCitizenSubject()) // mileage awards on this
	require.Equal(t, "refused", ev.GetDetail())

	// Rating and the additional answer are the complainant's.
	_, err = f.api.RateComplaint(f.as(t, otherPerson), &petitionv1.RateComplaintRequest{ComplaintId: id, Satisfaction: 1})
	servicetest.RequireCode(t, err, codes.NotFound)
	rated, err := f.api.RateComplaint(f.as(t, citizen), &petitionv1.RateComplaintRequest{ComplaintId: id, Satisfaction: 2})
	require.NoError(t, err)
	require.Equal(t, int32(2), rated.GetComplaint().GetSatisfaction())

	// Published without personal data.
	pub, err := f.api.ListPublicComplaints(t.Context(), &petitionv1.ListPublicComplaintsRequest{})
	require.NoError(t, err)
	require.Len(t, pub.GetPublicComplaints(), 1)
	published := pub.GetPublicComplaints()[0].String()
	require.Contains(t, published, "버스 정류장 안내판 고장") // the text is readable here, so the checks below can fail
	for _, personal := range []string{"citizen-1", "5678", "홍길동", "홍*동"} {
		require.NotContains(t, published, personal)
	}

	re, err := f.api.RequestAdditionalAnswer(f.as(t, citizen), &petitionv1.RequestAdditionalAnswerRequest{ComplaintId: id, Reason: "구제 절차 설명 추가 요청"})
	require.NoError(t, err)
	require.Equal(t, petitionv1.ComplaintStatus_COMPLAINT_STATUS_ASSIGNED, re.GetComplaint().GetStatus())
	f.streamed(t, "seoul.petition.complaint.reopened", id)
}

// TestA6_2_TransferOutOfTheCity: a complaint for another agency leaves the
// city's window with the agency recorded.
func TestA6_2_TransferOutOfTheCity(t *testing.T) {
	t.Parallel()
	f := start(t)
	c := f.submit(t, citizen, "grievance")
	_, err := f.api.TransferComplaint(f.as(t, mayorOffice), &petitionv1.TransferComplaintRequest{
		ComplaintId: c.GetId(), ToDepartmentCode: "SMG-TRANSPORT", OutsideAgency: "국토교통부", Reason: "x"})
	servicetest.RequireInvalidField(t, err, "to_department_code")
	out, err := f.api.TransferComplaint(f.as(t, mayorOffice), &petitionv1.TransferComplaintRequest{
		ComplaintId: c.GetId(), OutsideAgency: "국토교통부", Reason: "고속도로 시설은 국토교통부 소관"})
	require.NoError(t, err)
	require.Equal(t, petitionv1.ComplaintStatus_COMPLAINT_STATUS_TRANSFERRED_OUT, out.GetComplaint().GetStatus())
	require.Equal(t, "agency:국토교통부", f.streamed(t, "seoul.petition.complaint.transferred", c.GetId()).GetDetail())
	_, err = f.api.AnswerComplaint(f.as(t, mayorOffice), &petitionv1.AnswerComplaintRequest{ComplaintId: c.GetId(), Body: "x"})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
}

// TestA6_2_RepeatedComplaintClosedAfterTwoAnswers (법 제23조).
func TestA6_2_RepeatedComplaintClosedAfterTwoAnswers(t *testing.T) {
	t.Parallel()
	f := start(t)
	var earlier []string
	for range 2 {
		c := f.submit(t, citizen, "other")
		_, err := f.api.AnswerComplaint(f.as(t, mayorOffice), &petitionv1.AnswerComplaintRequest{ComplaintId: c.GetId(), Body: "답변드립니다."})
		require.NoError(t, err)
		earlier = append(earlier, c.GetId())
	}
	third := f.submit(t, citizen, "other")
	_, err := f.api.CloseRepeatedComplaint(f.as(t, mayorOffice), &petitionv1.CloseRepeatedComplaintRequest{
		ComplaintId: third.GetId(), EarlierComplaintIds: earlier[:1], Note: "동일 내용"})
	servicetest.RequireInvalidField(t, err, "earlier_complaint_ids")
	other := f.submit(t, otherPerson, "other")
	_, err = f.api.CloseRepeatedComplaint(f.as(t, mayorOffice), &petitionv1.CloseRepeatedComplaintRequest{
		ComplaintId: third.GetId(), EarlierComplaintIds: []string{earlier[0], other.GetId()}, Note: "동일 내용"})
	servicetest.RequireInvalidField(t, err, "earlier_complaint_ids")
	closed, err := f.api.CloseRepeatedComplaint(f.as(t, mayorOffice), &petitionv1.CloseRepeatedComplaintRequest{
		ComplaintId: third.GetId(), EarlierComplaintIds: earlier, Note: "새로운 이유 없이 3회 반복, 2회 답변 완료"})
	require.NoError(t, err)
	require.Equal(t, petitionv1.ComplaintStatus_COMPLAINT_STATUS_CLOSED_REPEATED, closed.GetComplaint().GetStatus())
	require.Equal(t, "새로운 이유 없이 3회 반복, 2회 답변 완료", closed.GetComplaint().GetClosureNote())
	f.streamed(t, "seoul.petition.complaint.closed", third.GetId())
}

// TestA6_2_ComplaintVisibility: only the complainant and the handling
// officials see a complaint; citizens list only their own.
func TestA6_2_ComplaintVisibility(t *testing.T) {
	t.Parallel()
	f := start(t)
	c := f.submit(t, citizen, "inquiry_law")
	_, err := f.api.GetComplaint(f.as(t, otherPerson), &petitionv1.GetComplaintRequest{ComplaintId: c.GetId()})
	servicetest.RequireCode(t, err, codes.NotFound)
	_, err = f.api.GetComplaint(t.Context(), &petitionv1.GetComplaintRequest{ComplaintId: c.GetId()})
	servicetest.RequireCode(t, err, codes.NotFound)
	_, err = f.api.GetComplaint(f.as(t, mayorOffice), &petitionv1.GetComplaintRequest{ComplaintId: c.GetId()})
	require.NoError(t, err)
	mine, err := f.api.ListComplaints(f.as(t, citizen), &petitionv1.ListComplaintsRequest{})
	require.NoError(t, err)
	require.Len(t, mine.GetComplaints(), 1)
	theirs, err := f.api.ListComplaints(f.as(t, otherPerson), &petitionv1.ListComplaintsRequest{})
	require.NoError(t, err)
	require.Empty(t, theirs.GetComplaints())
	_, err = f.api.ListComplaints(f.as(t, citizen), &petitionv1.ListComplaintsRequest{DepartmentCode: "SMG-TRANSPORT"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	prog, err := f.api.RequestProgress(f.as(t, citizen), &petitionv1.RequestProgressRequest{ComplaintId: c.GetId()})
	require.NoError(t, err)
	require.NotNil(t, prog.GetComplaint().GetProgressNoticeTime())
	f.streamed(t, "seoul.petition.complaint.progress", c.GetId())
}

// A negative page_size is bad input on every list, named in the answer,
// not silently served as the default page.
func TestListsRefuseNegativePageSize(t *testing.T) {
	t.Parallel()
	f := start(t)
	_, err := f.api.ListComplaints(f.as(t, citizen), &petitionv1.ListComplaintsRequest{PageSize: -1})
	servicetest.RequireInvalidField(t, err, "page_size")
	_, err = f.api.ListPublicComplaints(t.Context(), &petitionv1.ListPublicComplaintsRequest{PageSize: -1})
	servicetest.RequireInvalidField(t, err, "page_size")
	_, err = f.api.ListOpinions(t.Context(), &petitionv1.ListOpinionsRequest{PageSize: -1})
	servicetest.RequireInvalidField(t, err, "page_size")
}

// A10.1, A6.2: a refusal tells an official no more than GetComplaint
// does. An unrelated department used to learn the receipt number and the
// holding department from the refusal of a complaint GET answered 404 for.
func TestA10_1_RefusalsRevealNothingGetWouldNot(t *testing.T) {
	t.Parallel()
	f := start(t)
	c := f.submit(t, citizen, "inquiry_procedure")
	_, err := f.api.AssignComplaint(f.as(t, mayorOffice), &petitionv1.AssignComplaintRequest{ComplaintId: c.GetId(), DepartmentCode: "SMG-TRANSPORT"})
	require.NoError(t, err)
	outsider := f.as(t, welfare)
	_, err = f.api.GetComplaint(outsider, &petitionv1.GetComplaintRequest{ComplaintId: c.GetId()})
	get := servicetest.RequireCode(t, err, codes.NotFound)
	calls := map[string]error{}
	_, calls["answer"] = f.api.AnswerComplaint(outsider, &petitionv1.AnswerComplaintRequest{ComplaintId: c.GetId(), Body: "답변"})
	_, calls["extend"] = f.api.ExtendComplaint(outsider, &petitionv1.ExtendComplaintRequest{ComplaintId: c.GetId(), Period: "7d", Reason: "확인"})
	_, calls["transfer"] = f.api.TransferComplaint(outsider, &petitionv1.TransferComplaintRequest{ComplaintId: c.GetId(),
		ToDepartmentCode: "SMG-WELFARE", Reason: "가져감"})
	for name, err := range calls {
		st := servicetest.RequireCode(t, err, codes.NotFound)
		require.Equal(t, get.Message(), st.Message(), name)
		require.NotContains(t, st.Message(), c.GetReceiptNumber(), name)
		require.NotContains(t, st.Message(), "SMG-TRANSPORT", name)
	}
}

// A page token belongs to the list and filters it was issued for: replayed
// with other filters or on another list it is refused by name, never served
// as a page of something else (the one paging rule of docs/conventions.md).
func TestPageTokensAreBoundToTheirFilters(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.submit(t, citizen, "grievance")
	f.submit(t, citizen, "grievance")
	own := f.as(t, citizen) // a citizen lists their own complaints
	first, err := f.api.ListComplaints(own, &petitionv1.ListComplaintsRequest{PageSize: 1})
	require.NoError(t, err)
	require.Len(t, first.GetComplaints(), 1)
	token := first.GetNextPageToken()
	require.NotEmpty(t, token)

	next, err := f.api.ListComplaints(own, &petitionv1.ListComplaintsRequest{PageSize: 1, PageToken: token})
	require.NoError(t, err)
	require.NotEqual(t, first.GetComplaints()[0].GetId(), next.GetComplaints()[0].GetId())
	_, err = f.api.ListComplaints(own, &petitionv1.ListComplaintsRequest{PageSize: 1, PageToken: token, OpenOnly: true})
	servicetest.RequireInvalidField(t, err, "page_token")
	_, err = f.api.ListOpinions(t.Context(), &petitionv1.ListOpinionsRequest{PageToken: token})
	servicetest.RequireInvalidField(t, err, "page_token")
}
