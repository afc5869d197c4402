package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// planter hands out the personal data planted in every free-text field
// (A10.1): one of every kind the detector knows, with the phone number,
// e-mail and address number distinct per field, so a leak names the field
// it came from; the registration, card and account numbers are shared.
type planter struct{ fields []string }

// text is the planted text for field.
func (p *planter) text(field string) string {
	p.fields = append(p.fields, field)
	return plant(len(p.fields))
}

// original is the text planted in field.
func (p *planter) original(field string) string { return plant(slices.Index(p.fields, field) + 1) }

func plant(n int) string {
	return fmt.Sprintf("연락 010-58%02d-7319, 메일 plant%02d.secret@example.net, 주민번호 850315-2718283, "+
		"카드 5267-8901-2345-6783, 계좌 110-271-828182, 주소 꿈나무로 3%02d, 159동 2653호", n, n, n)
}

// secrets are the plaintext forms of everything planted; each field's own
// values are labelled with the field.
func (p *planter) secrets() map[string]string {
	out := map[string]string{"850315-2718283": "shared", "8503152718283": "shared", "5267-8901-2345-6783": "shared",
		"5267890123456783": "shared", "110-271-828182": "shared", "110271828182": "shared", "2653호": "shared"}
	for i, f := range p.fields {
		n := i + 1
		for _, s := range []string{fmt.Sprintf("58%02d-7319", n), fmt.Sprintf("58%02d7319", n),
			fmt.Sprintf("plant%02d.secret", n), fmt.Sprintf("꿈나무로 3%02d", n)} {
			out[s] = f
		}
	}
	return out
}

// plantedMasks are what the public must see instead: proof that the
// planted texts are there, masked, where a public endpoint is read.
var plantedMasks = []string{"010-****-7319", "p***@example.net", "******-*******", "****-****-****-6783", "꿈나무로 ***"}

// ok requires a 200 and decodes the answer into out (when not nil).
func ok(t *testing.T, r *Response, out any) {
	t.Helper()
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	if out != nil {
		r.JSON(t, out)
	}
}

// idOf decodes {"<key>": {"id": …}}, or {"id": …} when key is "" (a
// create answers the resource itself).
func idOf(t *testing.T, r *Response, key string) string {
	t.Helper()
	if key == "" {
		var res struct {
			ID string `json:"id"`
		}
		ok(t, r, &res)
		require.NotEmpty(t, res.ID, string(r.Body))
		return res.ID
	}
	var body map[string]struct {
		ID string `json:"id"`
	}
	ok(t, r, &body)
	require.NotEmpty(t, body[key].ID, string(r.Body))
	return body[key].ID
}

// plantBoard writes into every free-text field of the board service: two
// posts and a comment (created and edited), a report, a removal's
// statement of reasons and facts, an appeal and its resolution. It returns
// the board and the post that stays visible.
func plantBoard(t *testing.T, s *Suite, p *planter, author *Client) (boardID, postID string) {
	admin := s.Client(t, identity.Claims{Subject: "e2e-ft-admin", Roles: []identity.Role{identity.RoleAdmin}})
	reader := s.Client(t, identity.Claims{Subject: "e2e-ft-reader", Roles: []identity.Role{identity.RoleCitizen}})
	mod1 := s.Client(t, identity.Claims{Subject: "e2e-ft-mod1", Roles: []identity.Role{identity.RoleModerator}})
	mod2 := s.Client(t, identity.Claims{Subject: "e2e-ft-mod2", Roles: []identity.Role{identity.RoleModerator}})
	boardID = createBoard(t, admin, map[string]any{"name": "e2e 개인정보 게시판", "request_id": "e2e-ft-board"})
	postID = idOf(t, author.Do(t, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"request_id": "e2e-ft-post",
		"title": p.text("board post title"), "body": p.text("board post body")}), "")
	ok(t, author.Do(t, "PATCH", "/v1/posts/"+postID, map[string]any{"title": p.text("board post edited title"),
		"body": p.text("board post edited body")}), nil)
	commentID := idOf(t, reader.Do(t, "POST", "/v1/posts/"+postID+"/comments", map[string]any{"request_id": "e2e-ft-comment",
		"body": p.text("board comment")}), "")
	ok(t, reader.Do(t, "PATCH", "/v1/comments/"+commentID, map[string]any{"body": p.text("board comment edited")}), nil)

	removed := idOf(t, author.Do(t, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"request_id": "e2e-ft-post-2",
		"title": "광고 글", "body": p.text("board removed post body")}), "")
	ok(t, reader.Do(t, "POST", "/v1/reports", map[string]any{"target_type": "TARGET_TYPE_POST", "target_id": removed,
		"ground": "A5.9", "text": p.text("board report text")}), nil)
	decision := idOf(t, mod1.Do(t, "POST", "/v1/moderation/decisions", map[string]any{"target_type": "TARGET_TYPE_POST",
		"target_id": removed, "outcome": "OUTCOME_REMOVE", "ground": "A5.9",
		"public_explanation": p.text("board statement public_explanation"), "facts": p.text("board statement facts")}), "decision")
	appeal := idOf(t, author.Do(t, "POST", "/v1/moderation/decisions/"+decision+"/appeals",
		map[string]any{"reason": p.text("board appeal reason")}), "appeal")
	ok(t, mod2.Do(t, "POST", "/v1/moderation/appeals/"+appeal+":decide", map[string]any{"reverse": false,
		"resolution": p.text("board appeal resolution")}), nil)
	return boardID, postID
}

