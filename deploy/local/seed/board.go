package seed

import (
	"context"
	"fmt"

	"github.com/seoul-gov/homepage/platform/identity"
)

// Board sample (A3.1.4, A5): an open proposals board and a real-name
// board, a few posts, a report, and one removal so a tombstone and the
// public moderation log have something to show.
func init() { register(Step{Service: "board", Order: 30, Run: seedBoard}) }

// seedCreated is what the seed reads of a created board or post (a create
// answers the resource itself).
type seedCreated struct {
	ID string `json:"id"`
}

func seedBoard(ctx context.Context, c *Client) error {
	admin, err := c.As(identity.Claims{Subject: "seed-admin", Roles: []identity.Role{identity.RoleAdmin}})
	if err != nil {
		return err
	}
	var open, named seedCreated
	if err := admin.Do(ctx, "POST", "/v1/boards", map[string]any{"request_id": "seed-board-proposals",
		"name": "시민 제안 게시판", "purpose": "서울시 정책에 대한 시민 제안과 토론", "department_code": "SMG-CIVIL",
		// A2: the name and purpose in English, Chinese and Japanese too.
		"name_translations": map[string]any{"texts": map[string]string{"en": "Citizens' proposals",
			"zh-Hans": "市民提案留言板", "ja": "市民提案掲示板"}},
		"purpose_translations": map[string]any{"texts": map[string]string{"en": "Citizens' proposals and debate on Seoul's policies",
			"zh-Hans": "市民对首尔市政策的提案与讨论", "ja": "ソウル市の政策に関する市民の提案と議論"}}}, &open); err != nil {
		return err
	}
	if err := admin.Do(ctx, "POST", "/v1/boards", map[string]any{"request_id": "seed-board-transport",
		"name": "교통 정책 실명 토론방", "purpose": "교통 정책에 대한 실명 토론", "department_code": "SMG-TRANSPORT",
		"real_name_required": true}, &named); err != nil {
		return err
	}
	ids, err := seedPosts(ctx, c, open.ID)
	if err != nil {
		return err
	}
	if err := seedRealName(ctx, c, named.ID); err != nil {
		return err
	}
	return seedRemoval(ctx, c, ids[len(ids)-1])
}

// seedPosts posts as two citizens; the last post carries an insult the
// screening flags.
func seedPosts(ctx context.Context, c *Client, boardID string) ([]string, error) {
	posts := []struct{ who, title, body string }{
		{"seed-citizen-1", "따릉이 대여소 확대", "마포구 주택가에 따릉이 대여소를 더 설치해 주세요. 출근길 지하철역까지 이용하고 싶습니다."},
		{"seed-citizen-2", "한강공원 그늘막", "여름철 한강공원에 그늘막과 음수대를 늘려 주시면 좋겠습니다."},
		{"seed-citizen-2", "불친절 민원 응대", "담당자 ㅅㅣ 발 일 좀 제대로 하세요"},
	}
	var ids []string
	for i, p := range posts {
		k, err := c.As(identity.Claims{Subject: p.who, Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
		if err != nil {
			return nil, err
		}
		var out seedCreated
		if err := k.Do(ctx, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{
			"request_id": fmt.Sprintf("seed-post-%d", i), "title": p.title, "body": p.body}, &out); err != nil {
			return nil, err
		}
		ids = append(ids, out.ID)
	}
	return ids, nil
}

// seedRealName registers a citizen's real name with the privacy service,
// then posts on the real-name board (A5.7).
func seedRealName(ctx context.Context, c *Client, boardID string) error {
	k, err := c.As(identity.Claims{Subject: "seed-citizen-1", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	if err != nil {
		return err
	}
	if err := k.Do(ctx, "POST", "/v1/privacy/subjects/seed-citizen-1/data", map[string]any{"purpose": "real_name_board",
		"fields": []map[string]string{{"name": "name", "value": "김서울"}}}, nil); err != nil {
		return err
	}
	return k.Do(ctx, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"request_id": "seed-rn-post",
		"title": "버스 전용차로 확대", "body": "출퇴근 시간대 버스 전용차로 운영 시간을 늘려 주세요."}, nil)
}

// seedRemoval reports the flagged post and removes it under A5.6.
func seedRemoval(ctx context.Context, c *Client, postID string) error {
	reporter, err := c.As(identity.Claims{Subject: "seed-citizen-1", Roles: []identity.Role{identity.RoleCitizen}})
	if err != nil {
		return err
	}
	if err := reporter.Do(ctx, "POST", "/v1/reports", map[string]any{"target_type": "TARGET_TYPE_POST",
		"target_id": postID, "ground": "A5.6", "text": "욕설이 있습니다"}, nil); err != nil {
		return err
	}
	mod, err := c.As(identity.Claims{Subject: "seed-moderator", Roles: []identity.Role{identity.RoleModerator}, Department: "SMG-CIVIL"})
	if err != nil {
		return err
	}
	// Seeding an existing database again must not fail on the removal
	// that is already in force.
	var cur struct {
		Status string `json:"status"`
	}
	if err := mod.Do(ctx, "GET", "/v1/posts/"+postID, nil, &cur); err != nil || cur.Status == "ITEM_STATUS_REMOVED" {
		return err
	}
	return mod.Do(ctx, "POST", "/v1/moderation/decisions", map[string]any{"target_type": "TARGET_TYPE_POST",
		"target_id": postID, "outcome": "OUTCOME_REMOVE", "ground": "A5.6",
		"public_explanation": "욕설이 포함되어 조례 제5조 제6호에 따라 삭제했습니다.", "facts": "신고 1건, 자동 탐지(욕설)"}, nil)
}
