package app

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// The page sizes of the service's lists (history lines, redemptions, rule
// versions), declared once: page_size 0 is the default, above the maximum
// is served at the maximum (AIP-158), negative is bad input.
const (
	listDefault = 50
	listMax     = 200
)

// App is the mileage service's use cases.
type App struct {
	accounts    Accounts
	awards      Awards
	grants      GrantRequests
	redemptions Redemptions
	rules       Rules
	validities  Validities
	catalog     Catalog
	privacy     PersonalData
	partner     Partner
	log         *slog.Logger
	now         clock.Clock
	opts        Settings
}

// Ports are what the use cases need from outside (ports.go).
type Ports struct {
	Accounts      Accounts
	Awards        Awards
	GrantRequests GrantRequests
	Redemptions   Redemptions
	Rules         Rules
	Validities    Validities
	Catalog       Catalog
	Privacy       PersonalData
	Partner       Partner
	Log           *slog.Logger
}

// Settings are the service's rules that configuration chooses.
type Settings struct {
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

// New returns the use cases over p with settings s and the service's
// clock now (tests pass a fake one).
func New(p Ports, s Settings, now clock.Clock) *App {
	if s.HoldTimeout == 0 {
		s.HoldTimeout = 2 * time.Minute
	}
	if s.PartnerTimeout == 0 {
		s.PartnerTimeout = 10 * time.Second
	}
	if s.JobBatch == 0 {
		s.JobBatch = 100
	}
	if p.Log == nil {
		p.Log = slog.Default()
	}
	return &App{accounts: p.Accounts, awards: p.Awards, grants: p.GrantRequests, redemptions: p.Redemptions,
		rules: p.Rules, validities: p.Validities, catalog: p.Catalog, privacy: p.Privacy, partner: p.Partner,
		log: p.Log, now: clock.Or(now), opts: s}
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

// adjustment is the audit of an official's grant or reversal.
func adjustment(c identity.Claims, kind string, aw domain.Award, points int64, reason string, at time.Time) domain.Adjustment {
	return domain.Adjustment{Kind: kind, AwardID: aw.ID, Subject: aw.Subject, Points: points, Reason: reason,
		Actor: c.Subject, ActorRoles: roleList(c), Department: c.Department, At: at.UTC()}
}

// roleList is the caller's roles, comma-separated, as audits keep them.
func roleList(c identity.Claims) string {
	roles := make([]string, len(c.Roles))
	for i, r := range c.Roles {
		roles[i] = string(r)
	}
	return strings.Join(roles, ",")
}

// maskReason is how an official's reason for a grant or a correction is
// kept: in the audit and in the citizen's history (the ledger memo), with
// personal data masked by the suite's shared detector (A10.1). No work
// needs the original.
func maskReason(reason string) string { return personaldata.Mask(reason).Text }

// conflictOnDuplicate turns a lost race on a version number into Conflict:
// the caller may retry.
func conflictOnDuplicate(err error) error {
	if errs.Is(err, errs.KindAlreadyExists) {
		return errs.Wrap(errs.KindConflict, err, "VERSION_PUBLISHED_CONCURRENTLY")
	}
	return err
}
