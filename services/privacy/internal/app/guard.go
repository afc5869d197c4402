package app

import (
	"context"
	"strings"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/metrics"
	"github.com/seoul-gov/homepage/platform/ratelimit"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Limits bound what one caller can make the vault do in bulk.
type Limits struct {
	// RefusalsPerMinute: once a caller has had this many refusals, its
	// further calls are turned away (ResourceExhausted) until the
	// allowance refills, before any work is done for them.
	RefusalsPerMinute int
	// LookupsPerMinute: subject searches (FindSubject) a caller may make.
	LookupsPerMinute int
}

// guard throttles refusals and lookups per caller, in this replica.
type guard struct {
	refusals *ratelimit.Keyed
	lookups  *ratelimit.Keyed
}

func newGuard(l Limits) guard {
	perMinute := func(n int) *ratelimit.Keyed { return ratelimit.New(float64(n)/60, n) }
	return guard{refusals: perMinute(l.RefusalsPerMinute), lookups: perMinute(l.LookupsPerMinute)}
}

// refusedTotal counts refused calls by operation and kind of caller; the
// refusals themselves are not written to any subject's access log.
var refusedTotal = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "privacy_access_refused_total",
	Help: "Refused privacy-vault calls (not written to the subjects' access logs), by operation and caller.",
}, []string{"operation", "caller"})

func init() { metrics.Registry.MustRegister(refusedTotal) }

// callerKey is the caller's bucket: the person or machine client; all
// anonymous callers share one (the edge limits them per address).
func callerKey(a domain.Actor) string {
	switch {
	case a.Client != "":
		return "client:" + a.Client
	case a.Anonymous():
		return "anonymous"
	}
	return "subject:" + a.Subject
}

// callerKind labels the refusal metric with a bounded set of values.
func callerKind(a domain.Actor) string {
	switch {
	case a.Client != "":
		return "client:" + a.Client
	case a.Anonymous():
		return "anonymous"
	case len(a.Roles) == 0:
		return "no_role"
	}
	return strings.Join(a.Roles, "+")
}

// admit turns away a caller whose refusal allowance is used up.
func (a *App) admit(actor domain.Actor) error {
	if a.guard.refusals.Exhausted(callerKey(actor)) {
		return errs.E(errs.KindResourceExhausted, "TOO_MANY_REFUSED")
	}
	return nil
}

// deny refuses a call: it is counted (metric), charged to the caller's
// refusal allowance and written to the service log, but not to the
// subject's hash-chained access log — a refusal is no access, and logging
// it there would let anyone, even without a token, append rows to any
// citizen's permanent log. The caller gets Unauthenticated when anonymous,
// PermissionDenied otherwise.
func (a *App) deny(ctx context.Context, actor domain.Actor, operation, purpose, caseRef, reason string) error {
	refusedTotal.WithLabelValues(operation, callerKind(actor)).Inc()
	a.guard.refusals.Allow(callerKey(actor))
	a.logger.WarnContext(ctx, "privacy access refused", "operation", operation, "purpose", purpose,
		"case_reference", caseRef, "reason", reason, "actor_roles", actor.Roles, "actor_department", actor.Department,
		"client", actor.Client, "calling_service", actor.CallingService)
	return refusal(actor, "PERSONAL_DATA_ACCESS_DENIED", "why", reason)
}

// refusal is the error for a caller the rules refuse: Unauthenticated for
// the anonymous public (signing in is what they lack), PermissionDenied
// for everyone else.
func refusal(actor domain.Actor, reason string, args ...any) error {
	if actor.Anonymous() {
		return errs.Unauthenticated("SIGN_IN_REQUIRED")
	}
	return errs.PermissionDenied(reason, args...)
}

// signedIn refuses the anonymous public before anything is looked up.
func signedIn(actor domain.Actor) error {
	if actor.Anonymous() {
		return errs.Unauthenticated("SIGN_IN_REQUIRED")
	}
	return nil
}

// allowLookup charges one search to the caller's lookup allowance.
func (a *App) allowLookup(actor domain.Actor) error {
	if ok, _ := a.guard.lookups.Allow(callerKey(actor)); !ok {
		return errs.E(errs.KindResourceExhausted, "TOO_MANY_LOOKUPS")
	}
	return nil
}
