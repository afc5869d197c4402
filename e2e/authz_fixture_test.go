package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// authzFixture is what the matrix's requests address: one of each resource,
// owned by the citizen "self" and held by the department SMG-CIVIL (the
// holding department, which is also the Mayor's office and runs the
// mileage programme), created through the edge before the matrix runs.
type authzFixture struct {
	t       *testing.T
	s       *Suite
	clients map[string]*Client
	tokens  map[string]string
	seq     int
	made    map[string]string

	itemID, itemSlug                                 string
	boardID, postID, commentID, decisionID, appealID string
	opinionID, complaintID, receipt                  string
	eventID, drawnEventID, winnerID                  string
	awardID, redemptionID, grantID                   string
	phoneToken, emailToken, disclosureID, holdID     string
	mailAccountID, noticeID                          string
}

// Subjects of the matrix's people.
const (
	authzSelf  = "authz-self"
	authzOther = "authz-other"
	authzDept  = "SMG-CIVIL"
)

func newAuthzFixture(t *testing.T, s *Suite) *authzFixture {
	f := &authzFixture{t: t, s: s, clients: map[string]*Client{}, tokens: map[string]string{}, made: map[string]string{}}
	for _, c := range authzCallers {
		cl := s.Public()
		if !c.claims.Anonymous() {
			cl = s.Client(t, c.claims)
		}
		f.clients[c.key], f.tokens[c.key] = cl, cl.token
	}
	ends := f.startEvents() // the drawn event's entry period runs while the rest is built
	f.content()
	f.board()
	f.petition()
	f.mileage()
	f.privacy()
	f.mail()
	f.finishDrawnEvent(ends)
	return f
}

// as returns a client for extra identities the fixture needs.
func (f *authzFixture) as(c identity.Claims) *Client { return f.s.Client(f.t, c) }

// id returns a request id unique to this run, for creates.
func (f *authzFixture) id(prefix string) string {
	f.seq++
	return fmt.Sprintf("authz-%s-%d-%d", prefix, time.Now().UnixNano()%1e9, f.seq)
}

// once returns the resource a row made for itself with mk, making it on
// the row's first call: a row that changes its resource for good (archive,
// withdraw, remove) does not touch the fixture others read.
func (f *authzFixture) once(key string, mk func() string) string {
	if id, ok := f.made[key]; ok {
		return id
	}
	f.made[key] = mk()
	return f.made[key]
}

// must sends a request that has to succeed and returns the JSON string at
// path (dotted, e.g. "award.award_id") of the answer.
func (f *authzFixture) must(c *Client, method, path string, body any, field string) string {
	f.t.Helper()
	r := c.Do(f.t, method, path, body)
	require.Equal(f.t, http.StatusOK, r.Status, "%s %s: %s", method, path, r.Body)
	if field == "" {
		return ""
	}
	var v any
	require.NoError(f.t, json.Unmarshal(r.Body, &v))
	for _, k := range strings.Split(field, ".") {
		if l, ok := v.([]any); ok {
			require.NotEmpty(f.t, l, "%s in %s", field, r.Body)
			v = l[0]
		}
		v = v.(map[string]any)[k]
	}
	s, ok := v.(string)
	require.True(f.t, ok && s != "", "%s in %s", field, r.Body)
	return s
}

func ko(s string) map[string]string { return map[string]string{"ko": s} }

func (f *authzFixture) content() {
	f.itemSlug = f.id("item")
	f.itemID = f.publishedItemWith(f.itemSlug)
}

// publishedItem is a new published item of the holding department.
func (f *authzFixture) publishedItem() string { return f.publishedItemWith(f.id("item")) }

func (f *authzFixture) publishedItemWith(slug string) string {
	holder := f.clients["holder"]
	id := f.must(holder, "POST", "/v1/items", map[string]any{"request_id": f.id("item"), "department_code": authzDept,
		"kind": "KIND_POLICY", "slug": slug, "title": ko("권한 표 정책"), "summary": ko("권한 표의 정책 항목"),
		"body": ko("권한 표를 위한 정책 본문입니다.")}, "id")
	for _, verb := range []string{"submit", "publish"} {
		f.must(holder, "POST", "/v1/items/"+id+":"+verb, map[string]any{}, "")
	}
	return id
}

func (f *authzFixture) board() {
	f.boardID = f.must(f.clients["admin"], "POST", "/v1/boards", map[string]any{"request_id": f.id("board"),
		"name": "권한 표 게시판", "purpose": "권한 표", "department_code": authzDept}, "id")
	self := f.clients["self"]
	f.postID = f.post("권한 표 글", "권한 표를 위한 첫 글입니다.")
	f.commentID = f.comment()
	removed := f.post("삭제될 글", "권한 표에서 삭제될 두 번째 글입니다.")
	remover := f.as(identity.Claims{Subject: "authz-remover", Roles: []identity.Role{identity.RoleModerator}})
	f.decisionID = f.must(remover, "POST", "/v1/moderation/decisions", map[string]any{"target_type": "TARGET_TYPE_POST",
		"target_id": removed, "outcome": "OUTCOME_REMOVE", "ground": "A5.9", "public_explanation": "게시판 목적에 맞지 않습니다.",
		"facts": "권한 표 시험"}, "decision.id")
	f.appealID = f.must(self, "POST", "/v1/moderation/decisions/"+f.decisionID+"/appeals",
		map[string]any{"reason": "목적에 맞는 글입니다."}, "appeal.id")
}

