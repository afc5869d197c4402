package seed

import (
	"context"
	"fmt"

	"github.com/seoul-gov/homepage/platform/identity"
)

// Privacy sample (A10): two citizens' personal data in the vault, a
// consent under policy 1.0, and a statistics request waiting in the
// disclosure register. The official's audited reveal for a complaint (so
// "who accessed my data" shows something) is in the petition sample: it
// needs the complaint assigned to the official's department first.
func init() { register(Step{Service: "privacy", Order: 20, Run: seedPrivacy}) }

type seedStoreResp struct {
	Tokens []struct {
		Field string `json:"field"`
		Token string `json:"token"`
	} `json:"tokens"`
}

var seedCitizens = []struct {
	subject string
	fields  map[string]string
}{
	{"citizen-kim", map[string]string{"name": "김서울", "phone": "010-2345-6789",
		"email": "kim.seoul@example.com", "address": "서울특별시 중구 세종대로 110", "birth_date": "1985-04-12"}},
	{"citizen-lee", map[string]string{"name": "이한강", "phone": "010-3456-7890",
		"email": "lee.hangang@example.com", "address": "서울특별시 마포구 월드컵로 240", "birth_date": "1992-09-03"}},
}

func seedPrivacy(ctx context.Context, c *Client) error {
	for _, s := range seedCitizens {
		if _, err := seedStore(ctx, c, s.subject, s.fields); err != nil {
			return err
		}
	}
	kim, err := c.As(identity.Claims{Subject: "citizen-kim", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	if err != nil {
		return err
	}
	if err := kim.Do(ctx, "POST", "/v1/privacy/subjects/citizen-kim/consents",
		map[string]any{"purpose": "event_newsletter", "policy_version": "1.0"}, nil); err != nil {
		return err
	}
	official, err := c.As(identity.Claims{Subject: "official-civil-1", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	if err != nil {
		return err
	}
	return official.Do(ctx, "POST", "/v1/privacy/disclosures", map[string]any{"request_id": "seed-disclosure-stats",
		"requester": "서울연구원", "legal_basis": "LEGAL_BASIS_STATISTICS", "purpose": "urban_research",
		"dimension": "STATISTIC_DIMENSION_DISTRICT"}, nil)
}

// seedStore stores a citizen's fields as the citizen and returns the phone token.
func seedStore(ctx context.Context, c *Client, subject string, fields map[string]string) (string, error) {
	who, err := c.As(identity.Claims{Subject: subject, Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	if err != nil {
		return "", err
	}
	var list []map[string]string
	for name, value := range fields {
		list = append(list, map[string]string{"name": name, "value": value})
	}
	var out seedStoreResp
	if err := who.Do(ctx, "POST", "/v1/privacy/subjects/"+subject+"/data",
		map[string]any{"purpose": "member_profile", "fields": list}, &out); err != nil {
		return "", err
	}
	for _, t := range out.Tokens {
		if t.Field == "phone" {
			return t.Token, nil
		}
	}
	return "", fmt.Errorf("no phone token for %s", subject)
}
