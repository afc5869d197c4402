package events

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go/jetstream"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/services/board/internal/app"
)

// SubjectErased is the privacy service's erasure event.
const SubjectErased = "seoul.privacy.subject.erased"

// ErasureConsumer drops cached masked names of erased subjects, exactly
// once per event (the consumer records the event id in the same
// transaction).
func ErasureConsumer(js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger, onTx func(pgx.Tx) app.Repo) *consumer.Runner {
	cfg := consumer.Config{Service: "board", Name: "privacy-erasure", Stream: "PRIVACY", Subjects: []string{SubjectErased}}
	return consumer.Typed(cfg, js, pool, log, func(ctx context.Context, tx pgx.Tx, m *privacyv1.SubjectErased) error {
		return app.ForgetSubject(ctx, onTx(tx), m.GetSubjectId()) // refuses an empty subject id
	})
}
