package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// Options tune the use cases.
type Options struct {
	// HoldTimeout is how long points stay held waiting for a partner.
	HoldTimeout time.Duration
	// PartnerTimeout bounds one call to a partner; it is shorter than
	// HoldTimeout so the request path usually settles its own holds.
	PartnerTimeout time.Duration
	// JobBatch bounds the work one job run claims.
	JobBatch int
	// Department runs the mileage programme: its officials (and admins)
	// see citizens' accounts, grant, approve and correct.
	Department string
	// ApprovalAbove: a manual grant of more points waits for a second
	// official's approval.
	ApprovalAbove int64
}

// App is the mileage service's use cases.
type App struct {
	store   Store
	privacy PersonalData
	partner Partner
	now     clock.Clock
	opts    Options
	log     *slog.Logger
}

// New wires the use cases.
func New(store Store, privacy PersonalData, partner Partner, now clock.Clock, opts Options, log *slog.Logger) *App {
	if opts.HoldTimeout == 0 {
		opts.HoldTimeout = 2 * time.Minute
	}
	if opts.PartnerTimeout == 0 {
		opts.PartnerTimeout = 10 * time.Second
	}
	if opts.JobBatch == 0 {
		opts.JobBatch = 100
	}
	return &App{store: store, privacy: privacy, partner: partner, now: now, opts: opts, log: log}
}

// Now is the service's clock, shared with the transport for defaults.
func (a *App) Now() time.Time { return a.now().UTC() }

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// isStaff reports whether c may view any account and grant or correct by
// hand: admins and officials of the department running the programme
// (any official used to read any citizen's account).
func (a *App) isStaff(c identity.Claims) bool {
	return c.Has(identity.RoleAdmin) || c.OfficialOf(a.opts.Department)
}

// requireStaff returns the caller's claims when isStaff.
func (a *App) requireStaff(ctx context.Context) (identity.Claims, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil || a.isStaff(c) {
		return c, err
	}
	return c, errs.PermissionDenied("DEPARTMENT_REQUIRED", "department", a.opts.Department)
}

// resolveSubject turns "me" into the caller and checks the caller may see
// subject's account: the citizen, the programme's officials and admins.
func (a *App) resolveSubject(ctx context.Context, subject string) (string, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return "", err
	}
	if subject == "me" || subject == "" {
		return c.Subject, nil
	}
	if !domain.ValidSubject(subject) {
		return "", errs.Invalid("subject_id", "SUBJECT_ID")
	}
	if subject != c.Subject && !a.isStaff(c) {
		return "", errs.PermissionDenied("ACCOUNT_VIEW_DENIED", "department", a.opts.Department)
	}
	return subject, nil
}

// pointsAnnouncement builds the event about a posting on a citizen's account.
func pointsAnnouncement(verb string, p domain.Posting, subject string, points int64, expires time.Time) domain.PointsEvent {
	return domain.PointsEvent{Verb: verb, TransactionID: p.ID, Subject: subject, Points: points,
		Reason: p.Memo, OccurredAt: p.PostedAt, ExpiresAt: expires}
}
