package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/petition/server"
)

// The issue's own example: a consented complaint whose body holds a phone
// and a resident registration number.
const (
	plantedBody    = "답변은 010-3141-5926 으로, 주민번호 850315-1234561 확인 부탁"
	maskedBody     = "답변은 010-****-5926 으로, 주민번호 ******-******* 확인 부탁"
	plantedAddress = "비밀로 77, 101동 1203호 앞"
)

// petitionSecrets are the plaintext forms planted by these tests; no text
// column of the petition database may hold any of them.
var petitionSecrets = []string{"3141-5926", "31415926", "850315", "1234561", "비밀로 77", "1203호", "7319-4682",
	"bimil.cha", "4532-0123", "110-123-456789", "8888-9999", "2133-4567", "6666-7777",
	"윤서연"}

func (f fixture) storedSecrets(t *testing.T) []string {
	t.Helper()
	var hits []string
	for _, col := range [][2]string{{"complaints", "title"}, {"complaints", "body"}, {"complaints", "address"},
		{"complaints", "satisfaction_comment"}, {"complaints", "closure_note"}, {"complaints", "outside_agency"},
		{"opinions", "title"}, {"opinions", "body"}, {"opinions", "triage_note"}, {"complaint_answers", "body"},
		{"complaint_answers", "refusal_reasons"}, {"complaint_answers", "remedies"}, {"complaint_extensions", "reason"},
		{"complaint_history", "detail"}} {
		for _, s := range petitionSecrets {
			if f.count(t, `SELECT count(*) FROM `+col[0]+` WHERE strpos(`+col[1]+`, $1) > 0`, s) > 0 {
				hits = append(hits, col[0]+"."+col[1]+": "+s)
			}
		}
	}
	return hits
}

func (f fixture) revealOriginals(t *testing.T, who identity.Claims, caseRef string, originals []*petitionv1.OriginalText) (map[string]string, error) {
	t.Helper()
	req := &privacyv1.RevealPersonalDataRequest{Purpose: "complaint_handling", CaseReference: caseRef}
	docs := map[string]string{}
	for _, o := range originals {
		req.Tokens = append(req.Tokens, o.GetToken())
		docs[o.GetToken()] = o.GetField()
	}
	resp, err := privacyv1.NewPrivacyServiceClient(f.priv.Conn).RevealPersonalData(f.priv.As(t, who), req)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, v := range resp.GetValues() {
		out[docs[v.GetToken()]] = v.GetValue()
	}
	return out, nil
}

