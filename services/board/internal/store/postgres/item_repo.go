package postgres

import (
	"context"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// items implements app.Items. Lock order: an item's row, then its
// author's advisory lock (taken by the repeat check's read).
type items struct{ s *Store }

func (r items) Get(ctx context.Context, id string) (domain.Item, error) {
	return r.s.read().GetItem(ctx, id, false)
}

func (r items) ByRequest(ctx context.Context, subject string, kind domain.Kind, requestID string) (domain.Item, error) {
	return r.s.read().ItemByRequest(ctx, subject, kind, requestID)
}

func (r items) List(ctx context.Context, q app.ItemQuery, page pagetoken.Page) ([]domain.Item, string, error) {
	return r.s.read().ListItems(ctx, q, page)
}

// Create takes the author's lock first, so two identical texts sent at
// once cannot both pass the repeat check (A5.8), and a retry finds the
// item its first attempt made.
func (r items) Create(ctx context.Context, it domain.Item, fn func(*domain.Item, *domain.Case, app.AuthorTexts) error) (domain.Item, bool, error) {
	var out domain.Item
	created := false
	err := r.s.inTx(ctx, func(db repo, tx pgx.Tx) error {
		if err := db.LockAuthor(ctx, it.AuthorSubject); err != nil {
			return err
		}
		prior, err := db.ItemByRequest(ctx, it.AuthorSubject, it.Kind, it.RequestID)
		if err == nil {
			out = prior
			return nil
		} else if !errs.Is(err, errs.KindNotFound) {
			return err
		}
		cs := domain.Case{ItemID: it.ID}
		if err := fn(&it, &cs, &authorTexts{db: db, locked: it.AuthorSubject}); err != nil {
			return err
		}
		if err := db.InsertItem(ctx, it); err != nil {
			return err
		}
		if err := r.s.saveChanges(ctx, db, tx, nil, &it, caseState{}, &cs); err != nil {
			return err
		}
		out, created = it, true
		return nil
	})
	return out, created, err
}

// Update locks the item's row and loads its case, runs fn and stores what
// changed with the recorded events and decisions.
func (r items) Update(ctx context.Context, id string, fn func(*domain.Item, *domain.Case, app.AuthorTexts) error) (domain.Item, error) {
	var out domain.Item
	err := r.s.inTx(ctx, func(db repo, tx pgx.Tx) error {
		it, err := db.GetItem(ctx, id, true)
		if err != nil {
			return err
		}
		cs, was, err := db.loadCase(ctx, id)
		if err != nil {
			return err
		}
		before := stateOf(it)
		if err := fn(&it, &cs, &authorTexts{db: db}); err != nil {
			return err
		}
		if err := r.s.saveChanges(ctx, db, tx, &before, &it, was, &cs); err != nil {
			return err
		}
		out = it
		return nil
	})
	return out, err
}

// saveChanges stores, in tx, the decisions the item recorded, the item
// when it changed (before nil: just inserted), the case and the events.
func (s *Store) saveChanges(ctx context.Context, db repo, tx pgx.Tx, before *itemState, it *domain.Item, was caseState, cs *domain.Case) error {
	for _, d := range it.Decisions() {
		if err := db.InsertDecision(ctx, d); err != nil {
			return err
		}
	}
	if before != nil && *before != stateOf(*it) {
		if err := db.UpdateItem(ctx, it); err != nil {
			return err
		}
	}
	if err := db.saveCase(ctx, was, cs); err != nil {
		return err
	}
	return s.events.Write(ctx, tx, slices.Concat(it.Events(), cs.Events())...)
}

// itemState is what UpdateItem writes, comparable: an item whose state
// is unchanged is not written (its revision, and etag, stay).
type itemState struct {
	title, body, canonical, status, removal, kinds string
	hiddenUntil, updatedAt                         int64
	published, masked, reindex                     bool
}

func stateOf(it domain.Item) itemState {
	st := itemState{title: it.Title, body: it.Body, canonical: it.Canonical, status: string(it.Status),
		published: it.Published, masked: it.PersonalDataMasked, updatedAt: it.UpdatedAt.UnixNano(),
		reindex: it.Buckets != nil, hiddenUntil: -1}
	if it.Removal != nil {
		st.removal = it.Removal.ID
	}
	if it.HiddenUntil != nil {
		st.hiddenUntil = it.HiddenUntil.UnixNano()
	}
	for _, k := range it.PersonalDataKinds {
		st.kinds += k + "\x00"
	}
	return st
}

// authorTexts reads an author's texts under the author's advisory lock,
// taken on the first read (held to the end of the transaction).
type authorTexts struct {
	db     repo
	locked string
}

func (a *authorTexts) Similar(ctx context.Context, subject string, since time.Time, excludeID string, buckets []int64) ([]app.Prior, error) {
	if a.locked != subject {
		if err := a.db.LockAuthor(ctx, subject); err != nil {
			return nil, err
		}
		a.locked = subject
	}
	return a.db.SimilarByAuthor(ctx, subject, since, excludeID, buckets)
}
