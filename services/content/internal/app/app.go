package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// App is the content service's use cases over their ports.
type App struct {
	departments Departments
	items       Items
	feedback    Feedback
	history     History
	views       Views
	cycles      domain.ReviewCycles
	now         clock.Clock
}

// Ports are what App needs from outside.
type Ports struct {
	Departments Departments
	Items       Items
	Feedback    Feedback
	History     History
	Views       Views
}

// Settings are the service's rules that configuration may change.
type Settings struct {
	// ReviewCycles is how long a published item stays fresh, per kind (A4.1).
	ReviewCycles domain.ReviewCycles
}

// New returns the use cases over p, reading the time from now.
func New(p Ports, s Settings, now clock.Clock) *App {
	return &App{departments: p.Departments, items: p.Items, feedback: p.Feedback,
		history: p.History, views: p.Views, cycles: s.ReviewCycles, now: clock.Or(now)}
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// Page sizes.
const (
	defaultPageSize = 20
	maxPageSize     = 100
)

// checkPage validates a page request, applying the default and the cap.
func checkPage(p pagetoken.Page) (pagetoken.Page, error) {
	var err error
	p.Size, err = pagetoken.Size(p.Size, defaultPageSize, maxPageSize)
	return p, err
}

// checkLanguage normalizes an optional language tag under field.
func checkLanguage(field, tag string) (string, error) {
	if tag == "" {
		return "", nil
	}
	lang, ok := domain.NormalizeLanguage(tag)
	if !ok {
		return "", errs.Invalid(field, "LANGUAGE_TAG")
	}
	return lang, nil
}

// canEdit reports whether the caller edits department's items: its
// officials and admins.
func canEdit(ctx context.Context, department string) bool {
	c := identity.From(ctx)
	return c.Has(identity.RoleAdmin) || c.OfficialOf(department)
}

// visible hides what the caller may not see as NotFound, so the public
// cannot probe for drafts: only published items are public.
func visible(ctx context.Context, it *domain.Item) error {
	if it.Status == domain.StatusPublished || canEdit(ctx, it.DepartmentCode) {
		return nil
	}
	return errs.NotFound("ITEM_NOT_FOUND", "id", it.ID)
}

// Target addresses the item a change applies to; Etag, when set, must be
// the item's current etag, so a change made meanwhile is not overwritten.
type Target struct {
	ID   string
	Etag string
}

// change applies fn to an item the caller may edit, inside the item's
// lock, so the authorization and etag checks see the state that is changed.
func (a *App) change(ctx context.Context, t Target, fn func(*domain.Item) error) (*domain.Item, error) {
	if err := checkID(t.ID); err != nil {
		return nil, err
	}
	return a.items.Update(ctx, t.ID, func(it *domain.Item) error {
		if err := visible(ctx, it); err != nil {
			return err
		}
		if _, err := identity.RequireDepartment(ctx, it.DepartmentCode); err != nil {
			return err
		}
		if err := etag.Check(t.Etag, etag.Of(it.Version)); err != nil {
			return err
		}
		return fn(it)
	})
}

func checkID(id string) error {
	if _, err := uuid.Parse(id); err != nil {
		return errs.Invalid("item_id", "NOT_UUID")
	}
	return nil
}

func actor(ctx context.Context) string { return identity.From(ctx).Subject }
