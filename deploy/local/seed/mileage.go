package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/seoul-gov/homepage/platform/identity"
)

// Mileage sample (A8): the board's sample citizens already earned points
// from their posts through events; here an official grants citizen-kim
// points for volunteering (audited, with a reason), citizen-kim tops up a
// transit card through the sandbox partner, and the admin's liability
// report shows the year. Grants carry request ids and the redemption an
// idempotency key, so running the seed again changes nothing.
func init() { register(Step{Service: "mileage", Order: 60, Run: seedMileage}) }

func seedMileage(ctx context.Context, c *Client) error {
	official, err := c.As(identity.Claims{Subject: "official-civil", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	if err != nil {
		return err
	}
	for _, g := range []struct {
		who, reason, req string
		points           int64
	}{
		{"citizen-kim", "서울시 자원봉사 참여 (시민소통과 확인)", "seed-mileage-grant-kim", 5000},
		{"citizen-lee", "정책 제안 우수 채택", "seed-mileage-grant-lee", 3000},
	} {
		body := map[string]any{"points": g.points, "reason": g.reason, "request_id": g.req}
		if err := official.Do(ctx, "POST", "/v1/mileage/accounts/"+g.who+"/grants", body, nil); err != nil {
			return err
		}
	}
	kim, err := c.As(identity.Claims{Subject: "citizen-kim", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	if err != nil {
		return err
	}
	redeem := map[string]any{"idempotency_key": "seed-mileage-topup-kim", "item_id": "transit-topup",
		"points": 2000, "transit_card_number": "1234-5678-9012-3456"}
	if err := kim.Do(ctx, "POST", "/v1/mileage/redemptions", redeem, nil); err != nil {
		return err
	}
	admin, err := c.As(identity.Claims{Subject: "seed-admin", Roles: []identity.Role{identity.RoleAdmin}})
	if err != nil {
		return err
	}
	var report struct {
		Balanced bool `json:"balanced"`
	}
	if err := admin.Do(ctx, "GET", fmt.Sprintf("/v1/mileage/reports/liability/%d", time.Now().Year()), nil, &report); err != nil {
		return err
	}
	if !report.Balanced {
		return fmt.Errorf("mileage liability report for %d does not balance", time.Now().Year())
	}
	return nil
}