// comment is a new comment by self on the fixture's post.
func (f *authzFixture) comment() string {
	return f.must(f.clients["self"], "POST", "/v1/posts/"+f.postID+"/comments", map[string]any{"request_id": f.id("comment"),
		"body": "권한 표 댓글입니다."}, "id")
}

// post creates a post by self on the fixture's board.
func (f *authzFixture) post(title, body string) string {
	return f.must(f.clients["self"], "POST", "/v1/boards/"+f.boardID+"/posts", map[string]any{"request_id": f.id("post"),
		"title": title, "body": body}, "id")
}

func (f *authzFixture) petition() {
	self := f.clients["self"]
	f.opinionID = f.must(self, "POST", "/v1/opinions", map[string]any{"request_id": f.id("opinion"), "title": "권한 표 의견",
		"body": "시장님께 드리는 권한 표 의견입니다."}, "opinion.id")
	f.complaintID, f.receipt = f.complaint()
}

// newComplaint is a new complaint by self (for rows that move or close it).
func (f *authzFixture) newComplaint() string {
	id, _ := f.complaint()
	return id
}

// complaint files a complaint by self, held by the Mayor's office until
// assigned, and returns its id and receipt number.
func (f *authzFixture) complaint() (string, string) {
	r := f.clients["self"].Do(f.t, "POST", "/v1/complaints", map[string]any{"request_id": f.id("complaint"),
		"complaint_type": "inquiry_procedure", "title": "권한 표 민원", "body": "권한 표를 위한 민원입니다.",
		"contact": map[string]string{"name": "권시민", "phone": "010-3939-4848", "email": "authz@example.com"}})
	require.Equal(f.t, http.StatusOK, r.Status, string(r.Body))
	var c struct {
		Complaint struct {
			ID            string `json:"id"`
			ReceiptNumber string `json:"receipt_number"`
		} `json:"complaint"`
	}
	r.JSON(f.t, &c)
	return c.Complaint.ID, c.Complaint.ReceiptNumber
}

// authzEventDraft is an event of the holding department with one prize.
func authzEventDraft(starts time.Time, window time.Duration) map[string]any {
	d := eventDraftEnding(starts, starts.Add(window))
	d["department_code"] = authzDept
	d["prizes"] = []map[string]any{{"id": "gift", "kind": "PRIZE_KIND_GIFT_CERTIFICATE", "name": ko("상품권"), "unit_value": 10000, "count": 1}}
	return d
}

// startEvents opens two events of the holding department whose entry
// periods start in a moment: one lasting an hour, one only long enough for
// self to enter, so it can be closed and drawn once the rest of the fixture
// is built. Self enters both.
func (f *authzFixture) startEvents() time.Time {
	f.must(f.clients["admin"], "PUT", "/v1/participation-event-budgets/2035", map[string]any{"amount": 100000000}, "")
	starts := time.Now().Add(2 * time.Second)
	base := openEvent(f.t, f.clients["holder"], f.id("event"), authzEventDraft(starts, time.Hour))
	drawn := openEvent(f.t, f.clients["holder"], f.id("drawn"), authzEventDraft(starts, 4*time.Second))
	f.eventID = strings.TrimPrefix(base, "/v1/participation-events/")
	f.drawnEventID = strings.TrimPrefix(drawn, "/v1/participation-events/")
	time.Sleep(time.Until(starts)) // the entry period starts on the real clock: nothing to poll before it
	f.enter(base)
	f.enter(drawn)
	return starts.Add(4 * time.Second)
}

// enter makes self an entrant of the event at base.
func (f *authzFixture) enter(base string) {
	f.must(f.clients["self"], "POST", base+"/entries", map[string]any{
		"answers": []map[string]string{{"question_id": "q1", "value": "따릉이"}},
		"contact": map[string]string{"name": "권시민", "phone": "010-3939-4848"}}, "id")
}

func (f *authzFixture) finishDrawnEvent(ends time.Time) {
	base := "/v1/participation-events/" + f.drawnEventID
	closeWhenDue(f.t, f.clients["holder"], base, ends)
	enterDrawSources(f.t, f.s, base)
	f.must(f.clients["holder"], "POST", base+":draw", map[string]any{}, "")
	f.winnerID = f.must(f.s.Public(), "GET", base+"/winners", nil, "winners.id")
}

func (f *authzFixture) mileage() {
	holder := f.clients["holder"]
	f.awardID = f.must(holder, "POST", "/v1/mileage/accounts/"+authzSelf+"/grants", map[string]any{"points": 15000,
		"reason": "권한 표 적립", "request_id": f.id("grant")}, "award.award_id")
	f.redemptionID = f.must(f.clients["self"], "POST", "/v1/mileage/redemptions", map[string]any{
		"idempotency_key": f.id("redeem"), "item_id": "library-gift-5000", "points": 5000, "account_number": "110-123-456789"},
		"redemption.redemption_id")
	f.grantID = f.pendingGrant()
}

