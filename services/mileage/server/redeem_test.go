package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/mileage/sandbox"
	"github.com/seoul-gov/homepage/services/mileage/server"
)

// A8.1.1: many parallel redemptions on one account never overdraw and
// never spend a point twice.
func TestA8_1_1_ParallelRedemptionsNeverOverdraw(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.grant(t, "cit-r1", 6000, "grant-par-0001")
	s.grant(t, "cit-r1", 4500, "grant-par-0002")
	const n = 40
	var wg sync.WaitGroup
	results := make(chan error, n)
	ctx := s.citizen(t, "cit-r1")
	for i := range n {
		wg.Go(func() {
			_, err := s.api.Redeem(ctx, transit(fmt.Sprintf("par-key-%04d", i), 1000))
			results <- err
		})
	}
	wg.Wait()
	close(results)
	ok := 0
	for err := range results {
		if err == nil {
			ok++
			continue
		}
		require.Equal(t, codes.FailedPrecondition, status.Code(err), "%v", err)
	}
	require.Equal(t, 10, ok, "10500 points pay for exactly ten 1000-point top-ups")
	require.EqualValues(t, 500, s.balance(t, "cit-r1"))
	require.Equal(t, 10, s.partner.Delivered())
	require.Equal(t, 10000, s.count(t, `SELECT coalesce(sum(points), 0)::int FROM redemptions WHERE status = 'confirmed'`))
}

// A8.1.1: concurrent retries with one idempotency key redeem once.
func TestA8_1_1_IdempotencyKeyRedeemsOnce(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.grant(t, "cit-r2", 5000, "grant-idem-0001")
	ctx := s.citizen(t, "cit-r2")
	var wg sync.WaitGroup
	ids := make(chan string, 8)
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			r, err := s.api.Redeem(ctx, transit("same-key-0001", 2000))
			errs <- err
			ids <- r.GetRedemption().GetRedemptionId()
		})
	}
	wg.Wait()
	close(ids)
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	first := <-ids
	require.NotEmpty(t, first)
	for id := range ids {
		require.Equal(t, first, id)
	}
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM redemptions WHERE subject_id = 'cit-r2'`))
	require.EqualValues(t, 3000, s.balance(t, "cit-r2"))
	_, err := s.api.Redeem(ctx, transit("same-key-0001", 3000))
	servicetest.RequireInvalidField(t, err, "idempotency_key")
}

// A8.1.1: the card number is kept only as a privacy token and masked view.
func TestA8_1_1_CardNumberKeptAsPrivacyToken(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.grant(t, "cit-r3", 1000, "grant-tok-0001")
	r, err := s.api.Redeem(s.citizen(t, "cit-r3"), transit("tok-key-0001", 1000))
	require.NoError(t, err)
	require.Equal(t, "****-****-****-3456", r.GetRedemption().GetMaskedAccount())
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM redemptions WHERE account_token <> '' AND account_token NOT LIKE '%3456%'`))
	require.Zero(t, s.count(t, `SELECT count(*) FROM redemptions WHERE row_to_json(redemptions)::text ~ '1234.?5678.?9012'`))
}

// A8.1.2: a partner's refusal voids the hold and returns the points.
func TestA8_1_2_DeclinedRedemptionIsVoided(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.grant(t, "cit-r4", 5000, "grant-dec-0001")
	r, err := s.api.Redeem(s.citizen(t, "cit-r4"), &mileagev1.RedeemRequest{IdempotencyKey: "dec-key-0001",
		ItemId: "library-gift-5000", Points: 5000, AccountNumber: "110-123-450000"})
	require.NoError(t, err)
	require.Equal(t, "voided", r.GetRedemption().GetStatus())
	require.EqualValues(t, 5000, s.balance(t, "cit-r4"))
	require.Contains(t, historyKinds(t, s, "cit-r4"), "redemption_voided")
}

