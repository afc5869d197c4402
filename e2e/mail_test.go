package e2e

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/localinfra"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// TestA9_1ComplaintNoticeReachesTheComplainantThroughTheSuite (A9.1, A9.2,
// A9.3): a citizen reads the posted terms, takes an e-mail ID, files a
// complaint with an e-mail contact through the edge; the mail the suite's
// Mailpit received names the receipt number in Korean, at the contact
// address revealed from the vault; the complaint's notices are listed with
// their delivery status.
func TestA9_1ComplaintNoticeReachesTheComplainantThroughTheSuite(t *testing.T) {
	s := suite(t)
	sub := "e2e-mail-citizen"
	me := s.Client(t, identity.Claims{Subject: sub, Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	terms := s.Public().Do(t, "GET", "/v1/mail/terms", nil)
	require.Equal(t, http.StatusOK, terms.Status, string(terms.Body))
	require.Contains(t, string(terms.Body), "전자우편 서비스 이용약관")

	r := me.Do(t, "POST", "/v1/mail/accounts", map[string]any{"kind": "ACCOUNT_KIND_CITIZEN", "local_part": "admin", "terms_version": "1.0"})
	require.Equal(t, http.StatusBadRequest, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), `"field":"local_part"`)
	r = me.Do(t, "POST", "/v1/mail/accounts", map[string]any{"kind": "ACCOUNT_KIND_CITIZEN", "local_part": "e2e.citizen", "terms_version": "1.0"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "e2e.citizen@seoul.go.kr")

	r = me.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": sub + "-complaint", "complaint_type": "inquiry_procedure",
		"title": "보도블록 파손", "body": "정류장 앞 보도블록이 깨져 있습니다.",
		"contact": map[string]string{"name": "메일시민", "email": "mail.citizen@example.kr"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var filed struct {
		Complaint struct {
			ID            string `json:"id"`
			ReceiptNumber string `json:"receipt_number"`
		} `json:"complaint"`
	}
	r.JSON(t, &filed)

	mp := s.Launch.Mailpit()
	require.NotNil(t, mp, "make run starts Mailpit")
	var got localinfra.MailMessage
	servicetest.Eventually(t, "the receipt notice in Mailpit", func() bool {
		list, err := mp.Search(context.Background(), "to:mail.citizen@example.kr")
		if err != nil || len(list) == 0 {
			return false
		}
		got, err = mp.Message(context.Background(), list[0].ID)
		return err == nil
	})
	require.Contains(t, got.Subject, "민원이 접수되었습니다")
	require.Contains(t, got.Text, "접수번호: "+filed.Complaint.ReceiptNumber)
	require.Contains(t, got.Text, "민원 처리에 관한 법률 시행령 제14조")

	// The SMTP server accepts before the notice's row commits: wait for it.
	servicetest.Eventually(t, "the notice listed as accepted", func() bool {
		r = me.Do(t, "GET", "/v1/mail/notices?source_id="+filed.Complaint.ID, nil)
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), "NOTICE_STATUS_ACCEPTED")
	})
	require.NotContains(t, string(r.Body), "mail.citizen@example.kr", "no address in the notice record")
}
