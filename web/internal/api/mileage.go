package api

import (
	"context"
	"net/http"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
)

// Calls of the mileage service (A8): the point table, accounts with their
// lots, history and redemptions.

// Me is the subject id the mileage service reads as the caller.
const Me = "me"

// GetRules is the point table, validity and catalogue (A8.3).
func (k *Caller) GetRules(ctx context.Context) (*mileagev1.Rules, error) {
	out := new(mileagev1.Rules)
	return out, k.get(ctx, "/v1/mileage/rules", nil, out)
}

// PublishRule publishes a new version of an earning rule (admins).
func (k *Caller) PublishRule(ctx context.Context, in *mileagev1.PublishRuleRequest) (*mileagev1.PublishRuleResponse, error) {
	out := new(mileagev1.PublishRuleResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/mileage/rules", in, out)
}

// GetAccount is a citizen's balance and lots.
func (k *Caller) GetAccount(ctx context.Context, in *mileagev1.GetAccountRequest) (*mileagev1.Account, error) {
	out := new(mileagev1.Account)
	return out, k.get(ctx, "/v1/mileage/accounts/"+seg(in.GetSubjectId()), in, out, "subject_id")
}

// ListHistory is a citizen's statement.
func (k *Caller) ListHistoryLines(ctx context.Context, in *mileagev1.ListHistoryLinesRequest) (*mileagev1.ListHistoryLinesResponse, error) {
	out := new(mileagev1.ListHistoryLinesResponse)
	return out, k.get(ctx, "/v1/mileage/accounts/"+seg(in.GetSubjectId())+"/history", in, out, "subject_id")
}

// ListRedemptions is a citizen's redemptions.
func (k *Caller) ListRedemptions(ctx context.Context, in *mileagev1.ListRedemptionsRequest) (*mileagev1.ListRedemptionsResponse, error) {
	out := new(mileagev1.ListRedemptionsResponse)
	return out, k.get(ctx, "/v1/mileage/accounts/"+seg(in.GetSubjectId())+"/redemptions", in, out, "subject_id")
}

// Redeem spends points on a catalogue item.
func (k *Caller) Redeem(ctx context.Context, in *mileagev1.RedeemRequest) (*mileagev1.RedeemResponse, error) {
	out := new(mileagev1.RedeemResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/mileage/redemptions", in, out)
}

// SetValidity sets the validity period of new lots (admins).
func (k *Caller) SetValidity(ctx context.Context, in *mileagev1.SetValidityRequest) (*mileagev1.SetValidityResponse, error) {
	out := new(mileagev1.SetValidityResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/mileage/validity", in, out)
}
