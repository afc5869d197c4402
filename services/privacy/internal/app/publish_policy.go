package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// PolicyInput is PublishPolicy's request: title and body by language.
type PolicyInput struct {
	Version       string
	Titles        map[string]string
	Bodies        map[string]string
	EffectiveFrom time.Time
}

// PublishPolicy adds a version (privacy officers, admins) in Korean and
// any of the offered translations (A2). Republishing a version with the
// same content is a no-op; with other content it is AlreadyExists,
// because a published text must never change under the consents given to
// it.
func (a *App) PublishPolicy(ctx context.Context, in PolicyInput) (domain.Policy, error) {
	actor := caller(ctx)
	if !actor.HasAny(domain.RolePrivacyOfficer, domain.RoleAdmin) {
		return domain.Policy{}, refusal(actor, "OFFICER_OR_ADMIN_ONLY")
	}
	// PostgreSQL keeps microseconds; truncating first makes a retried
	// publish compare equal to what was stored.
	p, err := domain.NewPolicy(in.Version, in.Titles, in.Bodies, in.EffectiveFrom.Truncate(time.Microsecond))
	if err != nil {
		return domain.Policy{}, err
	}
	p.PublishedBy = actor.Subject
	return a.Policies.Publish(ctx, p)
}