// A10.1, A10.4, A6.2: personal data in a complaint's title, body and
// address is masked, never refused, and the citizen is told; the petition
// database keeps the masked text and vault tokens; the official of the
// department the complaint is assigned to reveals the originals through
// the complaint's grant (and the access log shows it), another department
// cannot; the answering official previews exactly what publication shows,
// and the public lists show only masked text.
func TestA10_1_A10_4_ComplaintTextsMaskedOriginalsForTheHandlingOfficial(t *testing.T) {
	t.Parallel()
	f := start(t)
	resp, err := f.api.SubmitComplaint(f.as(t, citizen), &petitionv1.SubmitComplaintRequest{ComplaintType: "grievance",
		Title: "보도 파손 010-7319-4682", Body: plantedBody, PublishConsent: true,
		Contact:  &petitionv1.Contact{Name: "홍길동", Phone: "010-1234-5678"},
		Location: &petitionv1.Location{Lat: 37.57, Long: 126.97, Address: plantedAddress}})
	require.NoError(t, err)
	c := resp.GetComplaint()
	require.Equal(t, "보도 파손 010-****-4682", c.GetTitle())
	require.Equal(t, maskedBody, c.GetBody())
	require.Equal(t, "비밀로 *** 앞", c.GetLocation().GetAddress())
	require.True(t, c.GetPersonalDataMasked())
	require.Equal(t, []string{"resident_registration_number", "phone_number", "street_address"}, c.GetPersonalDataKinds())
	require.Len(t, c.GetOriginals(), 3)
	require.Equal(t, maskedBody, c.GetPublicPreview().GetBody())
	require.Empty(t, f.storedSecrets(t))

	_, err = f.api.AssignComplaint(f.as(t, mayorOffice), &petitionv1.AssignComplaintRequest{ComplaintId: c.GetId(), DepartmentCode: "SMG-TRANSPORT"})
	require.NoError(t, err)
	var originals map[string]string
	servicetest.Eventually(t, "the assigned department reveals the originals", func() bool {
		originals, err = f.revealOriginals(t, transport, c.GetId(), c.GetOriginals())
		return err == nil
	})
	require.Equal(t, map[string]string{"title": "보도 파손 010-7319-4682", "body": plantedBody, "location.address": plantedAddress}, originals)
	_, err = f.revealOriginals(t, welfare, c.GetId(), c.GetOriginals())
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	log, err := privacyv1.NewPrivacyServiceClient(f.priv.Conn).ListAccessLogEntries(f.priv.As(t, citizen),
		&privacyv1.ListAccessLogEntriesRequest{SubjectId: citizen.Subject})
	require.NoError(t, err)
	require.True(t, revealedIn(log.GetAccessLogEntries(), transport.Subject, c.GetId()), "the complainant sees the read in their access log")

	answer := &petitionv1.AnswerComplaintRequest{ComplaintId: c.GetId(), ValidateOnly: true,
		Body: "보수했습니다. 문의는 담당자 02-2133-4567 로 주십시오."}
	preview, err := f.api.AnswerComplaint(f.as(t, transport), answer)
	require.NoError(t, err)
	want := "보수했습니다. 문의는 담당자 02-****-4567 로 주십시오."
	require.Equal(t, want, preview.GetComplaint().GetPublicPreview().GetAnswers()[0].GetBody())
	require.Equal(t, maskedBody, preview.GetComplaint().GetPublicPreview().GetBody())
	require.Zero(t, f.count(t, `SELECT count(*) FROM complaint_answers`), "a preview stores nothing")
	require.Zero(t, f.outboxCount(t, "seoul.petition.complaint.answered"), "and announces nothing")

	answer.ValidateOnly = false
	_, err = f.api.AnswerComplaint(f.as(t, transport), answer)
	require.NoError(t, err)
	pub, err := f.api.ListPublicComplaints(context.Background(), &petitionv1.ListPublicComplaintsRequest{})
	require.NoError(t, err)
	require.Len(t, pub.GetPublicComplaints(), 1)
	require.Equal(t, preview.GetComplaint().GetPublicPreview().GetBody(), pub.GetPublicComplaints()[0].GetBody())
	require.Equal(t, want, pub.GetPublicComplaints()[0].GetAnswers()[0].GetBody(), "publication shows what the preview showed")
	geo, err := f.api.Open311ListRequests(context.Background(), &petitionv1.Open311ListRequestsRequest{})
	require.NoError(t, err)
	require.Equal(t, maskedBody, geo.GetRequests()[0].GetDescription())
	require.Equal(t, "비밀로 *** 앞", geo.GetRequests()[0].GetAddress())
	require.Equal(t, want, geo.GetRequests()[0].GetStatusNotes())
	require.Empty(t, f.storedSecrets(t))
}

func revealedIn(entries []*privacyv1.AccessLogEntry, actor, caseRef string) bool {
	for _, e := range entries {
		if e.GetActorSubject() == actor && e.GetCaseReference() == caseRef &&
			e.GetOutcome() == privacyv1.AccessOutcome_ACCESS_OUTCOME_REVEALED && len(e.GetFields()) > 0 && e.GetFields()[0] == "free_text" {
			return true
		}
	}
	return false
}

