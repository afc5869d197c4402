package app

import (
	"context"
	"slices"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/localized"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// PublishRule adds a version of one action's rule (admins). The previous
// version ends when the new one starts; versions are never edited. The
// description's languages given (A2) replace those of the previous
// version, the others are carried over (stale after a new Korean text).
func (a *App) PublishRule(ctx context.Context, r domain.Rule, description map[string]string) (domain.Rule, error) {
	c, err := identity.RequireAny(ctx, identity.RoleAdmin)
	if err != nil {
		return r, err
	}
	now := a.Now()
	if r.EffectiveFrom.IsZero() {
		r.EffectiveFrom = now
	}
	r.CreatedBy = c.Subject
	version := func(prev *domain.Rule) (domain.Rule, error) {
		var v errs.Violations
		v.Merge(domain.ValidateRule(r, now))
		var prevText *localized.Text
		if prev != nil {
			prevText = &prev.Description
		}
		r.Description = domain.LocalText("description", prevText, description, domain.MaxDescription, &v)
		if err := v.Err(); err != nil {
			return r, err
		}
		r.Version = 1
		if prev != nil {
			if !r.EffectiveFrom.After(prev.EffectiveFrom) {
				return r, errs.Invalid("effective_time", "AFTER_VERSION_START", "version", prev.Version)
			}
			r.Version = prev.Version + 1
		}
		return r, nil
	}
	if !slices.Contains(domain.RuleActions, r.Action) { // a bad action is named, never looked up
		return version(nil)
	}
	stored, err := a.rules.Publish(ctx, r.Action, version)
	if err != nil {
		return r, conflictOnDuplicate(err)
	}
	return stored, nil
}
