package client

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go/jetstream"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/errs"
)

// SubjectErased is the privacy service's erasure event (stream PRIVACY):
// every service drops what it keeps about the subject (tokens, masked
// views, cached names), since the data behind them is gone (A10.4).
const SubjectErased = "seoul.privacy.subject.erased"

// Forget drops what the consuming service keeps about an erased subject,
// inside tx: build the store over pg.Joined(tx) and run the service's use
// case, so the effect commits with the event's inbox row.
type Forget func(ctx context.Context, tx pgx.Tx, subjectID string) error

// ErasureConsumer is service's durable consumer of SubjectErased
// ("<service>-privacy-erasure"). Each erasure is forgotten exactly once
// (the event id is recorded in the transaction forget runs in); an event
// without a subject id is poison and goes to the dead letters without
// calling forget.
func ErasureConsumer(service string, js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger, forget Forget) *consumer.Runner {
	cfg := consumer.Config{Service: service, Name: "privacy-erasure", Stream: "PRIVACY", Subjects: []string{SubjectErased}}
	return consumer.Typed(cfg, js, pool, log, func(ctx context.Context, tx pgx.Tx, m *privacyv1.SubjectErased) error {
		if m.GetSubjectId() == "" {
			return errs.Invalid("subject_id", "REQUIRED")
		}
		return forget(ctx, tx, m.GetSubjectId())
	})
}
