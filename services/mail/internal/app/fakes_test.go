package app_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// notices is an in-memory app.Notices: the rules' tests need no database
// (the store's SQL is tested by the server tests against PostgreSQL).
type notices struct {
	mu   sync.Mutex
	byID map[string]*domain.Notice
}

func newNotices(list ...*domain.Notice) *notices {
	n := &notices{byID: map[string]*domain.Notice{}}
	for _, x := range list {
		n.byID[x.ID] = x
	}
	return n
}

func (f *notices) Create(_ context.Context, n *domain.Notice) (*domain.Notice, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, x := range f.byID {
		if x.SourceEventID == n.SourceEventID && x.Template == n.Template && x.Recipient == n.Recipient {
			return x, nil
		}
	}
	c := *n
	f.byID[n.ID] = &c
	return &c, nil
}

func (f *notices) Get(_ context.Context, id string) (*domain.Notice, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if n, ok := f.byID[id]; ok {
		c := *n
		return &c, nil
	}
	return nil, errs.NotFound("NOTICE_NOT_FOUND", "id", id)
}

// List serves every match on one page, newest (greatest id) first.
func (f *notices) List(_ context.Context, flt app.NoticeFilter, p pagetoken.Page) ([]*domain.Notice, string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*domain.Notice
	for _, n := range f.byID {
		if (flt.RecipientSubject == "" || n.RecipientSubject == flt.RecipientSubject) &&
			(flt.SourceID == "" || n.SourceID == flt.SourceID) && (flt.Status == "" || n.Status == flt.Status) &&
			(flt.VisibleTo == nil || n.VisibleTo(*flt.VisibleTo)) {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b *domain.Notice) int { return strings.Compare(b.ID, a.ID) })
	return out[:min(len(out), p.Size)], "", nil
}

// ClaimDue runs fn on a copy of each due notice and keeps it only when fn
// returns nil, as the store's transaction would.
func (f *notices) ClaimDue(_ context.Context, now time.Time, limit int, fn func(*domain.Notice) error) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for id, x := range f.byID {
		if n == limit || x.Status != domain.StatusPending || x.NextAttemptAt.After(now) {
			continue
		}
		c := *x
		if err := fn(&c); err != nil {
			return n, err
		}
		f.byID[id] = &c
		n++
	}
	return n, nil
}

// accounts is an in-memory app.Accounts; Update runs the closure on a
// copy and keeps it only when it returns nil, as the store's transaction.
type accounts struct {
	mu   sync.Mutex
	byID map[string]*domain.Account
}

func newAccounts(list ...*domain.Account) *accounts {
	a := &accounts{byID: map[string]*domain.Account{}}
	for _, x := range list {
		c := *x
		a.byID[x.ID] = &c
	}
	return a
}

func (f *accounts) Create(_ context.Context, a *domain.Account, _, _ string) (*domain.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := *a
	f.byID[a.ID] = &c
	return &c, nil
}

func (f *accounts) find(match func(*domain.Account) bool) (*domain.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, a := range f.byID {
		if match(a) {
			c := *a
			return &c, nil
		}
	}
	return nil, errs.NotFound("MAIL_ACCOUNT_NOT_FOUND")
}

func (f *accounts) Get(_ context.Context, id string) (*domain.Account, error) {
	return f.find(func(a *domain.Account) bool { return a.ID == id })
}

func (f *accounts) LiveCitizen(_ context.Context, subject string) (*domain.Account, error) {
	return f.find(func(a *domain.Account) bool {
		return a.SubjectID == subject && a.Kind == domain.KindCitizen && a.State != domain.StateClosed
	})
}

func (f *accounts) ByAddress(_ context.Context, local, dom string) (*domain.Account, error) {
	return f.find(func(a *domain.Account) bool { return a.LocalPart == local && a.Domain == dom })
}

func (f *accounts) DepartmentOfficials(context.Context, string) ([]*domain.Account, error) {
	return nil, nil
}

func (f *accounts) Update(ctx context.Context, id string, fn func(*domain.Account) error) (*domain.Account, error) {
	a, err := f.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := fn(a); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.byID[id] = a
	return a, nil
}

// terms is the one version in force.
type terms struct{ domain.Terms }

func (t terms) Current(context.Context, time.Time) (domain.Terms, error) { return t.Terms, nil }
func (t terms) List(context.Context) ([]domain.Terms, error)             { return []domain.Terms{t.Terms}, nil }
func (t terms) Get(context.Context, string) (domain.Terms, error)        { return t.Terms, nil }
func (t terms) Add(context.Context, domain.Terms) error                  { return nil }
func (t terms) Translate(context.Context, domain.Terms) error            { return nil }

// complaints records what would be filed with the petition service.
type complaints struct{ filed []app.ComplaintByMail }

func (c *complaints) FileByMail(_ context.Context, in app.ComplaintByMail) (string, error) {
	c.filed = append(c.filed, in)
	return "SMG-2026-000001", nil
}

var (
	hongID      = &domain.Account{ID: "0193a000-0000-7000-8000-0000000000a1", Kind: domain.KindCitizen, LocalPart: "hong", Domain: "seoul.go.kr", SubjectID: "c1", State: domain.StateActive, AcceptedTerms: "1.0"}
	parkID      = &domain.Account{ID: "0193a000-0000-7000-8000-0000000000a2", Kind: domain.KindCitizen, LocalPart: "park", Domain: "seoul.go.kr", SubjectID: "c3", State: domain.StateSuspended, AcceptedTerms: "1.0"}
	officialsID = &domain.Account{ID: "0193a000-0000-7000-8000-0000000000a3", Kind: domain.KindOfficial, LocalPart: "kim", Domain: "seoul.go.kr", SubjectID: "o1", DepartmentCode: "D1", State: domain.StateActive, AcceptedTerms: "1.0"}
)

func submissionApp(c *complaints) *app.App {
	return app.New(app.Ports{Accounts: newAccounts(hongID, parkID, officialsID), Terms: terms{domain.Terms{Version: "1.0"}}, Complaints: c},
		app.Settings{Domain: "seoul.go.kr", ComplaintLocalPart: "minwon"}, clock.NewFake(time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)).Now)
}
