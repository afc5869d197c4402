package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/seoul-gov/homepage/platform/identity"
)

// Participation-event sample (A7): this year's programme budget, a cultural
// participation event announced and open with two entries, a transport
// survey announced for next week, and a welfare draft. Creates carry
// request ids and transitions are taken only from the state they need, so
// running the seed again changes nothing.
func init() { register(Step{Service: "event", Order: 50, Run: seedEvent}) }

// seedEventResp is what the seed reads of a created event (a create
// answers the event itself).
type seedEventResp struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

func seedText(ko, en string) map[string]string { return map[string]string{"ko": ko, "en": en} }

func seedTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// seedDraft builds a participation-event draft with a gift-certificate
// and a mileage prize line.
func seedDraft(purpose, dept, title, titleEn string, starts time.Time, days int) map[string]any {
	ends := starts.Add(time.Duration(days) * 24 * time.Hour)
	return map[string]any{
		"purpose": purpose, "title": seedText(title, titleEn),
		"description":     seedText(title+"에 참여하고 상품을 받으세요. 추첨은 공개 검증 가능한 방식으로 진행됩니다.", ""),
		"department_code": dept, "entry_start_time": seedTime(starts), "entry_end_time": seedTime(ends),
		"eligibility": map[string]any{"real_name_required": true, "description": seedText("실명 인증한 서울 시민", "Real-name-verified citizens")},
		"entry_form": map[string]any{"questions": []map[string]any{
			{"id": "q1", "text": seedText("이 사업을 어떻게 알게 되셨나요?", "How did you hear about it?"),
				"kind": "QUESTION_KIND_CHOICE", "required": true, "choices": []string{"홈페이지", "SNS", "지인"}},
			{"id": "q2", "text": seedText("한마디 남겨 주세요", "Your comment"), "kind": "QUESTION_KIND_TEXT"},
		}},
		"operating_details": map[string]any{"draw_time": seedTime(ends.Add(24 * time.Hour)),
			"winners_announce_time": seedTime(ends.Add(48 * time.Hour)),
			"delivery_method":       seedText("상품권은 문자로 발송, 마일리지는 서울 마일리지로 적립", "Gift certificates by SMS, mileage credited"),
			"contact":               "다산콜센터 120"},
		"budget_year": time.Now().Year(), "budget": 1_500_000,
		"prizes": []map[string]any{
			{"id": "gift", "kind": "PRIZE_KIND_GIFT_CERTIFICATE", "name": seedText("서울사랑상품권 5만원", "Seoul Love gift certificate"), "unit_value": 50_000, "count": 10},
			{"id": "mileage", "kind": "PRIZE_KIND_MILEAGE", "name": seedText("서울 마일리지 5천 점", "5,000 Seoul mileage points"), "unit_value": 5_000, "count": 100},
		},
		// The draw mixes in a public lottery's numbers, drawn after the
		// entry period and entered by two officials (A7).
		"draw_sources": []map[string]any{{"id": "lotto", "kind": "DRAW_SOURCE_KIND_LOTTERY",
			"name":      seedText("연금복권720+ 마감 다음 회차", "Pension Lottery 720+, the draw after the close"),
			"reference": "https://dhlottery.co.kr/", "round": "마감 다음 회차", "available_time": seedTime(ends)}},
	}
}

func seedEvent(ctx context.Context, c *Client) error {
	admin, err := c.As(identity.Claims{Subject: "seed-admin", Roles: []identity.Role{identity.RoleAdmin}})
	if err != nil {
		return err
	}
	now := time.Now()
	if err := admin.Do(ctx, "PUT", fmt.Sprintf("/v1/participation-event-budgets/%d", now.Year()),
		map[string]any{"amount": 50_000_000}, nil); err != nil {
		return err
	}
	starts := now.Add(2 * time.Second).Truncate(time.Second).Add(time.Second)
	festival, err := seedOne(ctx, c, "SMG-CULTURE", "seed-festival",
		seedDraft("PURPOSE_CULTURAL_EVENT", "SMG-CULTURE", "서울 빛초롱 축제 사진 공모", "Seoul Lantern Festival photo contest", starts, 30), true)
	if err != nil {
		return err
	}
	if _, err := seedOne(ctx, c, "SMG-TRANSPORT", "seed-bike-survey",
		seedDraft("PURPOSE_POLICY_PROMOTION", "SMG-TRANSPORT", "따릉이 이용 만족도 설문", "Ttareungyi bike survey", now.Add(7*24*time.Hour), 14), false); err != nil {
		return err
	}
	if _, err := seedOne(ctx, c, "SMG-WELFARE", "seed-community",
		seedDraft("PURPOSE_COMMUNITY_SUPPORT", "SMG-WELFARE", "동네 온라인 모임 응원 이벤트", "Neighbourhood online community event", now.Add(14*24*time.Hour), 14), false); err != nil {
		return err
	}
	if festival.Status != "STATUS_DRAFT" {
		return nil // entries were made when the sample was first loaded
	}
	time.Sleep(time.Until(starts))
	return seedEntries(ctx, c, festival.ID)
}

// seedOne creates a draft (idempotently) and, unless it is the welfare
// draft, announces it; open also opens it. It returns the state before.
func seedOne(ctx context.Context, c *Client, dept, requestID string, draft map[string]any, open bool) (seedEventResp, error) {
	official, err := c.As(identity.Claims{Subject: "seed-official-" + dept, Roles: []identity.Role{identity.RoleOfficial}, Department: dept})
	if err != nil {
		return seedEventResp{}, err
	}
	var ev seedEventResp
	if err := official.Do(ctx, "POST", "/v1/participation-events", map[string]any{"request_id": requestID, "draft": draft}, &ev); err != nil {
		return ev, err
	}
	if dept == "SMG-WELFARE" || ev.Status != "STATUS_DRAFT" {
		return ev, nil
	}
	base := "/v1/participation-events/" + ev.ID
	if err := official.Do(ctx, "POST", base+":announce", map[string]any{}, nil); err != nil {
		return ev, err
	}
	if open {
		return ev, official.Do(ctx, "POST", base+":open", map[string]any{}, nil)
	}
	return ev, nil
}

func seedEntries(ctx context.Context, c *Client, eventID string) error {
	entrants := []struct{ subject, name, phone string }{
		{"citizen-kim", "김서울", "010-2345-6789"}, {"citizen-lee", "이한강", "010-3456-7890"},
	}
	for _, e := range entrants {
		citizen, err := c.As(identity.Claims{Subject: e.subject, Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
		if err != nil {
			return err
		}
		body := map[string]any{"answers": []map[string]string{{"question_id": "q1", "value": "홈페이지"}},
			"contact": map[string]string{"name": e.name, "phone": e.phone}}
		if err := citizen.Do(ctx, "POST", "/v1/participation-events/"+eventID+"/entries", body, nil); err != nil {
			return err
		}
	}
	return nil
}
