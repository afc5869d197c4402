package seed

import (
	"context"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/identity"
)

// Petition sample (A3.1.3, A6): an opinion to the Mayor acknowledged and
// published, an opinion triaged into a civil complaint and answered
// (published with consent), and an open complaint at the window assigned
// to the transport department, whose official then reveals the
// complainant's phone (audited, so "who accessed my data" shows something).
// Contacts go through the privacy service.
func init() { register(Step{Service: "petition", Order: 40, Run: seedPetition}) }

type seedComplaint struct {
	Complaint struct {
		ID      string `json:"id"`
		Contact struct {
			Tokens []string `json:"tokens"`
		} `json:"contact"`
	} `json:"complaint"`
}

type seedOpinion struct {
	Opinion struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	} `json:"opinion"`
}

// fresh reports whether the opinion still waits for triage; a restarted
// suite with kept data gets the same opinion back (request ids) and must
// not triage it twice.
func (o seedOpinion) fresh() bool { return o.Opinion.Status == "OPINION_STATUS_RECEIVED" }

func seedPetition(ctx context.Context, c *Client) error {
	kim, err := c.As(identity.Claims{Subject: "citizen-kim", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	if err != nil {
		return err
	}
	lee, err := c.As(identity.Claims{Subject: "citizen-lee", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	if err != nil {
		return err
	}
	mayor, err := c.As(identity.Claims{Subject: "official-civil", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	if err != nil {
		return err
	}
	transport, err := c.As(identity.Claims{Subject: "official-transport", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-TRANSPORT"})
	if err != nil {
		return err
	}
	if err := seedOpinions(ctx, kim, lee, mayor, transport); err != nil {
		return err
	}
	var open seedComplaint
	if err := kim.Do(ctx, "POST", "/v1/complaints", map[string]any{"request_id": "seed-complaint-1",
		"complaint_type": "grievance", "title": "광화문 버스정류장 안내판 고장",
		"body": "세종대로 정류장의 도착 안내판이 일주일째 꺼져 있습니다.", "publish_consent": true,
		"contact":  map[string]string{"name": "김서울", "phone": "010-2345-6789"},
		"location": map[string]any{"lat": 37.5716, "long": 126.9769, "address": "세종대로 172"}}, &open); err != nil {
		return err
	}
	if err := mayor.Do(ctx, "POST", "/v1/complaints/"+open.Complaint.ID+":assign",
		map[string]any{"department_code": "SMG-TRANSPORT", "handler_subject": "official-transport"}, nil); err != nil {
		return err
	}
	return seedCallBack(ctx, transport, open.Complaint.ID, open.Complaint.Contact.Tokens)
}

// seedCallBack reveals the complainant's contact as the assigned
// department. The privacy service learns the assignment from the petition
// service's event, so a refusal is retried until the grant has arrived.
func seedCallBack(ctx context.Context, dept *Caller, complaintID string, tokens []string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := dept.Do(ctx, "POST", "/v1/privacy/reveal", map[string]any{"tokens": tokens,
			"purpose": "complaint_handling", "case_reference": complaintID}, nil)
		if err == nil || !strings.Contains(err.Error(), ": 403 ") || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func seedOpinions(ctx context.Context, kim, lee, mayor, transport *Caller) error {
	var thanks seedOpinion
	if err := kim.Do(ctx, "POST", "/v1/opinions", map[string]any{"request_id": "seed-opinion-1",
		"title": "서울광장 잔디 관리 감사합니다", "body": "주말마다 깨끗하게 관리되어 좋습니다.", "publish_consent": true}, &thanks); err != nil {
		return err
	}
	if thanks.fresh() {
		if err := mayor.Do(ctx, "POST", "/v1/opinions/"+thanks.Opinion.ID+":triage",
			map[string]any{"decision": "TRIAGE_DECISION_ACKNOWLEDGE", "note": "소중한 의견 감사합니다."}, nil); err != nil {
			return err
		}
	}
	var bus seedOpinion
	if err := lee.Do(ctx, "POST", "/v1/opinions", map[string]any{"request_id": "seed-opinion-2",
		"title": "심야버스 노선 확대 건의", "body": "마포구에서 귀가하는 심야버스 배차가 부족합니다.", "publish_consent": true,
		"contact": map[string]string{"name": "이한강", "email": "lee.hangang@example.com"}}, &bus); err != nil {
		return err
	}
	if !bus.fresh() {
		return nil
	}
	var triaged seedComplaint
	if err := mayor.Do(ctx, "POST", "/v1/opinions/"+bus.Opinion.ID+":triage", map[string]any{
		"decision": "TRIAGE_DECISION_COMPLAINT", "complaint_type": "proposal", "department_code": "SMG-TRANSPORT"}, &triaged); err != nil {
		return err
	}
	return transport.Do(ctx, "POST", "/v1/complaints/"+triaged.Complaint.ID+":answer",
		map[string]any{"body": "심야버스 N26 노선의 배차 간격을 다음 분기부터 20분으로 줄이겠습니다."}, nil)
}
