package site

import (
	"strconv"
	"strings"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/web/internal/api"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// Mileage (A8): the balance with its lots and their expiry, the statement,
// redemptions, and the point rules.

type pointsData struct {
	Account     *mileagev1.Account
	History     []*mileagev1.HistoryLine
	Redemptions []*mileagev1.Redemption
	Catalog     []*mileagev1.CatalogItem
	Items       []view.Option
	RequestID   string
}

func (a *App) points(rq *req) error {
	if rq.user() == nil {
		return a.pointRules(rq)
	}
	acc, err := rq.api.GetAccount(rq.ctx(), &mileagev1.GetAccountRequest{SubjectId: api.Me})
	if err != nil {
		return err
	}
	hist, err := rq.api.ListHistoryLines(rq.ctx(), &mileagev1.ListHistoryLinesRequest{SubjectId: api.Me, PageSize: pageSize})
	if err != nil {
		return err
	}
	reds, err := rq.api.ListRedemptions(rq.ctx(), &mileagev1.ListRedemptionsRequest{SubjectId: api.Me, PageSize: pageSize})
	if err != nil {
		return err
	}
	rules, err := rq.api.GetRules(rq.ctx())
	if err != nil {
		return err
	}
	d := pointsData{Account: acc, History: hist.GetHistoryLines(), Redemptions: reds.GetRedemptions(),
		RequestID: formRequestID(rq.page.Form("redeem")), Items: []view.Option{{Value: "", Label: rq.T("redeem.choose")}}}
	for _, it := range rules.GetCatalog() {
		if !it.GetActive() {
			continue
		}
		d.Catalog = append(d.Catalog, it)
		d.Items = append(d.Items, view.Option{Value: it.GetItemId(), Label: it.GetName().GetText()})
	}
	return rq.render("points", "points.title", "points", d)
}

// redeem spends points; the form's request id is the idempotency key, so
// a second submission never spends twice.
func (a *App) redeem(rq *req) error {
	f := rq.r.PostForm
	n, err := strconv.ParseInt(strings.TrimSpace(f.Get("points")), 10, 64)
	if err != nil {
		rq.rejectField("redeem", "points", "form.number")
		return a.points(rq)
	}
	res, err := rq.api.Redeem(rq.ctx(), &mileagev1.RedeemRequest{IdempotencyKey: f.Get("request_id"), ItemId: f.Get("item_id"),
		Points: n, TransitCardNumber: f.Get("transit_card_number"), AccountNumber: f.Get("account_number")})
	if _, ok := rq.refused("redeem", err); ok {
		return a.points(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/points", rq.T("redeem.done", "status", rq.T("redemption."+res.GetRedemption().GetStatus())))
}

func (a *App) pointRules(rq *req) error {
	rules, err := rq.api.GetRules(rq.ctx())
	if err != nil {
		return err
	}
	return rq.render("point_rules", "rules.title", "points", rules)
}
