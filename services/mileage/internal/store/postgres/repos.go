package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mileage/internal/app"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// The app's repositories over the store. Every unit of work on a citizen's
// account takes the account row's lock first (LockAccount, awardContexts,
// TryLockAccount), then the award, redemption or lots it touches: the one
// lock order, kept here rather than in each use case.

// Accounts is the app's Accounts repository.
func (s *Store) Accounts() app.Accounts { return accounts{s} }

// Awards is the app's Awards repository.
func (s *Store) Awards() app.Awards { return awards{s} }

// GrantRequests is the app's GrantRequests repository.
func (s *Store) GrantRequests() app.GrantRequests { return grantRequests{s} }

// Redemptions is the app's Redemptions repository.
func (s *Store) Redemptions() app.Redemptions { return redemptions{s} }

// Rules is the app's Rules repository.
func (s *Store) Rules() app.Rules { return rules{s} }

// Validities is the app's Validities repository.
func (s *Store) Validities() app.Validities { return validities{s} }

// Catalog is the app's Catalog repository.
func (s *Store) Catalog() app.Catalog { return catalog{s} }

// queueWallet queues what a unit of work changed on a wallet: lots,
// postings, the debt and officials' adjustments (its events go last, after
// the aggregate's own row, through queueEvents).
func (t *txStore) queueWallet(b *pgx.Batch, w *domain.Wallet) error {
	for _, l := range w.ChangedLots() {
		queueUpdateLot(b, l)
	}
	if err := t.queuePost(b, w.Postings()...); err != nil {
		return err
	}
	if w.DebtChanged() {
		b.Queue(setDebtSQL, domain.Citizen(w.Subject).Code(), w.Debt)
	}
	for _, a := range w.Adjustments() {
		queueAudit(b, a)
	}
	return nil
}

// send sends b with the events recorded on w, in the transaction.
func (t *txStore) send(ctx context.Context, b *pgx.Batch, events []domain.Event) error {
	if err := t.s.events.Queue(ctx, b, events...); err != nil {
		return err
	}
	if b.Len() == 0 {
		return nil
	}
	return postingError(t.tx.SendBatch(ctx, b).Close())
}

type accounts struct{ s *Store }

func (r accounts) View(ctx context.Context, subject string, now time.Time) (domain.AccountView, error) {
	return r.s.AccountView(ctx, subject, now)
}

func (r accounts) Spendable(ctx context.Context, subject string, now time.Time) (int64, error) {
	return r.s.Spendable(ctx, subject, now)
}

func (r accounts) History(ctx context.Context, subject string, page pagetoken.Page) ([]domain.HistoryLine, string, error) {
	return r.s.History(ctx, subject, page)
}

func (r accounts) Liability(ctx context.Context, year int) (domain.Liability, error) {
	return r.s.Liability(ctx, year)
}

// ClaimExpired: one transaction per citizen, whose account is locked
// without waiting (SKIP LOCKED), then their expired lots.
func (r accounts) ClaimExpired(ctx context.Context, now time.Time, limit int, fn func(*domain.Wallet) error) (int, int, error) {
	subjects, err := r.s.SubjectsWithExpiredLots(ctx, now, limit)
	if err != nil {
		return 0, 0, err
	}
	done := 0
	for _, subject := range subjects {
		err := r.s.inTx(ctx, func(t *txStore) error {
			debt, ok, err := t.TryLockAccount(ctx, subject)
			if err != nil || !ok {
				return err
			}
			lots, err := t.LockExpiredLots(ctx, subject, now)
			if err != nil {
				return err
			}
			w := &domain.Wallet{Subject: subject, Debt: debt, Lots: lots}
			if err := fn(w); err != nil {
				return err
			}
			b := &pgx.Batch{}
			if err := t.queueWallet(b, w); err != nil {
				return err
			}
			done++
			return t.send(ctx, b, w.Events())
		})
		if err != nil {
			return done, len(subjects), err
		}
	}
	return done, len(subjects), nil
}