// A6.1, A6.2, A10.1: an opinion's texts are masked; a signed-in sender's
// originals are vaulted and follow the opinion into the complaint it
// becomes (which keeps the opinion's id, the case they are bound to); an
// anonymous sender's are kept nowhere, and a retry of the same anonymous
// text still returns the first opinion. The Mayor's office sees the public
// preview before acknowledging.
func TestA6_2_A10_1_OpinionTextsMaskedAndCarriedIntoTheComplaint(t *testing.T) {
	t.Parallel()
	f := start(t)
	signed, err := f.api.SubmitOpinion(f.as(t, citizen), &petitionv1.SubmitOpinionRequest{RequestId: "op-pd-1",
		Title: "가로등", Body: "우리 집 비밀로 77, 101동 1203호 앞 가로등이 꺼졌어요. 010-7319-4682",
		Contact: &petitionv1.Contact{Name: "홍길동", Phone: "010-1234-5678"}})
	require.NoError(t, err)
	o := signed.GetOpinion()
	require.Equal(t, "우리 집 비밀로 *** 앞 가로등이 꺼졌어요. 010-****-4682", o.GetBody())
	require.Equal(t, []string{"phone_number", "street_address"}, o.GetPersonalDataKinds())
	require.Len(t, o.GetOriginals(), 1)

	anon := &petitionv1.SubmitOpinionRequest{RequestId: "op-pd-2", Title: "제안", PublishConsent: true,
		Body: "계좌 110-123-456789 로 환급해 주세요. 제 메일은 bimil.cha@example.org"}
	first, err := f.api.SubmitOpinion(context.Background(), anon)
	require.NoError(t, err)
	require.Equal(t, "계좌 ***-***-**6789 로 환급해 주세요. 제 메일은 b***@example.org", first.GetOpinion().GetBody())
	require.Empty(t, first.GetOpinion().GetOriginals(), "an anonymous sender's original is kept nowhere")
	again, err := f.api.SubmitOpinion(context.Background(), anon)
	require.NoError(t, err, "a retry of the same anonymous text is answered")
	require.Equal(t, first.GetOpinion().GetId(), again.GetOpinion().GetId())

	queue, err := f.api.GetOpinion(f.as(t, mayorOffice), &petitionv1.GetOpinionRequest{OpinionId: first.GetOpinion().GetId()})
	require.NoError(t, err)
	require.Equal(t, first.GetOpinion().GetBody(), queue.GetPublicPreview().GetBody())
	require.Nil(t, queue.GetPublicPreview().GetContact())

	tr, err := f.api.TriageOpinion(f.as(t, mayorOffice), &petitionv1.TriageOpinionRequest{OpinionId: o.GetId(),
		Decision: petitionv1.TriageDecision_TRIAGE_DECISION_COMPLAINT, ComplaintType: "grievance", DepartmentCode: "SMG-TRANSPORT",
		Note: "민원인 연락처 010-8888-9999 확인"})
	require.NoError(t, err)
	cp := tr.GetComplaint()
	require.Equal(t, o.GetId(), cp.GetId(), "the complaint keeps the opinion's id")
	require.Equal(t, o.GetOriginals(), cp.GetOriginals())
	require.Equal(t, "민원인 연락처 010-****-9999 확인", tr.GetOpinion().GetTriageNote())
	var originals map[string]string
	servicetest.Eventually(t, "the assigned department reveals the opinion's original", func() bool {
		originals, err = f.revealOriginals(t, transport, cp.GetId(), cp.GetOriginals())
		return err == nil
	})
	require.Contains(t, originals["body"], "비밀로 77, 101동 1203호")
	require.Empty(t, f.storedSecrets(t))
}

