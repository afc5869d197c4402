package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// App is the content service's use cases over their ports.
type App struct {
	departments Departments
	items       Items
	feedback    Feedback
	history     History
	facts       Facts
	views       Views
	cache       ReadCache
	cycles      domain.ReviewCycles
	now         clock.Clock
}

// Ports are what App needs from outside.
type Ports struct {
	Departments Departments
	Items       Items
	Feedback    Feedback
	History     History
	Facts       Facts
	Views       Views
	// ReadCache, if set, answers anonymous reads of published items.
	ReadCache ReadCache
}

// Settings are the service's rules that configuration may change.
type Settings struct {
	// ReviewCycles is how long a published item stays fresh, per kind (A4.1).
	ReviewCycles domain.ReviewCycles
}

// New returns the use cases over p, reading the time from now.
func New(p Ports, s Settings, now clock.Clock) *App {
	return &App{departments: p.Departments, items: p.Items, feedback: p.Feedback,
		history: p.History, facts: p.Facts, views: p.Views, cache: p.ReadCache, cycles: s.ReviewCycles, now: clock.Or(now)}
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

func checkID(id string) error {
	if _, err := uuid.Parse(id); err != nil {
		return errs.Invalid("item_id", "NOT_UUID")
	}
	return nil
}

// ContentInput is an item's content as a request carries it, unvalidated.
type ContentInput struct {
	DepartmentCode string
	Kind           domain.Kind
	Slug           string
	Texts          domain.RawTexts
	Tags           []string
	Attachments    []domain.Attachment
}

func (in ContentInput) validate() (domain.Content, error) {
	return domain.NewContent(in.DepartmentCode, in.Kind, in.Slug, in.Texts, in.Tags, in.Attachments)
}

// knownDepartment reports an unknown department as bad input: items must
// name a department of the directory (A4.2).
func (a *App) knownDepartment(ctx context.Context, code string) (domain.Department, error) {
	d, err := a.departments.Get(ctx, code)
	if errs.Is(err, errs.KindNotFound) {
		return d, errs.Invalid("department_code", "UNKNOWN_DEPARTMENT", "code", code)
	}
	return d, err
}
