package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// PublishPolicy adds a version (privacy officers, admins). Republishing a
// version with the same content is a no-op; with other content it is
// AlreadyExists, because a published text must never change under the
// consents given to it.
func (a *App) PublishPolicy(ctx context.Context, p domain.Policy) (domain.Policy, error) {
	actor := caller(ctx)
	if !actor.HasAny(domain.RolePrivacyOfficer, domain.RoleAdmin) {
		return domain.Policy{}, refusal(actor, "OFFICER_OR_ADMIN_ONLY")
	}
	if err := domain.ValidatePolicy(p); err != nil {
		return domain.Policy{}, err
	}
	p.PublishedBy = actor.Subject
	// PostgreSQL keeps microseconds; truncating first makes a retried
	// publish compare equal to what was stored.
	p.EffectiveFrom = p.EffectiveFrom.Truncate(time.Microsecond)
	return a.Policies.Publish(ctx, p)
}
