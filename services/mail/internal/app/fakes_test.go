package app_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

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