// A8.1.3: a partner that never answers: the hold times out, the job
// cancels at the partner and voids it, so a confirm reaching the partner
// late delivers nothing; with the job of two replicas of the service
// settling it at the same time, the hold is voided once.
func TestA8_1_3_HoldTimesOutAndIsVoided(t *testing.T) {
	t.Parallel()
	s := start(t, func(c *server.Config) { c.PartnerTimeout = time.Second; c.HoldTimeout = 3 * time.Second })
	serveOnSameDatabase(t, s) // a second replica on the same database, running the same jobs
	// A slow cancel keeps the hold held while the partner answers, so both
	// replicas' jobs (every 50ms) find it and try to settle it.
	s.partner.SlowCancels(300 * time.Millisecond)
	s.grant(t, "cit-r5", 1000, "grant-tmo-0001")
	bike := &mileagev1.RedeemRequest{IdempotencyKey: "tmo-key-0001",
		ItemId: "public-bike-pass", Points: 1000, AccountNumber: "110-123-459999"}
	r, err := s.api.Redeem(s.citizen(t, "cit-r5"), bike)
	require.NoError(t, err)
	require.Equal(t, "held", r.GetRedemption().GetStatus())
	acct := s.account(t, "cit-r5")
	require.Zero(t, acct.GetBalance())
	require.EqualValues(t, 1000, acct.GetHeld())
	id := r.GetRedemption().GetRedemptionId()
	servicetest.Eventually(t, "hold voided", func() bool {
		g, err := s.api.GetRedemption(s.citizen(t, "cit-r5"), &mileagev1.GetRedemptionRequest{RedemptionId: id})
		return err == nil && g.GetStatus() == "voided"
	})
	require.Equal(t, "cancelled", s.partner.Status(id), "cancelled at the partner before the points went back")
	require.GreaterOrEqual(t, s.partner.Cancels(id), 2, "both replicas tried to settle the hold")
	acct = s.account(t, "cit-r5")
	require.EqualValues(t, 1000, acct.GetBalance(), "the points went back once")
	require.Zero(t, acct.GetHeld())
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM ledger_transactions WHERE kind = 'void' AND reference = $1`, id))

	// The confirm the partner never answered arrives late: it is refused.
	late := partnerCall(t, s.cfg.PartnerURL, id, "confirm", sandbox.Request{Channel: "public_service",
		ItemID: bike.GetItemId(), Points: bike.GetPoints(), Account: bike.GetAccountNumber()})
	require.Equal(t, "cancelled", late.Status)
	require.Equal(t, "cancelled", s.partner.Status(id))
	require.Zero(t, s.partner.Delivered())
}

// partnerCall posts to the partner's API as the mileage service would.
func partnerCall(t *testing.T, baseURL, id, verb string, req sandbox.Request) sandbox.Result {
	t.Helper()
	body, err := json.Marshal(req)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/v1/redemptions/"+id+"/"+verb, bytes.NewReader(body))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(hreq)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var res sandbox.Result
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&res))
	return res
}

// A8.1.1: bad input is InvalidArgument naming each field, nothing stored;
// too few points is FailedPrecondition.
func TestA8_1_1_RedeemRejectsBadInput(t *testing.T) {
	t.Parallel()
	s := start(t)
	ctx := s.citizen(t, "cit-r6")
	cases := []struct {
		field string
		req   *mileagev1.RedeemRequest
	}{
		{"idempotency_key", transit("short", 1000)},
		{"item_id", &mileagev1.RedeemRequest{IdempotencyKey: "bad-key-0001", ItemId: "casino-chips", Points: 1000}},
		{"points", transit("bad-key-0002", 1500)},
		{"points", transit("bad-key-0003", 0)},
		{"transit_card_number", &mileagev1.RedeemRequest{IdempotencyKey: "bad-key-0004", ItemId: "transit-topup", Points: 1000, TransitCardNumber: "12"}},
		{"account_number", &mileagev1.RedeemRequest{IdempotencyKey: "bad-key-0005", ItemId: "library-gift-5000", Points: 5000}},
	}
	for _, c := range cases {
		_, err := s.api.Redeem(ctx, c.req)
		servicetest.RequireInvalidField(t, err, c.field)
	}
	_, err := s.api.Redeem(ctx, transit("poor-key-0001", 1000))
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
	require.Zero(t, s.count(t, `SELECT count(*) FROM redemptions`))
	require.Zero(t, s.count(t, `SELECT count(*) FROM ledger_transactions`))

	_, err = s.api.Redeem(s.official(t), transit("off-key-0001", 1000))
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.api.Redeem(context.Background(), transit("anon-key-0001", 1000))
	servicetest.RequireCode(t, err, codes.Unauthenticated)
}

// A10.1, A3.2: the redemption partner may reveal the citizen's account
// number from the privacy vault only while that redemption is held: the
// mileage service announces the hold and its settlement
// (seoul.mileage.redemption.held/settled) and the privacy service grants
// and revokes the case from them.
func TestA10_1_PartnerRevealsTheAccountOnlyWhileTheRedemptionIsHeld(t *testing.T) {
	t.Parallel()
	s := start(t, func(c *server.Config) { c.PartnerTimeout = 300 * time.Millisecond })
	s.grant(t, "cit-r9", 1000, "grant-hold-0009")
	r, err := s.api.Redeem(s.citizen(t, "cit-r9"), &mileagev1.RedeemRequest{IdempotencyKey: "hold-key-0009",
		ItemId: "public-bike-pass", Points: 1000, AccountNumber: "110-123-459999"})
	require.NoError(t, err)
	require.Equal(t, "held", r.GetRedemption().GetStatus())
	id := r.GetRedemption().GetRedemptionId()

	vault := privacyv1.NewPrivacyServiceClient(s.priv.Conn)
	masked, err := vault.GetMaskedData(s.priv.As(t, servicetest.Citizen("cit-r9")), &privacyv1.GetMaskedDataRequest{SubjectId: "cit-r9"})
	require.NoError(t, err)
	partner := s.priv.As(t, servicetest.Machine("mileage-partner"))
	reveal := &privacyv1.RevealPersonalDataRequest{Tokens: []string{masked.GetTokens()["account_number"]},
		Purpose: "redemption", CaseReference: id}
	var got *privacyv1.RevealPersonalDataResponse
	servicetest.Eventually(t, "the hold reaches the privacy service", func() bool {
		got, err = vault.RevealPersonalData(partner, reveal)
		return err == nil
	})
	require.Equal(t, "110123459999", got.GetValues()[0].GetValue(), "the number as stored, normalized")

	s.clock.Advance(2 * time.Minute) // past the hold: the job cancels at the partner and voids it
	servicetest.Eventually(t, "the settlement revokes the partner's access", func() bool {
		_, err = vault.RevealPersonalData(partner, reveal)
		return status.Code(err) == codes.PermissionDenied
	})
	g, err := s.api.GetRedemption(s.citizen(t, "cit-r9"), &mileagev1.GetRedemptionRequest{RedemptionId: id})
	require.NoError(t, err)
	require.Equal(t, "voided", g.GetStatus())
}