// A10.1: every other text people write about a complaint — the
// complainant's rating comment and request for an additional answer, the
// officials' transfer and extension reasons, refusal reasons, remedies and
// closure notes — is stored masked, audit trail included; so is a name the
// writer signs with.
func TestA10_1_ComplaintWorkTextsStoredMasked(t *testing.T) {
	t.Parallel()
	f := start(t)
	c := f.submit(t, citizen, "grievance")
	_, err := f.api.TransferComplaint(f.as(t, mayorOffice), &petitionv1.TransferComplaintRequest{ComplaintId: c.GetId(),
		ToDepartmentCode: "SMG-TRANSPORT", Reason: "민원인(010-7319-4682) 요청으로 이송"})
	require.NoError(t, err)
	_, err = f.api.ExtendComplaint(f.as(t, transport), &petitionv1.ExtendComplaintRequest{ComplaintId: c.GetId(),
		Period: "3d", Reason: "현장 확인 필요: 비밀로 77, 101동 1203호"})
	require.NoError(t, err)
	_, err = f.api.AnswerComplaint(f.as(t, transport), &petitionv1.AnswerComplaintRequest{ComplaintId: c.GetId(),
		Body: "처리 불가", Refusal: true, RefusalReasons: "카드 4532-0123-4567-8902 명의 확인 불가",
		Remedies: "행정심판 청구 가능, 문의 02-2133-4567"})
	require.NoError(t, err)
	rated, err := f.api.RateComplaint(f.as(t, citizen), &petitionv1.RateComplaintRequest{ComplaintId: c.GetId(),
		Satisfaction: 2, Comment: "다시 연락 주세요 010-6666-7777"})
	require.NoError(t, err)
	require.Equal(t, "다시 연락 주세요 010-****-7777", rated.GetComplaint().GetSatisfactionComment())
	_, err = f.api.RequestAdditionalAnswer(f.as(t, citizen), &petitionv1.RequestAdditionalAnswerRequest{ComplaintId: c.GetId(),
		Reason: "메일 bimil.cha@example.org 로 답을 주세요. 윤서연 드림"})
	require.NoError(t, err)
	require.Empty(t, f.storedSecrets(t))
}

// A10.1: the complainant's name, given in the contact, is masked wherever
// the title or body has it, not only where the text introduces a name; the
// original stays readable through the vault.
func TestA10_1_ComplainantsOwnNameMaskedInTheText(t *testing.T) {
	t.Parallel()
	f := start(t)
	body := "저는 망원동에 사는 최지은입니다. 최지은의 아이가 놀이터에서 다쳤습니다."
	resp, err := f.api.SubmitComplaint(f.as(t, citizen), &petitionv1.SubmitComplaintRequest{ComplaintType: "grievance",
		Title: "놀이터 보수", Body: body, PublishConsent: true,
		Contact: &petitionv1.Contact{Name: "최지은", Phone: "010-1234-5678"}})
	require.NoError(t, err)
	c := resp.GetComplaint()
	require.Equal(t, "저는 망원동에 사는 최*은입니다. 최*은의 아이가 놀이터에서 다쳤습니다.", c.GetBody())
	require.Equal(t, c.GetBody(), c.GetPublicPreview().GetBody())
	require.Equal(t, []string{"person_name"}, c.GetPersonalDataKinds())
	require.Zero(t, f.count(t, `SELECT count(*) FROM complaints WHERE strpos(body, '최지은') > 0`))
	originals, err := f.revealOriginals(t, citizen, c.GetId(), c.GetOriginals())
	require.NoError(t, err)
	require.Equal(t, map[string]string{"body": body}, originals)
}

// A10.4: erasing the complainant shreds the vaulted originals with the rest
// of their data (the privacy service), and the complaint drops its tokens;
// the masked text stays as the record.
func TestA10_4_ErasureDropsTheOriginalsTokens(t *testing.T) {
	t.Parallel()
	f := start(t)
	resp, err := f.api.SubmitComplaint(f.as(t, citizen), &petitionv1.SubmitComplaintRequest{ComplaintType: "grievance",
		Title: "보도 파손", Body: plantedBody, Contact: &petitionv1.Contact{Name: "홍길동", Phone: "010-1234-5678"}})
	require.NoError(t, err)
	c := resp.GetComplaint()
	require.Len(t, c.GetOriginals(), 1)
	_, err = privacyv1.NewPrivacyServiceClient(f.priv.Conn).EraseSubject(f.priv.As(t, citizen),
		&privacyv1.EraseSubjectRequest{SubjectId: citizen.Subject})
	require.NoError(t, err)
	servicetest.Eventually(t, "originals dropped", func() bool {
		return f.count(t, `SELECT count(*) FROM complaints WHERE id = $1 AND originals = '[]'`, c.GetId()) == 1
	})
	got, err := f.api.GetComplaint(f.as(t, mayorOffice), &petitionv1.GetComplaintRequest{ComplaintId: c.GetId()})
	require.NoError(t, err)
	require.Empty(t, got.GetOriginals())
	require.Equal(t, maskedBody, got.GetBody())
	_, err = f.revealOriginals(t, citizen, c.GetId(), c.GetOriginals())
	servicetest.RequireCode(t, err, codes.NotFound)
}

