package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A6.2, A10: a phone number the privacy service refuses is reported as the
// complaint's own field contact.phone with the privacy service's reason
// and why (in the caller's language), not as "rejected by the privacy
// service"; nothing is stored.
func TestPrivacyVerdictNamesContactPhone(t *testing.T) {
	t.Parallel()
	f := start(t)
	req := &petitionv1.SubmitComplaintRequest{ComplaintType: "other", Title: "가로등 고장", Body: "골목 가로등이 꺼져 있습니다.",
		Contact: &petitionv1.Contact{Name: "홍길동", Phone: "+44 20 7946 0958"}}

	_, err := f.api.SubmitComplaint(f.as(t, citizen), req)
	v := servicetest.RequireInvalidField(t, err, "contact.phone")
	require.Equal(t, "PHONE_KR", v.GetReason())
	require.Equal(t, "010-1234-5678 같은 국내 전화번호여야 합니다.", v.GetDescription())

	en := metadata.AppendToOutgoingContext(f.as(t, citizen), "accept-language", "en")
	_, err = f.api.SubmitComplaint(en, req)
	v = servicetest.RequireInvalidField(t, err, "contact.phone")
	require.Equal(t, "Must be a Korean phone number such as 010-1234-5678.", v.GetDescription())
	require.Zero(t, f.count(t, `SELECT count(*) FROM complaints`))
}

// A6.2: the holiday-table refusal and the Open311 service notice are
// Korean by default.
func TestHolidayTableErrorAndOpen311NoticeInKorean(t *testing.T) {
	t.Parallel()
	f := start(t)
	_, err := f.api.AmendHolidayTable(f.as(t, admin), &petitionv1.AmendHolidayTableRequest{
		Remove: []string{"2026-02-30"}, Reason: "정정", Source: "관보"})
	v := servicetest.RequireInvalidField(t, err, "remove[0]")
	require.Equal(t, "INVALID_DATE", v.GetReason())
	require.Equal(t, "날짜는 2026-03-01처럼 YYYY-MM-DD 형식으로 입력해 주세요.", v.GetDescription())

	resp, err := f.api.Open311SubmitRequest(f.as(t, citizen), &petitionv1.Open311SubmitRequestRequest{ServiceCode: "other",
		Description: "공원 벤치가 부서졌습니다.", FirstName: "홍길동", Phone: "010-1234-5678", AddressString: "남산공원"})
	require.NoError(t, err)
	require.Contains(t, resp.GetRequests()[0].GetServiceNotice(), "민원으로 접수되었습니다. 처리 기한:")
	_, err = f.api.ComputeDueDate(f.as(t, citizen), &petitionv1.ComputeDueDateRequest{ComplaintType: "x"})
	st := servicetest.RequireCode(t, err, codes.InvalidArgument)
	require.Equal(t, "입력값에 잘못된 항목이 있습니다. 항목별 이유를 확인해 주세요.", st.Message())
}

// A6.2: two officials act on the same complaint. The one who read it
// before the other's change is refused (ABORTED) instead of silently
// overwriting it — an answer cannot go out on a complaint reassigned
// meanwhile — and the citizen's rating is guarded the same way.
func TestStaleEtagRefusesComplaintChangesA6_2(t *testing.T) {
	t.Parallel()
	f := start(t)
	read := f.submit(t, citizen, "other")
	assigned, err := f.api.AssignComplaint(f.as(t, mayorOffice), &petitionv1.AssignComplaintRequest{ComplaintId: read.GetId(),
		DepartmentCode: "SMG-TRANSPORT", Etag: read.GetEtag()})
	require.NoError(t, err)
	require.NotEqual(t, read.GetEtag(), assigned.GetComplaint().GetEtag())

	_, err = f.api.AssignComplaint(f.as(t, mayorOffice), &petitionv1.AssignComplaintRequest{ComplaintId: read.GetId(),
		DepartmentCode: "SMG-WELFARE", Etag: read.GetEtag()})
	servicetest.RequireReason(t, err, codes.Aborted, "ETAG_MISMATCH")
	_, err = f.api.AnswerComplaint(f.as(t, transport), &petitionv1.AnswerComplaintRequest{ComplaintId: read.GetId(),
		Body: "정류장 안내판을 교체했습니다.", Etag: read.GetEtag()})
	servicetest.RequireCode(t, err, codes.Aborted)
	got, err := f.api.GetComplaint(f.as(t, transport), &petitionv1.GetComplaintRequest{ComplaintId: read.GetId()})
	require.NoError(t, err)
	require.Equal(t, "SMG-TRANSPORT", got.GetDepartmentCode(), "the stale reassignment changed nothing")
	require.Empty(t, got.GetAnswers(), "the stale answer went nowhere")

	answered, err := f.api.AnswerComplaint(f.as(t, transport), &petitionv1.AnswerComplaintRequest{ComplaintId: read.GetId(),
		Body: "정류장 안내판을 교체했습니다.", Etag: got.GetEtag()})
	require.NoError(t, err)
	_, err = f.api.RateComplaint(f.as(t, citizen), &petitionv1.RateComplaintRequest{ComplaintId: read.GetId(),
		Satisfaction: 5, Etag: got.GetEtag()})
	servicetest.RequireCode(t, err, codes.Aborted)
	_, err = f.api.RateComplaint(f.as(t, citizen), &petitionv1.RateComplaintRequest{ComplaintId: read.GetId(),
		Satisfaction: 5, Etag: answered.GetComplaint().GetEtag()})
	require.NoError(t, err)
}
