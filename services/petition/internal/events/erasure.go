package events

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go/jetstream"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
)

// SubjectErased is the privacy service's erasure event (stream PRIVACY).
const SubjectErased = "seoul.privacy.subject.erased"

// ErasureConsumer drops the contacts kept for erased subjects (A10.4),
// exactly once per event: the consumer records the event id in the same
// transaction as the effect.
func ErasureConsumer(uc *app.Service, js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger, onTx func(pgx.Tx) app.ErasureStore) *consumer.Runner {
	cfg := consumer.Config{Service: "petition", Name: "privacy-erasure", Stream: "PRIVACY", Subjects: []string{SubjectErased}}
	return consumer.Typed(cfg, js, pool, log, func(ctx context.Context, tx pgx.Tx, m *privacyv1.SubjectErased) error {
		return uc.ForgetSubject(ctx, onTx(tx), m.GetSubjectId()) // refuses an empty subject id
	})
}
