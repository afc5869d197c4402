package app_test

import (
	"context"
	"maps"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mileage/internal/app"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// fakeDB keeps the mileage service's state in memory behind the app's
// repositories. A unit of work runs its closure on copies and keeps them
// (lots, postings, debt, audits, events) only when the closure returns nil,
// as the database's transaction would; a posting that would take a
// citizen's balance below zero is refused, as the database's CHECK does.
type fakeDB struct {
	debt        map[string]int64
	balance     map[string]int64 // by account code
	lots        map[string]domain.Lot
	awards      map[string]domain.Award
	removed     map[string]bool // kind/ref
	grants      map[string]domain.GrantRequest
	redemptions map[string]domain.Redemption
	allocs      map[string][]domain.Allocation
	rules       []domain.Rule
	validity    []domain.Validity
	items       map[string]domain.CatalogItem
	postings    []domain.Posting
	audits      []domain.Adjustment
	events      []domain.Event
	announced   map[string]bool
	pages       []pagetoken.Page // the pages the lists were asked for
}

func newFakeDB() *fakeDB {
	return &fakeDB{debt: map[string]int64{}, balance: map[string]int64{}, lots: map[string]domain.Lot{},
		awards: map[string]domain.Award{}, removed: map[string]bool{}, grants: map[string]domain.GrantRequest{},
		redemptions: map[string]domain.Redemption{}, allocs: map[string][]domain.Allocation{},
		items: map[string]domain.CatalogItem{}, announced: map[string]bool{}}
}

// ports are the repositories over db.
func (db *fakeDB) ports() app.Ports {
	return app.Ports{Accounts: fakeAccounts{db}, Awards: fakeAwards{db}, GrantRequests: fakeGrants{db},
		Redemptions: fakeRedemptions{db}, Rules: fakeRules{db}, Validities: fakeValidities{db}, Catalog: fakeCatalog{db}}
}

// commit applies a wallet's changes, or none of them.
func (db *fakeDB) commit(w *domain.Wallet) error {
	balance := maps.Clone(db.balance)
	for _, p := range w.Postings() {
		if err := p.Validate(); err != nil {
			return err
		}
		for _, e := range p.Entries {
			balance[e.Account.Code()] += e.Amount
			if e.Account.Kind == domain.KindCitizen && balance[e.Account.Code()] < 0 {
				return errs.FailedPrecondition("INSUFFICIENT_POINTS_NOW")
			}
		}
	}
	db.balance = balance
	for _, l := range w.ChangedLots() {
		db.lots[l.ID] = l
	}
	db.postings = append(db.postings, w.Postings()...)
	if w.DebtChanged() {
		db.debt[w.Subject] = w.Debt
	}
	db.audits = append(db.audits, w.Adjustments()...)
	db.events = append(db.events, w.Events()...)
	return nil
}

func (db *fakeDB) lotsOf(subject string, keep func(domain.Lot) bool) []domain.Lot {
	var out []domain.Lot
	for _, l := range db.lots {
		if l.Subject == subject && keep(l) {
			out = append(out, l)
		}
	}
	domain.SortFIFO(out)
	return out
}

type fakeAccounts struct{ db *fakeDB }

func (f fakeAccounts) View(_ context.Context, subject string, _ time.Time) (domain.AccountView, error) {
	return domain.AccountView{Subject: subject, Balance: f.db.balance[domain.Citizen(subject).Code()], Debt: f.db.debt[subject],
		Lots: f.db.lotsOf(subject, func(l domain.Lot) bool { return l.Remaining > 0 })}, nil
}

func (f fakeAccounts) Spendable(_ context.Context, subject string, now time.Time) (int64, error) {
	var n int64
	for _, l := range f.db.lotsOf(subject, func(l domain.Lot) bool { return l.ExpiresAt.After(now) }) {
		n += l.Remaining
	}
	return n, nil
}

func (f fakeAccounts) History(_ context.Context, _ string, page pagetoken.Page) ([]domain.HistoryLine, string, error) {
	f.db.pages = append(f.db.pages, page)
	return nil, "", nil
}

func (f fakeAccounts) Liability(_ context.Context, year int) (domain.Liability, error) {
	return domain.Liability{BudgetYear: year}, nil
}

func (f fakeAccounts) ClaimExpired(_ context.Context, now time.Time, limit int, fn func(*domain.Wallet) error) (int, int, error) {
	subjects := map[string]bool{}
	for _, l := range f.db.lots {
		if l.Remaining > 0 && !l.ExpiresAt.After(now) {
			subjects[l.Subject] = true
		}
	}
	done, seen := 0, 0
	for _, s := range slices.Sorted(maps.Keys(subjects)) {
		if seen == limit {
			break
		}
		seen++
		w := &domain.Wallet{Subject: s, Debt: f.db.debt[s],
			Lots: f.db.lotsOf(s, func(l domain.Lot) bool { return l.Remaining > 0 && !l.ExpiresAt.After(now) })}
		if err := fn(w); err != nil {
			return done, seen, err
		}
		if err := f.db.commit(w); err != nil {
			return done, seen, err
		}
		done++
	}
	return done, seen, nil
}

func (f fakeAccounts) ClaimExpiring(_ context.Context, now, until time.Time, limit int, fn func(domain.Lot) domain.Event) (int, error) {
	n := 0
	for _, id := range slices.Sorted(maps.Keys(f.db.lots)) {
		l := f.db.lots[id]
		if n == limit || f.db.announced[id] || l.Remaining == 0 || !l.ExpiresAt.After(now) || l.ExpiresAt.After(until) {
			continue
		}
		f.db.announced[id] = true
		f.db.events = append(f.db.events, fn(l))
		n++
	}
	return n, nil
}

type fakeAwards struct{ db *fakeDB }

func (f fakeAwards) Get(_ context.Context, id string) (domain.Award, error) {
	aw, ok := f.db.awards[id]
	if !ok {
		return aw, errs.NotFound("AWARD_NOT_FOUND")
	}
	return aw, nil
}

func (f fakeAwards) Decide(ctx context.Context, aw domain.Award, decide func(domain.AwardContext) (*domain.AwardRecord, error)) error {
	return f.DecideAll(ctx, []domain.Award{aw}, func(_ int, c domain.AwardContext) (*domain.AwardRecord, error) { return decide(c) })
}

// DecideAll reads every context first, as the store does, then decides
// and writes in order.
func (f fakeAwards) DecideAll(_ context.Context, aws []domain.Award, decide func(int, domain.AwardContext) (*domain.AwardRecord, error)) error {
	cs := make([]domain.AwardContext, len(aws))
	for i, aw := range aws {
		c, err := f.context(aw)
		if err != nil {
			return err
		}
		cs[i] = c
	}
	for i := range aws {
		rec, err := decide(i, cs[i])
		if err != nil {
			return err
		}
		if rec != nil {
			if err := f.write(aws[i].Subject, *rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// context is what the store reads for deciding aw.
func (f fakeAwards) context(aw domain.Award) (domain.AwardContext, error) {
	db := f.db
	c := domain.AwardContext{Debt: db.debt[aw.Subject], SourceRemoved: db.removed[aw.SourceKind+"/"+aw.SourceRef]}
	_, c.Exists = db.awards[aw.ID]
	for _, o := range db.awards {
		if aw.Restores == "" && o.Restores == "" && o.Action == aw.Action && o.SourceKind == aw.SourceKind &&
			o.SourceRef == aw.SourceRef && o.Subject == aw.Subject || aw.Restores != "" && o.Restores == aw.Restores {
			c.Exists = true
		}
		if o.Subject == aw.Subject && o.Action == aw.Action && o.Status == domain.AwardCredited {
			c.Counts = c.Counts.With(o.OccurredAt, aw.OccurredAt)
		}
	}
	for _, r := range db.rules {
		if r.Action == aw.Action && !r.EffectiveFrom.After(aw.OccurredAt) && (r.EffectiveTo == nil || r.EffectiveTo.After(aw.OccurredAt)) {
			c.Rule = &r
		}
	}
	v, err := fakeValidities(f).At(context.Background(), aw.OccurredAt)
	c.Validity = v
	return c, err
}

// write commits the record of an award to subject.
func (f fakeAwards) write(subject string, rec domain.AwardRecord) error {
	db := f.db
	w := &domain.Wallet{Subject: subject}
	if rec.Posting != nil {
		w.Post(*rec.Posting)
	}
	if rec.Debt != nil {
		w.SetDebt(*rec.Debt)
	}
	if rec.Lot != nil {
		w.SaveLot(*rec.Lot)
	}
	if rec.Audit != nil {
		w.Adjust(*rec.Audit)
	}
	for _, e := range rec.Events {
		w.Record(e)
	}
	if rec.Award.ID != "" {
		if _, ok := db.awards[rec.Award.ID]; ok {
			return errs.Conflict("AWARD_EXISTS")
		}
	}
	if err := db.commit(w); err != nil {
		return err
	}
	if rec.Award.ID != "" {
		db.awards[rec.Award.ID] = rec.Award
	}
	return nil
}

func (f fakeAwards) Update(_ context.Context, id string, fn func(*domain.Award, *domain.Wallet) error) error {
	aw, ok := f.db.awards[id]
	if !ok {
		return errs.NotFound("AWARD_NOT_FOUND")
	}
	w := &domain.Wallet{Subject: aw.Subject, Debt: f.db.debt[aw.Subject]}
	if l, ok := f.db.lots[id]; ok {
		w.Lots = []domain.Lot{l}
	}
	if err := fn(&aw, w); err != nil {
		return err
	}
	if err := f.db.commit(w); err != nil {
		return err
	}
	stored := f.db.awards[id]
	stored.ClawedBackAt, stored.ClawbackCause = aw.ClawedBackAt, aw.ClawbackCause // the status column stays
	f.db.awards[id] = stored
	return nil
}

func (f fakeAwards) BySource(_ context.Context, kind, ref string) ([]domain.Award, error) {
	return f.where(func(a domain.Award) bool {
		return a.SourceKind == kind && a.SourceRef == ref && a.Status == domain.AwardCredited && a.ClawedBackAt == nil
	}), nil
}

func (f fakeAwards) Restorable(_ context.Context, kind, ref string) ([]domain.Award, error) {
	return f.where(func(a domain.Award) bool {
		if a.SourceKind != kind || a.SourceRef != ref || a.ClawbackCause != domain.ClawbackRemoval {
			return false
		}
		for _, r := range f.db.awards {
			if r.Restores == a.ID {
				return false
			}
		}
		return true
	}), nil
}

func (f fakeAwards) where(keep func(domain.Award) bool) []domain.Award {
	var out []domain.Award
	for _, id := range slices.Sorted(maps.Keys(f.db.awards)) {
		if a := f.db.awards[id]; keep(a) {
			out = append(out, a)
		}
	}
	return out
}

func (f fakeAwards) MarkSourceRemoved(_ context.Context, kind, ref, _ string, _ time.Time) error {
	f.db.removed[kind+"/"+ref] = true
	return nil
}

func (f fakeAwards) ForgetSourceRemoval(_ context.Context, kind, ref string) error {
	delete(f.db.removed, kind+"/"+ref)
	return nil
}

type fakeGrants struct{ db *fakeDB }

func (f fakeGrants) Create(_ context.Context, r domain.GrantRequest) (domain.GrantRequest, error) {
	for _, g := range f.db.grants {
		if g.RequestedBy == r.RequestedBy && g.RequestID == r.RequestID {
			return g, nil
		}
	}
	f.db.grants[r.ID] = r
	return r, nil
}

func (f fakeGrants) Update(ctx context.Context, id string, fn func(*domain.GrantRequest, app.Awarder) error) (domain.GrantRequest, error) {
	g, ok := f.db.grants[id]
	if !ok {
		return g, errs.NotFound("grant")
	}
	if err := fn(&g, fakeAwards(f)); err != nil {
		return g, err
	}
	f.db.grants[id] = g
	return g, nil
}

type fakeRedemptions struct{ db *fakeDB }

func (f fakeRedemptions) Get(_ context.Context, id string) (domain.Redemption, error) {
	r, ok := f.db.redemptions[id]
	if !ok {
		return r, errs.NotFound("REDEMPTION_NOT_FOUND")
	}
	return r, nil
}

func (f fakeRedemptions) ByKey(_ context.Context, subject, key string) (*domain.Redemption, error) {
	for _, r := range f.db.redemptions {
		if r.Subject == subject && r.IdempotencyKey == key {
			return &r, nil
		}
	}
	return nil, nil
}

func (f fakeRedemptions) List(_ context.Context, _ string, page pagetoken.Page) ([]domain.Redemption, string, error) {
	f.db.pages = append(f.db.pages, page)
	return nil, "", nil
}

func (f fakeRedemptions) Create(ctx context.Context, r domain.Redemption, fn func(*domain.Wallet) ([]domain.Allocation, error)) (*domain.Redemption, error) {
	if prior, _ := f.ByKey(ctx, r.Subject, r.IdempotencyKey); prior != nil {
		return prior, nil
	}
	w := &domain.Wallet{Subject: r.Subject, Debt: f.db.debt[r.Subject],
		Lots: f.db.lotsOf(r.Subject, func(l domain.Lot) bool { return l.Remaining > 0 })}
	allocs, err := fn(w)
	if err != nil {
		return nil, err
	}
	if err := f.db.commit(w); err != nil {
		return nil, err
	}
	f.db.redemptions[r.ID], f.db.allocs[r.ID] = r, allocs
	return nil, nil
}

func (f fakeRedemptions) Update(_ context.Context, id string, fn func(*domain.Redemption, []domain.Allocation, *domain.Wallet) error) (domain.Redemption, error) {
	r, ok := f.db.redemptions[id]
	if !ok {
		return r, errs.NotFound("REDEMPTION_NOT_FOUND")
	}
	w := &domain.Wallet{Subject: r.Subject, Debt: f.db.debt[r.Subject]}
	for _, al := range f.db.allocs[id] {
		if l, ok := f.db.lots[al.LotID]; ok {
			w.Lots = append(w.Lots, l)
		}
	}
	if err := fn(&r, f.db.allocs[id], w); err != nil {
		return r, err
	}
	if err := f.db.commit(w); err != nil {
		return r, err
	}
	f.db.redemptions[id] = r
	return r, nil
}

func (f fakeRedemptions) ExpiredHolds(_ context.Context, now time.Time, limit int) ([]domain.Redemption, error) {
	var out []domain.Redemption
	for _, r := range f.db.redemptions {
		if r.Status == domain.RedemptionHeld && !r.HoldExpiresAt.After(now) && len(out) < limit {
			out = append(out, r)
		}
	}
	return out, nil
}

func (f fakeRedemptions) ForgetSubject(_ context.Context, subject string) (int64, error) {
	var n int64
	for id, r := range f.db.redemptions {
		if r.Subject == subject && (r.AccountToken != "" || r.MaskedAccount != "" || r.RequestHash != "") {
			r.AccountToken, r.MaskedAccount, r.RequestHash = "", "", ""
			f.db.redemptions[id] = r
			n++
		}
	}
	return n, nil
}

type fakeRules struct{ db *fakeDB }

func (f fakeRules) At(_ context.Context, at time.Time) ([]domain.Rule, error) {
	var out []domain.Rule
	for _, r := range f.db.rules {
		if !r.EffectiveFrom.After(at) && (r.EffectiveTo == nil || r.EffectiveTo.After(at)) {
			out = append(out, r)
		}
	}
	return out, nil
}

func (f fakeRules) History(_ context.Context, _ string, page pagetoken.Page) ([]domain.Rule, string, error) {
	f.db.pages = append(f.db.pages, page)
	return slices.Clone(f.db.rules), "", nil
}

func (f fakeRules) Publish(_ context.Context, action string, fn func(*domain.Rule) (domain.Rule, error)) (domain.Rule, error) {
	var latest *domain.Rule
	for i := range f.db.rules {
		if r := &f.db.rules[i]; r.Action == action && (latest == nil || r.Version > latest.Version) {
			latest = r
		}
	}
	var prev *domain.Rule
	if latest != nil {
		cp := *latest
		prev = &cp
	}
	next, err := fn(prev)
	if err != nil {
		return next, err
	}
	if latest != nil {
		end := next.EffectiveFrom
		latest.EffectiveTo = &end
	}
	next.ID = int64(len(f.db.rules) + 1)
	f.db.rules = append(f.db.rules, next)
	return next, nil
}

type fakeValidities struct{ db *fakeDB }

func (f fakeValidities) At(_ context.Context, at time.Time) (domain.Validity, error) {
	var in *domain.Validity
	for i, v := range f.db.validity {
		if !v.EffectiveFrom.After(at) && (in == nil || v.EffectiveFrom.After(in.EffectiveFrom)) {
			in = &f.db.validity[i]
		}
	}
	if in == nil {
		return domain.Validity{}, errs.NotFound("VALIDITY_POLICY_NOT_FOUND")
	}
	return *in, nil
}

func (f fakeValidities) History(context.Context) ([]domain.Validity, error) {
	return slices.Clone(f.db.validity), nil
}

func (f fakeValidities) Publish(_ context.Context, fn func(domain.Validity) (domain.Validity, error)) (domain.Validity, error) {
	vs := slices.Clone(f.db.validity)
	sort.Slice(vs, func(i, j int) bool { return vs[i].EffectiveFrom.Before(vs[j].EffectiveFrom) })
	next, err := fn(vs[len(vs)-1])
	if err != nil {
		return next, err
	}
	next.Version = len(vs) + 1
	f.db.validity = append(f.db.validity, next)
	return next, nil
}

type fakeCatalog struct{ db *fakeDB }

func (f fakeCatalog) List(context.Context, bool) ([]domain.CatalogItem, error) {
	return slices.Collect(maps.Values(f.db.items)), nil
}

func (f fakeCatalog) Get(_ context.Context, id string) (*domain.CatalogItem, error) {
	it, ok := f.db.items[id]
	if !ok {
		return nil, nil
	}
	return &it, nil
}

func (f fakeCatalog) Put(_ context.Context, id string, fn func(*domain.CatalogItem) (domain.CatalogItem, error)) (domain.CatalogItem, error) {
	var stored *domain.CatalogItem
	if it, ok := f.db.items[id]; ok {
		stored = &it
	}
	it, err := fn(stored)
	if err != nil {
		return it, err
	}
	f.db.items[id] = it
	return it, nil
}

// fakePrivacy tokenizes card and account numbers.
type fakePrivacy struct{ stored int }

func (p *fakePrivacy) Store(_ context.Context, subject, field, _ string) (string, string, error) {
	p.stored++
	return "tok-" + subject + "-" + field, "****", nil
}

// fakePartner answers with status, or fails when down.
type fakePartner struct {
	status            string
	down              bool
	confirms, cancels int
}

func (p *fakePartner) Confirm(context.Context, app.PartnerRequest) (app.PartnerResult, error) {
	p.confirms++
	if p.down {
		return app.PartnerResult{}, errs.Unavailable("PARTNER_DOWN")
	}
	return app.PartnerResult{Status: p.status, Reference: "ref-1", Reason: "no"}, nil
}

func (p *fakePartner) Cancel(context.Context, string, string) (app.PartnerResult, error) {
	p.cancels++
	if p.down {
		return app.PartnerResult{}, errs.Unavailable("PARTNER_DOWN")
	}
	return app.PartnerResult{Status: app.PartnerCancelled}, nil
}

// fixture is the use cases over the fakes on a fake clock, with a point
// table (posts earn 10, twice a day), a 365-day validity with 30 days'
// notice and a transit top-up in the catalog.
type fixture struct {
	app     *app.App
	db      *fakeDB
	clock   *clock.Fake
	privacy *fakePrivacy
	partner *fakePartner
}

var (
	start    = time.Date(2026, 3, 9, 10, 0, 0, 0, domain.Seoul)
	citizen  = identity.Claims{Subject: "citizen-1", Roles: []identity.Role{identity.RoleCitizen}}
	other    = identity.Claims{Subject: "citizen-2", Roles: []identity.Role{identity.RoleCitizen}}
	official = identity.Claims{Subject: "civil-1", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"}
	second   = identity.Claims{Subject: "civil-2", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"}
	outsider = identity.Claims{Subject: "welfare-1", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-WELFARE"}
	admin    = identity.Claims{Subject: "admin-1", Roles: []identity.Role{identity.RoleAdmin}}
)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := newFakeDB()
	db.validity = []domain.Validity{{Version: 1, Days: 365, NoticeDays: 30, EffectiveFrom: start.AddDate(-1, 0, 0)}}
	db.rules = []domain.Rule{{ID: 1, Action: domain.ActionPostCreated, Version: 1, Points: 10, DailyCap: 2,
		WeightPercent: 100, EffectiveFrom: start.AddDate(-1, 0, 0)}}
	db.items["transit-1000"] = domain.CatalogItem{ID: "transit-1000", Channel: domain.ChannelTransit, MinPoints: 10,
		MaxPoints: 1000, StepPoints: 10, RequiredField: domain.FieldTransitCard, Active: true}
	f := &fixture{db: db, clock: clock.NewFake(start), privacy: &fakePrivacy{}, partner: &fakePartner{status: app.PartnerConfirmed}}
	p := db.ports()
	p.Privacy, p.Partner = f.privacy, f.partner
	f.app = app.New(p, app.Settings{Department: "SMG-CIVIL", ApprovalAbove: 20_000, JobBatch: 2}, f.clock.Now)
	return f
}

func as(c identity.Claims) context.Context { return identity.With(context.Background(), c) }

// earn awards a post by subject through the event path.
func (f *fixture) earn(t *testing.T, subject, post string) domain.Award {
	t.Helper()
	aw, err := f.app.Earn(context.Background(), domain.Earning{Action: domain.ActionPostCreated, Subject: subject,
		SourceEventID: "ev-" + post, SourceKind: "post", SourceRef: post, OccurredAt: f.clock.Now()})
	require.NoError(t, err)
	return aw
}

func (f *fixture) balance(subject string) int64 { return f.db.balance[domain.Citizen(subject).Code()] }

// eventTypes names the events recorded, in order.
func (f *fixture) eventTypes() []string {
	out := make([]string, len(f.db.events))
	for i, e := range f.db.events {
		switch e.(type) {
		case domain.PointsAwarded:
			out[i] = "awarded"
		case domain.PointsClawedBack:
			out[i] = "clawed_back"
		case domain.PointsRedeemed:
			out[i] = "redeemed"
		case domain.PointsExpired:
			out[i] = "expired"
		case domain.PointsExpiring:
			out[i] = "expiring"
		case domain.RedemptionOnHold:
			out[i] = "held"
		case domain.RedemptionSettled:
			out[i] = "settled"
		}
	}
	return out
}