// plantedComplaint is what the handling official needs of the published
// complaint: its id, receipt number and the vault tokens of its originals.
type plantedComplaint struct {
	Complaint struct {
		ID            string `json:"id"`
		ReceiptNumber string `json:"receipt_number"`
		Body          string `json:"body"`
		Originals     []struct {
			Field string `json:"field"`
			Token string `json:"token"`
		} `json:"originals"`
		PersonalDataMasked bool     `json:"personal_data_masked"`
		PersonalDataKinds  []string `json:"personal_data_kinds"`
	} `json:"complaint"`
}

// plantPetition writes into every free-text field of the petition service
// and leaves the consented complaint published (answered twice, once as a
// refusal) and two opinions published (one anonymous). It returns the
// published complaint and the department handling it.
func plantPetition(t *testing.T, s *Suite, p *planter, citizen *Client) (plantedComplaint, *Client, string) {
	mayor := s.Client(t, identity.Claims{Subject: "e2e-ft-civil", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	transport := s.Client(t, identity.Claims{Subject: "e2e-ft-transport", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-TRANSPORT"})
	contact := map[string]string{"name": "차비밀", "phone": "010-7319-4682"}
	var c plantedComplaint
	ok(t, citizen.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": "e2e-ft-complaint", "complaint_type": "grievance",
		"title": p.text("complaint title"), "body": p.text("complaint body"), "publish_consent": true, "contact": contact,
		"location": map[string]any{"lat": 37.57, "long": 126.98, "address": p.text("complaint location.address")}}), &c)
	id := "/v1/complaints/" + c.Complaint.ID
	ok(t, mayor.Do(t, "POST", id+":transfer", map[string]any{"to_department_code": "SMG-TRANSPORT",
		"reason": p.text("complaint transfer reason")}), nil)
	ok(t, transport.Do(t, "POST", id+":extend", map[string]any{"period": "3d", "reason": p.text("complaint extension reason")}), nil)
	ok(t, transport.Do(t, "POST", id+":answer", map[string]any{"body": p.text("complaint answer body"), "refusal": true,
		"refusal_reasons": p.text("complaint answer refusal_reasons"), "remedies": p.text("complaint answer remedies")}), nil)
	ok(t, citizen.Do(t, "POST", id+":rate", map[string]any{"satisfaction": 2, "comment": p.text("complaint satisfaction comment")}), nil)
	ok(t, citizen.Do(t, "POST", id+":request-additional-answer", map[string]any{"reason": p.text("complaint additional-answer reason")}), nil)
	ok(t, transport.Do(t, "POST", id+":answer", map[string]any{"body": p.text("complaint second answer body")}), nil)

	q := url.Values{"service_code": {"other"}, "description": {p.text("Open311 description")}, "first_name": {"비밀"},
		"last_name": {"차"}, "email": {"bimil.cha@example.org"}, "address_string": {p.text("Open311 address_string")}}
	var receipts []struct {
		ID string `json:"service_request_id"`
	}
	ok(t, citizen.Do(t, "POST", "/open311/v2/requests.json?"+q.Encode(), nil), &receipts)
	var geo []struct {
		ID string `json:"service_request_id"`
	}
	ok(t, citizen.Do(t, "GET", "/open311/v2/requests.json?service_request_id="+receipts[0].ID, nil), &geo)
	var mine struct {
		Complaints []struct {
			ID            string `json:"id"`
			ReceiptNumber string `json:"receipt_number"`
		} `json:"complaints"`
	}
	ok(t, citizen.Do(t, "GET", "/v1/complaints?page_size=500", nil), &mine)
	open311 := ""
	for _, m := range mine.Complaints {
		if m.ReceiptNumber == receipts[0].ID {
			open311 = m.ID
		}
	}
	require.NotEmpty(t, open311, "the Open311 request is the citizen's complaint")
	repeat := idOf(t, citizen.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": "e2e-ft-repeat",
		"complaint_type": "grievance", "title": "같은 민원", "body": "같은 내용입니다.", "contact": contact}), "complaint")
	ok(t, mayor.Do(t, "POST", "/v1/complaints/"+repeat+":close-repeated", map[string]any{
		"earlier_complaint_ids": []string{c.Complaint.ID, open311}, "note": p.text("complaint closure note")}), nil)

	plantOpinions(t, p, citizen, s.Public(), mayor)
	return c, transport, "SMG-TRANSPORT"
}