// A10.4: text stored before the detector (rows the migration marks
// unscreened) is masked when the service starts, before it serves; the
// originals of such old rows are not vaulted (see the README).
func TestA10_4_TextStoredBeforeScreeningIsMaskedAtStart(t *testing.T) {
	t.Parallel()
	f := start(t)
	c := f.submit(t, citizen, "grievance")
	_, err := f.env.Pool.Exec(context.Background(), `UPDATE complaints SET body = $2, address = $3, text_screened = false
		WHERE id = $1`, c.GetId(), plantedBody, plantedAddress)
	require.NoError(t, err)
	// The audit trail is append-only (migration 00006): planting a line as
	// an old release wrote it needs the trigger off for that one statement.
	tx, err := f.env.Pool.Begin(context.Background())
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(context.Background()) }()
	_, err = tx.Exec(context.Background(), `ALTER TABLE complaint_history DISABLE TRIGGER complaint_history_append_only`)
	require.NoError(t, err)
	_, err = tx.Exec(context.Background(), `UPDATE complaint_history SET detail = '민원인 010-7319-4682', text_screened = false
		WHERE complaint_id = $1`, c.GetId())
	require.NoError(t, err)
	_, err = tx.Exec(context.Background(), `ALTER TABLE complaint_history ENABLE TRIGGER complaint_history_append_only`)
	require.NoError(t, err)
	require.NoError(t, tx.Commit(context.Background()))
	require.NotEmpty(t, f.storedSecrets(t), "the planted rows hold plaintext")
	f.env.Stop()

	cfg := server.TestConfig()
	cfg.PrivacyAddr = f.priv.Addr
	again := servicetest.Start(t, server.SpecWith(cfg), servicetest.WithDatabase(f.env),
		servicetest.WithNATS(f.priv.NATS), servicetest.WithIssuer(f.priv))
	require.Empty(t, f.storedSecrets(t))
	got, err := petitionv1.NewPetitionServiceClient(again.Conn).GetComplaint(again.As(t, citizen),
		&petitionv1.GetComplaintRequest{ComplaintId: c.GetId()})
	require.NoError(t, err)
	require.Equal(t, maskedBody, got.GetBody())
	require.Equal(t, []string{"resident_registration_number", "phone_number", "street_address"}, got.GetPersonalDataKinds())
	require.Empty(t, got.GetOriginals())
}

// A10.1: an Open311 request's title is cut from its masked description, so
// a number split at the cut cannot leave half of itself in the title.
func TestA10_1_Open311TitleCutFromMaskedDescription(t *testing.T) {
	t.Parallel()
	f := start(t)
	// The card number runs from the 51st to the 69th character: a cut at 60
	// would keep "4532-0123-".
	description := "가로등이 고장났습니다. 빨리 고쳐주세요. 정말 부탁드립니다. 결제했던 제 신용카드 번호는 4532-0123-4567-8902 입니다"
	_, err := f.api.Open311SubmitRequest(f.as(t, citizen), &petitionv1.Open311SubmitRequestRequest{ServiceCode: "other",
		Description: description, FirstName: "길동", LastName: "홍", Email: "hong@example.kr", AddressString: "세종대로 110"})
	require.NoError(t, err)
	list, err := f.api.ListComplaints(f.as(t, citizen), &petitionv1.ListComplaintsRequest{})
	require.NoError(t, err)
	c := list.GetComplaints()[0]
	require.Equal(t, "가로등이 고장났습니다. 빨리 고쳐주세요. 정말 부탁드립니다. 결제했던 제 신용카드 번호는 ****-****-****-8902 입니다", c.GetBody())
	require.Equal(t, "가로등이 고장났습니다. 빨리 고쳐주세요. 정말 부탁드립니다. 결제했던 제 신용카드 번호는 ****-****-", c.GetTitle())
	require.NotContains(t, c.GetTitle(), "4532")
	require.NotContains(t, c.GetTitle(), "0123")
	require.Empty(t, f.storedSecrets(t))
}