// ClaimExpiring claims with FOR UPDATE SKIP LOCKED.
func (r accounts) ClaimExpiring(ctx context.Context, now, until time.Time, limit int, fn func(domain.Lot) domain.Event) (int, error) {
	n := 0
	err := r.s.inTx(ctx, func(t *txStore) error {
		lots, err := t.ClaimLotsToAnnounce(ctx, now, until, limit)
		if err != nil || len(lots) == 0 {
			return err
		}
		ids := make([]string, len(lots))
		events := make([]domain.Event, len(lots))
		for i, l := range lots {
			ids[i], events[i] = l.ID, fn(l)
		}
		b := &pgx.Batch{}
		queueMarkAnnounced(b, ids, now)
		n = len(lots)
		return t.send(ctx, b, events)
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

type awards struct{ s *Store }

func (r awards) Get(ctx context.Context, id string) (domain.Award, error) { return r.s.Award(ctx, id) }

func (r awards) Decide(ctx context.Context, aw domain.Award, decide func(domain.AwardContext) (*domain.AwardRecord, error)) error {
	return r.s.inTx(ctx, func(t *txStore) error { return t.decide(ctx, aw, decide) })
}

func (r awards) DecideAll(ctx context.Context, aws []domain.Award, decide func(int, domain.AwardContext) (*domain.AwardRecord, error)) error {
	return r.s.inTx(ctx, func(t *txStore) error { return t.decideAll(ctx, aws, decide) })
}

// decide is decideAll of one award.
func (t *txStore) decide(ctx context.Context, aw domain.Award, decide func(domain.AwardContext) (*domain.AwardRecord, error)) error {
	return t.decideAll(ctx, []domain.Award{aw}, func(_ int, c domain.AwardContext) (*domain.AwardRecord, error) { return decide(c) })
}

// Update locks the account, then the award, then its lot.
func (r awards) Update(ctx context.Context, id string, fn func(*domain.Award, *domain.Wallet) error) error {
	return r.s.inTx(ctx, func(t *txStore) error {
		found, err := scanAward(t.tx.QueryRow(ctx, `SELECT `+awardColumns+` FROM awards WHERE id = $1`, id))
		if err != nil {
			return notFound(err, "AWARD_NOT_FOUND")
		}
		debt, err := t.LockAccount(ctx, found.Subject)
		if err != nil {
			return err
		}
		aw, err := t.LockAward(ctx, id)
		if err != nil {
			return err
		}
		w := &domain.Wallet{Subject: aw.Subject, Debt: debt}
		lot, err := t.LockLot(ctx, aw.ID)
		if err != nil {
			return err
		}
		if lot != nil {
			w.Lots = []domain.Lot{*lot}
		}
		clawedBack := aw.ClawedBackAt != nil
		if err := fn(&aw, w); err != nil {
			return err
		}
		b := &pgx.Batch{}
		if err := t.queueWallet(b, w); err != nil {
			return err
		}
		if !clawedBack && aw.ClawedBackAt != nil {
			queueClawedBack(b, aw.ID, *aw.ClawedBackAt, aw.ClawbackCause)
		}
		return t.send(ctx, b, w.Events())
	})
}

func (r awards) BySource(ctx context.Context, kind, ref string) (out []domain.Award, err error) {
	err = r.s.inTx(ctx, func(t *txStore) error { out, err = t.AwardsBySource(ctx, kind, ref); return err })
	return out, err
}

func (r awards) Restorable(ctx context.Context, kind, ref string) (out []domain.Award, err error) {
	err = r.s.inTx(ctx, func(t *txStore) error { out, err = t.RestorableAwards(ctx, kind, ref); return err })
	return out, err
}

func (r awards) MarkSourceRemoved(ctx context.Context, kind, ref, ground string, at time.Time) error {
	return r.s.inTx(ctx, func(t *txStore) error { return t.MarkSourceRemoved(ctx, kind, ref, ground, at) })
}

func (r awards) ForgetSourceRemoval(ctx context.Context, kind, ref string) error {
	return r.s.inTx(ctx, func(t *txStore) error { return t.ForgetSourceRemoval(ctx, kind, ref) })
}

// awarder decides awards inside another unit of work's transaction.
type awarder struct{ t *txStore }

func (a awarder) Decide(ctx context.Context, aw domain.Award, decide func(domain.AwardContext) (*domain.AwardRecord, error)) error {
	return a.t.decide(ctx, aw, decide)
}

type grantRequests struct{ s *Store }

func (r grantRequests) Create(ctx context.Context, g domain.GrantRequest) (domain.GrantRequest, error) {
	return r.s.RequestGrant(ctx, g)
}

// Update locks the request, before the citizen's account the award locks.
func (r grantRequests) Update(ctx context.Context, id string, fn func(*domain.GrantRequest, app.Awarder) error) (domain.GrantRequest, error) {
	var g domain.GrantRequest
	err := r.s.inTx(ctx, func(t *txStore) error {
		var err error
		if g, err = t.LockGrantRequest(ctx, id); err != nil {
			return err
		}
		before := g.Status
		if err := fn(&g, awarder{t}); err != nil {
			return err
		}
		if g.Status != before && g.Status == domain.GrantApproved {
			return t.ApproveGrantRequest(ctx, g)
		}
		return nil
	})
	return g, err
}

type redemptions struct{ s *Store }

func (r redemptions) Get(ctx context.Context, id string) (domain.Redemption, error) {
	return r.s.Redemption(ctx, id)
}

func (r redemptions) ByKey(ctx context.Context, subject, key string) (*domain.Redemption, error) {
	return r.s.RedemptionByKey(ctx, subject, key)
}

func (r redemptions) List(ctx context.Context, subject string, page pagetoken.Page) ([]domain.Redemption, string, error) {
	return r.s.listRedemptions(ctx, subject, page)
}

func (r redemptions) ExpiredHolds(ctx context.Context, now time.Time, limit int) ([]domain.Redemption, error) {
	return r.s.ExpiredHolds(ctx, now, limit)
}

func (r redemptions) ForgetSubject(ctx context.Context, subject string) (n int64, err error) {
	err = r.s.inTx(ctx, func(t *txStore) error { n, err = t.ForgetRedemptionData(ctx, subject); return err })
	return n, err
}

// Create locks the account, then (under it) looks for the key, then locks
// the live lots oldest expiry first.
func (r redemptions) Create(ctx context.Context, red domain.Redemption, fn func(*domain.Wallet) ([]domain.Allocation, error)) (*domain.Redemption, error) {
	var prior *domain.Redemption
	err := r.s.inTx(ctx, func(t *txStore) error {
		debt, err := t.LockAccount(ctx, red.Subject)
		if err != nil {
			return err
		}
		// Under the account lock a concurrent request with the same key has
		// either committed (answer with it) or not started.
		if prior, err = t.RedemptionByKey(ctx, red.Subject, red.IdempotencyKey); err != nil || prior != nil {
			return err
		}
		lots, err := t.LockLiveLots(ctx, red.Subject)
		if err != nil {
			return err
		}
		w := &domain.Wallet{Subject: red.Subject, Debt: debt, Lots: lots}
		allocs, err := fn(w)
		if err != nil {
			return err
		}
		b := &pgx.Batch{}
		queueInsertRedemption(b, red, allocs)
		if err := t.queueWallet(b, w); err != nil {
			return err
		}
		return t.send(ctx, b, w.Events())
	})
	return prior, err
}

// Update locks the account, then the redemption, then the lots it took from.
func (r redemptions) Update(ctx context.Context, id string, fn func(*domain.Redemption, []domain.Allocation, *domain.Wallet) error) (domain.Redemption, error) {
	var red domain.Redemption
	err := r.s.inTx(ctx, func(t *txStore) error {
		found, err := redemptionByID(ctx, t.tx, id)
		if err != nil {
			return err
		}
		debt, err := t.LockAccount(ctx, found.Subject)
		if err != nil {
			return err
		}
		locked, err := t.LockRedemption(ctx, id)
		if err != nil {
			return err
		}
		red = *locked
		allocs, err := t.Allocations(ctx, id)
		if err != nil {
			return err
		}
		ids := make([]string, len(allocs))
		for i, al := range allocs {
			ids[i] = al.LotID
		}
		lots, err := t.LockLots(ctx, ids)
		if err != nil {
			return err
		}
		w := &domain.Wallet{Subject: red.Subject, Debt: debt, Lots: lots}
		before := red.Status
		if err := fn(&red, allocs, w); err != nil {
			return err
		}
		b := &pgx.Batch{}
		if err := t.queueWallet(b, w); err != nil {
			return err
		}
		if red.Status != before {
			queueFinishRedemption(b, red)
		}
		return t.send(ctx, b, w.Events())
	})
	return red, err
}

type rules struct{ s *Store }

func (r rules) At(ctx context.Context, at time.Time) ([]domain.Rule, error) {
	return r.s.RulesAt(ctx, at)
}

func (r rules) History(ctx context.Context, action string, page pagetoken.Page) ([]domain.Rule, string, error) {
	return r.s.RuleHistory(ctx, action, page)
}

// Publish locks the action's latest version, ends it and inserts the next.
func (r rules) Publish(ctx context.Context, action string, fn func(*domain.Rule) (domain.Rule, error)) (domain.Rule, error) {
	var out domain.Rule
	err := r.s.inTx(ctx, func(t *txStore) error {
		prev, err := t.LockRules(ctx, action)
		if err != nil {
			return err
		}
		next, err := fn(prev)
		if err != nil {
			return err
		}
		if prev != nil {
			if err := t.EndRule(ctx, prev.ID, next.EffectiveFrom); err != nil {
				return err
			}
		}
		out, err = t.InsertRule(ctx, next)
		return err
	})
	return out, err
}

type validities struct{ s *Store }

func (r validities) At(ctx context.Context, at time.Time) (domain.Validity, error) {
	return r.s.ValidityAt(ctx, at)
}

func (r validities) History(ctx context.Context) ([]domain.Validity, error) {
	return r.s.ValidityHistory(ctx)
}

// Publish locks the latest version and inserts the next.
func (r validities) Publish(ctx context.Context, fn func(domain.Validity) (domain.Validity, error)) (domain.Validity, error) {
	var out domain.Validity
	err := r.s.inTx(ctx, func(t *txStore) error {
		prev, err := t.LockValidity(ctx)
		if err != nil {
			return err
		}
		next, err := fn(prev)
		if err != nil {
			return err
		}
		out, err = t.InsertValidity(ctx, next)
		return err
	})
	return out, err
}

type catalog struct{ s *Store }

func (r catalog) List(ctx context.Context, activeOnly bool) ([]domain.CatalogItem, error) {
	return r.s.catalogItems(ctx, activeOnly)
}

func (r catalog) Get(ctx context.Context, id string) (*domain.CatalogItem, error) {
	return r.s.CatalogItem(ctx, id)
}

// Put locks the stored item (if any) and replaces it.
func (r catalog) Put(ctx context.Context, id string, fn func(*domain.CatalogItem) (domain.CatalogItem, error)) (domain.CatalogItem, error) {
	var out domain.CatalogItem
	err := r.s.inTx(ctx, func(t *txStore) error {
		stored, err := t.LockCatalogItem(ctx, id)
		if err != nil {
			return err
		}
		if out, err = fn(stored); err != nil {
			return err
		}
		return t.PutCatalogItem(ctx, out)
	})
	return out, err
}
