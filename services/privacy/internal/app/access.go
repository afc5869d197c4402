package app

import (
	"context"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/metrics"
	"github.com/seoul-gov/homepage/platform/ratelimit"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// caller is the caller as the rules see it, from verified sources only:
// the token's claims, the machine client's registration (platform/clients)
// and the service that called, as its mutual-TLS certificate proved
// (recorded for audit; no header a caller could set is believed).
func caller(ctx context.Context) domain.Actor {
	c := identity.From(ctx)
	roles := make([]string, len(c.Roles))
	for i, r := range c.Roles {
		roles[i] = string(r)
	}
	a := domain.Actor{Subject: c.Subject, Roles: roles, Department: c.Department, Client: c.Client,
		CallingService: identity.CallingService(ctx), OnBehalfOf: identity.OnBehalfOf(ctx)}
	if reg, ok := clients.From(ctx); ok {
		a.Scope = &domain.ClientScope{Department: reg.Department, Reveal: reg.Reveal, Lookup: reg.Lookup, Store: reg.Store}
	}
	return a
}

// caseGrants loads the grants a case-bound rule may need: none when the
// purpose is not case-bound or no case is named.
func (a *App) caseGrants(ctx context.Context, purpose, caseRef string) (domain.CaseGrants, error) {
	g := domain.CaseGrants{At: a.now()}
	if caseRef == "" || !domain.CaseBoundPurpose(purpose) {
		return g, nil
	}
	var err error
	g.Grants, err = a.Grants.ForCase(ctx, caseRef, purpose)
	return g, err
}

// storeGrants loads the grants of the case a store by someone other than
// the subject names (the subject needs none).
func (a *App) storeGrants(ctx context.Context, actor domain.Actor, in StoreInput) (domain.CaseGrants, error) {
	g := domain.CaseGrants{At: a.now()}
	if actor.Self(in.SubjectID) || in.CaseReference == "" {
		return g, nil
	}
	var err error
	g.Grants, err = a.Grants.ForCase(ctx, in.CaseReference, domain.PurposeComplaintHandling, domain.PurposePrizeDelivery)
	return g, err
}

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

// revealEntries groups records by subject: one log entry per subject.
func revealEntries(actor domain.Actor, at time.Time, recs []SealedRecord, in RevealInput, o domain.Outcome) []domain.AccessEntry {
	bySubject := map[string][]string{}
	var order []string
	for _, r := range recs {
		if _, ok := bySubject[r.SubjectID]; !ok {
			order = append(order, r.SubjectID)
		}
		bySubject[r.SubjectID] = append(bySubject[r.SubjectID], r.Field)
	}
	out := make([]domain.AccessEntry, len(order))
	for i, s := range order {
		out[i] = domain.NewAccessEntry(actor, at, domain.Access{SubjectID: s, Fields: bySubject[s], Purpose: in.Purpose, CaseReference: in.CaseReference, Outcome: o})
	}
	return out
}

// onBehalf is the reason an access-log entry gives for a delegated store,
// so the citizen sees it was made on their behalf and by whom.
func onBehalf(actor domain.Actor, d domain.Decision) string {
	if actor.OnBehalfOf == "" {
		return ""
	}
	return d.Reason
}
