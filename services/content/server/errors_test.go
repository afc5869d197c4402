package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/content/server"
)

// A4.2: publishing for a department without a public contact is refused
// with a stable reason and a message in the caller's language: Korean by
// default, English when the caller's accept-language asks for it.
func TestRefusalsCarryAReasonInTheCallersLanguageA4_2(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	req := draft("연락처 없는 부서 글")
	req.DepartmentCode = "SMG-NOCONTACT"
	created, err := s.c.CreateItem(s.admin, req)
	require.NoError(t, err)
	_, err = s.c.SubmitItemForReview(s.admin, &contentv1.SubmitItemForReviewRequest{ItemId: created.Id})
	require.NoError(t, err)

	_, err = s.c.PublishItem(s.admin, &contentv1.PublishItemRequest{ItemId: created.Id})
	st := servicetest.RequireReason(t, err, codes.FailedPrecondition, "DEPARTMENT_WITHOUT_CONTACT")
	require.Equal(t, "SMG-NOCONTACT 부서에 공개 전화번호나 전자우편이 없습니다. 게시 전에 연락처를 등록해 주세요(조례 제4조, A4.2).", st.Message())

	en := metadata.AppendToOutgoingContext(s.admin, "accept-language", "en")
	_, err = s.c.PublishItem(en, &contentv1.PublishItemRequest{ItemId: created.Id})
	st = servicetest.RequireReason(t, err, codes.FailedPrecondition, "DEPARTMENT_WITHOUT_CONTACT")
	require.Equal(t, "Department SMG-NOCONTACT has no public phone or e-mail; add one before publishing (A4.2).", st.Message())

	_, err = s.c.CreateItem(en, &contentv1.CreateItemRequest{DepartmentCode: "SMG-DIGITAL"})
	v := servicetest.RequireInvalidField(t, err, "kind")
	require.Equal(t, "REQUIRED", v.GetReason())
	require.Equal(t, "Required.", v.GetDescription())
	_, err = s.c.CreateItem(s.admin, &contentv1.CreateItemRequest{DepartmentCode: "SMG-DIGITAL"})
	v = servicetest.RequireInvalidField(t, err, "title.ko")
	require.Equal(t, "KOREAN_TITLE_REQUIRED", v.GetReason())
	require.Equal(t, "한국어 제목은 필수입니다(한국어가 기준 언어입니다).", v.GetDescription())
}