// award is a new manual award for self (for the reversal row).
func (f *authzFixture) award() string {
	return f.must(f.clients["holder"], "POST", "/v1/mileage/accounts/"+authzSelf+"/grants", map[string]any{"points": 100,
		"reason": "권한 표 정정 대상", "request_id": f.id("reverse")}, "award.award_id")
}

// pendingGrant is a grant above the approval threshold the holder asks
// for self, waiting for a second official.
func (f *authzFixture) pendingGrant() string {
	return f.must(f.clients["holder"], "POST", "/v1/mileage/accounts/"+authzSelf+"/grants", map[string]any{"points": 50000,
		"reason": "권한 표 포상", "request_id": f.id("big")}, "grant.grant_id")
}

func (f *authzFixture) privacy() {
	self := f.clients["self"]
	r := self.Do(f.t, "POST", "/v1/privacy/subjects/"+authzSelf+"/data", map[string]any{"purpose": "complaint",
		"fields": []map[string]string{{"name": "phone", "value": "010-3939-4848"}, {"name": "email", "value": "authz@example.com"}}})
	require.Equal(f.t, http.StatusOK, r.Status, string(r.Body))
	var stored struct {
		Tokens []struct{ Field, Token string } `json:"tokens"`
	}
	r.JSON(f.t, &stored)
	f.phoneToken, f.emailToken = stored.Tokens[0].Token, stored.Tokens[1].Token
	f.must(self, "POST", "/v1/privacy/subjects/"+authzSelf+"/consents", map[string]any{"purpose": "authz_delivery", "policy_version": "1.0"}, "")
	f.disclosureID = f.must(f.clients["holder"], "POST", "/v1/privacy/disclosures", map[string]any{"request_id": f.id("disclosure"),
		"requester": "권한 표 기관", "legal_basis": "LEGAL_BASIS_CONSENT", "purpose": "authz_delivery", "subject_id": authzSelf,
		"fields": []string{"phone"}}, "disclosure.id")
	// A hold keeps self's data from being erased by the matrix's erasure row.
	f.holdID = f.must(f.clients["officer"], "POST", "/v1/privacy/subjects/"+authzSelf+"/legal-holds",
		map[string]any{"reason": "권한 표 보존", "case_reference": "authz-hold"}, "hold.id")
	f.waitGrant()
}

// hold is a new legal hold on self (for the release row).
func (f *authzFixture) hold() string {
	return f.must(f.clients["officer"], "POST", "/v1/privacy/subjects/"+authzSelf+"/legal-holds",
		map[string]any{"reason": "권한 표 해제 대상", "case_reference": "authz-release"}, "hold.id")
}

// waitGrant waits until the complaint's grant for the Mayor's office
// reached the privacy service (by the petition service's event).
func (f *authzFixture) waitGrant() {
	reveal := map[string]any{"tokens": []string{f.phoneToken}, "purpose": "complaint_handling", "case_reference": f.complaintID}
	servicetest.EventuallyWithin(f.t, 30*time.Second, "the complaint's grant to reach the privacy service", func() bool {
		r := f.clients["holder"].Do(f.t, "POST", "/v1/privacy/reveal", reveal)
		if r.Status == http.StatusForbidden {
			return false
		}
		require.Equal(f.t, http.StatusOK, r.Status, string(r.Body))
		return true
	})
}

// mail makes self's mail account, suspended by another admin than the
// matrix's (whose appeal the matrix decides), and a notice to self.
func (f *authzFixture) mail() {
	f.mailAccountID = f.must(f.clients["self"], "POST", "/v1/mail/accounts", map[string]any{"request_id": f.id("mail"),
		"kind": "ACCOUNT_KIND_CITIZEN", "local_part": "authz.self", "terms_version": "1.0"}, "id")
	suspender := f.as(identity.Claims{Subject: "authz-suspender", Roles: []identity.Role{identity.RoleAdmin}})
	f.must(suspender, "POST", "/v1/mail/accounts/"+f.mailAccountID+":suspend", map[string]any{"clause": "4.1", "reason": "권한 표"}, "")
	// Sent by the holding department's official: the notice is that
	// department's work, which its officials (and no others) may see.
	f.noticeID = f.must(f.clients["holder"], "POST", "/v1/mail/notices", map[string]any{"request_id": f.id("notice"),
		"template": "points_expiring", "recipient_subject": authzSelf, "params": map[string]string{"points": "100", "expires_at": "2035-12-31T00:00:00Z"}},
		"notice.id")
}

// mailAccount is a new citizen's mail account (for the suspension row).
func (f *authzFixture) mailAccount() string {
	c := f.as(identity.Claims{Subject: f.id("mail-holder"), Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	return f.must(c, "POST", "/v1/mail/accounts", map[string]any{"request_id": f.id("mail"), "kind": "ACCOUNT_KIND_CITIZEN",
		"local_part": "authz.s" + fmt.Sprint(f.seq), "terms_version": "1.0"}, "id")
}
