package events

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go/jetstream"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/contractors"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Subjects of the contractor grants (A3.2), carrying
// privacyv1.ContractorGrantChanged on stream PRIVACY.
const (
	SubjectContractorGranted = "seoul.privacy.contractor.granted"
	SubjectContractorRevoked = "seoul.privacy.contractor.revoked"
)

// Bucket is the contractor grants' key-value bucket, created by this
// service (its only writer) on first use.
type Bucket struct {
	js       jetstream.JetStream
	replicas int

	mu sync.Mutex
	kv jetstream.KeyValue
}

// NewBucket returns the bucket over js with replicas (NATS_STREAM_REPLICAS).
func NewBucket(js jetstream.JetStream, replicas int) *Bucket {
	return &Bucket{js: js, replicas: replicas}
}

// get creates or binds the bucket; trouble with NATS is Unavailable, so
// the projection retries it for as long as it lasts.
func (b *Bucket) get(ctx context.Context) (jetstream.KeyValue, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.kv == nil {
		kv, err := contractors.EnsureBucket(ctx, b.js, b.replicas)
		if err != nil {
			return nil, errs.Wrap(errs.KindUnavailable, err, "CONTRACTOR_GRANTS_UNAVAILABLE")
		}
		b.kv = kv
	}
	return b.kv, nil
}

// Ensure creates the bucket at start, waiting for NATS as long as it
// takes, so the other services can watch it before the first grant.
func (b *Bucket) Ensure(ctx context.Context) error {
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 5*time.Second) {
		if _, err := b.get(ctx); err == nil || ctx.Err() != nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
}

// ContractorProjection projects each grant and revocation into the bucket
// every service watches (platform/contractors). Writing a grant's state is
// idempotent and order-proof (contractors.Project), so the consumer's
// transaction only records the event id.
func ContractorProjection(js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger, b *Bucket) *consumer.Runner {
	cfg := consumer.Config{Service: "privacy", Name: "contractor-grants", Stream: "PRIVACY",
		Subjects: []string{SubjectContractorGranted, SubjectContractorRevoked}}
	return consumer.Typed(cfg, js, pool, log, func(ctx context.Context, _ pgx.Tx, m *privacyv1.ContractorGrantChanged) error {
		if m.GetGrantId() == "" || m.GetStartTime() == nil || m.GetEndTime() == nil {
			return errs.E(errs.KindInvalid, "CONTRACTOR_EVENT_INCOMPLETE")
		}
		g := domain.ContractorGrant{ID: m.GetGrantId(), ContractorSubject: m.GetContractorSubject(), Company: m.GetCompany(),
			Service: m.GetService(), Role: m.GetRole(), Department: m.GetDepartmentCode(), BoardID: m.GetBoardId(),
			ValidFrom: m.GetStartTime().AsTime(), ValidUntil: m.GetEndTime().AsTime()}
		if m.GetRevokeTime() != nil {
			at := m.GetRevokeTime().AsTime()
			g.RevokedAt = &at
		}
		return b.Project(ctx, g)
	})
}

// Project writes g's state into the bucket (app.ContractorBucket):
// idempotent and order-proof (contractors.Project); trouble with NATS is
// Unavailable, so callers retry it.
func (b *Bucket) Project(ctx context.Context, g domain.ContractorGrant) error {
	kv, err := b.get(ctx)
	if err != nil {
		return err
	}
	err = contractors.Project(ctx, kv, contractors.Grant{ID: g.ID, Subject: g.ContractorSubject, Company: g.Company,
		Service: g.Service, Role: identity.Role(g.Role), Department: g.Department, Board: g.BoardID,
		ValidFrom: g.ValidFrom, ValidUntil: g.ValidUntil, Revoked: g.RevokedAt != nil})
	if err != nil {
		return errs.Wrap(errs.KindUnavailable, err, "CONTRACTOR_GRANTS_UNAVAILABLE")
	}
	return nil
}