// plantOpinions sends a signed-in and an anonymous opinion with consent,
// both acknowledged (published) by the Mayor's office with a note.
func plantOpinions(t *testing.T, p *planter, citizen, anonymous, mayor *Client) {
	for i, who := range []*Client{citizen, anonymous} {
		kind := []string{"signed-in", "anonymous"}[i]
		id := idOf(t, who.Do(t, "POST", "/v1/opinions", map[string]any{"request_id": "e2e-ft-opinion-" + kind,
			"title": p.text(kind + " opinion title"), "body": p.text(kind + " opinion body"), "publish_consent": true}), "opinion")
		ok(t, mayor.Do(t, "POST", "/v1/opinions/"+id+":triage", map[string]any{"decision": "TRIAGE_DECISION_ACKNOWLEDGE",
			"note": p.text(kind + " opinion triage note")}), nil)
	}
}

// plantContentMileagePrivacy writes into the free text of the content
// service (a feedback comment), the mileage service (the reasons of a
// grant and of its correction) and the privacy service (a legal hold's
// reason, a disclosure decision's reason).
func plantContentMileagePrivacy(t *testing.T, s *Suite, p *planter, citizen *Client, subject string) {
	var items struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	ok(t, s.Public().Do(t, "GET", "/v1/items?page_size=1", nil), &items)
	require.NotEmpty(t, items.Items, "the sample data publishes items")
	ok(t, citizen.Do(t, "POST", "/v1/items/"+items.Items[0].ID+"/feedback", map[string]any{"helpful": false,
		"comment": p.text("content feedback comment")}), nil)

	official := s.Client(t, identity.Claims{Subject: "e2e-ft-mileage-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	var grant struct {
		Award struct {
			AwardID string `json:"award_id"`
		} `json:"award"`
	}
	ok(t, official.Do(t, "POST", "/v1/mileage/accounts/"+subject+"/grants", map[string]any{"points": 10,
		"reason": p.text("mileage grant reason"), "request_id": "e2e-ft-grant"}), &grant)
	ok(t, official.Do(t, "POST", "/v1/mileage/awards/"+grant.Award.AwardID+"/reversal",
		map[string]any{"reason": p.text("mileage correction reason")}), nil)

	po1 := s.Client(t, identity.Claims{Subject: "e2e-ft-po1", Roles: []identity.Role{identity.RolePrivacyOfficer}})
	po2 := s.Client(t, identity.Claims{Subject: "e2e-ft-po2", Roles: []identity.Role{identity.RolePrivacyOfficer}})
	var hold struct {
		Hold struct {
			ID string `json:"id"`
		} `json:"hold"`
	}
	ok(t, po1.Do(t, "POST", "/v1/privacy/subjects/"+subject+"/legal-holds", map[string]any{
		"reason": p.text("privacy legal hold reason"), "case_reference": "e2e-ft-case"}), &hold)
	ok(t, po1.Do(t, "POST", "/v1/privacy/subjects/"+subject+"/legal-holds/"+hold.Hold.ID+":release", map[string]any{}), nil)
	disclosure := idOf(t, po1.Do(t, "POST", "/v1/privacy/disclosures", map[string]any{"request_id": "e2e-ft-disclosure",
		"requester": "서울중부경찰서", "legal_basis": "LEGAL_BASIS_INVESTIGATION", "legal_reference": "수사협조 의뢰 2026-1234",
		"purpose": "investigation", "subject_id": subject, "fields": []string{"phone"}}), "disclosure")
	ok(t, po2.Do(t, "POST", "/v1/privacy/disclosures/"+disclosure+":decide", map[string]any{"approve": false,
		"reason": p.text("privacy disclosure decision reason")}), nil)
}
