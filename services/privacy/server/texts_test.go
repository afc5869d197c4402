package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

const complaintBody = "집 앞 보도가 깨졌습니다. 주소는 비밀로 77, 101동 1203호, 연락은 010-7319-4682"

// storeText vaults the originals of a complaint's texts as their author.
func (f fixture) storeText(t testing.TB, subject, caseRef string, docText ...string) map[string]string {
	t.Helper()
	req := &privacyv1.StorePersonalTextRequest{SubjectId: subject, Purpose: "complaint", CaseReference: caseRef}
	for i := 0; i+1 < len(docText); i += 2 {
		req.Texts = append(req.Texts, &privacyv1.PersonalText{Document: docText[i], Text: docText[i+1]})
	}
	resp, err := f.c.StorePersonalText(f.as(t, servicetest.Citizen(subject)), req)
	require.NoError(t, err)
	out := map[string]string{}
	for _, tok := range resp.GetTokens() {
		out[tok.GetDocument()] = tok.GetToken()
	}
	return out
}

// A10.4, A10.1: a free text's original is vaulted under the author's data
// key (ciphertext only in the database), one value per document; the
// handling official reveals it through the complaint's case-bound grant
// and under that case only, and the access log shows the read; other
// departments and other cases are refused and logged.
func TestA10_1_A10_4_TextOriginalsRevealedOnlyInTheirCase(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	tok := f.storeText(t, "cit-t1", "cmp-t1", "petition/complaint/cmp-t1/body", complaintBody,
		"petition/complaint/cmp-t1/address", "비밀로 77, 101동 1203호")
	require.Len(t, tok, 2)
	require.Zero(t, f.count(t, `SELECT count(*) FROM personal_texts WHERE position(convert_to('비밀로', 'UTF8') in ciphertext) > 0`))
	require.Equal(t, 2, f.count(t, `SELECT count(*) FROM personal_texts WHERE subject_id = 'cit-t1' AND case_reference = 'cmp-t1'`))

	again := f.storeText(t, "cit-t1", "cmp-t1", "petition/complaint/cmp-t1/body", complaintBody+" (고침)")
	require.Equal(t, tok["petition/complaint/cmp-t1/body"], again["petition/complaint/cmp-t1/body"], "a document keeps its token")

	other := f.storeText(t, "cit-t1", "cmp-t2", "petition/complaint/cmp-t2/body", "다른 민원 010-1111-2222")
	f.assign(t, "cmp-t1", "SMG-ROAD", "cit-t1")
	f.assign(t, "cmp-t2", "SMG-ROAD", "cit-t1")

	r, err := f.revealAs(t, "o-road", "SMG-ROAD", "complaint_handling", "cmp-t1", tok["petition/complaint/cmp-t1/body"])
	require.NoError(t, err)
	require.Equal(t, complaintBody+" (고침)", r.GetValues()[0].GetValue())
	require.Equal(t, "free_text", r.GetValues()[0].GetField())
	require.Equal(t, "petition/complaint/cmp-t1/body", r.GetValues()[0].GetDocument())
	logged := false
	for _, e := range f.accessLog(t, "cit-t1") {
		if e.GetActorSubject() == "o-road" && e.GetCaseReference() == "cmp-t1" &&
			e.GetOutcome() == privacyv1.AccessOutcome_ACCESS_OUTCOME_REVEALED && e.GetFields()[0] == "free_text" {
			logged = true
		}
	}
	require.True(t, logged, "the reveal is in the citizen's access log")

	_, err = f.revealAs(t, "o-road", "SMG-ROAD", "complaint_handling", "cmp-t1", other["petition/complaint/cmp-t2/body"])
	f.requireRefused(t, err, "cit-t1", "o-road", "cmp-t1")
	_, err = f.revealAs(t, "o-parks", "SMG-PARKS", "complaint_handling", "cmp-t1", tok["petition/complaint/cmp-t1/address"])
	f.requireRefused(t, err, "cit-t1", "o-parks", "cmp-t1")

	own, err := f.reveal(t, "cit-t1", tok["petition/complaint/cmp-t1/address"], other["petition/complaint/cmp-t2/body"])
	require.NoError(t, err, "the author reads their own texts")
	require.Len(t, own, 1) // both are free_text; the map keeps one per field
}

