package events

import (
	"context"
	"log/slog"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go/jetstream"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
)

// SubjectDeliveryFailed is the mail service's permanent delivery failure.
const SubjectDeliveryFailed = "seoul.mail.delivery.failed"

// DeliveryFailedConsumer writes into a complaint's history that a notice
// about it did not reach the complainant (A9.1), exactly once per event:
// joined builds the use cases over the inbox transaction.
func DeliveryFailedConsumer(js jetstream.JetStream, pool *pgxpool.Pool, log *slog.Logger, joined func(pgx.Tx) *app.App) *consumer.Runner {
	cfg := consumer.Config{Service: "petition", Name: "mail-delivery-failed", Stream: "MAIL", Subjects: []string{SubjectDeliveryFailed}}
	return consumer.Typed(cfg, js, pool, log, func(ctx context.Context, tx pgx.Tx, m *mailv1.DeliveryFailed) error {
		if !strings.HasPrefix(m.GetSourceSubject(), complaintPrefix) {
			return nil // a notice about something else (a post, points …)
		}
		return joined(tx).RecordUndeliveredNotice(ctx, m.GetSourceId(), m.GetRecipientSubject(), m.GetTemplate(), m.GetReason())
	})
}