// Only the author stores their texts; bad input names every bad field and
// stores nothing.
func TestStorePersonalTextRulesAndBadInput(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	req := &privacyv1.StorePersonalTextRequest{SubjectId: "cit-t2", Purpose: "complaint",
		Texts: []*privacyv1.PersonalText{{Document: "petition/complaint/x/body", Text: "010-1234-5678"}}}
	for _, who := range []identity.Claims{servicetest.Citizen("cit-other"), servicetest.Official("o-1", "SMG-ROAD"),
		servicetest.Machine("petition"), servicetest.PrivacyOfficer("po-1")} {
		_, err := f.c.StorePersonalText(f.as(t, who), req)
		servicetest.RequireCode(t, err, codes.PermissionDenied)
	}
	_, err := f.c.StorePersonalText(context.Background(), req)
	servicetest.RequireCode(t, err, codes.Unauthenticated)

	_, err = f.c.StorePersonalText(f.as(t, servicetest.Citizen("cit-t2")), &privacyv1.StorePersonalTextRequest{
		SubjectId: "cit-t2", Purpose: "Complaint!", CaseReference: strings.Repeat("c", 129),
		Texts: []*privacyv1.PersonalText{{Document: "Petition Body", Text: ""}, {Document: "a/b", Text: "x"}, {Document: "a/b", Text: "y"}}})
	for _, field := range []string{"purpose", "case_reference", "texts[0].document", "texts[0].text", "texts[2].document"} {
		servicetest.RequireInvalidField(t, err, field)
	}
	_, err = f.c.StorePersonalText(f.as(t, servicetest.Citizen("cit-t2")), &privacyv1.StorePersonalTextRequest{
		SubjectId: "cit-t2", Purpose: "complaint"})
	servicetest.RequireInvalidField(t, err, "texts")
	require.Zero(t, f.count(t, `SELECT count(*) FROM personal_texts`))
	require.Zero(t, f.count(t, `SELECT count(*) FROM access_log WHERE outcome = 'stored'`))
}

// A10.4: erasing the author shreds the originals of their texts with the
// rest of their data: the rows are deleted, and a copy of a text's
// ciphertext from before the erasure (an old backup restored) can no longer
// be read — the data key it was sealed under is destroyed — neither by the
// official holding the case nor by the author.
func TestA10_4_ErasureShredsTextOriginals(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	doc := "petition/complaint/cmp-t3/body"
	tok := f.storeText(t, "cit-t3", "cmp-t3", doc, complaintBody)[doc]
	f.assign(t, "cmp-t3", "SMG-ROAD", "cit-t3")
	_, err := f.revealAs(t, "o-road", "SMG-ROAD", "complaint_handling", "cmp-t3", tok)
	require.NoError(t, err, "readable before the erasure")
	var cipher []byte
	require.NoError(t, f.db.QueryRow(context.Background(), `SELECT ciphertext FROM personal_texts WHERE token = $1`, tok).Scan(&cipher))

	_, err = f.c.EraseSubject(f.as(t, servicetest.Citizen("cit-t3")), &privacyv1.EraseSubjectRequest{SubjectId: "cit-t3"})
	require.NoError(t, err)
	require.Zero(t, f.count(t, `SELECT count(*) FROM personal_texts WHERE subject_id = 'cit-t3'`))
	_, err = f.revealAs(t, "o-road", "SMG-ROAD", "complaint_handling", "cmp-t3", tok)
	servicetest.RequireCode(t, err, codes.NotFound)

	_, err = f.db.Exec(context.Background(), `INSERT INTO personal_texts (token, subject_id, document, case_reference, ciphertext, purpose)
		VALUES ($1, 'cit-t3', $2, 'cmp-t3', $3, 'restored')`, tok, doc, cipher)
	require.NoError(t, err)
	_, err = f.revealAs(t, "o-road", "SMG-ROAD", "complaint_handling", "cmp-t3", tok)
	servicetest.RequireCode(t, err, codes.NotFound)
	_, err = f.reveal(t, "cit-t3", tok)
	servicetest.RequireCode(t, err, codes.NotFound)
}

// A10.4: even in the vault, personal data is held only encrypted: a
// privacy officer's reason for a legal hold is stored masked, and reasons
// stored before the detector are masked when the service starts.
func TestA10_4_OfficersReasonsStoredMasked(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	f.store(t, "held-pd", "phone", "010-2222-3333")
	officer := f.as(t, servicetest.PrivacyOfficer("po-pd"))
	hold, err := f.c.PlaceLegalHold(officer, &privacyv1.PlaceLegalHoldRequest{SubjectId: "held-pd",
		Reason: "소송 당사자 010-7319-4682 자료 보존", CaseReference: "court-2026-1"})
	require.NoError(t, err)
	require.Equal(t, "소송 당사자 010-****-4682 자료 보존", hold.GetHold().GetReason())
	_, err = f.db.Exec(context.Background(), `INSERT INTO legal_holds (id, subject_id, reason, case_reference, placed_by, text_screened)
		VALUES (gen_random_uuid(), 'held-pd', '예전 보존 사유 bimil.cha@example.org', 'old', 'po-old', false)`)
	require.NoError(t, err)
	f.env.Stop()

	start(t, server.TestConfig(), servicetest.WithDatabase(f.env), servicetest.WithIssuer(f.env), servicetest.WithNATS(f.env.NATS))
	require.Zero(t, f.count(t, `SELECT count(*) FROM legal_holds WHERE strpos(reason, '7319') > 0 OR strpos(reason, 'bimil') > 0`))
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM legal_holds WHERE reason = '예전 보존 사유 b***@example.org'`))
}
